import Crypto
import Foundation
import SnowflakeModels

/// Iceberg tables. A table's catalog is `SNOWFLAKE` (a Snowflake-managed table: declared
/// columns in Iceberg-compatible types, shown normalised; an external volume that allows
/// writes; a base location) or a catalog integration (an unmanaged table registered from an
/// AWS Glue or Iceberg REST catalog, whose columns live in that catalog). The external volume
/// and the integration must exist. Plain tables share the name space. Actions: refresh
/// (unmanaged only, records the metadata file), convert-to-managed, suspend and resume
/// reclustering (managed tables with clustering keys), create-like, clone (managed only).
/// Creating from a query, from Delta files or from Iceberg metadata files needs SQL or the
/// files themselves, which the emulator does not have: those answer a 400 that says so.
struct IcebergTableBehaviour: FamilyBehaviour {
    typealias Family = IcebergTableModel

    private static var kind: String { IcebergTableModel.descriptor.objectKind }

    // MARK: Create

    func prepare(_ model: inout IcebergTableModel, serverState: inout [String: JSONValue], existing: StoredObject<IcebergTableModel>?, context: StoreContext) throws {
        let catalog = model.catalog ?? "SNOWFLAKE"
        if catalog.uppercased() == "SNOWFLAKE" {
            try IcebergTableRules.prepareManaged(&model, context: context)
        } else {
            try IcebergTableRules.prepareUnmanaged(&model, integration: catalog, context: context)
        }
        try IcebergTableRules.fillParameters(&model, context: context)
    }

    /// The clone body is `IcebergTableClone` (a name and a point of time): the copy has the
    /// source's definition.
    var hasOwnCloneBody: Bool { true }

    func prepareClone(_ model: inout IcebergTableModel, source: StoredObject<IcebergTableModel>, context: StoreContext) throws {
        guard source.model.icebergTableType == IcebergTableRules.managed else {
            throw EmulatorError.badRequest(
                "Iceberg table \(source.canonicalName) uses an external catalog: only Snowflake-managed Iceberg tables can be cloned.")
        }
        var serverState: [String: JSONValue] = [:]
        try prepare(&model, serverState: &serverState, existing: nil, context: context)
    }

    /// Listings show columns and constraints only with `deep=true`, as SHOW does not list them.
    var shapesListings: Bool { true }

    func listed(_ model: IcebergTableModel, request: APIRequest) throws -> IcebergTableModel {
        guard try request.flag("deep") != true else { return model }
        var shown = model
        shown.columns = nil
        shown.constraints = nil
        return shown
    }

    func retentionDays(of object: StoredObject<IcebergTableModel>, context: StoreContext) throws -> Int {
        object.model.dataRetentionTimeInDays ?? 1
    }

    func collectionAction(_ verb: String, context: StoreContext) throws -> APIResponse? {
        let request = context.request
        switch verb {
        case "as-select":
            _ = try IcebergTableRules.decode(IcebergTableDerived.self, request)
            guard let query = request.query["query"], !query.isEmpty else {
                throw EmulatorError.badRequest("Query parameter 'query' is required: the SELECT whose result fills the new table.")
            }
            throw EmulatorError.badRequest(
                "Creating an Iceberg table as select needs a SQL engine to run the query and write its rows, which the emulator does not have; create the table with its columns instead.")
        case "from-aws-glue-catalog", "from-iceberg-rest":
            let body = try IcebergTableRules.decode(IcebergTableFromCatalog.self, request)
            guard let catalog = body.catalog, !catalog.isEmpty else {
                throw EmulatorError.badRequest("'catalog' is required: name the catalog integration the table is registered from.")
            }
            let integration = try IcebergTableRules.integration(catalog, context: context)
            let wanted = verb == "from-aws-glue-catalog" ? "GLUE" : "POLARIS"
            guard integration.catalog.catalogSource == wanted else {
                throw EmulatorError.badRequest(
                    "Catalog integration \(Identifier.unquote(catalog).uppercased()) has CATALOG_SOURCE \(integration.catalog.catalogSource); \(verb) needs a \(wanted == "GLUE" ? "GLUE" : "REST (POLARIS)") catalog integration.")
            }
            var model = IcebergTableModel(
                name: body.name, externalVolume: body.externalVolume, catalog: catalog, comment: body.comment,
                catalogTableName: body.catalogTableName, catalogNamespace: body.catalogNamespace,
                replaceInvalidCharacters: body.replaceInvalidCharacters)
            model.autoRefresh = body.autoRefresh
            return try IcebergTableRules.create(model, mode: request.createMode(), in: context.container, context: context)
        case "from-delta":
            let body = try IcebergTableRules.decode(IcebergTableFromDelta.self, request)
            try IcebergTableRules.checkReferences(volume: body.externalVolume, catalog: body.catalog, context: context)
            throw EmulatorError.badRequest(
                "Creating an Iceberg table from Delta needs the Delta transaction log under '\(body.baseLocation)' read for the table's columns, which the emulator cannot do (it has no access to the external volume's files).")
        case "from-iceberg-files":
            let body = try IcebergTableRules.decode(IcebergTableFromIcebergFiles.self, request)
            try IcebergTableRules.checkReferences(volume: body.externalVolume, catalog: body.catalog, context: context)
            throw EmulatorError.badRequest(
                "Creating an Iceberg table from Iceberg files needs the metadata file '\(body.metadataFilePath)' read for the table's columns, which the emulator cannot do (it has no access to the external volume's files).")
        default:
            return nil
        }
    }

    // MARK: Actions

    func perform(_ verb: String, on object: StoredObject<IcebergTableModel>, context: StoreContext) throws -> APIResponse? {
        var object = object
        let managed = object.model.icebergTableType == IcebergTableRules.managed
        let name = object.canonicalName
        switch verb {
        case "refresh":
            guard !managed else {
                throw EmulatorError.badRequest(
                    "Iceberg table \(name) uses Snowflake as its catalog: refresh applies only to Iceberg tables that use an external catalog.")
            }
            let body = try IcebergTableRules.decode(IcebergTableRefreshRequest.self, context.request, allowEmpty: true)
            if let path = body.metadataFileRelativePath {
                guard !path.isEmpty else { throw EmulatorError.badRequest("'metadata_file_relative_path' must not be empty.") }
                object.model.metadataFilePath = path
            }
            object.serverState["last_refreshed_on"] = .string(WireCoding.formatTimestamp(context.now))
            try object.save(in: context.db)
            return .success("Statement executed successfully.")
        case "convert-to-managed":
            guard !managed else {
                throw EmulatorError.badRequest("Iceberg table \(name) already uses Snowflake as its catalog.")
            }
            let body = try IcebergTableRules.decode(IcebergTableConvertRequest.self, context.request, allowEmpty: true)
            _ = try IcebergTableRules.volume(object.model.externalVolume, forWriting: true, context: context)
            if let current = object.model.baseLocation, let asked = body.baseLocation, asked != current {
                throw EmulatorError.badRequest(
                    "Iceberg table \(name) already has the base location '\(current)'; it cannot be converted with another one.")
            }
            guard let location = body.baseLocation ?? object.model.baseLocation, !location.isEmpty else {
                throw EmulatorError.badRequest(
                    "Iceberg table \(name) has no base location: give 'base_location' for the files Snowflake writes once it manages the table.")
            }
            object.model.baseLocation = location
            object.model.catalog = "SNOWFLAKE"
            object.model.catalogTableName = nil
            object.model.catalogNamespace = nil
            object.model.storageSerializationPolicy = body.storageSerializationPolicy ?? .optimized
            object.model.icebergTableType = IcebergTableRules.managed
            object.model.canWriteMetadata = "Y"
            object.model.autoRefresh = false
            try object.save(in: context.db)
            return .success("Statement executed successfully.")
        case "suspend-recluster", "resume-recluster":
            guard managed else {
                throw EmulatorError.badRequest(
                    "Iceberg table \(name) uses an external catalog: Iceberg tables managed by an external catalog do not allow clustering.")
            }
            guard let keys = object.model.clusterBy, !keys.isEmpty else {
                throw EmulatorError.badRequest("Iceberg table \(name) has no clustering key (cluster_by): there is no reclustering to \(verb == "suspend-recluster" ? "suspend" : "resume").")
            }
            object.serverState["recluster"] = .string(verb == "suspend-recluster" ? "SUSPENDED" : "RESUMED")
            try object.save(in: context.db)
            return .success("Statement executed successfully.")
        case "create-like":
            guard managed else {
                throw EmulatorError.badRequest(
                    "Iceberg table \(name) uses an external catalog: create-like makes Snowflake-managed tables from Snowflake-managed ones.")
            }
            let body = try IcebergTableRules.decode(IcebergTableDerived.self, context.request)
            let target = try IcebergTableRules.target(context)
            var model = object.model
            model.name = body.name
            model.comment = body.comment
            model.externalVolume = body.externalVolume ?? model.externalVolume
            model.clusterBy = body.clusterBy ?? model.clusterBy
            model.baseLocation = body.baseLocation
            model.changeTracking = nil
            model.dataRetentionTimeInDays = nil
            model.maxDataExtensionTimeInDays = nil
            return try IcebergTableRules.create(model, mode: context.request.createMode(), in: target, context: context)
        default:
            return nil
        }
    }
}

/// The rules behind ``IcebergTableBehaviour``.
enum IcebergTableRules {
    /// `iceberg_table_type` of a Snowflake-managed table.
    static let managed = "MANAGED"
    /// `iceberg_table_type` of a table that uses an external catalog.
    static let unmanaged = "UNMANAGED"
    private static var descriptor: ResourceDescriptor { IcebergTableModel.descriptor }

    // MARK: Definitions

    /// A Snowflake-managed table: a writable external volume, columns in Iceberg-compatible
    /// types, clustering keys and constraints over those columns, a base location.
    static func prepareManaged(_ model: inout IcebergTableModel, context: StoreContext) throws {
        model.catalog = "SNOWFLAKE"
        model.externalVolume = try volume(model.externalVolume, forWriting: true, context: context)
        if model.catalogTableName != nil {
            throw EmulatorError.badRequest("'catalog_table_name' applies only to Iceberg tables that use an external catalog, not to CATALOG = 'SNOWFLAKE'.")
        }
        if model.metadataFilePath != nil {
            throw EmulatorError.badRequest("'metadata_file_path' applies only to Iceberg tables created from Iceberg files, not to CATALOG = 'SNOWFLAKE'.")
        }
        if let sync = model.catalogSync {
            _ = try integration(sync, context: context)
            model.catalogSync = displayName(sync)
        }
        guard let columns = model.columns, !columns.isEmpty else {
            throw EmulatorError.badRequest("A Snowflake-managed Iceberg table needs at least one column ('columns' is empty or missing).")
        }
        var seen: Set<String> = []
        model.columns = try columns.map { column in
            var column = column
            let canonical = try canonical(column.name)
            guard seen.insert(canonical).inserted else {
                throw EmulatorError.badRequest("Duplicate column name '\(canonical)': each column needs its own name.")
            }
            column.name = Identifier.displayName(forCanonical: canonical)
            column.datatype = try IcebergTypes.normalise(column.datatype, column: canonical)
            column.nullable = column.nullable ?? true
            return column
        }
        for key in model.clusterBy ?? [] where Identifier.isSimple(key) || Identifier.isQuoted(key) {
            guard seen.contains(try canonical(key)) else { throw EmulatorError.invalidIdentifier(key) }
        }
        for constraint in model.constraints ?? [] {
            for column in constraint.columnNames ?? [] where !seen.contains(try canonical(column)) {
                throw EmulatorError.invalidIdentifier(column)
            }
        }
        model.storageSerializationPolicy = model.storageSerializationPolicy ?? .optimized
        if let location = model.baseLocation {
            guard !location.isEmpty, !location.hasPrefix("/"), !location.contains("://") else {
                throw EmulatorError.badRequest("Invalid base_location '\(location)': it is a path relative to the external volume's storage location.")
            }
        } else {
            model.baseLocation = defaultBaseLocation(for: model.name, context: context)
        }
        model.icebergTableType = managed
        model.canWriteMetadata = "Y"
        model.autoRefresh = false
    }

    /// A table that uses an external catalog: the integration must exist, be enabled and be
    /// a catalog service (Glue or Iceberg REST); the catalog defines the columns.
    static func prepareUnmanaged(_ model: inout IcebergTableModel, integration name: String, context: StoreContext) throws {
        let integration = try integration(name, context: context)
        model.catalog = displayName(name)
        model.externalVolume = try volume(model.externalVolume, forWriting: false, context: context)
        if model.columns != nil {
            throw EmulatorError.badRequest("Column definitions are not allowed for an Iceberg table that uses an external catalog: the catalog defines them.")
        }
        if let keys = model.clusterBy, !keys.isEmpty {
            throw EmulatorError.badRequest("Iceberg tables managed by an external catalog do not allow clustering ('cluster_by').")
        }
        if model.storageSerializationPolicy != nil {
            throw EmulatorError.badRequest("'storage_serialization_policy' applies only to Snowflake-managed Iceberg tables.")
        }
        let namespace: String?
        switch integration.catalog {
        case .objectStore:
            throw EmulatorError.badRequest(
                "Catalog integration \(displayName(name)) reads Iceberg or Delta metadata files from object storage; the table's columns come from those files, which the emulator cannot read.")
        case .glue(let glue): namespace = glue.catalogNamespace
        case .polaris(let polaris): namespace = polaris.catalogNamespace
        }
        guard let table = model.catalogTableName, !table.isEmpty else {
            throw EmulatorError.badRequest("'catalog_table_name' is required: the table's name in the catalog of integration \(displayName(name)).")
        }
        model.catalogNamespace = model.catalogNamespace ?? namespace
        model.icebergTableType = unmanaged
        model.canWriteMetadata = "N"
        model.autoRefresh = model.autoRefresh ?? false
    }

    /// Parameters every Iceberg table has, inherited from the schema or defaulted.
    static func fillParameters(_ model: inout IcebergTableModel, context: StoreContext) throws {
        if model.dataRetentionTimeInDays == nil {
            let key = ObjectKey(family: SchemaModel.descriptor.family, database: context.container.database, name: context.container.schema)
            let schema = try context.db.liveObject(key).map { try StoredObject<SchemaModel>(record: $0).model }
            model.dataRetentionTimeInDays = schema?.dataRetentionTimeInDays ?? schema?.retentionTime ?? 1
        }
        for (field, value) in [("data_retention_time_in_days", model.dataRetentionTimeInDays), ("max_data_extension_time_in_days", model.maxDataExtensionTimeInDays)] {
            if let value, !(0...90).contains(value) {
                throw EmulatorError.badRequest("Invalid value \(value) for property '\(field)': it must be between 0 and 90.")
            }
        }
        model.maxDataExtensionTimeInDays = model.maxDataExtensionTimeInDays ?? 14
        model.changeTracking = model.changeTracking ?? false
        model.replaceInvalidCharacters = model.replaceInvalidCharacters ?? false
    }

    /// `<NAME>.<id>/`, the directory Snowflake picks when no base location is given.
    static func defaultBaseLocation(for name: String, context: StoreContext) -> String {
        let seed = "\(context.container.qualified(name))|\(context.now.timeIntervalSince1970)"
        let digest = SHA256.hash(data: Data(seed.utf8)).prefix(4).map { String(format: "%02x", $0) }.joined()
        return "\(Identifier.unquote(name)).\(digest)/"
    }

    // MARK: References

    /// The external volume's display name, checked to exist (and to allow writes when
    /// Snowflake writes the table's files).
    @discardableResult
    static func volume(_ name: String?, forWriting: Bool, context: StoreContext) throws -> String {
        guard let name, !name.isEmpty else {
            throw EmulatorError.badRequest("'external_volume' is required: the external volume that holds the table's files.")
        }
        let canonical = try canonical(name)
        let key = ObjectKey(family: ExternalVolumeModel.descriptor.family, name: canonical)
        guard let record = try context.db.liveObject(key) else {
            throw EmulatorError.doesNotExist(ExternalVolumeModel.descriptor.objectKind, Identifier.displayName(forCanonical: canonical))
        }
        if forWriting, try StoredObject<ExternalVolumeModel>(record: record).model.allowWrites == false {
            throw EmulatorError.badRequest(
                "External volume \(Identifier.displayName(forCanonical: canonical)) has ALLOW_WRITES = FALSE; a Snowflake-managed Iceberg table needs a volume that allows writes.")
        }
        return Identifier.displayName(forCanonical: canonical)
    }

    /// The catalog integration, checked to exist and be enabled.
    static func integration(_ name: String, context: StoreContext) throws -> CatalogIntegrationModel {
        let canonical = try canonical(name)
        let key = ObjectKey(family: CatalogIntegrationModel.descriptor.family, name: canonical)
        guard let record = try context.db.liveObject(key) else {
            throw EmulatorError.doesNotExist(CatalogIntegrationModel.descriptor.objectKind, Identifier.displayName(forCanonical: canonical))
        }
        let integration = try StoredObject<CatalogIntegrationModel>(record: record).model
        guard integration.enabled else {
            throw EmulatorError.badRequest("Catalog integration \(Identifier.displayName(forCanonical: canonical)) is disabled (ENABLED = FALSE).")
        }
        return integration
    }

    /// Checks the volume and integration a refused create variant names, so a wrong name is
    /// reported as Snowflake would before anything else.
    static func checkReferences(volume name: String?, catalog: String?, context: StoreContext) throws {
        try volume(name, forWriting: false, context: context)
        guard let catalog, !catalog.isEmpty else {
            throw EmulatorError.badRequest("'catalog' is required: name the catalog integration the table is created through.")
        }
        _ = try integration(catalog, context: context)
    }

    // MARK: Creating from a behaviour

    /// Creates a table in `container` with a create mode, as the collection's create does.
    static func create(_ model: IcebergTableModel, mode: CreateMode, in container: ResolvedContainer, context: StoreContext) throws -> APIResponse {
        let name = try canonical(model.name)
        let display = Identifier.displayName(forCanonical: name)
        let key = ObjectKey(family: descriptor.family, database: container.database, schema: container.schema, name: name)
        if let existing = try context.db.liveObject(key) {
            switch mode {
            case .errorIfExists: throw EmulatorError.alreadyExists(display)
            case .ifNotExists: return .success("\(display) already exists, statement succeeded.")
            case .orReplace:
                let object = try StoredObject<IcebergTableModel>(record: existing)
                let days = object.model.dataRetentionTimeInDays ?? 1
                if days > 0 {
                    try context.db.markDropped(id: existing.id, at: context.now, purgeAfter: context.now.addingTimeInterval(TimeInterval(days) * 86_400))
                } else {
                    try context.db.deleteObject(id: existing.id)
                }
                try GrantEngine(context: context).forget(descriptor, container: container, name: name)
            }
        }
        guard let endpoint = context.registry.endpoint(family: descriptor.family) else {
            throw EmulatorError.noEndpoint(context.request.method, context.request.path)
        }
        let definition = try WireCoding.sharedDecoder.decode([String: JSONValue].self, from: WireCoding.sharedEncoder.encode(model))
        try endpoint.insertDefault(
            definition, database: container.database, schema: container.schema, owner: context.request.principal.role, context: context)
        return .success("\(descriptor.objectKind) \(display) successfully created.")
    }

    /// The container named by `targetDatabase` and `targetSchema` (the request's by default),
    /// checked to exist.
    static func target(_ context: StoreContext) throws -> ResolvedContainer {
        var target = context.container
        if let database = context.request.query["targetDatabase"], !database.isEmpty { target.database = try canonical(database) }
        if let schema = context.request.query["targetSchema"], !schema.isEmpty { target.schema = try canonical(schema) }
        guard try context.db.liveObjectExists(ObjectKey(family: DatabaseModel.descriptor.family, name: target.database)) else {
            throw EmulatorError.doesNotExist(DatabaseModel.descriptor.objectKind, Identifier.spelling(forCanonical: target.database))
        }
        let schemaKey = ObjectKey(family: SchemaModel.descriptor.family, database: target.database, name: target.schema)
        guard try context.db.liveObjectExists(schemaKey) else {
            throw EmulatorError.doesNotExist(SchemaModel.descriptor.objectKind, ResolvedContainer(database: target.database).qualified(target.schema))
        }
        return target
    }

    // MARK: Helpers

    /// The body as `T`; an empty body reads as `{}` when `allowEmpty`.
    static func decode<T: Decodable>(_ type: T.Type, _ request: APIRequest, allowEmpty: Bool = false) throws -> T {
        let body = request.body.isEmpty && allowEmpty ? Data("{}".utf8) : request.body
        return try RequestBody.decode(T.self, from: body, as: "\(descriptor.objectKind) request")
    }

    static func canonical(_ name: String) throws -> String {
        do { return try Identifier.resolve(name) } catch { throw EmulatorError.invalidIdentifier(name) }
    }

    static func displayName(_ name: String) -> String {
        (try? Identifier.resolve(name)).map(Identifier.displayName(forCanonical:)) ?? name
    }
}

/// Iceberg-compatible column types, as Snowflake shows them for a Snowflake-managed table.
enum IcebergTypes {
    /// The longest string an Iceberg table holds.
    static let stringLength = 134_217_728
    /// The longest binary value an Iceberg table holds.
    static let binaryLength = 67_108_864

    /// The type as Snowflake shows it (`long` → `NUMBER(19,0)`), or a 400 for a type Iceberg
    /// tables do not support. Normalising a normalised type gives it back.
    static func normalise(_ text: String, column: String) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let upper = trimmed.uppercased()
        let base = upper.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == " " }.trimmingCharacters(in: .whitespaces)
        let arguments = Self.arguments(upper, after: base)
        func unsupported(_ why: String = "") -> EmulatorError {
            EmulatorError.badRequest("Unsupported data type '\(trimmed)' for column \(column) of an Iceberg table\(why.isEmpty ? "" : ": " + why).")
        }
        switch base {
        case "BOOLEAN": return "BOOLEAN"
        case "INT" where arguments == nil: return "NUMBER(10,0)"
        case "LONG" where arguments == nil: return "NUMBER(19,0)"
        case "INTEGER", "BIGINT", "SMALLINT", "TINYINT", "BYTEINT":
            guard arguments == nil else { throw unsupported() }
            return "NUMBER(38,0)"
        case "NUMBER", "DECIMAL", "NUMERIC":
            let values = arguments ?? [38, 0]
            guard values.count <= 2, let precision = values.first, (1...38).contains(precision) else { throw unsupported("precision is 1 to 38") }
            let scale = values.count == 2 ? values[1] : 0
            guard (0...precision).contains(scale) else { throw unsupported("scale is 0 to the precision") }
            return "NUMBER(\(precision),\(scale))"
        case "FLOAT", "FLOAT4", "FLOAT8", "DOUBLE", "DOUBLE PRECISION", "REAL":
            guard arguments == nil else { throw unsupported() }
            return "FLOAT"
        case "VARCHAR", "STRING", "TEXT", "CHAR VARYING", "NVARCHAR":
            guard let values = arguments else { return "VARCHAR(\(stringLength))" }
            guard values.count == 1, (1...stringLength).contains(values[0]) else { throw unsupported("a length is 1 to \(stringLength)") }
            return "VARCHAR(\(values[0]))"
        case "BINARY", "VARBINARY":
            guard let values = arguments else { return "BINARY(\(binaryLength))" }
            guard values.count == 1, (1...binaryLength).contains(values[0]) else { throw unsupported("a length is 1 to \(binaryLength)") }
            return "BINARY(\(values[0]))"
        case "FIXED":
            guard let values = arguments, values.count == 1, (1...binaryLength).contains(values[0]) else { throw unsupported("fixed needs a length") }
            return "BINARY(\(values[0]))"
        case "UUID" where arguments == nil: return "BINARY(16)"
        case "DATE" where arguments == nil: return "DATE"
        case "TIME":
            guard arguments == nil || arguments == [6] else { throw unsupported("Iceberg times have microsecond precision: use TIME(6)") }
            return "TIME(6)"
        case "TIMESTAMP", "TIMESTAMP_NTZ", "DATETIME":
            guard arguments == nil || arguments == [6] else { throw unsupported("Iceberg timestamps have microsecond precision: use precision 6") }
            return "TIMESTAMP_NTZ(6)"
        case "TIMESTAMPTZ", "TIMESTAMP_LTZ":
            guard arguments == nil || arguments == [6] else { throw unsupported("Iceberg timestamps have microsecond precision: use precision 6") }
            return "TIMESTAMP_LTZ(6)"
        case "ARRAY", "OBJECT", "MAP":
            guard trimmed.count > base.count, upper.dropFirst(base.count).trimmingCharacters(in: .whitespaces).hasPrefix("(") else {
                throw unsupported("semi-structured \(base) is not an Iceberg type; use a structured \(base)(...) type")
            }
            return upper
        case "TIMESTAMP_TZ": throw unsupported("Iceberg has no timestamp with a stored time zone; use TIMESTAMP_LTZ(6)")
        default: throw unsupported()
        }
    }

    /// The integers in parentheses after the base name; nil when there are none.
    private static func arguments(_ text: String, after base: String) -> [Int]? {
        let rest = text.dropFirst(base.count).trimmingCharacters(in: .whitespaces)
        guard rest.hasPrefix("("), rest.hasSuffix(")") else { return rest.isEmpty ? nil : [-1] }
        let values = rest.dropFirst().dropLast().split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) ?? -1 }
        return values
    }
}
