import Foundation
import SnowflakeCore
import SnowflakeEmulator
import SnowflakeTestSupport
import Testing

@Suite("Schemas end to end")
struct SchemaTests {
    @Test("create, fetch, list and drop inside a database")
    func lifecycle() async throws {
        try await TestEmulator.withRoot { root, _ in
            let database = try await root.databases.create(DatabaseModel(name: "db"))
            let schema = try await database.schemas.create(SchemaModel(name: "staging", comment: "c", managedAccess: true))
            let fetched = try await schema.fetch()
            #expect(fetched.name == "STAGING")
            #expect(fetched.databaseName == "DB")
            #expect(fetched.managedAccess == true)
            #expect(fetched.options == "MANAGED ACCESS")
            #expect(fetched.owner == "ACCOUNTADMIN")
            #expect(try await database.schemas.list(like: "st%").collect().map(\.name) == ["STAGING"])
            try await schema.drop()
            #expect(try await database.schemas.list().collect().map(\.name) == ["PUBLIC"])
        }
    }

    @Test("a missing database is reported as such")
    func missingDatabase() async throws {
        try await TestEmulator.withRoot { root, _ in
            let error = await capturedError { try await root.databases["nowhere"].schemas.create(SchemaModel(name: "s")) }
            #expect(error?.code == .notFound)
            #expect(error?.message == "database 'nowhere' does not exist or not authorized.")
            let listing = await capturedError { _ = try await root.databases["nowhere"].schemas.list().collect() }
            #expect(listing?.code == .notFound)
            let missingSchema = await capturedError { _ = try await root.databases["nowhere"].schemas["s"].tasks.list().collect() }
            #expect(missingSchema?.code == .notFound)
        }
    }

    @Test("undrop restores a schema with its tasks")
    func undrop() async throws {
        try await TestEmulator.withRoot { root, _ in
            let database = try await root.databases.create(DatabaseModel(name: "db"))
            let schema = try await database.schemas.create(SchemaModel(name: "s"))
            try await schema.tasks.create(TaskModel(name: "t", definition: "select 1"))
            try await schema.drop()
            #expect(await capturedError { _ = try await schema.tasks["t"].fetch() }?.code == .notFound)
            try await schema.undrop()
            #expect(try await schema.tasks["t"].fetch().name == "T")
        }
    }

    @Test("clone into another database copies the tasks, suspended")
    func cloneAcrossDatabases() async throws {
        try await TestEmulator.withRoot { root, _ in
            let source = try await root.databases.create(DatabaseModel(name: "src"))
            let target = try await root.databases.create(DatabaseModel(name: "dst"))
            let schema = try await source.schemas.create(SchemaModel(name: "s"))
            try await schema.tasks.create(TaskModel(name: "root", definition: "select 1", schedule: .minutes(5)))
            try await schema.tasks.create(TaskModel(name: "child", definition: "select 2", predecessors: ["root"]))
            try await schema.tasks["child"].resume()
            try await schema.tasks["root"].resume()
            let copy = try await schema.clone(as: SchemaModel(name: "s_copy"), targetDatabase: "dst")
            #expect(copy.container.database == "dst")
            let tasks = try await target.schemas["s_copy"].tasks.list().collect()
            #expect(tasks.map(\.name) == ["CHILD", "ROOT"])
            #expect(tasks.allSatisfy { $0.state == .suspended })
            #expect(tasks.first?.predecessors == ["DST.S_COPY.ROOT"])
            #expect(tasks.first?.schemaName == "S_COPY")
        }
    }

    @Test("create-or-alter unsets omitted properties and keeps the schema's objects")
    func createOrAlter() async throws {
        try await TestEmulator.withRoot { root, _ in
            let database = try await root.databases.create(DatabaseModel(name: "db"))
            let schema = database.schemas["s"]
            try await schema.createOrAlter(SchemaModel(name: "s", comment: "x", managedAccess: true))
            try await schema.tasks.create(TaskModel(name: "t", definition: "select 1"))
            try await schema.createOrAlter(SchemaModel(name: "s"))
            let altered = try await schema.fetch()
            #expect(altered.managedAccess == false)
            #expect(altered.comment == nil)
            #expect(try await schema.tasks.list().collect().count == 1)
        }
    }
}
