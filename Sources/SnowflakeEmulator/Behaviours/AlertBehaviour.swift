import Foundation
import SnowflakeModels

/// Alerts: the warehouse must exist; the schedule is 1 to 11,520 minutes or a valid cron
/// expression; condition and action are SQL text; new and cloned alerts are suspended (the
/// REST API has no resume or suspend for alerts: `ALTER ALERT ... RESUME` is SQL). `:execute`
/// records a run (``RunningEmulator/alertRuns(database:schema:alert:)``); the condition is not
/// evaluated, as the emulator does not run SQL.
struct AlertBehaviour: FamilyBehaviour {
    typealias Family = AlertModel

    /// The longest interval Snowflake allows, in minutes (8 days).
    static let longestInterval = 11_520
    /// The most runs kept per alert.
    static let keptRuns = 1_000

    func prepare(_ model: inout AlertModel, serverState: inout [String: JSONValue], existing: StoredObject<AlertModel>?, context: StoreContext) throws {
        switch model.schedule {
        case .minutes(let minutes):
            guard (1...Self.longestInterval).contains(minutes) else {
                throw EmulatorError.badRequest("An alert's schedule must be between 1 and \(Self.longestInterval) minutes, not \(minutes).")
            }
        case .cron(let cron):
            do { _ = try CronExpression(cron.cronExpr, timeZone: cron.timezone) } catch { throw EmulatorError.badRequest(error.message) }
        }
        for (field, text) in [("condition", model.condition), ("action", model.action)]
        where text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw EmulatorError.badRequest("An alert's \(field) is a SQL statement; it cannot be empty.")
        }
        if let warehouse = model.warehouse {
            model.warehouse = try WarehouseBehaviour.existing(warehouse, context: context)
        }
        model.state = "suspended"
    }


    // MARK: Clones

    var hasOwnCloneBody: Bool { true }

    /// An `AlertClone` (`name`, `point_of_time`): the copy has the source's definition.
    func cloneDefinition(_ body: [String: JSONValue], source: StoredObject<AlertModel>, context: StoreContext) throws -> AlertModel {
        source.model
    }

    /// A copy starts suspended; its warehouse must still exist.
    func prepareClone(_ model: inout AlertModel, source: StoredObject<AlertModel>, context: StoreContext) throws {
        var serverState: [String: JSONValue] = [:]
        try prepare(&model, serverState: &serverState, existing: nil, context: context)
    }

    // MARK: Execute

    func perform(_ verb: String, on object: StoredObject<AlertModel>, context: StoreContext) throws -> APIResponse? {
        guard verb == "execute" else { return nil }
        var alert = object
        var runs = alert.serverState["runs"].flatMap { value -> [JSONValue]? in
            if case .array(let values) = value { return values }
            return nil
        } ?? []
        runs.append(.object(["scheduled_time": .string(WireCoding.formatTimestamp(context.now))]))
        alert.serverState["runs"] = .array(Array(runs.suffix(Self.keptRuns)))
        try alert.save(in: context.db)
        return .success(
            "Alert \(Identifier.displayName(forCanonical: object.canonicalName)) run recorded; its condition is not evaluated, as the emulator does not run SQL.")
    }
}

/// One run of an alert requested with `:execute`.
public struct AlertRun: Sendable, Hashable {
    /// When the run was asked for.
    public var scheduledTime: Date
    /// `SCHEDULED`, as Snowflake's `ALERT_HISTORY` shows a run that has not started: the
    /// emulator does not evaluate conditions, so a run never goes further.
    public var state: String
}

extension RunningEmulator {
    /// The runs of an alert, oldest first (at most the last 1,000), as `:execute` recorded them.
    public func alertRuns(database: String, schema: String, alert: String) async throws -> [AlertRun] {
        let key = ObjectKey(
            family: AlertModel.descriptor.family, database: try Identifier.resolve(database), schema: try Identifier.resolve(schema),
            name: try Identifier.resolve(alert))
        let record = try await services.store.read { db in try db.liveObject(key) }
        guard let record, case .array(let runs)? = try StoredObject<AlertModel>(record: record).serverState["runs"] else { return [] }
        return runs.compactMap { run in
            guard case .object(let fields) = run, case .string(let text)? = fields["scheduled_time"],
                let time = PipeBehaviour.parseTimestamp(text)
            else { return nil }
            return AlertRun(scheduledTime: time, state: "SCHEDULED")
        }
    }
}
