import Foundation
import SnowflakeModels

/// A reference to an alert, as `snowflake.core` names it.
public typealias AlertResource = ResourceReference<AlertModel>
/// The alerts of a schema, as `snowflake.core` names it.
public typealias AlertCollection = ResourceCollection<AlertModel>

extension ResourceReference where Family == SchemaModel {
    /// The schema's alerts.
    public var alerts: AlertCollection { collection(AlertModel.self) }
}

extension ResourceReference where Family == AlertModel {
    /// Runs the alert once now, whatever its schedule and state (`EXECUTE ALERT`).
    /// - Remark: HTTP `POST /api/v2/databases/{database}/schemas/{schema}/alerts/{name}:execute`
    public func execute() async throws {
        try await perform("execute")
    }

    /// Creates a copy of this alert (its schedule, warehouse, condition and action), optionally
    /// as it was at a point in time, and returns a reference to the copy. The copy is suspended.
    ///
    /// ```swift
    /// let copy = try await alerts["low_stock"].clone(as: "low_stock_eu", targetSchema: "eu")
    /// ```
    /// - Parameters:
    ///   - name: the copy's name.
    ///   - pointOfTime: the moment to copy from; now when nil.
    ///   - mode: what to do when an alert with the copy's name exists.
    ///   - targetDatabase: the database of the copy; this alert's when nil.
    ///   - targetSchema: the schema of the copy; this alert's when nil.
    /// - Remark: HTTP `POST /api/v2/databases/{database}/schemas/{schema}/alerts/{name}:clone?createMode=&targetDatabase=&targetSchema=` with an `AlertClone` body
    @discardableResult
    public func clone(
        as name: String, at pointOfTime: PointOfTime? = nil, mode: CreateMode = .errorIfExists,
        targetDatabase: String? = nil, targetSchema: String? = nil
    ) async throws -> AlertResource {
        try Family.checkPathSegments([name])
        return try await sendClone(
            named: name, body: AlertClone(name: name, pointOfTime: pointOfTime), mode: mode, targetDatabase: targetDatabase,
            targetSchema: targetSchema)
    }
}
