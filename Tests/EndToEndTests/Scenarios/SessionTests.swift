import Foundation
import SnowflakeCore
import SnowflakeEmulator
import SnowflakeTestSupport
import Testing

@Suite("The session end to end")
struct SessionTests {
    @Test("defaults: database with its PUBLIC schema, schema, warehouse; each checked to exist")
    func defaults() async throws {
        try await TestEmulator.withRoot { root, _ in
            #expect(try await root.session.defaultDatabase() == nil)
            #expect(try await root.session.defaultRole() == "ACCOUNTADMIN")
            try await root.databases.create(DatabaseModel(name: "sales"))
            try await root.databases["sales"].schemas.create(SchemaModel(name: "raw"))
            try await root.session.useDatabase("sales")
            #expect(try await root.session.defaultDatabase() == "SALES")
            #expect(try await root.session.defaultSchema() == "PUBLIC")
            try await root.session.useSchema("raw")
            #expect(try await root.session.defaultSchema() == "RAW")
            #expect(await capturedError { try await root.session.useDatabase("missing") }?.code == .notFound)
            #expect(await capturedError { try await root.session.useSchema("sales.missing") }?.code == .notFound)
            #expect(await capturedError { try await root.session.useWarehouse("missing") }?.code == .notFound)
            #expect(try await root.session.defaultDatabase() == "SALES")
        }
    }

    @Test("the user's defaults show until the session chooses; the session's role acts for later calls")
    func roles() async throws {
        try await TestEmulator.withRoot { root, _ in
            try await root.databases.create(DatabaseModel(name: "home"))
            try await root.users["admin"].createOrAlter(
                UserModel(name: "admin", defaultNamespace: "home.public", defaultRole: "ACCOUNTADMIN", defaultSecondaryRoles: "NONE"))
            #expect(try await root.session.defaultDatabase() == "HOME")
            #expect(try await root.session.defaultSchema() == "PUBLIC")
            #expect(try await root.session.secondaryRoles() == CurrentSecondaryRoles(roles: "", value: ""))

            try await root.roles.create(RoleModel(name: "builder"))
            #expect(await capturedError { try await root.session.useRole("builder") }?.code == .forbidden)
            #expect(await capturedError { try await root.session.useRole("missing") }?.code == .notFound)
            try await root.users["admin"].grantRole("builder")
            try await root.session.useRole("builder")
            #expect(try await root.session.defaultRole() == "BUILDER")
            try await root.databases.create(DatabaseModel(name: "built"))
            #expect(try await root.databases["built"].fetch().owner == "BUILDER")

            try await root.session.useSecondaryRoles(all: true)
            let secondary = try await root.session.secondaryRoles()
            #expect(secondary.value == "ALL")
            #expect(secondary.roles?.split(separator: ",").contains("ACCOUNTADMIN") == true)
        }
    }

    @Test("effective parameters, filtered like SHOW PARAMETERS")
    func parameters() async throws {
        try await TestEmulator.withRoot { root, _ in
            let all = try await root.session.parameters()
            #expect(all.count > 20)
            let zone = try await root.session.parameters(like: "time%zone")
            #expect(zone.map(\.name) == ["TIMEZONE"])
            #expect(zone.first?.value == "America/Los_Angeles")
            #expect(zone.first?.dataType == "STRING")
            #expect(try await root.session.parameters(like: "nothing%").isEmpty)
        }
    }
}
