import Foundation

// MARK: Model

/// A compute pool: the nodes Snowpark Container Services runs services and jobs on
/// (`ComputePool` in the REST API v2 and in `snowflake.core`).
///
/// ```swift
/// try await root.computePools.create(ComputePoolModel(name: "pool1", minNodes: 1, maxNodes: 2, instanceFamily: "CPU_X64_XS"))
/// ```
public struct ComputePoolModel: Codable, Hashable, Sendable {
    /// The pool's name.
    public var name: String
    /// The fewest nodes the pool keeps (at least 1).
    public var minNodes: Int
    /// The most nodes the pool scales to (at least ``minNodes``).
    public var maxNodes: Int
    /// The machine type of the nodes (`CPU_X64_XS`, `GPU_NV_S`, ...); see
    /// `root.computePools.instanceFamilies()`.
    public var instanceFamily: String
    /// Whether a statement that needs the suspended pool resumes it (true by default).
    public var autoResume: Bool?
    /// A comment.
    public var comment: String?
    /// Seconds without services or jobs before the pool suspends itself (default 3600; 0 never).
    public var autoSuspendSecs: Int?

    /// `IDLE`, `ACTIVE`, `SUSPENDED`, `STARTING`, ...
    @ReadOnly public var state: ComputePoolState?
    /// Services on the pool.
    @ReadOnly public var numServices: Int?
    /// Jobs on the pool.
    @ReadOnly public var numJobs: Int?
    /// Nodes running now.
    @ReadOnly public var activeNodes: Int?
    /// Running nodes without a service or job.
    @ReadOnly public var idleNodes: Int?
    /// Nodes the pool is scaling to.
    @ReadOnly public var targetNodes: Int?
    /// When the pool was created.
    @ReadOnly public var createdOn: Date?
    /// When the pool was last resumed.
    @ReadOnly public var resumedOn: Date?
    /// When the pool last changed.
    @ReadOnly public var updatedOn: Date?
    /// The role that owns it.
    @ReadOnly public var owner: String?
    /// Whether the pool belongs exclusively to a Snowflake Native App.
    @ReadOnly public var isExclusive: Bool?
    /// The Native App the pool belongs to, if any.
    @ReadOnly public var application: String?
    /// The budget monitoring its credits.
    @ReadOnly public var budget: String?
    /// The error the pool last hit, if any.
    @ReadOnly public var errorCode: String?
    /// A message about the pool's status, if any.
    @ReadOnly public var statusMessage: String?
    /// Nodes to maintain.
    @ReadOnly public var desiredNodes: Int?
    /// When ``desiredNodes`` expires.
    @ReadOnly public var desiredNodesExpireAfter: Date?
    /// Whether the pool is optimized for capacity.
    @ReadOnly public var optimizeForCapacity: Bool?
    /// The placement group of the pool.
    @ReadOnly public var placementGroup: String?

    /// A compute pool definition.
    public init(
        name: String, minNodes: Int, maxNodes: Int, instanceFamily: String, autoResume: Bool? = nil, comment: String? = nil,
        autoSuspendSecs: Int? = nil
    ) {
        self.name = name
        self.minNodes = minNodes
        self.maxNodes = maxNodes
        self.instanceFamily = instanceFamily
        self.autoResume = autoResume
        self.comment = comment
        self.autoSuspendSecs = autoSuspendSecs
    }

    private enum CodingKeys: String, CodingKey {
        case name
        case minNodes = "min_nodes"
        case maxNodes = "max_nodes"
        case instanceFamily = "instance_family"
        case autoResume = "auto_resume"
        case comment, state
        case numServices = "num_services"
        case numJobs = "num_jobs"
        case autoSuspendSecs = "auto_suspend_secs"
        case activeNodes = "active_nodes"
        case idleNodes = "idle_nodes"
        case targetNodes = "target_nodes"
        case createdOn = "created_on"
        case resumedOn = "resumed_on"
        case updatedOn = "updated_on"
        case owner
        case isExclusive = "is_exclusive"
        case application, budget
        case errorCode = "error_code"
        case statusMessage = "status_message"
        case desiredNodes = "desired_nodes"
        case desiredNodesExpireAfter = "desired_nodes_expire_after"
        case optimizeForCapacity = "optimize_for_capacity"
        case placementGroup = "placement_group"
    }
}

// MARK: Nested types

/// The state of a compute pool as SHOW COMPUTE POOLS reports it. Any string decodes; the
/// states the spec names are the constants.
public struct ComputePoolState: RawRepresentable, Codable, Hashable, Sendable, CustomStringConvertible {
    /// The state as Snowflake spells it.
    public var rawValue: String
    /// A state, from its spelling.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Not known.
    public static let unknown = ComputePoolState(rawValue: "UNKNOWN")
    /// Nodes are being provisioned.
    public static let starting = ComputePoolState(rawValue: "STARTING")
    /// Running, with no service or job on it.
    public static let idle = ComputePoolState(rawValue: "IDLE")
    /// Running services or jobs.
    public static let active = ComputePoolState(rawValue: "ACTIVE")
    /// Being suspended.
    public static let stopping = ComputePoolState(rawValue: "STOPPING")
    /// No nodes; costs nothing.
    public static let suspended = ComputePoolState(rawValue: "SUSPENDED")
    /// Changing its number of nodes.
    public static let resizing = ComputePoolState(rawValue: "RESIZING")

    public var description: String { rawValue }
}

/// A machine type a compute pool's nodes can have, as `GET /api/v2/compute-pools/instance-families`
/// lists it (`ComputePoolInstanceFamily`).
public struct ComputePoolInstanceFamily: Codable, Hashable, Sendable {
    /// The family's name (`CPU_X64_S`).
    public var name: String?
    /// What the family is for.
    public var description: String?
    /// vCPUs of a node available to you.
    public var vcpu: Int?
    /// Memory of a node available to you, in GiB.
    public var memoryGib: Int?
    /// Storage of a node available to you, in GiB.
    public var storageGib: Double?
    /// The GPU model, if the family has GPUs.
    public var gpu: String?
    /// GPUs per node.
    public var gpuCount: Int?
    /// Memory per GPU, in GiB.
    public var gpuMemoryGib: Int?
    /// Nodes of this family the account uses now.
    public var currentNodeUsage: Int?
    /// More about the family.
    public var message: String?

    /// An instance family.
    public init(
        name: String? = nil, description: String? = nil, vcpu: Int? = nil, memoryGib: Int? = nil, storageGib: Double? = nil,
        gpu: String? = nil, gpuCount: Int? = nil, gpuMemoryGib: Int? = nil, currentNodeUsage: Int? = nil, message: String? = nil
    ) {
        self.name = name
        self.description = description
        self.vcpu = vcpu
        self.memoryGib = memoryGib
        self.storageGib = storageGib
        self.gpu = gpu
        self.gpuCount = gpuCount
        self.gpuMemoryGib = gpuMemoryGib
        self.currentNodeUsage = currentNodeUsage
        self.message = message
    }

    private enum CodingKeys: String, CodingKey {
        case name, description, vcpu
        case memoryGib = "memory_gib"
        case storageGib = "storage_gib"
        case gpu
        case gpuCount = "gpu_count"
        case gpuMemoryGib = "gpu_memory_gib"
        case currentNodeUsage = "current_node_usage"
        case message
    }
}

// MARK: Descriptor

extension ComputePoolModel: AccountObject, SupportsCreateOrAlter, Resumable, Taggable, OwnedObject {
    /// The family's descriptor.
    public static let descriptor = ResourceDescriptor(
        family: "compute-pool", objectKind: "Compute pool", collectionPath: "compute-pools", listFilters: [.like, .startsWith, .showLimit],
        columns: ["name", "state", "instance_family", "min_nodes", "max_nodes", "active_nodes", "owner", "created_on"])
}
