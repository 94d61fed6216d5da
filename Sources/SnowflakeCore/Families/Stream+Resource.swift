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
        try Family.checkPathSegments([container.database, container.schema])
        _ = try await client.send(
            "POST", Family.collectionPath(in: container),
            query: [URLQueryItem(name: "createMode", value: mode.rawValue), URLQueryItem(name: "copyGrants", value: String(copyGrants))],
            body: try client.encodeBody(model), idempotent: mode != .errorIfExists)
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
        let target = ContainerPath(database: targetDatabase ?? container.database, schema: targetSchema ?? container.schema)
        try Family.checkPathSegments([target.database, target.schema, name])
        var query = [
            URLQueryItem(name: "createMode", value: mode.rawValue), URLQueryItem(name: "targetDatabase", value: target.database),
            URLQueryItem(name: "targetSchema", value: target.schema),
        ]
        if let copyGrants { query.append(URLQueryItem(name: "copyGrants", value: String(copyGrants))) }
        let body = try client.encodeBody(StreamClone(name: name, comment: comment))
        try await perform("clone", query: query, body: body, idempotent: mode != .errorIfExists)
        return ResourceReference(client: client, container: target, name: name)
    }
}
