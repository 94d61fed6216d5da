import Foundation

// MARK: Model

/// A virtual warehouse: the compute that runs queries (`Warehouse` in the REST API v2 and in
/// `snowflake.core`).
///
/// Requests name sizes as `XSMALL`, `SMALL`, ..., `X6LARGE`; answers spell them as SHOW
/// WAREHOUSES does (`X-Small`, `Small`, ..., `6X-Large`). The yes/no properties are the
/// strings `"true"` and `"false"` on the wire (``WarehouseFlag``).
///
/// ```swift
/// try await root.warehouses.create(WarehouseModel(name: "etl_wh", warehouseSize: "SMALL", autoSuspend: 60))
/// ```
public struct WarehouseModel: Codable, Hashable, Sendable {
    /// The warehouse's name.
    public var name: String
    /// `STANDARD` (default) or `SNOWPARK-OPTIMIZED`.
    public var warehouseType: String?
    /// `XSMALL` (default), `SMALL`, `MEDIUM`, `LARGE`, `XLARGE`, `XXLARGE`, `XXXLARGE`,
    /// `X4LARGE`, `X5LARGE` or `X6LARGE`; answers use SHOW's spelling (`X-Small`, ...).
    public var warehouseSize: String?
    /// Whether a resize waits until the new compute is provisioned (alter only).
    public var waitForCompletion: WarehouseFlag?
    /// The most clusters of a multi-cluster warehouse.
    public var maxClusterCount: Int?
    /// The fewest clusters of a multi-cluster warehouse.
    public var minClusterCount: Int?
    /// `STANDARD` (default) or `ECONOMY`: how clusters are added.
    public var scalingPolicy: String?
    /// Seconds without activity before the warehouse suspends itself (default 600); 0 never
    /// suspends it.
    public var autoSuspend: Int?
    /// Whether a statement sent to the suspended warehouse resumes it (`"true"` by default).
    public var autoResume: WarehouseFlag?
    /// Whether the warehouse is created suspended (create only).
    public var initiallySuspended: WarehouseFlag?
    /// The resource monitor assigned to the warehouse.
    public var resourceMonitor: String?
    /// A comment.
    public var comment: String?
    /// Whether the query acceleration service is on.
    public var enableQueryAcceleration: WarehouseFlag?
    /// The largest scale factor query acceleration may lease (0 to 100, default 8).
    public var queryAccelerationMaxScaleFactor: Int?
    /// Concurrency level of a cluster (default 8).
    public var maxConcurrencyLevel: Int?
    /// Seconds a statement may wait in the queue before it is cancelled (default 0: no limit).
    public var statementQueuedTimeoutInSeconds: Int?
    /// Seconds a statement may run before it is cancelled (default 172800).
    public var statementTimeoutInSeconds: Int?
    /// Deprecated spelling of ``warehouseType``.
    public var type: String?
    /// Deprecated spelling of ``warehouseSize`` (`X-Small`, `Small`, ...).
    public var size: String?
    /// Credit limit of the warehouse (reserved by Snowflake for future use).
    public var warehouseCreditLimit: Int?
    /// Target statement size (reserved by Snowflake for future use).
    public var targetStatementSize: String?
    /// Query throughput multiplier; in `snowflake.core` 1.14.0, not in the official spec.
    public var queryThroughputMultiplier: Int?
    /// Highest query performance level; in `snowflake.core` 1.14.0, not in the official spec.
    public var maxQueryPerformanceLevel: String?

    /// `STARTED`, `SUSPENDED`, `RESIZING`, ...
    @ReadOnly public var state: WarehouseState?
    /// Clusters running now.
    @ReadOnly public var startedClusters: Int?
    /// Statements running.
    @ReadOnly public var running: Int?
    /// Statements queued.
    @ReadOnly public var queued: Int?
    /// Whether it is the current user's default warehouse.
    @ReadOnly public var isDefault: Bool?
    /// Whether it is the session's current warehouse.
    @ReadOnly public var isCurrent: Bool?
    /// Percentage of the compute that is provisioned and available.
    @ReadOnly public var available: String?
    /// Percentage of the compute being provisioned.
    @ReadOnly public var provisioning: String?
    /// Percentage of the compute finishing statements before it shuts down.
    @ReadOnly public var quiescing: String?
    /// Percentage of the compute in another state.
    @ReadOnly public var other: String?
    /// When the warehouse was created.
    @ReadOnly public var createdOn: Date?
    /// When the warehouse was last started.
    @ReadOnly public var resumedOn: Date?
    /// When its properties or state last changed.
    @ReadOnly public var updatedOn: Date?
    /// The role that owns it.
    @ReadOnly public var owner: String?
    /// The budget it is attached to.
    @ReadOnly public var budget: String?
    /// Deprecated.
    @ReadOnly public var kind: String?
    /// The kind of the owner.
    @ReadOnly public var ownerRoleType: String?

    /// A warehouse definition.
    public init(
        name: String, warehouseType: String? = nil, warehouseSize: String? = nil, waitForCompletion: WarehouseFlag? = nil,
        maxClusterCount: Int? = nil, minClusterCount: Int? = nil, scalingPolicy: String? = nil, autoSuspend: Int? = nil,
        autoResume: WarehouseFlag? = nil, initiallySuspended: WarehouseFlag? = nil, resourceMonitor: String? = nil,
        comment: String? = nil, enableQueryAcceleration: WarehouseFlag? = nil, queryAccelerationMaxScaleFactor: Int? = nil,
        maxConcurrencyLevel: Int? = nil, statementQueuedTimeoutInSeconds: Int? = nil, statementTimeoutInSeconds: Int? = nil,
        type: String? = nil, size: String? = nil, warehouseCreditLimit: Int? = nil, targetStatementSize: String? = nil,
        queryThroughputMultiplier: Int? = nil, maxQueryPerformanceLevel: String? = nil
    ) {
        self.name = name
        self.warehouseType = warehouseType
        self.warehouseSize = warehouseSize
        self.waitForCompletion = waitForCompletion
        self.maxClusterCount = maxClusterCount
        self.minClusterCount = minClusterCount
        self.scalingPolicy = scalingPolicy
        self.autoSuspend = autoSuspend
        self.autoResume = autoResume
        self.initiallySuspended = initiallySuspended
        self.resourceMonitor = resourceMonitor
        self.comment = comment
        self.enableQueryAcceleration = enableQueryAcceleration
        self.queryAccelerationMaxScaleFactor = queryAccelerationMaxScaleFactor
        self.maxConcurrencyLevel = maxConcurrencyLevel
        self.statementQueuedTimeoutInSeconds = statementQueuedTimeoutInSeconds
        self.statementTimeoutInSeconds = statementTimeoutInSeconds
        self.type = type
        self.size = size
        self.warehouseCreditLimit = warehouseCreditLimit
        self.targetStatementSize = targetStatementSize
        self.queryThroughputMultiplier = queryThroughputMultiplier
        self.maxQueryPerformanceLevel = maxQueryPerformanceLevel
    }

    private enum CodingKeys: String, CodingKey {
        case name
        case warehouseType = "warehouse_type"
        case warehouseSize = "warehouse_size"
        case waitForCompletion = "wait_for_completion"
        case maxClusterCount = "max_cluster_count"
        case minClusterCount = "min_cluster_count"
        case scalingPolicy = "scaling_policy"
        case autoSuspend = "auto_suspend"
        case autoResume = "auto_resume"
        case initiallySuspended = "initially_suspended"
        case resourceMonitor = "resource_monitor"
        case comment
        case enableQueryAcceleration = "enable_query_acceleration"
        case queryAccelerationMaxScaleFactor = "query_acceleration_max_scale_factor"
        case maxConcurrencyLevel = "max_concurrency_level"
        case statementQueuedTimeoutInSeconds = "statement_queued_timeout_in_seconds"
        case statementTimeoutInSeconds = "statement_timeout_in_seconds"
        case type, size, state
        case startedClusters = "started_clusters"
        case running, queued
        case isDefault = "is_default"
        case isCurrent = "is_current"
        case available, provisioning, quiescing, other
        case createdOn = "created_on"
        case resumedOn = "resumed_on"
        case updatedOn = "updated_on"
        case owner, budget, kind
        case ownerRoleType = "owner_role_type"
        case warehouseCreditLimit = "warehouse_credit_limit"
        case targetStatementSize = "target_statement_size"
        case queryThroughputMultiplier = "query_throughput_multiplier"
        case maxQueryPerformanceLevel = "max_query_performance_level"
    }
}

// MARK: Nested types

/// A warehouse's yes/no property, which the warehouse API carries as the string `"true"` or
/// `"false"`. Write it as a Boolean literal: `autoResume: false`. Decoding also accepts a JSON
/// Boolean and any letter case.
public struct WarehouseFlag: Hashable, Sendable, ExpressibleByBooleanLiteral, CustomStringConvertible {
    /// The value.
    public var value: Bool

    /// A flag.
    public init(_ value: Bool) {
        self.value = value
    }

    /// `true` or `false` written as a Swift literal.
    public init(booleanLiteral value: Bool) {
        self.value = value
    }

    /// `true` or `false`, as on the wire.
    public var description: String { value ? "true" : "false" }
}

extension WarehouseFlag: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            value = flag
            return
        }
        let text = try container.decode(String.self)
        switch text.lowercased() {
        case "true": value = true
        case "false": value = false
        default: throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not \"true\" or \"false\"")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// The state of a warehouse as SHOW WAREHOUSES reports it. Any string decodes; the known
/// states are the constants.
public struct WarehouseState: RawRepresentable, Codable, Hashable, Sendable, CustomStringConvertible {
    /// The state as Snowflake spells it.
    public var rawValue: String
    /// A state, from its spelling.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Running: compute is provisioned.
    public static let started = WarehouseState(rawValue: "STARTED")
    /// No compute is provisioned; costs nothing.
    public static let suspended = WarehouseState(rawValue: "SUSPENDED")
    /// Changing size.
    public static let resizing = WarehouseState(rawValue: "RESIZING")
    /// Being started.
    public static let starting = WarehouseState(rawValue: "STARTING")
    /// Being resumed.
    public static let resuming = WarehouseState(rawValue: "RESUMING")
    /// Being suspended.
    public static let suspending = WarehouseState(rawValue: "SUSPENDING")

    public var description: String { rawValue }
}

// MARK: Descriptor

extension WarehouseModel: AccountObject, SupportsCreateOrAlter, Resumable, Taggable, ReportsOwnerRoleType {
    /// The family's descriptor.
    public static let descriptor = ResourceDescriptor(
        family: "warehouse", objectKind: "Warehouse", collectionPath: "warehouses", listFilters: [.like],
        columns: ["name", "state", "warehouse_size", "warehouse_type", "auto_suspend", "auto_resume", "owner", "created_on"])
}
