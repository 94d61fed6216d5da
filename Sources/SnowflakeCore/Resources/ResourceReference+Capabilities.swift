import Foundation
import SnowflakeModels

extension ResourceReference where Family: SupportsCreateOrAlter {
    /// Creates the object, or alters it to match `model` exactly: properties left nil are
    /// unset. The model's name must name this object.
    /// - Remark: HTTP `PUT /api/v2/.../{name}`
    public func createOrAlter(_ model: Family) async throws {
        try checkPath()
        _ = try await client.send("PUT", path, body: try client.encodeBody(model))
    }
}

extension ResourceReference where Family: MovableByRename {
    /// Renames the object, optionally moving it to another schema, and returns a reference to
    /// it under its new name (tags set on it, and its tags' assignments, stay with it).
    ///
    /// ```swift
    /// let renamed = try await schema.sequences["order_ids"].rename(to: "invoice_ids", targetSchema: "billing")
    /// ```
    /// - Parameters:
    ///   - targetName: the new name.
    ///   - targetDatabase: the database to move the object to; its own when nil.
    ///   - targetSchema: the schema to move the object to; its own when nil.
    ///   - ifExists: when true, a missing object is not an error.
    /// - Remark: HTTP `POST /api/v2/.../{name}:rename?targetName=&targetDatabase=&targetSchema=&ifExists=`
    @discardableResult
    public func rename(
        to targetName: String, targetDatabase: String? = nil, targetSchema: String? = nil, ifExists: Bool? = nil
    ) async throws -> ResourceReference<Family> {
        try Family.checkPathSegments([targetName, targetDatabase, targetSchema])
        var query = [URLQueryItem(name: "targetName", value: targetName)]
        if let targetDatabase { query.append(URLQueryItem(name: "targetDatabase", value: targetDatabase)) }
        if let targetSchema { query.append(URLQueryItem(name: "targetSchema", value: targetSchema)) }
        if let ifExists { query.append(URLQueryItem(name: "ifExists", value: String(ifExists))) }
        try await perform("rename", query: query)
        let target = ContainerPath(database: targetDatabase ?? container.database, schema: targetSchema ?? container.schema)
        return ResourceReference(client: client, container: target, name: targetName)
    }
}

extension ResourceReference where Family: Undroppable {
    /// Restores the most recently dropped object of this name, within its retention time.
    /// - Remark: HTTP `POST /api/v2/.../{name}:undrop`
    public func undrop() async throws {
        try await perform("undrop")
    }
}

extension ResourceReference where Family: Resumable {
    /// Resumes the object.
    /// - Parameter ifExists: when true, a missing object is not an error.
    /// - Remark: HTTP `POST /api/v2/.../{name}:resume`
    public func resume(ifExists: Bool? = nil) async throws {
        try await perform("resume", query: ifExists.map { [URLQueryItem(name: "ifExists", value: String($0))] } ?? [], idempotent: true)
    }

    /// Suspends the object.
    /// - Parameter ifExists: when true, a missing object is not an error.
    /// - Remark: HTTP `POST /api/v2/.../{name}:suspend`
    public func suspend(ifExists: Bool? = nil) async throws {
        try await perform("suspend", query: ifExists.map { [URLQueryItem(name: "ifExists", value: String($0))] } ?? [], idempotent: true)
    }
}

extension ResourceReference where Family: Cloneable {
    /// Creates a copy of this object, optionally as it was at a point in time, and returns a
    /// reference to the copy. A database or schema copy includes the objects inside.
    ///
    /// ```swift
    /// let copy = try await root.databases["prod"].clone(as: DatabaseModel(name: "prod_copy"),
    ///                                                   at: .offset(seconds: -3600))
    /// ```
    /// - Parameters:
    ///   - model: the copy's definition; its name is the copy's name.
    ///   - pointOfTime: the moment to copy from; now when nil.
    ///   - mode: what to do when an object with the copy's name exists.
    ///   - targetDatabase: the database of the copy (database- and schema-level families);
    ///     this object's database when nil.
    ///   - targetSchema: the schema of the copy (schema-level families); this object's schema
    ///     when nil.
    /// - Remark: HTTP `POST /api/v2/.../{name}:clone?createMode=&targetDatabase=&targetSchema=`
    @discardableResult
    public func clone(
        as model: Family, at pointOfTime: PointOfTime? = nil, mode: CreateMode = .errorIfExists,
        targetDatabase: String? = nil, targetSchema: String? = nil
    ) async throws -> ResourceReference<Family> {
        try await sendClone(
            named: model.name, body: CloneRequest(model: model, pointOfTime: pointOfTime), mode: mode, targetDatabase: targetDatabase,
            targetSchema: targetSchema)
    }
}

extension ResourceReference {
    /// Sends `:clone` with `body` and returns a reference to the copy, `name`, in the target
    /// container: `targetDatabase` and `targetSchema` (as the family's scope has them), this
    /// object's by default. The query is `createMode`, `copyGrants` when given, then the targets.
    func sendClone(
        named name: String, body: some Encodable, mode: CreateMode, copyGrants: Bool? = nil, targetDatabase: String?,
        targetSchema: String?
    ) async throws -> ResourceReference<Family> {
        var query = CreateMode.query(mode, copyGrants: copyGrants)
        var target = container
        if Family.scope != .account {
            target.database = targetDatabase ?? container.database
            query.append(URLQueryItem(name: "targetDatabase", value: target.database))
        }
        if Family.scope == .schema {
            target.schema = targetSchema ?? container.schema
            query.append(URLQueryItem(name: "targetSchema", value: target.schema))
        }
        try Family.checkPathSegments([target.database, target.schema])
        try await perform("clone", query: query, body: try client.encodeBody(body), idempotent: mode != .errorIfExists)
        return ResourceReference(client: client, container: target, name: name)
    }
}

/// A clone body: the new object's fields plus `point_of_time`.
struct CloneRequest<Family: ResourceFamily>: Encodable {
    let model: Family
    let pointOfTime: PointOfTime?

    private enum CodingKeys: String, CodingKey {
        case pointOfTime = "point_of_time"
    }

    func encode(to encoder: any Encoder) throws {
        try model.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(pointOfTime, forKey: .pointOfTime)
    }
}
