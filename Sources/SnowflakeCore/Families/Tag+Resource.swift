import Foundation
import SnowflakeModels

/// A reference to a tag, as `snowflake.core` names it.
public typealias TagResource = ResourceReference<TagModel>
/// The tags of a schema, as `snowflake.core` names it.
public typealias TagCollection = ResourceCollection<TagModel>

extension ResourceReference where Family == SchemaModel {
    /// The schema's tags.
    public var tags: TagCollection { collection(TagModel.self) }
}

extension ResourceReference where Family == TagModel {
    /// Renames the tag, optionally moving it to another schema, and returns a reference to it
    /// under its new name. Objects the tag is set on keep it.
    ///
    /// ```swift
    /// let renamed = try await tags["cost_center"].rename(to: "cost_centre", targetSchema: "archive")
    /// ```
    /// - Parameters:
    ///   - targetName: the new name.
    ///   - targetDatabase: the database to move the tag to; its database when nil.
    ///   - targetSchema: the schema to move the tag to; its schema when nil.
    ///   - ifExists: when true, a missing tag is not an error.
    /// - Remark: HTTP `POST /api/v2/databases/{database}/schemas/{schema}/tags/{name}:rename?targetName=&targetDatabase=&targetSchema=&ifExists=`
    @discardableResult
    public func rename(
        to targetName: String, targetDatabase: String? = nil, targetSchema: String? = nil, ifExists: Bool? = nil
    ) async throws -> TagResource {
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
