import Foundation
import SnowflakeCore
import SnowflakeEmulator
import SnowflakeTestSupport
import Testing

@Suite("Iceberg tables end to end")
struct IcebergTableTests {
    /// Runs `body` with schema `lake.sc`, external volumes `vol` (writable) and `readonly`, and
    /// catalog integrations `glue`, `polaris`, `files` (object store) and `off` (disabled).
    static func withLake(
        _ configuration: EmulatorConfiguration = TestEmulator.configuration(),
        _ body: @Sendable (IcebergTableCollection, Root, RunningEmulator) async throws -> Void
    ) async throws {
        try await TestEmulator.withRoot(configuration) { root, emulator in
            try await root.databases.create(DatabaseModel(name: "lake"))
            try await root.databases["lake"].schemas.create(SchemaModel(name: "sc"))
            let s3 = ExternalVolumeStorageLocation.s3(ExternalVolumeAWSLocation(
                name: "s3", storageBaseUrl: "s3://lake-bucket/iceberg/", storageAwsRoleArn: "arn:aws:iam::123456789012:role/lake"))
            try await root.externalVolumes.create(ExternalVolumeModel(name: "vol", storageLocations: [s3]))
            try await root.externalVolumes.create(ExternalVolumeModel(name: "readonly", storageLocations: [s3], allowWrites: false))
            let integrations: [(String, CatalogIntegrationCatalog, Bool)] = [
                ("glue", .glue(CatalogIntegrationTests.glue), true), ("polaris", .polaris(CatalogIntegrationTests.polaris), true),
                ("files", .objectStore, true), ("off", .glue(CatalogIntegrationTests.glue), false),
            ]
            for (name, catalog, enabled) in integrations {
                try await root.catalogIntegrations.create(CatalogIntegrationModel(name: name, catalog: catalog, enabled: enabled))
            }
            try await body(root.databases["lake"].schemas["sc"].icebergTables, root, emulator)
        }
    }

    static func managed(_ name: String, _ columns: [(String, String)] = [("id", "long")], clusterBy: [String]? = nil, baseLocation: String? = "t/") -> IcebergTableModel {
        IcebergTableModel(
            name: name, columns: columns.map { IcebergTableColumn(name: $0.0, datatype: $0.1) }, externalVolume: "vol", catalog: "SNOWFLAKE",
            baseLocation: baseLocation, clusterBy: clusterBy)
    }

    @Test("a Snowflake-managed table round-trips with the server's fields and defaults")
    func managedRoundTrip() async throws {
        try await Self.withLake { tables, _, _ in
            var model = Self.managed("events", [("id", "long"), ("\"Label\"", "string")], clusterBy: ["id"])
            model.comment = "raw events"
            model.columns?[1].nullable = false
            model.columns?[1].comment = "what happened"
            model.constraints = [.primaryKey(IcebergTableKey(name: "pk", columnNames: ["id"]))]
            model.storageSerializationPolicy = .compatible
            model.dataRetentionTimeInDays = 3
            let reference = try await tables.create(model)
            #expect(reference.fullyQualifiedName == "lake.sc.events")
            let table = try await reference.fetch()
            #expect(table.name == "EVENTS")
            #expect(table.catalog == "SNOWFLAKE")
            #expect(table.externalVolume == "VOL")
            #expect(table.baseLocation == "t/")
            #expect(table.icebergTableType == "MANAGED")
            #expect(table.canWriteMetadata == "Y")
            #expect(table.autoRefresh == false)
            #expect(table.storageSerializationPolicy == .compatible)
            #expect(table.comment == "raw events")
            #expect(table.clusterBy == ["id"])
            #expect(table.columns?.map(\.name) == ["ID", "Label"], "a quoted name keeps its case")
            #expect(table.columns?.map(\.datatype) == ["NUMBER(19,0)", "VARCHAR(134217728)"])
            #expect(table.columns?.map(\.nullable) == [true, false])
            #expect(table.columns?[1].comment == "what happened")
            #expect(table.constraints == [.primaryKey(IcebergTableKey(name: "pk", columnNames: ["id"]))])
            #expect(table.dataRetentionTimeInDays == 3)
            #expect(table.maxDataExtensionTimeInDays == 14)
            #expect(table.changeTracking == false)
            #expect(table.replaceInvalidCharacters == false)
            #expect(table.databaseName == "LAKE")
            #expect(table.schemaName == "SC")
            #expect(table.owner == "ACCOUNTADMIN")
            #expect(table.ownerRoleType == "ROLE")
            #expect(table.createdOn != nil)
            #expect(table.catalogTableName == nil)

            try await tables.create(Self.managed("no_location", baseLocation: nil))
            let generated = try await tables["no_location"].fetch()
            #expect(generated.baseLocation?.wholeMatch(of: /no_location\.[0-9a-f]{8}\//) != nil, "\(generated.baseLocation ?? "nil")")
            #expect(generated.storageSerializationPolicy == .optimized)
            #expect(generated.dataRetentionTimeInDays == 1)
        }
    }

    static let types: [(String, String)] = [
        ("boolean", "BOOLEAN"), ("int", "NUMBER(10,0)"), ("long", "NUMBER(19,0)"), ("integer", "NUMBER(38,0)"), ("bigint", "NUMBER(38,0)"),
        ("number", "NUMBER(38,0)"), ("decimal(10,5)", "NUMBER(10,5)"), ("number(12)", "NUMBER(12,0)"), ("float", "FLOAT"),
        ("double", "FLOAT"), ("string", "VARCHAR(134217728)"), ("varchar(20)", "VARCHAR(20)"), ("binary", "BINARY(67108864)"),
        ("fixed(10)", "BINARY(10)"), ("uuid", "BINARY(16)"), ("date", "DATE"), ("time", "TIME(6)"), ("timestamp", "TIMESTAMP_NTZ(6)"),
        ("timestamp_ntz(6)", "TIMESTAMP_NTZ(6)"), ("timestamp_ltz(6)", "TIMESTAMP_LTZ(6)"), ("timestamptz", "TIMESTAMP_LTZ(6)"),
        ("array(int)", "ARRAY(INT)"), ("NUMBER(19,0)", "NUMBER(19,0)"), ("VARCHAR(134217728)", "VARCHAR(134217728)"),
    ]

    @Test("column types are normalised as Snowflake shows them, and normalising again keeps them", arguments: types)
    func columnTypes(_ type: (String, String)) async throws {
        try await Self.withLake { tables, _, _ in
            try await tables.create(Self.managed("typed", [("c", type.0)]))
            let shown = try #require(try await tables["typed"].fetch().columns?.first?.datatype)
            #expect(shown == type.1)
            try await tables["typed"].clone(to: "again")
            #expect(try await tables["again"].fetch().columns?.first?.datatype == type.1)
        }
    }

    @Test("types Iceberg tables do not support are refused", arguments: ["variant", "object", "array", "geography", "timestamp_tz", "timestamp_ntz(9)", "time(3)", "number(39,0)", "int(4)", "nonsense"])
    func unsupportedTypes(_ type: String) async throws {
        try await Self.withLake { tables, _, _ in
            let error = await capturedError { try await tables.create(Self.managed("typed", [("c", type)])) }
            #expect(error?.code == .badRequest)
            #expect(error?.response?.message?.contains("Iceberg table") == true, "\(String(describing: error))")
        }
    }

    @Test("the external volume and the catalog integration must exist; definitions are checked")
    func references() async throws {
        try await Self.withLake { tables, _, _ in
            var model = Self.managed("t")
            model.externalVolume = "nowhere"
            let missing = await capturedError { try await tables.create(model) }
            #expect(missing?.code == .notFound)
            #expect(missing?.snowflakeCode == "002003")
            #expect(missing?.response?.message == "external volume 'nowhere' does not exist or not authorized.")
            model.externalVolume = nil
            #expect(await capturedError { try await tables.create(model) }?.code == .badRequest)
            model.externalVolume = "readonly"
            let readOnly = await capturedError { try await tables.create(model) }
            #expect(readOnly?.code == .badRequest)
            #expect(readOnly?.response?.message?.lowercased().contains("allow_writes") == true)

            let noIntegration = await capturedError {
                try await tables.create(fromAWSGlueCatalog: IcebergTableFromCatalog(name: "g", catalogTableName: "t", catalog: "missing", externalVolume: "vol"))
            }
            #expect(noIntegration?.code == .notFound)
            #expect(noIntegration?.response?.message == "integration 'missing' does not exist or not authorized.")
            let disabled = await capturedError {
                try await tables.create(fromAWSGlueCatalog: IcebergTableFromCatalog(name: "g", catalogTableName: "t", catalog: "off", externalVolume: "vol"))
            }
            #expect(disabled?.code == .badRequest)

            let refusals: [(IcebergTableModel, String)] = [
                (Self.managed("t", []), "at least one column"),
                (Self.managed("t", [("a", "int"), ("A", "long")]), "duplicate column"),
                (Self.managed("t", clusterBy: ["nope"]), "invalid identifier"),
                (IcebergTableModel(name: "t", columns: [IcebergTableColumn(name: "a", datatype: "int")], externalVolume: "vol", constraints: [.uniqueKey(IcebergTableKey(columnNames: ["b"]))]), "invalid identifier"),
                (IcebergTableModel(name: "t", columns: [IcebergTableColumn(name: "a", datatype: "int")], externalVolume: "vol", catalogTableName: "x"), "catalog_table_name"),
                (IcebergTableModel(name: "t", columns: [IcebergTableColumn(name: "a", datatype: "int")], externalVolume: "vol", baseLocation: "s3://elsewhere/"), "base_location"),
                (IcebergTableModel(name: "t", columns: [IcebergTableColumn(name: "a", datatype: "int")], externalVolume: "vol", catalog: "glue", catalogTableName: "x"), "not allowed"),
                (IcebergTableModel(name: "t", externalVolume: "vol", catalog: "glue"), "catalog_table_name"),
                (IcebergTableModel(name: "t", externalVolume: "vol", catalog: "files", metadataFilePath: "m/v1.metadata.json"), "cannot read"),
            ]
            for (definition, words) in refusals {
                let error = await capturedError { try await tables.create(definition) }
                #expect(error?.code == .badRequest, "\(definition.name): \(String(describing: error))")
                #expect(error?.response?.message?.lowercased().contains(words) == true, "\(words): \(error?.response?.message ?? "")")
            }
            let written = try await tables.list().collect()
            #expect(written.isEmpty, "nothing was written")
        }
    }

    @Test("create modes, listing filters, drop and undrop within retention")
    func modesListingDropUndrop() async throws {
        let clock = ManualClock()
        try await Self.withLake(TestEmulator.configuration(clock: clock)) { tables, _, _ in
            try await tables.create(Self.managed("a"))
            try await tables.create(Self.managed("b"), mode: .errorIfExists, copyGrants: false)
            #expect(await capturedError { try await tables.create(Self.managed("A")) }?.code == .conflict)
            var kept = Self.managed("a")
            kept.comment = "second"
            try await tables.create(kept, mode: .ifNotExists)
            #expect(try await tables["a"].fetch().comment == nil)
            try await tables.create(kept, mode: .orReplace, copyGrants: true)
            #expect(try await tables["a"].fetch().comment == "second")

            #expect(try await tables.list().collect().map(\.name) == ["A", "B"])
            #expect(try await tables.list(like: "b").collect().map(\.name) == ["B"])
            #expect(try await tables.list(startsWith: "A").collect().map(\.name) == ["A"])
            #expect(try await tables.list(showLimit: 1).collect().map(\.name) == ["A"])
            #expect(try await tables.list(fromName: "A").collect().map(\.name) == ["B"])
            #expect(try await tables.list().collect().first?.columns == nil, "SHOW lists no columns")
            #expect(try await tables.list(deep: true).collect().first?.columns?.map(\.datatype) == ["NUMBER(19,0)"])

            try await tables["a"].drop()
            #expect(await capturedError { _ = try await tables["a"].fetch() }?.code == .notFound)
            #expect(await capturedError { try await tables["a"].drop() }?.code == .notFound)
            try await tables["a"].drop(ifExists: true)
            try await tables["a"].undrop()
            #expect(try await tables["a"].fetch().comment == "second", "the newest dropped version comes back")
            #expect(await capturedError { try await tables["a"].undrop() }?.code == .conflict)
            try await tables["a"].drop()
            clock.advance(by: 2 * 86_400)
            #expect(await capturedError { try await tables["a"].undrop() }?.code == .badRequest, "retention is one day by default")
        }
    }

    @Test("tables from AWS Glue and Iceberg REST catalogs are recorded as unmanaged tables")
    func fromCatalogs() async throws {
        try await Self.withLake { tables, _, _ in
            try await tables.create(fromAWSGlueCatalog: IcebergTableFromCatalog(
                name: "orders", catalogTableName: "orders_glue", catalog: "glue", externalVolume: "vol", autoRefresh: true, comment: "from glue"))
            let glue = try await tables["orders"].fetch()
            #expect(glue.catalog == "GLUE")
            #expect(glue.catalogTableName == "orders_glue")
            #expect(glue.catalogNamespace == "abcd-ns", "the integration's default namespace")
            #expect(glue.icebergTableType == "UNMANAGED")
            #expect(glue.canWriteMetadata == "N")
            #expect(glue.autoRefresh == true)
            #expect(glue.columns == nil, "the columns live in the external catalog")
            #expect(glue.storageSerializationPolicy == nil)
            #expect(glue.comment == "from glue")
            #expect(await capturedError {
                try await tables.create(fromAWSGlueCatalog: IcebergTableFromCatalog(name: "orders", catalogTableName: "x", catalog: "glue", externalVolume: "vol"))
            }?.code == .conflict)
            try await tables.create(
                fromAWSGlueCatalog: IcebergTableFromCatalog(name: "orders", catalogTableName: "other", catalog: "glue", externalVolume: "vol"), mode: .ifNotExists)
            #expect(try await tables["orders"].fetch().catalogTableName == "orders_glue")
            try await tables.create(
                fromAWSGlueCatalog: IcebergTableFromCatalog(name: "orders", catalogTableName: "other", catalog: "glue", externalVolume: "vol"), mode: .orReplace)
            #expect(try await tables["orders"].fetch().catalogTableName == "other")

            try await tables.create(fromIcebergRest: IcebergTableFromCatalog(
                name: "rest", catalogTableName: "sales", catalog: "polaris", externalVolume: "vol", catalogNamespace: "ns2"))
            let rest = try await tables["rest"].fetch()
            #expect(rest.catalog == "POLARIS")
            #expect(rest.catalogNamespace == "ns2")
            #expect(rest.autoRefresh == false)

            let wrongKind = await capturedError {
                try await tables.create(fromIcebergRest: IcebergTableFromCatalog(name: "x", catalogTableName: "t", catalog: "glue", externalVolume: "vol"))
            }
            #expect(wrongKind?.code == .badRequest)
            #expect(wrongKind?.response?.message?.contains("CATALOG_SOURCE GLUE") == true)
            #expect(await capturedError {
                try await tables.create(fromAWSGlueCatalog: IcebergTableFromCatalog(name: "x", catalogTableName: "t", externalVolume: "vol"))
            }?.code == .badRequest, "no catalog integration named")
            #expect(await capturedError {
                try await tables.create(fromAWSGlueCatalog: IcebergTableFromCatalog(name: "x", catalogTableName: "t", catalog: "glue", externalVolume: "gone"))
            }?.code == .notFound)

            try await tables.create(IcebergTableModel(name: "linked", externalVolume: "vol", catalog: "glue", catalogTableName: "linked_t"))
            #expect(try await tables["linked"].fetch().icebergTableType == "UNMANAGED", "the plain create with an integration as catalog")
        }
    }

    @Test("as-select, from-delta and from-iceberg-files answer a 400 naming what the emulator lacks, and write nothing")
    func variantsNeedingData() async throws {
        try await Self.withLake { tables, _, _ in
            let select = await capturedError { try await tables.create(IcebergTableDerived(name: "s", externalVolume: "vol"), asSelect: "select 1 as a") }
            #expect(select?.code == .badRequest)
            #expect(select?.response?.message?.lowercased().contains("sql engine") == true)
            let delta = await capturedError { try await tables.create(fromDelta: IcebergTableFromDelta(name: "d", baseLocation: "delta/", catalog: "files", externalVolume: "vol")) }
            #expect(delta?.code == .badRequest)
            #expect(delta?.response?.message?.lowercased().contains("delta transaction log") == true)
            let files = await capturedError {
                try await tables.create(fromIcebergFiles: IcebergTableFromIcebergFiles(name: "f", metadataFilePath: "m/v1.metadata.json", catalog: "files", externalVolume: "vol"))
            }
            #expect(files?.code == .badRequest)
            #expect(files?.response?.message?.lowercased().contains("metadata file") == true)
            let missingVolume = await capturedError {
                try await tables.create(fromDelta: IcebergTableFromDelta(name: "d", baseLocation: "delta/", catalog: "files", externalVolume: "gone"))
            }
            #expect(missingVolume?.code == .notFound, "references are checked first")
            let written = try await tables.list().collect()
            #expect(written.isEmpty)
        }
    }

    @Test("refresh records the metadata file of an unmanaged table and is refused for a managed one")
    func refresh() async throws {
        try await Self.withLake { tables, _, _ in
            try await tables.create(Self.managed("managed"))
            let refused = await capturedError { try await tables["managed"].refresh() }
            #expect(refused?.code == .badRequest)
            #expect(refused?.response?.message?.lowercased().contains("external catalog") == true)

            try await tables.create(fromAWSGlueCatalog: IcebergTableFromCatalog(name: "glued", catalogTableName: "t", catalog: "glue", externalVolume: "vol"))
            try await tables["glued"].refresh()
            #expect(try await tables["glued"].fetch().metadataFilePath == nil)
            try await tables["glued"].refresh(metadataFileRelativePath: "metadata/v2.metadata.json")
            #expect(try await tables["glued"].fetch().metadataFilePath == "metadata/v2.metadata.json")
            #expect(await capturedError { try await tables["nothing"].refresh() }?.code == .notFound)
            try await tables["nothing"].refresh(ifExists: true)
        }
    }

    @Test("convert-to-managed makes Snowflake the catalog, with a base location")
    func convertToManaged() async throws {
        try await Self.withLake { tables, _, _ in
            try await tables.create(fromAWSGlueCatalog: IcebergTableFromCatalog(name: "glued", catalogTableName: "t", catalog: "glue", externalVolume: "vol"))
            let noLocation = await capturedError { try await tables["glued"].convertToManaged() }
            #expect(noLocation?.code == .badRequest)
            #expect(noLocation?.response?.message?.lowercased().contains("base_location") == true)
            try await tables["glued"].convertToManaged(baseLocation: "glued/", storageSerializationPolicy: .compatible)
            let converted = try await tables["glued"].fetch()
            #expect(converted.catalog == "SNOWFLAKE")
            #expect(converted.icebergTableType == "MANAGED")
            #expect(converted.canWriteMetadata == "Y")
            #expect(converted.baseLocation == "glued/")
            #expect(converted.storageSerializationPolicy == .compatible)
            #expect(converted.catalogTableName == nil)
            #expect(await capturedError { try await tables["glued"].convertToManaged() }?.code == .badRequest, "already managed")
            #expect(await capturedError { try await tables["glued"].refresh() }?.code == .badRequest, "refresh is for unmanaged tables")

            try await tables.create(fromAWSGlueCatalog: IcebergTableFromCatalog(name: "ro", catalogTableName: "t", catalog: "glue", externalVolume: "readonly"))
            #expect(await capturedError { try await tables["ro"].convertToManaged(baseLocation: "ro/") }?.code == .badRequest, "the volume must allow writes")
            try await tables["nothing"].convertToManaged(ifExists: true)
        }
    }

    @Test("suspend and resume recluster need a managed table with clustering keys")
    func recluster() async throws {
        try await Self.withLake { tables, _, _ in
            try await tables.create(Self.managed("clustered", clusterBy: ["id"]))
            try await tables["clustered"].suspendRecluster()
            try await tables["clustered"].resumeRecluster()
            try await tables.create(Self.managed("plain"))
            let unclustered = await capturedError { try await tables["plain"].suspendRecluster() }
            #expect(unclustered?.code == .badRequest)
            #expect(unclustered?.response?.message?.contains("no clustering key") == true)
            try await tables.create(fromAWSGlueCatalog: IcebergTableFromCatalog(name: "glued", catalogTableName: "t", catalog: "glue", externalVolume: "vol"))
            let glued = tables["glued"]
            let unmanaged = await capturedError { try await glued.resumeRecluster() }
            #expect(unmanaged?.code == .badRequest)
            #expect(unmanaged?.response?.message?.lowercased().contains("do not allow clustering") == true, "\(String(describing: unmanaged))")
            #expect(await capturedError { try await tables["nothing"].suspendRecluster() }?.code == .notFound)
            try await tables["nothing"].resumeRecluster(ifExists: true)
        }
    }

    @Test("clone copies a managed table's definition, at a point of time, into another schema; unmanaged tables are not cloned")
    func clone() async throws {
        let clock = ManualClock()
        try await Self.withLake(TestEmulator.configuration(clock: clock)) { tables, root, _ in
            var source = Self.managed("src", [("id", "long"), ("v", "string")], clusterBy: ["id"])
            source.comment = "source"
            try await tables.create(source)
            clock.advance(by: 600)
            try await root.databases["lake"].schemas.create(SchemaModel(name: "other"))
            let copy = try await tables["src"].clone(to: "copy", at: .offset(seconds: -300), targetSchema: "other")
            #expect(copy.fullyQualifiedName == "lake.other.copy")
            let cloned = try await copy.fetch()
            #expect(cloned.name == "COPY")
            #expect(cloned.schemaName == "OTHER")
            #expect(cloned.columns?.map(\.datatype) == ["NUMBER(19,0)", "VARCHAR(134217728)"])
            #expect(cloned.clusterBy == ["id"])
            #expect(cloned.comment == "source")
            let tooEarly = await capturedError { try await tables["src"].clone(to: "early", at: .offset(seconds: -3600)) }
            #expect(tooEarly?.code == .badRequest)
            #expect(tooEarly?.snowflakeCode == "000707")
            #expect(await capturedError { try await tables["src"].clone(to: "copy", targetSchema: "other") }?.code == .conflict)
            try await tables["src"].clone(to: "copy", mode: .orReplace, targetSchema: "other")

            try await tables.create(fromAWSGlueCatalog: IcebergTableFromCatalog(name: "glued", catalogTableName: "t", catalog: "glue", externalVolume: "vol"))
            #expect(await capturedError { try await tables["glued"].clone(to: "glued_copy") }?.code == .badRequest)
            #expect(await capturedError { try await tables["missing"].clone(to: "x") }?.code == .notFound)
        }
    }

    @Test("create-like makes an empty managed table with the source's columns and the request's settings")
    func createLike() async throws {
        try await Self.withLake { tables, _, _ in
            var source = Self.managed("src", [("id", "long"), ("at", "timestamp")], clusterBy: ["id"])
            source.comment = "source"
            try await tables.create(source)
            try await tables.create(IcebergTableDerived(name: "like1", baseLocation: "like1/", comment: "empty copy"), like: "src")
            let like = try await tables["like1"].fetch()
            #expect(like.columns?.map(\.name) == ["ID", "AT"])
            #expect(like.columns?.map(\.datatype) == ["NUMBER(19,0)", "TIMESTAMP_NTZ(6)"])
            #expect(like.baseLocation == "like1/")
            #expect(like.comment == "empty copy")
            #expect(like.clusterBy == ["id"])
            #expect(like.externalVolume == "VOL")
            #expect(await capturedError { try await tables.create(IcebergTableDerived(name: "like1"), like: "src") }?.code == .conflict)
            try await tables.create(IcebergTableDerived(name: "like1", comment: "kept?"), like: "src", mode: .ifNotExists)
            #expect(try await tables["like1"].fetch().comment == "empty copy")
            try await tables.create(IcebergTableDerived(name: "like1", comment: "replaced"), like: "src", mode: .orReplace, copyGrants: true)
            #expect(try await tables["like1"].fetch().comment == "replaced")
        }
    }

    @Test("tags set on an Iceberg table are read back and unset")
    func tags() async throws {
        try await Self.withLake { tables, root, _ in
            try await root.databases["lake"].schemas["sc"].tags.create(TagModel(name: "owner"))
            let tag = root.databases["lake"].schemas["sc"].tags["owner"]
            try await tables.create(Self.managed("tagged"))
            try await tables["tagged"].setTags([tag: "ana"])
            #expect(try await tables["tagged"].fetchTags().map(\.value.value) == ["ana"])
            try await tables["tagged"].unsetTags([tag])
            #expect(try await tables["tagged"].fetchTags().isEmpty)
        }
    }

    @Test("catalog_sync names an existing catalog integration")
    func catalogSync() async throws {
        try await Self.withLake { tables, _, _ in
            var model = Self.managed("synced")
            model.catalogSync = "polaris"
            try await tables.create(model)
            #expect(try await tables["synced"].fetch().catalogSync == "POLARIS")
            model.catalogSync = "nowhere"
            #expect(await capturedError { try await tables.create(model, mode: .orReplace) }?.code == .notFound)
            #expect(try await tables["synced"].fetch().catalogSync == "POLARIS", "a refused replace leaves the table")
        }
    }

    @Test("tables and Iceberg tables share one name space in a schema")
    func sharedNameSpace() async throws {
        try await Self.withLake { tables, _, emulator in
            let http = RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken)
            let plain = try await http.send(
                "POST", "/api/v2/databases/lake/schemas/sc/tables", body: #"{"name":"shared","columns":[{"name":"a","datatype":"int"}]}"#)
            #expect(plain.status == 200, "\(plain.text)")
            let error = await capturedError { try await tables.create(Self.managed("shared")) }
            #expect(error?.code == .conflict)
            #expect(error?.response?.message == "object 'shared' already exists.")
        }
    }

    @Test("bodies the client never sends are refused with a 400")
    func rawBodies() async throws {
        try await Self.withLake { tables, _, emulator in
            try await tables.create(Self.managed("t"))
            let http = RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken)
            let base = "/api/v2/databases/lake/schemas/sc/iceberg-tables"
            let cases: [(String, String, String?)] = [
                ("POST", base, #"{"name":"x","columns":[{"name":"a"}],"external_volume":"vol"}"#),
                ("POST", base, #"{"name":"x","columns":[{"name":"a","datatype":"int"}],"external_volume":"vol","storage_serialization_policy":"FAST"}"#),
                ("POST", base, #"{"name":"x","columns":[{"name":"a","datatype":"int"}],"external_volume":"vol","data_retention_time_in_days":91}"#),
                ("POST", base + ":from-aws-glue-catalog", #"{"name":"x","catalog":"glue"}"#),
                ("POST", base + ":as-select", #"{"name":"x"}"#),
                ("POST", base + "/t:convert-to-managed", #"{"storage_serialization_policy":"FAST"}"#),
                ("POST", base + "/t:create-like", "not json"),
            ]
            for (method, path, body) in cases {
                let answer = try await http.send(method, path, body: body)
                #expect(answer.status == 400, "\(path) \(body ?? ""): \(answer.text)")
            }
            #expect(try await http.send("POST", base + ":sideways", body: "{}").status == 404)
        }
    }
}
