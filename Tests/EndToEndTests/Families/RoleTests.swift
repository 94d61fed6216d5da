import Foundation
import SnowflakeCore
import SnowflakeEmulator
import SnowflakeTestSupport
import Testing

@Suite("Roles and their grants end to end")
struct RoleTests {
    @Test("the system roles exist from the start, in Snowflake's hierarchy, and cannot be dropped")
    func systemRoles() async throws {
        try await TestEmulator.withRoot { root, _ in
            let names = try await root.roles.list().collect().map(\.name)
            #expect(names == ["ACCOUNTADMIN", "ORGADMIN", "PUBLIC", "SECURITYADMIN", "SYSADMIN", "USERADMIN"])
            let admin = try #require(try await root.roles.list(like: "accountadmin").collect().first)
            #expect(admin.isCurrent == true)
            #expect(admin.isDefault == true)
            #expect(admin.grantedRoles == 2)
            #expect(admin.assignedToUsers == 1)
            let sysadmin = try #require(try await root.roles.list(like: "sysadmin").collect().first)
            #expect(sysadmin.isInherited == true)
            #expect(sysadmin.grantedToRoles == 1)
            #expect(try await root.roles["securityadmin"].grantsTo().map { $0.securable?.name } == ["USERADMIN"])
            for name in ["ACCOUNTADMIN", "PUBLIC", "sysadmin"] {
                #expect(await capturedError { try await root.roles[name].drop() }?.code == .badRequest)
            }
            #expect(await capturedError { try await root.roles.create(RoleModel(name: "public"), mode: .orReplace) }?.code == .badRequest)
            #expect(try await root.roles.list().collect().count == 6)
        }
    }

    @Test("create, list with SHOW filters, drop; fetch finds a role by listing, as the API has no fetch")
    func lifecycle() async throws {
        try await TestEmulator.withRoot { root, emulator in
            try await root.roles.create(RoleModel(name: "analyst", comment: "reads"))
            try await root.roles.create(RoleModel(name: "analyst_lead"))
            #expect(await capturedError { try await root.roles.create(RoleModel(name: "ANALYST")) }?.code == .conflict)
            try await root.roles.create(RoleModel(name: "analyst", comment: "kept?"), mode: .ifNotExists)
            let analyst = try #require(try await root.roles.list(like: "analyst").collect().first)
            #expect(analyst.comment == "reads")
            #expect(analyst.owner == "ACCOUNTADMIN")
            #expect(analyst.isCurrent == false && analyst.isInherited == false)
            #expect(try await root.roles.list(startsWith: "ANALYST", fromName: "ANALYST").collect().map(\.name) == ["ANALYST_LEAD"])
            #expect(try await root.roles["analyst"].fetch().comment == "reads")   // by listing: the API has no fetch
            let raw = try await RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken).send("GET", "/api/v2/roles/analyst")
            #expect(raw.status == 405)
            try await root.roles["analyst"].drop()
            #expect(await capturedError { try await root.roles["analyst"].drop() }?.code == .notFound)
            try await root.roles["analyst"].drop(ifExists: true)
        }
    }

    @Test("privileges on objects: validated, listed one per privilege with ownership, revoked")
    func privileges() async throws {
        try await TestEmulator.withRoot { root, _ in
            try await root.databases.create(DatabaseModel(name: "sales"))
            try await root.roles.create(RoleModel(name: "analyst"))
            let analyst = root.roles["analyst"]
            try await analyst.grantPrivileges(["usage", "MONITOR"], on: "database", Securable(name: "sales"), grantOption: true)
            try await analyst.grantPrivileges(["CREATE DATABASE"], on: "ACCOUNT", nil)
            try await analyst.grantPrivileges(["all"], on: "SCHEMA", Securable(database: "sales", name: "public"))
            let held = try await analyst.grantsTo()
            let database = held.filter { $0.securableType == "DATABASE" }
            #expect(database.map { $0.privileges ?? [] } == [["USAGE"], ["MONITOR"]])
            #expect(database.allSatisfy { $0.grantOption == true && $0.grantedBy == "ACCOUNTADMIN" && $0.securable?.name == "SALES" })
            #expect(held.contains { $0.securableType == "ACCOUNT" && $0.privileges == ["CREATE DATABASE"] })
            #expect(held.filter { $0.securableType == "SCHEMA" }.count > 10)
            #expect(try await analyst.grantsTo(showLimit: 2).count == 2)

            // What Snowflake refuses, and nothing is recorded.
            let before = try await analyst.grantsTo().count
            for (privileges, type, securable, code) in [
                (["SELECT"], "DATABASE", Securable(name: "sales"), SnowflakeError.Code.badRequest),
                (["USAGE", "NO SUCH"], "DATABASE", Securable(name: "sales"), .badRequest),
                (["USAGE"], "DATABASE", Securable(name: "missing"), .notFound),
                (["USAGE"], "SCHEMA", Securable(database: "sales", name: "missing"), .notFound),
                (["SELECT"], "TABLE", Securable(database: "sales", schema: "public", name: "t1"), .notFound),
                (["SELECT"], "SANDWICH", Securable(name: "t1"), .badRequest),
            ] {
                #expect(await capturedError { try await analyst.grantPrivileges(privileges, on: type, securable) }?.code == code)
            }
            #expect(try await analyst.grantsTo().count == before)
            #expect(await capturedError { try await root.roles["nobody"].grantPrivileges(["USAGE"], on: "DATABASE", Securable(name: "sales")) }?.code == .notFound)

            try await analyst.revokeGrantOption(for: ["USAGE"], on: "DATABASE", Securable(name: "sales"))
            try await analyst.revokePrivileges(["MONITOR"], on: "DATABASE", Securable(name: "sales"))
            try await analyst.revokePrivileges(["MONITOR"], on: "DATABASE", Securable(name: "sales"))  // not held: fine
            let after = try await analyst.grantsTo().filter { $0.securableType == "DATABASE" }
            #expect(after.map { $0.privileges ?? [] } == [["USAGE"]])
            #expect(after.first?.grantOption == false)

            // Ownership shows among the role's grants once it owns something.
            try await root.roles["accountadmin"].grantRole(Securable(name: "analyst"))
            var connection = root.configuration
            connection.role = "analyst"
            let asAnalyst = try Root(connection)
            try await asAnalyst.databases.create(DatabaseModel(name: "scratch"))
            #expect(try await asAnalyst.databases["scratch"].fetch().owner == "ANALYST")
            #expect(try await analyst.grantsTo().contains { $0.securableType == "DATABASE" && $0.privileges == ["OWNERSHIP"] && $0.securable?.name == "SCRATCH" })
            // Dropping an object takes its grants.
            try await root.databases["sales"].drop()
            #expect(try await analyst.grantsTo().contains { $0.securable?.name == "SALES" || $0.securable?.database == "SALES" } == false)
        }
    }

    @Test("revoking a privilege the grantee granted on: restrict refuses, cascade takes the dependents")
    func dependentGrants() async throws {
        try await TestEmulator.withRoot { root, emulator in
            try await root.databases.create(DatabaseModel(name: "sales"))
            try await root.roles.create(RoleModel(name: "lead"))
            try await root.roles.create(RoleModel(name: "junior"))
            try await root.roles["lead"].grantPrivileges(["USAGE"], on: "DATABASE", Securable(name: "sales"), grantOption: true)
            try await root.roles["accountadmin"].grantRole(Securable(name: "lead"))
            var connection = root.configuration
            connection.role = "lead"
            try await Root(connection).roles["junior"].grantPrivileges(["USAGE"], on: "DATABASE", Securable(name: "sales"))
            #expect(try await root.roles["junior"].grantsTo().first?.grantedBy == "LEAD")
            let error = await capturedError { try await root.roles["lead"].revokePrivileges(["USAGE"], on: "DATABASE", Securable(name: "sales"), mode: .restrict) }
            #expect(error?.code == .badRequest)
            #expect(error?.response?.message?.contains("Dependent grant") == true)
            #expect(try await root.roles["lead"].grantsTo().contains { $0.securable?.name == "SALES" })
            try await root.roles["lead"].revokePrivileges(["USAGE"], on: "DATABASE", Securable(name: "sales"), mode: .cascade)
            #expect(try await root.roles["junior"].grantsTo().isEmpty)
            _ = emulator
        }
    }

    @Test("roles granted to roles and users: hierarchy, cycles refused, grants-of and grants-on, acting as a granted role")
    func roleGrants() async throws {
        try await TestEmulator.withRoot { root, _ in
            for name in ["a", "b", "c"] { try await root.roles.create(RoleModel(name: name)) }
            try await root.roles["b"].grantRole(Securable(name: "a"))      // B holds A
            try await root.roles["c"].grantRole(Securable(name: "b"))      // C holds B
            for (holder, role) in [("a", "c"), ("a", "a"), ("b", "c")] {
                #expect(await capturedError { try await root.roles[holder].grantRole(Securable(name: role)) }?.code == .badRequest)
            }
            try await root.users.create(UserModel(name: "alice"))
            try await root.users["alice"].grantRole("c")
            #expect(try await root.users["alice"].grantsTo().map { $0.securable?.name } == ["C"])
            #expect(await capturedError { try await root.users["alice"].grantRole("missing") }?.code == .notFound)
            let rows = try await root.roles["a"].grantsOf()
            #expect(rows.map { "\($0.grantedTo ?? "")=\($0.granteeName ?? "")" } == ["ROLE=B"])
            #expect(try await root.roles["c"].grantsOf().map(\.grantedTo) == ["USER"])
            let on = try await root.roles["a"].grantsOn()
            #expect(on.map(\.privilege) == ["OWNERSHIP"])
            #expect(on.first?.granteeName == "ACCOUNTADMIN")
            let b = try #require(try await root.roles.list(like: "b").collect().first)
            #expect((b.grantedRoles, b.grantedToRoles, b.assignedToUsers) == (1, 1, 0))

            // The administrator may act as a role only once it holds it.
            var connection = root.configuration
            connection.role = "a"
            #expect(await capturedError { _ = try await Root(connection).databases.list().collect() }?.code == .forbidden)
            try await root.users["admin"].grantRole("c")
            #expect(try await Root(connection).databases.list().collect().isEmpty)

            try await root.roles["c"].revokeRole(Securable(name: "b"))
            #expect(try await root.roles["c"].grantsTo().contains { $0.securableType == "ROLE" } == false)
            try await root.users["alice"].revokeRole("c")
            #expect(try await root.users["alice"].grantsTo().isEmpty)
            // Dropping a role takes the grants of it and to it.
            try await root.roles["a"].drop()
            #expect(try await root.roles["b"].grantsTo().isEmpty)
        }
    }

    @Test("grants on all objects in a scope, and future grants applied to objects created later")
    func bulkAndFuture() async throws {
        try await TestEmulator.withRoot { root, _ in
            try await root.databases.create(DatabaseModel(name: "sales"))
            try await root.databases["sales"].schemas.create(SchemaModel(name: "raw"))
            try await root.roles.create(RoleModel(name: "reader"))
            let reader = root.roles["reader"]
            try await reader.grantPrivilegesOnAll(["USAGE"], on: "schema", in: ContainingScope(database: "sales"))
            #expect(Set(try await reader.grantsTo().compactMap { $0.securable?.name }) == ["PUBLIC", "RAW"])

            try await reader.grantFuturePrivileges(["USAGE"], on: "schema", in: ContainingScope(database: "sales"))
            try await reader.grantFuturePrivileges(["MONITOR", "OPERATE"], on: "task", in: ContainingScope(database: "sales", schema: "raw"))
            let future = try await reader.futureGrantsTo()
            #expect(future.count == 3)
            #expect(future.first?.containingScope == ContainingScope(database: "SALES"))
            #expect(future.first?.securableType == "SCHEMA")

            try await root.databases["sales"].schemas.create(SchemaModel(name: "marts"))
            try await root.databases["sales"].schemas["raw"].tasks.create(TaskModel(name: "load", definition: "select 1"))
            let held = try await reader.grantsTo()
            #expect(held.contains { $0.securableType == "SCHEMA" && $0.securable?.name == "MARTS" })
            #expect(Set(held.filter { $0.securableType == "TASK" }.flatMap { $0.privileges ?? [] }) == ["MONITOR", "OPERATE"])

            try await reader.revokeFuturePrivileges(["MONITOR", "OPERATE"], on: "task", in: ContainingScope(database: "sales", schema: "raw"))
            try await root.databases["sales"].schemas["raw"].tasks.create(TaskModel(name: "later", definition: "select 1"))
            #expect(try await reader.grantsTo().contains { $0.securable?.name == "LATER" } == false)
            try await reader.revokePrivilegesOnAll(["USAGE"], on: "schema", in: ContainingScope(database: "sales"))
            #expect(try await reader.grantsTo().contains { $0.securableType == "SCHEMA" } == false)

            // Tables: privileges on all existing ones, and future ones get theirs on creation.
            let tables = root.databases["sales"].schemas["raw"].tables
            try await tables.create(TableModel(name: "orders", columns: [TableColumn(name: "id", datatype: "int")]))
            try await reader.grantPrivilegesOnAll(["SELECT"], on: "table", in: ContainingScope(database: "sales", schema: "raw"))
            try await reader.grantFuturePrivileges(["SELECT", "INSERT"], on: "table", in: ContainingScope(database: "sales", schema: "raw"))
            try await tables.create(TableModel(name: "returns", columns: [TableColumn(name: "id", datatype: "int")]))
            let onTables = try await reader.grantsTo().filter { $0.securableType == "TABLE" }
            #expect(Set(onTables.map { "\($0.securable?.name ?? "")/\($0.privileges?.first ?? "")" }) == ["ORDERS/SELECT", "RETURNS/SELECT", "RETURNS/INSERT"])
            #expect(await capturedError { try await reader.grantPrivileges(["USAGE"], on: "table", Securable(database: "sales", schema: "raw", name: "orders")) }?.code == .badRequest)

            #expect(await capturedError { try await reader.grantFuturePrivileges(["USAGE"], on: "schema", in: ContainingScope(database: "missing")) }?.code == .notFound)
            #expect(await capturedError { try await reader.grantFuturePrivileges(["USAGE"], on: "database", in: ContainingScope(database: "sales")) }?.code == .badRequest)
        }
    }

    @Test("database roles: create, list by page, clone with their privileges, grants inside their database, drop with it")
    func databaseRoles() async throws {
        try await TestEmulator.withRoot { root, emulator in
            try await root.databases.create(DatabaseModel(name: "sales"))
            try await root.databases.create(DatabaseModel(name: "other"))
            let roles = root.databases["sales"].databaseRoles
            try await roles.create(DatabaseRoleModel(name: "reader", comment: "reads"))
            try await roles.create(DatabaseRoleModel(name: "writer"))
            #expect(await capturedError { try await roles.create(DatabaseRoleModel(name: "reader")) }?.code == .conflict)
            #expect(try await roles.list().collect().map(\.name) == ["READER", "WRITER"])
            #expect(try await roles.list(showLimit: 1, fromName: "READER").collect().map(\.name) == ["WRITER"])
            let reader = try #require(try await roles.list().collect().first)
            #expect((reader.comment, reader.owner, reader.ownerRoleType) == ("reads", "ACCOUNTADMIN", "ROLE"))

            try await roles["reader"].grantPrivileges(["USAGE"], on: "SCHEMA", Securable(database: "sales", name: "public"))
            #expect(await capturedError { try await roles["reader"].grantPrivileges(["USAGE"], on: "DATABASE", Securable(name: "other")) }?.code == .badRequest)
            try await roles["writer"].grantRole(Securable(database: "sales", name: "reader"), type: "DATABASE ROLE")
            try await root.roles.create(RoleModel(name: "analyst"))
            try await root.roles["analyst"].grantRole(Securable(database: "sales", name: "writer"), type: "DATABASE ROLE")
            let writer = try #require(try await roles.list(fromName: "T").collect().first)
            #expect((writer.grantedDatabaseRoles, writer.grantedToRoles, writer.grantedToDatabaseRoles) == (1, 1, 0))
            #expect(await capturedError { try await roles["reader"].grantRole(Securable(database: "sales", name: "writer"), type: "DATABASE ROLE") }?.code == .badRequest)

            try await roles["reader"].clone(as: DatabaseRoleModel(name: "reader2"))
            #expect(try await roles["reader2"].grantsTo().map(\.securableType) == ["SCHEMA"])
            try await roles["reader"].clone(as: DatabaseRoleModel(name: "reader"), targetDatabase: "other")
            #expect(try await root.databases["other"].databaseRoles.list().collect().map(\.name) == ["READER"])
            #expect(try await roles["reader"].fetch().comment == "reads")

            let rows = try await root.grants.to(.databaseRole("sales.reader"))
            #expect(rows.map(\.granteeType) == ["DATABASE_ROLE"])
            #expect(rows.first?.securableName == "SALES.PUBLIC")

            try await root.databases["sales"].drop()
            #expect(await capturedError { _ = try await roles.list().collect() }?.code == .notFound)
            #expect(try await root.roles["analyst"].grantsTo().isEmpty)
            _ = emulator
        }
    }

    @Test("the account-wide grants API: one object, all and future objects, revoke per privilege, listing")
    func accountGrants() async throws {
        try await TestEmulator.withRoot { root, emulator in
            try await root.databases.create(DatabaseModel(name: "sales"))
            try await root.roles.create(RoleModel(name: "analyst"))
            try await root.grants.grant(["USAGE", "CREATE SCHEMA"], on: .database("sales"), to: .role("analyst"), grantOption: true)
            try await root.grants.grant(["CREATE DATABASE"], on: .currentAccount, to: .role("analyst"))
            try await root.grants.grant(["USAGE"], on: .all("SCHEMAS", inDatabase: "sales"), to: .role("analyst"))
            try await root.grants.grant(["MONITOR"], on: .future("TASKS", inSchema: "sales.public"), to: .role("analyst"))
            try await root.grants.grant([], on: .role("analyst"), to: .user("admin"))
            let rows = try await root.grants.to(.role("analyst"))
            #expect(rows.contains { $0.securableType == "DATABASE" && $0.privileges == ["CREATE SCHEMA"] && $0.grantOption == true })
            #expect(rows.contains { $0.securableType == "ACCOUNT" && $0.securableName == "EMULATOR" })
            #expect(rows.contains { $0.securableType == "SCHEMA" && $0.securableName == "SALES.PUBLIC" })
            #expect(rows.allSatisfy { $0.granteeType == "ROLE" && $0.granteeName == "ANALYST" && $0.grantedByName == "ACCOUNTADMIN" })
            #expect(try await root.grants.to(.user("admin")).map(\.securableName).contains("ANALYST"))
            #expect(try await root.roles["analyst"].futureGrantsTo().map(\.securableType) == ["TASK"])

            try await root.grants.revoke(["CREATE SCHEMA"], on: .database("sales"), from: .role("analyst"), grantOptionOnly: true)
            try await root.grants.revoke(["USAGE"], on: .database("sales"), from: .role("analyst"))
            let database = try await root.grants.to(.role("analyst")).filter { $0.securableType == "DATABASE" }
            #expect(database.map(\.privileges) == [["CREATE SCHEMA"]])
            #expect(database.first?.grantOption == false)

            #expect(await capturedError { try await root.grants.grant(["USAGE"], on: .database("sales"), to: .share("s1")) }?.code == .notFound)
            #expect(await capturedError { try await root.grants.grant(["USAGE"], on: .database("sales"), to: .user("admin")) }?.code == .badRequest)
            #expect(await capturedError { try await root.grants.grant(["USAGE"], on: .database("nope"), to: .role("analyst")) }?.code == .notFound)
            let raw = try await RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken).send(
                "POST", "/api/v2/grants/role/analyst/database/sales/privileges", body: #"{"privileges":"USAGE"}"#)
            #expect(raw.status == 400)
        }
    }
}
