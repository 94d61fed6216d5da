import Foundation
import SnowflakeModels

/// A reference to a stream, as `snowflake.core` names it.
public typealias StreamResource = ResourceReference<StreamModel>
/// The streams of a schema, as `snowflake.core` names it.
public typealias StreamCollection = ResourceCollection<StreamModel>

extension ResourceReference where Family == SchemaModel {
    /// The schema's streams.
    public var streams: StreamCollection { collection(StreamModel.self) }
}

extension ResourceCollection where Family == StreamModel {
    /// Creates a stream and returns a reference to it.
    ///
    /// - Parameters:
    ///   - mode: what to do when a stream of that name exists.
    ///   - copyGrants: with ``CreateMode/orReplace``, keep the replaced stream's grants.
    /// - Remark: HTTP `POST /api/v2/databases/{database}/schemas/{schema}/streams?createMode=&copyGrants=`
    @discardableResult
    public func create(_ model: StreamModel, mode: CreateMode = .errorIfExists, copyGrants: Bool) async throws -> StreamResource {
        try await sendCreate(path, body: model, mode: mode, copyGrants: copyGrants)
        return self[model.name]
    }
}

extension ResourceReference where Family == StreamModel {
    /// Creates a copy of this stream, tracking the same object from the same offset, and
    /// returns a reference to the copy.
    ///
    /// ```swift
    /// let copy = try await streams["orders_changes"].clone(as: "orders_changes_audit", targetSchema: "audit")
    /// ```
    /// - Parameters:
    ///   - name: the copy's name.
    ///   - comment: the copy's comment; the source's when nil.
    ///   - mode: what to do when a stream with the copy's name exists.
    ///   - targetDatabase: the database of the copy; this stream's when nil.
    ///   - targetSchema: the schema of the copy; this stream's when nil.
    ///   - copyGrants: with ``CreateMode/orReplace``, keep the replaced stream's grants.
    /// - Remark: HTTP `POST /api/v2/databases/{database}/schemas/{schema}/streams/{name}:clone?createMode=&targetDatabase=&targetSchema=&copyGrants=` with a `StreamClone` body
    @discardableResult
    public func clone(
        as name: String, comment: String? = nil, mode: CreateMode = .errorIfExists,
        targetDatabase: String? = nil, targetSchema: String? = nil, copyGrants: Bool? = nil
    ) async throws -> StreamResource {
        try Family.checkPathSegments([name])
        return try await sendClone(
            named: name, body: StreamClone(name: name, comment: comment), mode: mode, copyGrants: copyGrants,
            targetDatabase: targetDatabase, targetSchema: targetSchema)
    }
}
