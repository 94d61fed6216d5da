import Foundation
import SnowflakeCore
import SnowflakeEmulator
import SnowflakeTestSupport
import Testing

@Suite("Databases end to end")
struct DatabaseTests {
    @Test("create, fetch with server-filled fields, and the PUBLIC schema")
    func createAndFetch() async throws {
        try await TestEmulator.withRoot { root, _ in
            let reference = try await root.databases.create(DatabaseModel(name: "sales", comment: "numbers"))
            #expect(reference.name == "sales")
            let database = try await reference.fetch()
            #expect(database.name == "SALES")
            #expect(database.kind == "PERMANENT")
            #expect(database.comment == "numbers")
            #expect(database.owner == "ACCOUNTADMIN")
            #expect(database.ownerRoleType == "ROLE")
            #expect(database.retentionTime == 1)
            #expect(database.createdOn != nil)
            #expect(database.droppedOn == nil)
            let schemas = try await reference.schemas.list().collect()
            #expect(schemas.map(\.name) == ["PUBLIC"])
            #expect(schemas.first?.owner == "ACCOUNTADMIN")
        }
    }

    @Test("create modes: conflict, if-not-exists keeps, or-replace replaces")
    func createModes() async throws {
        let clock = ManualClock()
        try await TestEmulator.withRoot(TestEmulator.configuration(clock: clock)) { root, _ in
            try await root.databases.create(DatabaseModel(name: "d", comment: "first"))
            let conflict = await capturedError { try await root.databases.create(DatabaseModel(name: "D")) }
            #expect(conflict?.code == .conflict)
            #expect(conflict?.snowflakeCode == "002002")
            #expect(conflict?.message == "object 'd' already exists.")

            try await root.databases.create(DatabaseModel(name: "d", comment: "second"), mode: .ifNotExists)
            let kept = try await root.databases["d"].fetch()
            #expect(kept.comment == "first")

            clock.advance(by: 60)
            try await root.databases.create(DatabaseModel(name: "d", comment: "third"), mode: .orReplace)
            let replaced = try await root.databases["d"].fetch()
            #expect(replaced.comment == "third")
            #expect(replaced.createdOn! > kept.createdOn!)
            let history = try await root.databases.list(ListOptions(like: "d", history: true)).collect()
            #expect(history.count == 2, "the replaced database is kept as a dropped version")
            #expect(history.filter { $0.droppedOn != nil }.map(\.comment) == ["first"])
        }
    }

    @Test("listing: like is case-insensitive, startsWith case-sensitive, showLimit and fromName page in name order")
    func listingFilters() async throws {
        try await TestEmulator.withRoot { root, _ in
            for name in ["alpha", "alpine", "beta", "\"alps\"", "gamma_1", "gammax1"] {
                try await root.databases.create(DatabaseModel(name: name))
            }
            func names(_ options: ListOptions, pageSize: Int = 1000) async throws -> [String] {
                try await root.databases.list(options, pageSize: pageSize).collect().map(\.name)
            }
            #expect(try await names(ListOptions()) == ["ALPHA", "ALPINE", "BETA", "GAMMAX1", "GAMMA_1", "alps"])
            #expect(try await names(ListOptions(like: "al%")) == ["ALPHA", "ALPINE", "alps"])
            #expect(try await names(ListOptions(like: "gamma_1")) == ["GAMMAX1", "GAMMA_1"])
            #expect(try await names(ListOptions(like: "gamma\\_1")) == ["GAMMA_1"])
            #expect(try await names(ListOptions(like: "")) == [])
            #expect(try await names(ListOptions(startsWith: "AL")) == ["ALPHA", "ALPINE"])
            #expect(try await names(ListOptions(startsWith: "al")) == ["alps"])
            #expect(try await names(ListOptions(showLimit: 2)) == ["ALPHA", "ALPINE"])
            #expect(try await names(ListOptions(fromName: "ALPINE")) == ["BETA", "GAMMAX1", "GAMMA_1", "alps"])
            #expect(try await names(ListOptions(showLimit: 2, fromName: "B")) == ["BETA", "GAMMAX1"])
            #expect(try await names(ListOptions(), pageSize: 2) == ["ALPHA", "ALPINE", "BETA", "GAMMAX1", "GAMMA_1", "alps"])
            #expect(try await names(ListOptions(showLimit: 5), pageSize: 2) == ["ALPHA", "ALPINE", "BETA", "GAMMAX1", "GAMMA_1"])
            let badLimit = await capturedError { _ = try await names(ListOptions(showLimit: 10_001)) }
            #expect(badLimit?.code == .invalidArgument)
            let unsupported = await capturedError { _ = try await names(ListOptions(rootOnly: true)) }
            #expect(unsupported?.code == .invalidArgument)
        }
    }

    @Test("a listing walks past one page, asking for the next page after the last name")
    func pagingRequests() async throws {
        try await TestEmulator.withRoot { root, emulator in
            for index in 0..<7 { try await root.databases.create(DatabaseModel(name: "db_\(index)")) }
            let all = try await root.databases.list(ListOptions(like: "db%"), pageSize: 3).collect()
            #expect(all.map(\.name) == (0..<7).map { "DB_\($0)" })
        }
    }

    @Test("drop, then fetch and drop fail with not found unless ifExists")
    func dropping() async throws {
        try await TestEmulator.withRoot { root, _ in
            try await root.databases.create(DatabaseModel(name: "gone"))
            try await root.databases["gone"].drop()
            let fetch = await capturedError { _ = try await root.databases["gone"].fetch() }
            #expect(fetch?.code == .notFound)
            #expect(fetch?.snowflakeCode == "002003")
            #expect(fetch?.message == "database 'gone' does not exist or not authorized.")
            let drop = await capturedError { try await root.databases["gone"].drop() }
            #expect(drop?.code == .notFound)
            try await root.databases["gone"].drop(ifExists: true)
        }
    }

    @Test("undrop restores the newest dropped version with its contents, within retention")
    func undropping() async throws {
        let clock = ManualClock()
        try await TestEmulator.withRoot(TestEmulator.configuration(clock: clock)) { root, _ in
            let database = try await root.databases.create(DatabaseModel(name: "keep"))
            try await database.schemas.create(SchemaModel(name: "raw"))
            try await database.schemas["raw"].tasks.create(TaskModel(name: "load", definition: "select 1"))
            try await database.drop()
            #expect(await capturedError { _ = try await database.schemas["raw"].fetch() }?.code == .notFound)
            try await database.undrop()
            #expect(try await database.schemas.list().collect().map(\.name) == ["PUBLIC", "RAW"])
            #expect(try await database.schemas["raw"].tasks["load"].fetch().definition == "select 1")

            let again = await capturedError { try await database.undrop() }
            #expect(again?.code == .conflict, "a live database holds the name")

            try await database.drop()
            try await root.databases.create(DatabaseModel(name: "keep"))
            #expect(await capturedError { try await database.undrop() }?.code == .conflict)
            try await database.drop()
            try await database.undrop()
            #expect(try await database.schemas.list().collect().map(\.name) == ["PUBLIC"], "the newest version comes back")

            try await database.drop()
            clock.advance(by: 2 * 86_400)
            let purged = await capturedError { try await database.undrop() }
            #expect(purged?.code == .badRequest)
            #expect(purged?.snowflakeCode == "090025")
            #expect(await capturedError { try await root.databases["never"].undrop() }?.code == .badRequest)
        }
    }

    @Test("retention of 0 days makes a drop final")
    func zeroRetention() async throws {
        try await TestEmulator.withRoot { root, _ in
            let database = try await root.databases.create(DatabaseModel(name: "brief", dataRetentionTimeInDays: 0))
            try await database.drop()
            #expect(await capturedError { try await database.undrop() }?.code == .badRequest)
        }
    }

    @Test("clone copies the contents as they were at the point of time")
    func cloning() async throws {
        let clock = ManualClock()
        try await TestEmulator.withRoot(TestEmulator.configuration(clock: clock)) { root, _ in
            let source = try await root.databases.create(DatabaseModel(name: "src"))
            try await source.schemas["public"].tasks.create(TaskModel(name: "t", definition: "select 1", schedule: .minutes(10)))
            try await source.schemas["public"].tasks["t"].resume()
            clock.advance(by: 600)
            try await source.schemas.create(SchemaModel(name: "later"))
            clock.advance(by: 600)

            let now = try await source.clone(as: DatabaseModel(name: "copy_now"))
            #expect(now.name == "copy_now")
            #expect(try await now.schemas.list().collect().map(\.name) == ["LATER", "PUBLIC"])
            let task = try await now.schemas["public"].tasks["t"].fetch()
            #expect(task.state == .suspended, "cloned tasks are suspended")
            #expect(task.databaseName == "COPY_NOW")
            #expect(try await source.schemas["public"].tasks["t"].fetch().state == .started)

            let earlier = try await source.clone(as: DatabaseModel(name: "copy_then"), at: .offset(seconds: -900))
            #expect(try await earlier.schemas.list().collect().map(\.name) == ["PUBLIC"])

            let tooEarly = await capturedError { try await source.clone(as: DatabaseModel(name: "x"), at: .offset(seconds: -7200)) }
            #expect(tooEarly?.code == .badRequest)
            let conflict = await capturedError { try await source.clone(as: DatabaseModel(name: "copy_now")) }
            #expect(conflict?.code == .conflict)
            let missing = await capturedError { try await root.databases["nope"].clone(as: DatabaseModel(name: "x")) }
            #expect(missing?.code == .notFound)

            let transient = try await root.databases.create(DatabaseModel(name: "tmp", kind: "TRANSIENT"))
            let refused = await capturedError { try await transient.clone(as: DatabaseModel(name: "perm")) }
            #expect(refused?.code == .badRequest)
            try await transient.clone(as: DatabaseModel(name: "tmp2", kind: "TRANSIENT"))
        }
    }

    @Test("create-or-alter creates, alters, unsets omitted properties and refuses a kind change")
    func createOrAlter() async throws {
        try await TestEmulator.withRoot { root, _ in
            let database = root.databases["evolving"]
            try await database.createOrAlter(DatabaseModel(name: "evolving", comment: "v1", logLevel: "INFO"))
            let created = try await database.fetch()
            #expect(created.comment == "v1")
            try await database.createOrAlter(DatabaseModel(name: "evolving", comment: "v2"))
            let altered = try await database.fetch()
            #expect(altered.comment == "v2")
            #expect(altered.logLevel == nil)
            #expect(altered.createdOn == created.createdOn)
            let kind = await capturedError { try await database.createOrAlter(DatabaseModel(name: "evolving", kind: "TRANSIENT")) }
            #expect(kind?.code == .badRequest)
            let mismatch = await capturedError { try await database.createOrAlter(DatabaseModel(name: "other")) }
            #expect(mismatch?.code == .badRequest)
        }
    }

    @Test("quoted names keep their case and special characters round-trip through paths")
    func quotedNames() async throws {
        try await TestEmulator.withRoot { root, _ in
            try await root.databases.create(DatabaseModel(name: "\"My DB/1\""))
            try await root.databases.create(DatabaseModel(name: "\"lower\""))
            let special = try await root.databases["\"My DB/1\""].fetch()
            #expect(special.name == "\"My DB/1\"")
            #expect(try await root.databases["\"lower\""].fetch().name == "lower")
            #expect(await capturedError { _ = try await root.databases["lower"].fetch() }?.code == .notFound)
            let invalid = await capturedError { try await root.databases.create(DatabaseModel(name: "my db")) }
            #expect(invalid?.code == .badRequest)
        }
    }
}
