import Foundation
import SnowflakeModels

/// Warehouses: the defaults CREATE WAREHOUSE fills, sizes and types checked and spelled as
/// SHOW WAREHOUSES spells them, STARTED / SUSPENDED with Snowflake's rules (resume is
/// idempotent, suspending a suspended warehouse fails), auto-suspend on the emulator's clock,
/// rename, use, abort, enable and disable.
///
/// Creating a warehouse and `:use` make it the session's current warehouse. The emulator runs
/// no queries on a warehouse, so a warehouse is idle from its creation, its last resume or its
/// last `:use`; a started warehouse idle for `auto_suspend` seconds shows (and acts)
/// suspended. `:use` stands for the statements a session sends: it resumes a suspended
/// warehouse whose `auto_resume` is true.
struct WarehouseBehaviour: FamilyBehaviour {
    /// A warehouse another object names (a dynamic table's, an alert's), as SHOW prints it; a
    /// 404 when there is no such warehouse.
    static func existing(_ spelling: String, context: StoreContext) throws -> String {
        let name: String
        do { name = try Identifier.resolve(spelling) } catch { throw EmulatorError.invalidIdentifier(spelling) }
        guard try context.db.liveObjectExists(ObjectKey(family: WarehouseModel.descriptor.family, name: name)) else {
            throw EmulatorError.doesNotExist(WarehouseModel.descriptor.objectKind, Identifier.spelling(forCanonical: name))
        }
        return Identifier.displayName(forCanonical: name)
    }

    typealias Family = WarehouseModel


    /// The sizes, as SHOW spells them, with the spellings requests may use.
    static let sizes: [(shown: String, spellings: Set<String>)] = [
        ("X-Small", ["XSMALL", "X-SMALL"]),
        ("Small", ["SMALL"]),
        ("Medium", ["MEDIUM"]),
        ("Large", ["LARGE"]),
        ("X-Large", ["XLARGE", "X-LARGE"]),
        ("2X-Large", ["XXLARGE", "X2LARGE", "2X-LARGE", "2XLARGE"]),
        ("3X-Large", ["XXXLARGE", "X3LARGE", "3X-LARGE", "3XLARGE"]),
        ("4X-Large", ["X4LARGE", "4X-LARGE", "4XLARGE"]),
        ("5X-Large", ["X5LARGE", "5X-LARGE", "5XLARGE"]),
        ("6X-Large", ["X6LARGE", "6X-LARGE", "6XLARGE"]),
    ]

    // MARK: Definition

    func prepare(
        _ model: inout WarehouseModel, serverState: inout [String: JSONValue], existing: StoredObject<WarehouseModel>?, context: StoreContext
    ) throws {
        let type = try Self.warehouseType(model.warehouseType ?? model.type)
        model.warehouseType = type
        model.type = type
        let size = try Self.size(model.warehouseSize ?? model.size, default: type == "SNOWPARK-OPTIMIZED" ? "Medium" : "X-Small")
        model.warehouseSize = size
        model.size = size
        model.scalingPolicy = try Self.scalingPolicy(model.scalingPolicy)

        let minimum = model.minClusterCount ?? 1
        let maximum = model.maxClusterCount ?? max(1, minimum)
        try Self.require(minimum, in: 1...300, "MIN_CLUSTER_COUNT")
        try Self.require(maximum, in: 1...300, "MAX_CLUSTER_COUNT")
        guard minimum <= maximum else {
            throw EmulatorError.badRequest(
                "min_cluster_count (\(minimum)) cannot be greater than max_cluster_count (\(maximum)).", code: "390400")
        }
        model.minClusterCount = minimum
        model.maxClusterCount = maximum

        model.autoSuspend = model.autoSuspend ?? 600
        try Self.require(model.autoSuspend!, in: 0...Int(Int32.max), "AUTO_SUSPEND")
        model.autoResume = model.autoResume ?? true
        model.enableQueryAcceleration = model.enableQueryAcceleration ?? false
        model.queryAccelerationMaxScaleFactor = model.queryAccelerationMaxScaleFactor ?? 8
        try Self.require(model.queryAccelerationMaxScaleFactor!, in: 0...100, "QUERY_ACCELERATION_MAX_SCALE_FACTOR")
        model.maxConcurrencyLevel = model.maxConcurrencyLevel ?? 8
        try Self.require(model.maxConcurrencyLevel!, in: 1...Int(Int32.max), "MAX_CONCURRENCY_LEVEL")
        model.statementQueuedTimeoutInSeconds = model.statementQueuedTimeoutInSeconds ?? 0
        try Self.require(model.statementQueuedTimeoutInSeconds!, in: 0...604_800, "STATEMENT_QUEUED_TIMEOUT_IN_SECONDS")
        model.statementTimeoutInSeconds = model.statementTimeoutInSeconds ?? 172_800
        try Self.require(model.statementTimeoutInSeconds!, in: 0...604_800, "STATEMENT_TIMEOUT_IN_SECONDS")
        if let monitor = model.resourceMonitor {
            do { model.resourceMonitor = Identifier.displayName(forCanonical: try Identifier.resolve(monitor)) } catch {
                throw EmulatorError.invalidIdentifier(monitor)
            }
        }

        // Create-only and alter-only properties are not part of what the warehouse shows.
        let initiallySuspended = model.initiallySuspended?.value ?? false
        model.initiallySuspended = nil
        model.waitForCompletion = nil
        model.running = 0
        model.queued = 0
        model.isDefault = false
        model.isCurrent = false
        model.updatedOn = context.now

        if let existing {
            // An alter (a resize included) keeps the state the warehouse shows now.
            let shown = present(existing, now: context.now)
            model.state = shown.state
            model.resumedOn = shown.resumedOn
        } else if initiallySuspended {
            model.state = .suspended
            model.resumedOn = nil
        } else {
            model.state = .started
            model.resumedOn = context.now
            IdleTime.markActive(&serverState, at: context.now)
        }
        Self.fillStateFields(&model)
    }

    /// Creating a warehouse makes it the session's current warehouse, as in Snowflake.
    func didCreate(_ object: StoredObject<WarehouseModel>, context: StoreContext) throws {
        try makeCurrent(object.canonicalName, context: context)
    }

    // MARK: State over time

    var changesWithTime: Bool { true }

    func present(_ object: StoredObject<WarehouseModel>, now: Date) -> WarehouseModel {
        var model = object.model
        guard model.state == .started, let moment = IdleTime.suspension(object.serverState, afterSeconds: model.autoSuspend, now: now) else {
            return model
        }
        model.state = .suspended
        model.updatedOn = moment
        Self.fillStateFields(&model)
        return model
    }

    /// Also `is_current` (the session's warehouse) and `is_default` (the user's default).
    func present(_ object: StoredObject<WarehouseModel>, context: StoreContext) throws -> WarehouseModel {
        var model = present(object, now: context.now)
        let principal = context.request.principal
        let current = principal.sessionKey.isEmpty ? nil : try SessionSettings.load(principal.sessionKey, in: context.db).warehouse
        model.isCurrent = current == object.canonicalName
        let user = try context.db.liveObject(ObjectKey(family: UserModel.descriptor.family, name: principal.user))
        let defaultWarehouse = try user.map(StoredObject<UserModel>.init(record:))?.model.defaultWarehouse.flatMap { try? Identifier.resolve($0) }
        model.isDefault = defaultWarehouse == object.canonicalName
        return model
    }

    // MARK: Actions

    func perform(_ verb: String, on object: StoredObject<WarehouseModel>, context: StoreContext) throws -> APIResponse? {
        var warehouse = object
        warehouse.model = present(object, now: context.now)
        let name = Identifier.displayName(forCanonical: object.canonicalName)
        switch verb {
        case "resume":
            // REST resumes with IF SUSPENDED: resuming a started warehouse succeeds.
            if warehouse.model.state == .suspended { try start(&warehouse, context: context) }
        case "suspend":
            guard warehouse.model.state != .suspended else {
                throw EmulatorError.sql(400, "390400", "Invalid state. Warehouse '\(name)' cannot be suspended.")
            }
            warehouse.model.state = .suspended
            warehouse.model.updatedOn = context.now
            Self.fillStateFields(&warehouse.model)
            try warehouse.save(in: context.db)
        case "use":
            try makeCurrent(object.canonicalName, context: context)
            if warehouse.model.state == .suspended {
                if warehouse.model.autoResume?.value ?? true { try start(&warehouse, context: context) }
            } else {
                IdleTime.markActive(&warehouse.serverState, at: context.now)
                try warehouse.save(in: context.db)
            }
        case "abort":
            // No statement runs on an emulated warehouse, so there is nothing to abort.
            break
        case "enable", "disable":
            // The emulator has no adaptive warehouses: the warehouse exists, and nothing changes.
            break
        case "rename":
            try rename(&warehouse, context: context)
        default:
            return nil
        }
        return .success("Statement executed successfully.")
    }

    /// Makes the warehouse the calling session's current one (`USE WAREHOUSE`), as
    /// `GET /api/v2/session/default-warehouse` then reports.
    private func makeCurrent(_ name: String, context: StoreContext) throws {
        let key = context.request.principal.sessionKey
        guard !key.isEmpty else { return }
        var values = try SessionSettings.load(key, in: context.db)
        values.warehouse = name
        try context.services.sessionSettings.save(values, for: key, user: context.request.principal.user, now: context.now, in: context.db)
    }

    private func start(_ warehouse: inout StoredObject<WarehouseModel>, context: StoreContext) throws {
        warehouse.model.state = .started
        warehouse.model.resumedOn = context.now
        warehouse.model.updatedOn = context.now
        IdleTime.markActive(&warehouse.serverState, at: context.now)
        Self.fillStateFields(&warehouse.model)
        try warehouse.save(in: context.db)
    }

    /// `:rename` with a `Warehouse` body whose `name` is the new name.
    private func rename(_ warehouse: inout StoredObject<WarehouseModel>, context: StoreContext) throws {
        guard !context.request.body.isEmpty else { throw EmulatorError.badRequest("The request needs a JSON body with the new name.") }
        let target = try RequestBody.decode(WarehouseModel.self, from: context.request.body, as: "Warehouse definition")
        let newName: String
        do { newName = try Identifier.resolve(target.name) } catch { throw EmulatorError.invalidIdentifier(target.name) }
        try context.db.renameObject(
            id: warehouse.record.id, to: ObjectKey(family: WarehouseModel.descriptor.family, name: newName))
        warehouse.model.name = Identifier.displayName(forCanonical: newName)
        warehouse.model.updatedOn = context.now
        try warehouse.save(in: context.db)
    }

    // MARK: Rules

    /// The fields that follow from the state: clusters and compute percentages.
    static func fillStateFields(_ model: inout WarehouseModel) {
        let started = model.state != .suspended
        model.startedClusters = started ? (model.minClusterCount ?? 1) : 0
        model.available = started ? "100" : ""
        model.provisioning = started ? "0" : ""
        model.quiescing = started ? "0" : ""
        model.other = started ? "0" : ""
    }

    static func warehouseType(_ value: String?) throws -> String {
        guard let value else { return "STANDARD" }
        switch value.uppercased().replacingOccurrences(of: "_", with: "-") {
        case "STANDARD": return "STANDARD"
        case "SNOWPARK-OPTIMIZED": return "SNOWPARK-OPTIMIZED"
        default: throw EmulatorError.sql(400, "390400", "invalid property '\(value)' for 'WAREHOUSE_TYPE'")
        }
    }

    /// A size in SHOW's spelling; a request may spell it `XSMALL`, `X-Small`, `X2LARGE`, ...
    static func size(_ value: String?, default fallback: String) throws -> String {
        guard let value else { return fallback }
        let upper = value.uppercased().replacingOccurrences(of: "_", with: "-")
        guard let size = sizes.first(where: { $0.spellings.contains(upper) || $0.shown.uppercased() == upper }) else {
            throw EmulatorError.sql(400, "390400", "invalid type of property '\(value)' for 'warehouse_size'")
        }
        return size.shown
    }

    static func scalingPolicy(_ value: String?) throws -> String {
        guard let value else { return "STANDARD" }
        let upper = value.uppercased()
        guard upper == "STANDARD" || upper == "ECONOMY" else {
            throw EmulatorError.sql(400, "390400", "invalid value '\(value)' for property 'SCALING_POLICY'")
        }
        return upper
    }

    static func require(_ value: Int, in range: ClosedRange<Int>, _ property: String) throws {
        guard range.contains(value) else {
            throw EmulatorError.sql(400, "390400", "invalid value '\(value)' for property '\(property)'")
        }
    }
}
