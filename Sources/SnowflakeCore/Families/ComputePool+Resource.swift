import Foundation
import SnowflakeModels

/// A reference to a compute pool, as `snowflake.core` names it.
public typealias ComputePoolResource = ResourceReference<ComputePoolModel>
/// The compute pools of the account, as `snowflake.core` names it.
public typealias ComputePoolCollection = ResourceCollection<ComputePoolModel>

extension Root {
    /// The account's compute pools.
    public var computePools: ComputePoolCollection { collection(ComputePoolModel.self) }
}

extension ResourceCollection where Family == ComputePoolModel {
    /// Creates a compute pool, running or suspended, and returns a reference to it.
    ///
    /// ```swift
    /// try await root.computePools.create(pool, initiallySuspended: true)
    /// ```
    /// - Parameters:
    ///   - mode: what to do when a pool of that name exists.
    ///   - initiallySuspended: create the pool suspended instead of starting its nodes.
    /// - Remark: HTTP `POST /api/v2/compute-pools?createMode=&initiallySuspended=`
    @discardableResult
    public func create(_ model: ComputePoolModel, mode: CreateMode = .errorIfExists, initiallySuspended: Bool) async throws -> ComputePoolResource {
        try await sendCreate(path, body: model, mode: mode, extra: [URLQueryItem(name: "initiallySuspended", value: String(initiallySuspended))])
        return self[model.name]
    }

    /// The machine types a compute pool can have, with their vCPUs, memory, storage and GPUs.
    /// - Remark: HTTP `GET /api/v2/compute-pools/instance-families`
    public func instanceFamilies() async throws -> [ComputePoolInstanceFamily] {
        try await client.send("GET", path.appending("instance-families"), as: [ComputePoolInstanceFamily].self)
    }
}

extension ResourceReference where Family == ComputePoolModel {
    /// Stops every service and job running on the pool.
    /// - Remark: HTTP `POST /api/v2/compute-pools/{name}:stop-all-services`
    public func stopAllServices() async throws {
        try await perform("stop-all-services", idempotent: true)
    }
}
