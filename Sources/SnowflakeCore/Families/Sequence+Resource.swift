import Foundation
import SnowflakeModels

/// A reference to a sequence, as `snowflake.core` names it.
public typealias SequenceResource = ResourceReference<SequenceModel>
/// The sequences of a schema, as `snowflake.core` names it.
public typealias SequenceCollection = ResourceCollection<SequenceModel>

extension ResourceReference where Family == SchemaModel {
    /// The schema's sequences.
    public var sequences: SequenceCollection { collection(SequenceModel.self) }
}

extension ResourceReference where Family == SequenceModel {
    /// Renames the sequence, optionally moving it to another schema, and returns a reference
    /// to it under its new name.
    ///
    /// ```swift
    /// let renamed = try await sequences["order_ids"].rename(to: "invoice_ids", targetSchema: "billing")
    /// ```
    /// - Parameters:
    ///   - targetName: the new name.
    ///   - targetDatabase: the database to move the sequence to; its database when nil.
    ///   - targetSchema: the schema to move the sequence to; its schema when nil.
    ///   - ifExists: when true, a missing sequence is not an error.
    /// - Remark: HTTP `POST /api/v2/databases/{database}/schemas/{schema}/sequences/{name}:rename?targetName=&targetDatabase=&targetSchema=&ifExists=`
    @discardableResult
    public func rename(
        to targetName: String, targetDatabase: String? = nil, targetSchema: String? = nil, ifExists: Bool? = nil
    ) async throws -> SequenceResource {
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
