import Foundation
import GRDB
import SnowflakeModels

/// Compute pools: node counts and instance families checked, the defaults CREATE COMPUTE POOL
/// fills, IDLE / SUSPENDED with Snowflake's rules (resuming a running pool is a 400,
/// suspending a suspended one does nothing), auto-suspend on the emulator's clock, stopping all
/// services, and the instance families with the nodes the account uses of each.
///
/// A pool's nodes are ready as soon as it is created or resumed (the emulator provisions
/// nothing, so a pool never shows STARTING). No service runs on an emulated pool, so a running
/// pool is IDLE, idle since its creation, its last resume or its last stop-all-services; one
/// idle for `auto_suspend_secs` seconds shows (and acts) SUSPENDED.
struct ComputePoolBehaviour: FamilyBehaviour {
    typealias Family = ComputePoolModel


    // MARK: Definition

    func prepare(
        _ model: inout ComputePoolModel, serverState: inout [String: JSONValue], existing: StoredObject<ComputePoolModel>?,
        context: StoreContext
    ) throws {
        let name = try Identifier.resolve(model.name)
        guard !Identifier.spelling(forCanonical: name).hasPrefix("\"") else {
            throw EmulatorError.badRequest(
                "Compute pool names must be unquoted identifiers (letters, digits, _ and $): '\(model.name)' is not one.")
        }
        guard model.minNodes >= 1 else {
            throw EmulatorError.badRequest("min_nodes must be at least 1, not \(model.minNodes).")
        }
        guard model.maxNodes >= model.minNodes else {
            throw EmulatorError.badRequest("max_nodes (\(model.maxNodes)) cannot be less than min_nodes (\(model.minNodes)).")
        }
        guard let family = Self.instanceFamilies.first(where: { $0.name == model.instanceFamily.uppercased() }) else {
            let known = Self.instanceFamilies.compactMap(\.name).joined(separator: ", ")
            throw EmulatorError.badRequest("Unknown instance_family '\(model.instanceFamily)': it must be one of \(known).")
        }
        model.instanceFamily = family.name!
        if let existing, existing.model.instanceFamily != model.instanceFamily {
            throw EmulatorError.badRequest(
                "The instance_family of compute pool \(Identifier.displayName(forCanonical: name)) cannot be changed (it is \(existing.model.instanceFamily)).")
        }
        model.autoResume = model.autoResume ?? true
        model.autoSuspendSecs = model.autoSuspendSecs ?? 3600
        guard model.autoSuspendSecs! >= 0 else {
            throw EmulatorError.badRequest("auto_suspend_secs must be 0 (never) or more, not \(model.autoSuspendSecs!).")
        }
        model.numServices = 0
        model.numJobs = 0
        model.isExclusive = false
        model.updatedOn = context.now

        if let existing {
            // An alter keeps the state the pool shows now; a running pool resizes at once.
            let shown = present(existing, now: context.now)
            model.state = shown.state
            model.resumedOn = shown.resumedOn
        } else if try context.request.flag("initiallySuspended") == true {
            model.state = .suspended
            model.resumedOn = nil
        } else {
            model.state = .idle
            model.resumedOn = context.now
            IdleTime.markActive(&serverState, at: context.now)
        }
        Self.fillNodes(&model)
    }

    // MARK: State over time

    var changesWithTime: Bool { true }

    func present(_ object: StoredObject<ComputePoolModel>, now: Date) -> ComputePoolModel {
        var model = object.model
        guard model.state == .idle, let moment = IdleTime.suspension(object.serverState, afterSeconds: model.autoSuspendSecs, now: now) else {
            return model
        }
        model.state = .suspended
        model.updatedOn = moment
        Self.fillNodes(&model)
        return model
    }

    // MARK: Actions

    func perform(_ verb: String, on object: StoredObject<ComputePoolModel>, context: StoreContext) throws -> APIResponse? {
        var pool = object
        pool.model = present(object, now: context.now)
        let name = Identifier.displayName(forCanonical: object.canonicalName)
        switch verb {
        case "resume":
            guard pool.model.state == .suspended else {
                throw EmulatorError.badRequest(
                    "Compute pool \(name) is not suspended (it is \(pool.model.state?.rawValue ?? "running")), so it cannot be resumed.")
            }
            pool.model.state = .idle
            pool.model.resumedOn = context.now
            pool.model.updatedOn = context.now
            IdleTime.markActive(&pool.serverState, at: context.now)
            Self.fillNodes(&pool.model)
            try pool.save(in: context.db)
        case "suspend":
            // Suspending a suspended pool does nothing.
            if pool.model.state != .suspended {
                pool.model.state = .suspended
                pool.model.updatedOn = context.now
                Self.fillNodes(&pool.model)
                try pool.save(in: context.db)
            }
        case "stop-all-services", "stopallservices":
            // No service runs on an emulated pool; a running pool is idle from now.
            if pool.model.state != .suspended {
                IdleTime.markActive(&pool.serverState, at: context.now)
                try pool.save(in: context.db)
            }
        default:
            return nil
        }
        return .success("Statement executed successfully.")
    }

    // MARK: Instance families

    var reservedNames: Set<String> { ["instance-families"] }

    func collectionRead(_ name: String, context: StoreContext) throws -> APIResponse {
        var usage: [String: Int] = [:]
        let rows = try Row.fetchCursor(
            context.db, sql: "SELECT * FROM objects WHERE family = ? AND dropped_on IS NULL",
            arguments: [ComputePoolModel.descriptor.family])
        while let row = try rows.next() {
            let pool = present(try StoredObject<ComputePoolModel>(record: ObjectRecord(row: row)), now: context.now)
            usage[pool.instanceFamily, default: 0] += pool.activeNodes ?? 0
        }
        return try .encoded(Self.instanceFamilies.map { family in
            var family = family
            family.currentNodeUsage = usage[family.name ?? "", default: 0]
            return family
        })
    }

    /// The instance families Snowflake documents for CREATE COMPUTE POOL, with a node's vCPUs,
    /// memory and GPUs available to services; every node has 100 GB (93.13 GiB) of storage.
    static let instanceFamilies: [ComputePoolInstanceFamily] = [
        cpu("CPU_X64_XS", "The smallest instance: for getting started at the lowest cost.", vcpu: 1, memory: 6),
        cpu("CPU_X64_S", "For several services or jobs at a low cost.", vcpu: 3, memory: 13),
        cpu("CPU_X64_M", "For a full-stack application or several services.", vcpu: 6, memory: 28),
        cpu("CPU_X64_L", "For applications that need many CPUs, much memory and storage.", vcpu: 28, memory: 116),
        cpu("HIGHMEM_X64_S", "For memory-intensive applications.", vcpu: 6, memory: 58),
        cpu("HIGHMEM_X64_M", "For several memory-intensive applications on one machine.", vcpu: 28, memory: 240),
        cpu("HIGHMEM_X64_L", "The largest high-memory machine, for large in-memory processing.", vcpu: 124, memory: 984),
        gpu("GPU_NV_S", "The smallest NVIDIA GPU instance, for getting started with GPUs.", vcpu: 6, memory: 27, gpu: "NVIDIA A10G", count: 1, gpuMemory: 24),
        gpu("GPU_NV_M", "For GPU-intensive work such as computer vision or language models.", vcpu: 44, memory: 178, gpu: "NVIDIA A10G", count: 4, gpuMemory: 24),
        gpu("GPU_NV_L", "The largest GPU instance, for advanced GPU work such as large language models.", vcpu: 92, memory: 1112, gpu: "NVIDIA A100", count: 8, gpuMemory: 40),
    ]

    private static func cpu(_ name: String, _ description: String, vcpu: Int, memory: Int) -> ComputePoolInstanceFamily {
        ComputePoolInstanceFamily(
            name: name, description: description, vcpu: vcpu, memoryGib: memory, storageGib: 93.13, gpu: nil, gpuCount: 0, gpuMemoryGib: 0,
            currentNodeUsage: 0, message: "")
    }

    private static func gpu(
        _ name: String, _ description: String, vcpu: Int, memory: Int, gpu: String, count: Int, gpuMemory: Int
    ) -> ComputePoolInstanceFamily {
        ComputePoolInstanceFamily(
            name: name, description: description, vcpu: vcpu, memoryGib: memory, storageGib: 93.13, gpu: gpu, gpuCount: count,
            gpuMemoryGib: gpuMemory, currentNodeUsage: 0, message: "")
    }

    // MARK: Rules

    /// The node counts that follow from the state: a running pool keeps `min_nodes` nodes, all
    /// idle; a suspended one has none.
    static func fillNodes(_ model: inout ComputePoolModel) {
        let nodes = model.state == .suspended ? 0 : model.minNodes
        model.activeNodes = nodes
        model.idleNodes = nodes
        model.targetNodes = nodes
    }
}
