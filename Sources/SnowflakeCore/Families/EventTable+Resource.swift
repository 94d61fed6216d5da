import Foundation
import SnowflakeModels

/// A reference to an event table, as `snowflake.core` names it.
public typealias EventTableResource = ResourceReference<EventTableModel>
/// The event tables of a schema, as `snowflake.core` names it.
public typealias EventTableCollection = ResourceCollection<EventTableModel>

extension ResourceReference where Family == SchemaModel {
    /// The schema's event tables.
    public var eventTables: EventTableCollection { collection(EventTableModel.self) }
}

extension ResourceCollection where Family == EventTableModel {
    /// Creates an event table and returns a reference to it. Its columns are the ones
    /// Snowflake defines for every event table.
    /// - Parameters:
    ///   - mode: what to do when an object of that name exists.
    ///   - copyGrants: with `.orReplace`, keep the grants of the table replaced.
    /// - Remark: HTTP `POST /api/v2/databases/{database}/schemas/{schema}/event-tables?createMode=&copyGrants=`
    @discardableResult
    public func create(_ model: EventTableModel, mode: CreateMode = .errorIfExists, copyGrants: Bool) async throws -> EventTableResource {
        try await sendCreate(path, body: model, mode: mode, copyGrants: copyGrants)
        return self[model.name]
    }
}

extension ResourceReference where Family == EventTableModel {
    /// Renames the event table and returns a reference to it under its new name. Tags set on
    /// it stay.
    ///
    /// ```swift
    /// let renamed = try await schema.eventTables["events"].rename(to: "app_events")
    /// ```
    /// - Parameters:
    ///   - targetName: the new name.
    ///   - ifExists: when true, a missing event table is not an error.
    /// - Remark: HTTP `POST /api/v2/databases/{database}/schemas/{schema}/event-tables/{name}:rename?targetName=&ifExists=`
    @discardableResult
    public func rename(to targetName: String, ifExists: Bool? = nil) async throws -> EventTableResource {
        try Family.checkPathSegments([targetName])
        var query = [URLQueryItem(name: "targetName", value: targetName)]
        if let ifExists { query.append(URLQueryItem(name: "ifExists", value: String(ifExists))) }
        try await perform("rename", query: query)
        return ResourceReference(client: client, container: container, name: targetName)
    }
}
