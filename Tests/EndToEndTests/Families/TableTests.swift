import Foundation
import SnowflakeCore
import SnowflakeEmulator
import SnowflakeTestSupport
import Testing

@Suite("Tables end to end")
struct TableTests {
    static func orders(_ name: String = "orders", kind: String? = nil, comment: String? = nil) -> TableModel {
        TableModel(
            name: name, kind: kind, clusterBy: ["id"],
            columns: [
                TableColumn(name: "id", datatype: "int", nullable: false, autoincrement: true),
                TableColumn(name: "amount", datatype: "number(10,2)", default: "0"),
                TableColumn(name: "note", datatype: "string", collate: "en-ci", comment: "free text"),
            ],
            constraints: [.primaryKey(["id"], name: "pk_orders")], comment: comment)
    }

    @Test(
        "data types are shown as Snowflake shows them",
        arguments: [
            ("int", "NUMBER(38,0)"), ("integer", "NUMBER(38,0)"), ("bigint", "NUMBER(38,0)"), ("number", "NUMBER(38,0)"),
            ("number(10,2)", "NUMBER(10,2)"), ("decimal(5)", "NUMBER(5,0)"), ("numeric(12, 4)", "NUMBER(12,4)"),
            ("varchar", "VARCHAR(16777216)"), ("varchar(20)", "VARCHAR(20)"), ("string", "VARCHAR(16777216)"),
            ("text", "VARCHAR(16777216)"), ("char", "VARCHAR(1)"), ("char(3)", "VARCHAR(3)"), ("float", "FLOAT"),
            ("double", "FLOAT"), ("double precision", "FLOAT"), ("real", "FLOAT"), ("boolean", "BOOLEAN"), ("date", "DATE"),
            ("time", "TIME(9)"), ("timestamp", "TIMESTAMP_NTZ(9)"), ("datetime", "TIMESTAMP_NTZ(9)"),
            ("timestamp_ltz(3)", "TIMESTAMP_LTZ(3)"), ("timestamp_tz", "TIMESTAMP_TZ(9)"), ("variant", "VARIANT"),
            ("object", "OBJECT"), ("array", "ARRAY"), ("binary", "BINARY(8388608)"), ("varbinary(16)", "BINARY(16)"),
            ("geography", "GEOGRAPHY"), ("vector(float, 3)", "VECTOR(FLOAT, 3)"),
        ])
    func dataTypes(_ given: String, _ shown: String) async throws {
        try await TestEmulator.withRoot { root, _ in
            let tables = root.databases["db"].schemas["public"].tables
            try await root.databases.create(DatabaseModel(name: "db"))
            try await tables.create(TableModel(name: "t", columns: [TableColumn(name: "c", datatype: given)]))
            #expect(try await tables["t"].fetch().columns?.first?.datatype == shown)
        }
    }

    @Test("an unknown or malformed data type is a 400 and creates nothing", arguments: ["foo", "number(50)", "varchar(0)", "int(3)", "number(5,6)", "timestamp(12)"])
    func unknownDataType(_ type: String) async throws {
        try await TestEmulator.withRoot { root, _ in
            try await root.databases.create(DatabaseModel(name: "db"))
            let tables = root.databases["db"].schemas["public"].tables
            let error = await capturedError { try await tables.create(TableModel(name: "t", columns: [TableColumn(name: "c", datatype: type)])) }
            #expect(error?.code == .badRequest)
            if type == "foo" {
                #expect(error?.snowflakeCode == "002040")
                #expect(error?.message == "unsupported data type 'foo'.")
            }
            #expect(await capturedError { _ = try await tables["t"].fetch() }?.code == .notFound)
        }
    }

    @Test("create fills the server fields as SHOW TABLES shows them, and column details")
    func createAndFetch() async throws {
        try await TestEmulator.withRoot { root, _ in
            try await root.databases.create(DatabaseModel(name: "db"))
            let tables = root.databases["db"].schemas["public"].tables
            try await tables.create(Self.orders(comment: "all orders"))
            let table = try await tables["orders"].fetch()
            #expect(table.name == "ORDERS")
            #expect(table.kind == "PERMANENT")
            #expect(table.databaseName == "DB")
            #expect(table.schemaName == "PUBLIC")
            #expect(table.rows == 0)
            #expect(table.bytes == 0)
            #expect(table.owner == "ACCOUNTADMIN")
            #expect(table.ownerRoleType == "ROLE")
            #expect(table.createdOn != nil)
            #expect(table.automaticClustering == true)
            #expect(table.changeTracking == false)
            #expect(table.searchOptimization == false)
            #expect(table.dataRetentionTimeInDays == 1)
            #expect(table.maxDataExtensionTimeInDays == 14)
            #expect(table.tableType == "NORMAL")
            #expect(table.clusterBy == ["ID"])
            #expect(table.comment == "all orders")
            let columns = try #require(table.columns)
            #expect(columns.map(\.name) == ["ID", "AMOUNT", "NOTE"])
            #expect(columns[0].nullable == false)
            #expect(columns[0].autoincrement == true)
            #expect(columns[0].autoincrementStart == 1)
            #expect(columns[0].autoincrementIncrement == 1)
            #expect(columns[1].default == "0")
            #expect(columns[1].nullable == true)
            #expect(columns[2].collate == "en-ci")
            #expect(columns[2].comment == "free text")
            #expect(table.constraints == [.primaryKey(["ID"], name: "PK_ORDERS")])
        }
    }

    @Test("column rules: duplicates, collations on non-text, autoincrement on non-numbers or with a default, no columns, bad cluster key")
    func columnRules() async throws {
        try await TestEmulator.withRoot { root, emulator in
            try await root.databases.create(DatabaseModel(name: "db"))
            let tables = root.databases["db"].schemas["public"].tables
            let bad: [TableModel] = [
                TableModel(name: "t", columns: [TableColumn(name: "a", datatype: "int"), TableColumn(name: "A", datatype: "int")]),
                TableModel(name: "t", columns: [TableColumn(name: "a", datatype: "int", collate: "en-ci")]),
                TableModel(name: "t", columns: [TableColumn(name: "a", datatype: "string", autoincrement: true)]),
                TableModel(name: "t", columns: [TableColumn(name: "a", datatype: "int", default: "1", autoincrement: true)]),
                TableModel(name: "t", columns: []),
                TableModel(name: "t", clusterBy: ["nope"], columns: [TableColumn(name: "a", datatype: "int")]),
                TableModel(name: "t", kind: "TRANSIENT", dataRetentionTimeInDays: 2, columns: [TableColumn(name: "a", datatype: "int")]),
            ]
            for model in bad {
                #expect(await capturedError { try await tables.create(model) }?.code == .badRequest, "\(model)")
            }
            // A kind outside the spec's enum, which the client would not send.
            let http = RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken)
            let external = try await http.send(
                "POST", "/api/v2/databases/db/schemas/public/tables", body: #"{"name":"t","kind":"EXTERNAL","columns":[{"name":"a","datatype":"int"}]}"#)
            #expect(external.status == 400)
            #expect(try await tables.list().collect().isEmpty)
        }
    }

    @Test("constraints: one primary key, unique keys, foreign keys to existing tables and their keys; a drop cascades to them")
    func constraints() async throws {
        try await TestEmulator.withRoot { root, _ in
            try await root.databases.create(DatabaseModel(name: "db"))
            try await root.databases["db"].schemas.create(SchemaModel(name: "other"))
            let tables = root.databases["db"].schemas["public"].tables
            try await tables.create(TableModel(
                name: "customers",
                columns: [TableColumn(name: "id", datatype: "int"), TableColumn(name: "email", datatype: "string", constraints: [.unique(TableUniqueKey())])],
                constraints: [.primaryKey(["id"])]))
            let customers = try await tables["customers"].fetch()
            #expect(customers.columns?.first?.nullable == false, "a primary key column is NOT NULL")
            #expect(customers.constraints?.first?.name?.hasPrefix("SYS_CONSTRAINT_") == true)
            #expect(customers.columns?[1].constraints == nil, "constraints on a column come back at table level, as in Snowflake")
            #expect(customers.constraints?.map(\.constraintType) == ["UNIQUE", "PRIMARY KEY"])
            #expect(customers.constraints?.first?.columnNames == ["EMAIL"])

            let orderColumns = [TableColumn(name: "id", datatype: "int"), TableColumn(name: "customer", datatype: "int"), TableColumn(name: "parent", datatype: "int")]
            try await tables.create(TableModel(
                name: "orders", columns: orderColumns,
                constraints: [
                    .primaryKey(["id"]), .foreignKey(["customer"], references: "customers", columns: ["id"], name: "fk_customer"),
                    .foreignKey(["parent"], references: "orders", columns: ["id"], name: "fk_parent"),
                ]))
            let orders = try await tables["orders"].fetch()
            guard case .foreignKey(let key)? = orders.constraints?[1] else { Issue.record("no foreign key"); return }
            #expect(key.referencedTableName == "DB.PUBLIC.CUSTOMERS")
            #expect(key.referencedColumnNames == ["ID"])
            #expect(key.columnNames == ["CUSTOMER"])

            // A foreign key into another schema, spelled in full.
            try await root.databases["db"].schemas["other"].tables.create(TableModel(
                name: "lines", columns: [TableColumn(name: "order_id", datatype: "int")],
                constraints: [.foreignKey(["order_id"], references: "public.orders", columns: ["id"])]))

            let refused: [(TableModel, SnowflakeError.Code)] = [
                (TableModel(name: "x", columns: orderColumns, constraints: [.primaryKey(["id"]), .primaryKey(["customer"])]), .badRequest),
                (TableModel(name: "x", columns: orderColumns, constraints: [.unique(["missing"])]), .badRequest),
                (TableModel(name: "x", columns: orderColumns, constraints: [.foreignKey(["customer"], references: "nowhere", columns: ["id"])]), .notFound),
                (TableModel(name: "x", columns: orderColumns, constraints: [.foreignKey(["customer"], references: "customers", columns: ["nope"])]), .badRequest),
                (TableModel(name: "x", columns: orderColumns, constraints: [.foreignKey(["customer"], references: "orders", columns: ["customer"])]), .badRequest),
                (TableModel(name: "x", columns: orderColumns, constraints: [.foreignKey(["customer", "parent"], references: "customers", columns: ["id"])]), .badRequest),
            ]
            for (model, code) in refused {
                #expect(await capturedError { try await tables.create(model) }?.code == code, "\(model.constraints ?? [])")
            }
            #expect(try await tables.list().collect().map(\.name) == ["CUSTOMERS", "ORDERS"])

            // DROP TABLE cascades: the foreign keys that refer to the dropped table go with it.
            try await tables["customers"].drop()
            let remaining = try await tables["orders"].fetch().constraints ?? []
            #expect(remaining.count == 2)
            #expect(!remaining.contains { $0.name == "FK_CUSTOMER" })
        }
    }

    @Test("kinds: transient and temporary limit retention; every table of a transient schema is transient")
    func kinds() async throws {
        try await TestEmulator.withRoot { root, _ in
            try await root.databases.create(DatabaseModel(name: "db"))
            try await root.databases["db"].schemas.create(SchemaModel(name: "scratch", kind: "TRANSIENT"))
            let tables = root.databases["db"].schemas["public"].tables
            let column = [TableColumn(name: "a", datatype: "int")]
            try await tables.create(TableModel(name: "tr", kind: "transient", columns: column))
            try await tables.create(TableModel(name: "tmp", kind: "TEMPORARY", dataRetentionTimeInDays: 0, columns: column))
            #expect(try await tables["tr"].fetch().kind == "TRANSIENT")
            #expect(try await tables["tmp"].fetch().kind == "TEMPORARY")
            #expect(try await tables["tmp"].fetch().dataRetentionTimeInDays == 0)
            try await root.databases["db"].schemas["scratch"].tables.create(TableModel(name: "t", columns: column))
            #expect(try await root.databases["db"].schemas["scratch"].tables["t"].fetch().kind == "TRANSIENT")
            let change = await capturedError { try await tables["tr"].createOrAlter(TableModel(name: "tr", kind: "PERMANENT", columns: column)) }
            #expect(change?.code == .badRequest)
            // Retention 0: dropped at once, nothing to undrop.
            try await tables["tmp"].drop()
            #expect(await capturedError { try await tables["tmp"].undrop() }?.code == .badRequest)
        }
    }

    @Test("listing: no columns without deep, columns and constraints with it; like, history")
    func listing() async throws {
        try await TestEmulator.withRoot { root, _ in
            try await root.databases.create(DatabaseModel(name: "db"))
            let tables = root.databases["db"].schemas["public"].tables
            try await tables.create(Self.orders())
            try await tables.create(Self.orders("order_lines"))
            try await tables.create(Self.orders("users"))
            let shallow = try await tables.list(like: "order%").collect()
            #expect(shallow.map(\.name) == ["ORDERS", "ORDER_LINES"].sorted())
            #expect(shallow.allSatisfy { $0.columns == nil && $0.constraints == nil })
            #expect(shallow.allSatisfy { $0.rows == 0 && $0.owner == "ACCOUNTADMIN" })
            let deep = try await tables.list(like: "orders", deep: true).collect()
            #expect(deep.first?.columns?.count == 3)
            #expect(deep.first?.constraints?.count == 1)
            try await tables["users"].drop()
            let history = try await tables.list(like: "users", history: true, deep: false).collect()
            #expect(history.count == 1)
            #expect(history.first?.droppedOn != nil)
            #expect(try await tables.list(startsWith: "U").collect().isEmpty)
        }
    }

    @Test("create-or-alter adds, drops and widens columns, keeps change tracking when omitted")
    func createOrAlter() async throws {
        try await TestEmulator.withRoot { root, _ in
            try await root.databases.create(DatabaseModel(name: "db"))
            let tables = root.databases["db"].schemas["public"].tables
            try await tables["t"].createOrAlter(TableModel(
                name: "t", changeTracking: true,
                columns: [TableColumn(name: "a", datatype: "varchar(10)", default: "'x'"), TableColumn(name: "b", datatype: "number(10,2)"),
                          TableColumn(name: "c", datatype: "int")]))
            let created = try await tables["t"].fetch()
            try await tables["t"].createOrAlter(TableModel(
                name: "t", columns: [
                    TableColumn(name: "a", datatype: "varchar(20)", nullable: false, comment: "wider"),
                    TableColumn(name: "b", datatype: "number(20,2)"), TableColumn(name: "d", datatype: "date"),
                ], comment: "altered"))
            let altered = try await tables["t"].fetch()
            #expect(altered.columns?.map(\.name) == ["A", "B", "D"])
            #expect(altered.columns?.map(\.datatype) == ["VARCHAR(20)", "NUMBER(20,2)", "DATE"])
            #expect(altered.columns?.first?.nullable == false)
            #expect(altered.columns?.first?.default == nil, "a default can be dropped")
            #expect(altered.comment == "altered")
            #expect(altered.changeTracking == true)
            #expect(altered.createdOn == created.createdOn)
        }
    }

    @Test(
        "create-or-alter refuses what Snowflake refuses, with a 400, and leaves the table unchanged",
        arguments: [
            TableColumn(name: "a", datatype: "varchar(5)"), TableColumn(name: "a", datatype: "int"),
            TableColumn(name: "b", datatype: "number(10,3)"), TableColumn(name: "b", datatype: "varchar"),
            TableColumn(name: "a", datatype: "varchar(10)", default: "'other'"),
            TableColumn(name: "a", datatype: "varchar(10)", collate: "en-ci"),
            TableColumn(name: "b", datatype: "number(10,2)", autoincrement: true),
        ])
    func refusedAlterations(_ changed: TableColumn) async throws {
        try await TestEmulator.withRoot { root, _ in
            try await root.databases.create(DatabaseModel(name: "db"))
            let tables = root.databases["db"].schemas["public"].tables
            let original = [TableColumn(name: "a", datatype: "varchar(10)", default: "'x'"), TableColumn(name: "b", datatype: "number(10,2)")]
            try await tables.create(TableModel(name: "t", columns: original, comment: "before"))
            let before = try await tables["t"].fetch()
            let columns = original.map { $0.name == changed.name ? changed : $0 } + [TableColumn(name: "extra", datatype: "int")]
            let error = await capturedError { try await tables["t"].createOrAlter(TableModel(name: "t", columns: columns, comment: "after")) }
            #expect(error?.code == .badRequest)
            #expect(error?.message?.contains("unchanged") == true)
            #expect(try await tables["t"].fetch() == before)
        }
    }

    @Test("suspend and resume recluster switch automatic clustering; a table without a clustering key refuses")
    func recluster() async throws {
        try await TestEmulator.withRoot { root, _ in
            try await root.databases.create(DatabaseModel(name: "db"))
            let tables = root.databases["db"].schemas["public"].tables
            try await tables.create(Self.orders())
            try await tables["orders"].suspendRecluster()
            #expect(try await tables["orders"].fetch().automaticClustering == false)
            try await tables["orders"].createOrAlter(try await tables["orders"].fetch())
            #expect(try await tables["orders"].fetch().automaticClustering == false, "suspension survives an alter")
            try await tables["orders"].resumeRecluster()
            #expect(try await tables["orders"].fetch().automaticClustering == true)
            try await tables.create(TableModel(name: "plain", columns: [TableColumn(name: "a", datatype: "int")]))
            #expect(try await tables["plain"].fetch().automaticClustering == false)
            #expect(await capturedError { try await tables["plain"].resumeRecluster() }?.code == .badRequest)
            #expect(await capturedError { try await tables["missing"].suspendRecluster() }?.code == .notFound)
            try await tables["missing"].suspendRecluster(ifExists: true)
        }
    }

    @Test("create-like copies columns, constraints and clustering key, empty, with create modes")
    func createLike() async throws {
        try await TestEmulator.withRoot { root, _ in
            try await root.databases.create(DatabaseModel(name: "db"))
            let tables = root.databases["db"].schemas["public"].tables
            try await tables.create(Self.orders(comment: "source"))
            let copy = try await tables["orders"].createLike("orders_copy")
            #expect(copy.name == "orders_copy")
            let table = try await copy.fetch()
            let source = try await tables["orders"].fetch()
            #expect(table.columns == source.columns)
            #expect(table.clusterBy == ["ID"])
            #expect(table.constraints?.count == 1)
            #expect(table.comment == nil)
            #expect(table.rows == 0)
            try await tables.create(named: "other", like: "orders")
            #expect(await capturedError { try await tables.create(named: "other", like: "orders") }?.code == .conflict)
            try await tables.create(named: "other", like: "orders", mode: .ifNotExists)
            try await tables.create(named: "other", like: "orders", mode: .orReplace)
            #expect(try await tables.list(like: "other", history: true, deep: false).collect().count == 2)
            #expect(await capturedError { try await tables.create(named: "x", like: "missing") }?.code == .notFound)
        }
    }

    @Test("clone, within a schema and into another, at a point in time within retention")
    func clone() async throws {
        let clock = ManualClock()
        try await TestEmulator.withRoot(TestEmulator.configuration(clock: clock)) { root, _ in
            try await root.databases.create(DatabaseModel(name: "db"))
            try await root.databases.create(DatabaseModel(name: "db2"))
            let tables = root.databases["db"].schemas["public"].tables
            try await tables.create(Self.orders(comment: "source"))
            clock.advance(by: 600)
            let copy = try await tables["orders"].clone(as: TableModel(name: "copy", comment: "mine"), at: .offset(seconds: -300))
            let cloned = try await copy.fetch()
            #expect(cloned.columns == (try await tables["orders"].fetch().columns))
            #expect(cloned.comment == "mine")
            #expect(cloned.clusterBy == ["ID"])

            let elsewhere = root.databases["db2"].schemas["public"].tables
            try await elsewhere.create(TableModel(name: "far"), cloning: tables["orders"], copyGrants: true)
            #expect(try await elsewhere["far"].fetch().comment == "source")
            #expect(try await elsewhere["far"].fetch().databaseName == "DB2")

            // Before creation, or beyond the retention (1 day): no time travel data.
            let early = await capturedError { try await tables["orders"].clone(as: TableModel(name: "early"), at: .offset(seconds: -3600)) }
            #expect(early?.snowflakeCode == "000707")
            clock.advance(by: 2 * 86_400)
            let late = await capturedError { try await tables["orders"].clone(as: TableModel(name: "late"), at: .offset(seconds: -86_400 - 60)) }
            #expect(late?.snowflakeCode == "000707")
            #expect(late?.code == .badRequest)
        }
    }

    @Test("a transient table cannot be cloned into a permanent one")
    func cloneKinds() async throws {
        try await TestEmulator.withRoot { root, _ in
            try await root.databases.create(DatabaseModel(name: "db"))
            let tables = root.databases["db"].schemas["public"].tables
            try await tables.create(Self.orders(kind: "TRANSIENT"))
            let error = await capturedError { try await tables["orders"].clone(as: TableModel(name: "p", kind: "PERMANENT")) }
            #expect(error?.snowflakeCode == "002304")
            try await tables["orders"].clone(as: TableModel(name: "t", kind: "TRANSIENT"))
            #expect(try await tables["t"].fetch().kind == "TRANSIENT")
        }
    }

    @Test("swap-with exchanges two tables, in one schema or across schemas")
    func swap() async throws {
        try await TestEmulator.withRoot { root, _ in
            try await root.databases.create(DatabaseModel(name: "db"))
            try await root.databases["db"].schemas.create(SchemaModel(name: "other"))
            let tables = root.databases["db"].schemas["public"].tables
            try await tables.create(Self.orders("a", comment: "was a"))
            try await tables.create(TableModel(name: "b", columns: [TableColumn(name: "x", datatype: "date")], comment: "was b"))
            try await tables["a"].swapWith("b")
            #expect(try await tables["a"].fetch().comment == "was b")
            #expect(try await tables["b"].fetch().comment == "was a")
            #expect(try await tables["b"].fetch().columns?.count == 3)

            let other = root.databases["db"].schemas["other"].tables
            try await other.create(TableModel(name: "c", columns: [TableColumn(name: "y", datatype: "int")], comment: "was c"))
            try await tables["a"].swapWith("c", targetSchema: "other")
            #expect(try await other["c"].fetch().comment == "was b")
            #expect(try await other["c"].fetch().schemaName == "OTHER")
            #expect(try await tables["a"].fetch().comment == "was c")
            #expect(try await tables["a"].fetch().schemaName == "PUBLIC")

            #expect(await capturedError { try await tables["a"].swapWith("missing") }?.code == .notFound)
            #expect(await capturedError { try await tables["a"].swapWith("a") }?.code == .badRequest)
            #expect(await capturedError { try await tables["missing"].swapWith("a") }?.code == .notFound)
            try await tables["missing"].swapWith("a", ifExists: true)
        }
    }

    @Test("drop, undrop, create modes, and tags on a table")
    func lifecycle() async throws {
        try await TestEmulator.withRoot { root, _ in
            try await root.databases.create(DatabaseModel(name: "db"))
            let schema = root.databases["db"].schemas["public"]
            let tables = schema.tables
            try await tables.create(Self.orders(comment: "one"))
            #expect(await capturedError { try await tables.create(Self.orders()) }?.code == .conflict)
            try await tables.create(Self.orders(comment: "two"), mode: .ifNotExists)
            #expect(try await tables["orders"].fetch().comment == "one")
            try await tables.create(Self.orders(comment: "three"), mode: .orReplace, copyGrants: true)
            #expect(try await tables["orders"].fetch().comment == "three")
            try await tables["orders"].drop()
            #expect(await capturedError { _ = try await tables["orders"].fetch() }?.code == .notFound)
            try await tables["orders"].undrop()
            #expect(try await tables["orders"].fetch().comment == "three")

            try await schema.tags.create(TagModel(name: "owner"))
            try await tables["orders"].setTags([schema.tags["owner"]: "ana"])
            #expect(try await tables["orders"].fetchTags().map(\.value.value) == ["ana"])
        }
    }

    @Test("as-select and using-template need SQL: a clear 400, nothing created; the client sends the documented request")
    func needsSQL() async throws {
        try await TestEmulator.withRoot { root, emulator in
            try await root.databases.create(DatabaseModel(name: "db"))
            let tables = root.databases["db"].schemas["public"].tables
            let asSelect = await capturedError {
                try await tables.create(TableModel(name: "t", columns: [TableColumn(name: "a", datatype: "int")]), asSelect: "select 1 as a")
            }
            #expect(asSelect?.code == .badRequest)
            #expect(asSelect?.message?.contains("AS SELECT") == true)
            #expect(asSelect?.operation?.contains("tables:as-select") == true)
            let template = await capturedError { try await tables.create(named: "t", usingTemplate: "select * from table(infer_schema(location => '@s'))") }
            #expect(template?.code == .badRequest)
            #expect(template?.message?.contains("USING TEMPLATE") == true)
            #expect(await capturedError { _ = try await tables["t"].fetch() }?.code == .notFound)

            let http = RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken)
            for path in ["tables/t:as_select?query=select%201", "tables/t:using_template?query=select%201"] {
                let answer = try await http.send("POST", "/api/v2/databases/db/schemas/public/" + path, body: #"{"name":"t"}"#)
                #expect(answer.status == 400)
                #expect(answer.text.contains("does not run SQL"))
            }
        }
    }

    @Test("the legacy underscore actions do what their new spellings do")
    func legacyActions() async throws {
        try await TestEmulator.withRoot { root, emulator in
            try await root.databases.create(DatabaseModel(name: "db"))
            let tables = root.databases["db"].schemas["public"].tables
            try await tables.create(Self.orders())
            try await tables.create(Self.orders("b", comment: "b"))
            let http = RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken)
            let base = "/api/v2/databases/db/schemas/public/tables/orders"
            #expect(try await http.send("POST", base + ":suspend_recluster").status == 200)
            #expect(try await tables["orders"].fetch().automaticClustering == false)
            #expect(try await http.send("POST", base + ":resume_recluster").status == 200)
            #expect(try await tables["orders"].fetch().automaticClustering == true)
            #expect(try await http.send("POST", base + ":create_like?newTableName=copy").status == 200)
            #expect(try await tables["copy"].fetch().columns?.count == 3)
            #expect(try await http.send("POST", base + ":swapwith?targetTableName=db.public.b").status == 200)
            #expect(try await tables["orders"].fetch().comment == "b")
        }
    }
}
