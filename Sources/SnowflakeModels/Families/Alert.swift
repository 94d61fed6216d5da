import Foundation

// MARK: Model

/// An alert: a condition Snowflake checks on a schedule, and the action it runs when the
/// condition returns rows (`Alert` in the REST API v2 and in `snowflake.core`).
///
/// ```swift
/// let alert = AlertModel(name: "low_stock", schedule: .minutes(5), warehouse: "ops_wh",
///                        condition: "select 1 from stock where qty < 10",
///                        action: "call notify('stock is low')")
/// try await schema.alerts.create(alert)
/// ```
public struct AlertModel: Codable, Hashable, Sendable {
    /// The alert's name.
    public var name: String
    /// When the condition is checked.
    public var schedule: AlertSchedule
    /// The SQL whose rows trigger the alert (`IF (EXISTS (...))`).
    public var condition: String
    /// The SQL run when the alert triggers.
    public var action: String
    /// The warehouse the alert runs on; nil for a serverless alert.
    public var warehouse: String?
    /// A comment.
    public var comment: String?

    /// When the alert was created.
    @ReadOnly public var createdOn: Date?
    /// The containing database.
    @ReadOnly public var databaseName: String?
    /// The containing schema.
    @ReadOnly public var schemaName: String?
    /// The role that owns it.
    @ReadOnly public var owner: String?
    /// The kind of the owner.
    @ReadOnly public var ownerRoleType: String?
    /// `started` or `suspended` (new and cloned alerts are suspended).
    @ReadOnly public var state: String?

    /// An alert definition.
    public init(
        name: String, schedule: AlertSchedule, warehouse: String? = nil, condition: String, action: String, comment: String? = nil
    ) {
        self.name = name
        self.schedule = schedule
        self.warehouse = warehouse
        self.condition = condition
        self.action = action
        self.comment = comment
    }

    private enum CodingKeys: String, CodingKey {
        case name, schedule, condition, action, warehouse, comment
        case createdOn = "created_on"
        case databaseName = "database_name"
        case schemaName = "schema_name"
        case owner
        case ownerRoleType = "owner_role_type"
        case state
    }
}

// MARK: Nested types

/// When an alert's condition is checked: every few minutes, or by a cron expression.
///
/// On the wire an interval is `{"minutes": 5, "schedule_type": "SCHEDULE_TYPE"}` (alerts use
/// `SCHEDULE_TYPE` where tasks use `MINUTES_TYPE`, and have no seconds); a cron schedule is a
/// ``CronSchedule``.
public enum AlertSchedule: Hashable, Sendable {
    /// Every `minutes` minutes.
    case minutes(Int)
    /// A cron expression evaluated in a time zone.
    case cron(CronSchedule)

    /// The wire discriminator of an interval.
    public static let minutesScheduleType = "SCHEDULE_TYPE"

    /// A cron expression (`0 * * * *`) in a time zone (`UTC`, `America/Los_Angeles`).
    public static func cron(_ expression: String, timeZone: String) -> AlertSchedule {
        .cron(CronSchedule(cronExpr: expression, timezone: timeZone))
    }
}

extension AlertSchedule: Codable {
    private enum CodingKeys: String, CodingKey {
        case scheduleType = "schedule_type"
        case minutes
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .scheduleType)
        switch type {
        // MINUTES_TYPE is the tasks' spelling; an alert accepts it too.
        case Self.minutesScheduleType, MinutesSchedule.scheduleType: self = .minutes(try container.decode(Int.self, forKey: .minutes))
        case CronSchedule.scheduleType: self = .cron(try CronSchedule(from: decoder))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .scheduleType, in: container,
                debugDescription: "unknown schedule_type '\(type)' (expected SCHEDULE_TYPE or CRON_TYPE)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .minutes(let minutes):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(minutes, forKey: .minutes)
            try container.encode(Self.minutesScheduleType, forKey: .scheduleType)
        case .cron(let schedule):
            try schedule.encode(to: encoder)
        }
    }
}

/// The body of an alert clone (`AlertClone`): the copy's name and the moment to copy from.
public struct AlertClone: Codable, Hashable, Sendable {
    /// The copy's name.
    public var name: String
    /// The moment to copy the alert's definition from; now when nil.
    public var pointOfTime: PointOfTime?

    /// A clone request.
    public init(name: String, pointOfTime: PointOfTime? = nil) {
        self.name = name
        self.pointOfTime = pointOfTime
    }

    private enum CodingKeys: String, CodingKey {
        case name
        case pointOfTime = "point_of_time"
    }
}

// MARK: Descriptor

extension AlertModel: SchemaObject, Cloneable, Executable, Taggable, ReportsOwnerRoleType, ReportsSchemaName {
    /// The family's descriptor.
    public static let descriptor = ResourceDescriptor(
        family: "alert", objectKind: "Alert", collectionPath: "alerts", listFilters: .show,
        columns: ["name", "state", "schedule", "warehouse", "condition", "action", "owner"])
}
