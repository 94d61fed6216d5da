import Foundation
import SnowflakeCore
import SnowflakeEmulator
import SnowflakeTestSupport
import Testing

/// What every taggable reference offers, so one table drives the tests over families.
protocol TagTarget: Sendable {
    var fullyQualifiedName: String { get }
    func setTags(_ tags: KeyValuePairs<TagResource, TagValue>, ifExists: Bool?) async throws
    func setTags(_ assignments: [TagAssignment], ifExists: Bool?) async throws
    func unsetTags(_ tags: [TagResource], ifExists: Bool?) async throws
    func fetchTags(withLineage: Bool?) async throws -> [AssignedTag]
    func drop(ifExists: Bool?) async throws
}

extension ResourceReference: TagTarget where Family: Taggable {}

extension TagTarget {
    /// The tags as `NAME=value@LEVEL` strings, in the server's order.
    func shown(withLineage: Bool? = nil) async throws -> [String] {
        try await fetchTags(withLineage: withLineage).map { "\($0.tag.fullyQualifiedName)=\($0.value.value)@\($0.value.level ?? "")" }
    }
}

@Suite("Tag assignments end to end")
struct TagAssignmentTests {
    /// One taggable family: how to make an object of it and the level its tags report.
    struct Target: Sendable, CustomTestStringConvertible {
        let level: String
        let create: @Sendable (Root, String) async throws -> Void
        let reference: @Sendable (Root, String) -> any TagTarget
        var testDescription: String { level.lowercased() }
    }

    static let targets: [Target] = [
        Target(
            level: "DATABASE",
            create: { root, name in try await root.databases.create(DatabaseModel(name: name)) },
            reference: { root, name in root.databases[name] }),
        Target(
            level: "SCHEMA",
            create: { root, name in try await root.databases["app"].schemas.create(SchemaModel(name: name)) },
            reference: { root, name in root.databases["app"].schemas[name] }),
        Target(
            level: "TASK",
            create: { root, name in try await root.databases["app"].schemas["public"].tasks.create(TaskModel(name: name, definition: "select 1")) },
            reference: { root, name in root.databases["app"].schemas["public"].tasks[name] }),
        Target(
            level: "USER",
            create: { root, name in try await root.users.create(UserModel(name: name)) },
            reference: { root, name in root.users[name] }),
        Target(
            level: "ROLE",
            create: { root, name in try await root.roles.create(RoleModel(name: name)) },
            reference: { root, name in root.roles[name] }),
        Target(
            level: "DATABASE ROLE",
            create: { root, name in try await root.databases["app"].databaseRoles.create(DatabaseRoleModel(name: name)) },
            reference: { root, name in root.databases["app"].databaseRoles[name] }),
        Target(
            level: "WAREHOUSE",
            create: { root, name in try await root.warehouses.create(WarehouseModel(name: name)) },
            reference: { root, name in root.warehouses[name] }),
        Target(
            level: "COMPUTE POOL",
            create: { root, name in try await root.computePools.create(ComputePoolModel(name: name, minNodes: 1, maxNodes: 1, instanceFamily: "CPU_X64_XS")) },
            reference: { root, name in root.computePools[name] }),
        Target(
            level: "NETWORK POLICY",
            create: { root, name in try await root.networkPolicies.create(NetworkPolicyModel(name: name, allowedIpList: ["10.0.0.0/8"])) },
            reference: { root, name in root.networkPolicies[name] }),
        Target(
            level: "INTEGRATION",
            create: { root, name in
                try await root.notificationIntegrations.create(
                    NotificationIntegrationModel(name: name, notificationHook: .email(NotificationEmail(defaultSubject: "hi"))))
            },
            reference: { root, name in root.notificationIntegrations[name] }),
    ]

    /// Runs `body` with `gov.tags.cost_center` (allowed values `finance`, `engineering`) and
    /// `gov.tags.owner` (any value), and a database `app` for the objects.
    private func withTags(
        clock: ManualClock = ManualClock(), _ body: @Sendable (Root, RunningEmulator, TagCollection) async throws -> Void
    ) async throws {
        try await TestEmulator.withRoot(TestEmulator.configuration(clock: clock)) { root, emulator in
            try await root.databases.create(DatabaseModel(name: "gov"))
            try await root.databases["gov"].schemas.create(SchemaModel(name: "tags"))
            let tags = root.databases["gov"].schemas["tags"].tags
            try await tags.create(TagModel(name: "cost_center", allowedValues: ["finance", "engineering"]))
            try await tags.create(TagModel(name: "owner"))
            try await root.databases.create(DatabaseModel(name: "app"))
            try await body(root, emulator, tags)
        }
    }

    @Test("set, read back, replace a value, unset, and unset again", arguments: targets)
    func setAndUnset(_ target: Target) async throws {
        try await withTags { root, _, tags in
            try await target.create(root, "tagged")
            let object = target.reference(root, "tagged")
            #expect(try await object.shown().isEmpty)
            try await object.setTags([tags["cost_center"]: "finance", tags["owner"]: "ana"], ifExists: nil)
            #expect(try await object.shown() == ["GOV.TAGS.COST_CENTER=finance@\(target.level)", "GOV.TAGS.OWNER=ana@\(target.level)"])
            try await object.setTags([tags["cost_center"]: "engineering"], ifExists: nil)
            #expect(try await object.shown() == ["GOV.TAGS.COST_CENTER=engineering@\(target.level)", "GOV.TAGS.OWNER=ana@\(target.level)"])
            try await object.unsetTags([tags["owner"]], ifExists: nil)
            #expect(try await object.shown() == ["GOV.TAGS.COST_CENTER=engineering@\(target.level)"])
            try await object.unsetTags([tags["owner"], tags["cost_center"]], ifExists: nil)
            #expect(try await object.shown().isEmpty)
        }
    }

    @Test("refusals: unknown tag, value not allowed, value too long, tag named twice, missing object", arguments: targets)
    func refusals(_ target: Target) async throws {
        try await withTags { root, _, tags in
            try await target.create(root, "tagged")
            let object = target.reference(root, "tagged")
            try await object.setTags([tags["owner"]: "ana"], ifExists: nil)

            let unknown = await capturedError { try await object.setTags([tags["nope"]: "x"], ifExists: nil) }
            #expect(unknown?.code == .notFound)
            #expect(unknown?.snowflakeCode == "002003")
            #expect(unknown?.message == "tag 'gov.tags.nope' does not exist or not authorized.")
            #expect(await capturedError { try await object.unsetTags([tags["nope"]], ifExists: nil) }?.code == .notFound)

            let notAllowed = await capturedError { try await object.setTags([tags["cost_center"]: "marketing"], ifExists: nil) }
            #expect(notAllowed?.code == .badRequest)
            #expect(notAllowed?.message?.contains("'marketing'") == true)
            let long = await capturedError { try await object.setTags([tags["owner"]: TagValue(String(repeating: "x", count: 257))], ifExists: nil) }
            #expect(long?.code == .badRequest)
            try await object.setTags([tags["owner"]: TagValue(String(repeating: "é", count: 256))], ifExists: nil)
            let twice = await capturedError { try await object.setTags([tags["owner"]: "a", tags["OWNER"]: "b"], ifExists: nil) }
            #expect(twice?.code == .badRequest)

            let partial = await capturedError { try await object.setTags([tags["owner"]: "bob", tags["cost_center"]: "marketing"], ifExists: nil) }
            #expect(partial?.code == .badRequest)
            #expect(try await object.shown() == ["GOV.TAGS.OWNER=\(String(repeating: "é", count: 256))@\(target.level)"], "a refused call changes nothing")

            let missing = target.reference(root, "missing")
            let notFound = await capturedError { try await missing.setTags([tags["owner"]: "a"], ifExists: nil) }
            #expect(notFound?.code == .notFound)
            #expect(notFound?.message?.hasSuffix("does not exist or not authorized.") == true)
            #expect(await capturedError { try await missing.unsetTags([tags["owner"]], ifExists: nil) }?.code == .notFound)
            #expect(await capturedError { _ = try await missing.fetchTags(withLineage: nil) }?.code == .notFound)
            try await missing.setTags([tags["owner"]: "a"], ifExists: true)
            try await missing.unsetTags([tags["owner"]], ifExists: true)
        }
    }

    @Test("an object has at most 50 tags", arguments: targets)
    func fiftyTags(_ target: Target) async throws {
        try await withTags { root, _, tags in
            try await target.create(root, "tagged")
            let object = target.reference(root, "tagged")
            for index in 0..<51 { try await tags.create(TagModel(name: "t\(index)")) }
            let fifty = (0..<50).map { TagAssignment(tagDatabase: "gov", tagSchema: "tags", tagName: "t\($0)", tagValue: "v") }
            try await object.setTags(fifty, ifExists: nil)
            try await object.setTags([tags["t0"]: "replaced"], ifExists: nil)
            let tooMany = await capturedError { try await object.setTags([tags["t50"]: "v"], ifExists: nil) }
            #expect(tooMany?.code == .badRequest)
            #expect(tooMany?.message?.contains("at most 50") == true)
            #expect(try await object.fetchTags(withLineage: nil).count == 50)
            try await object.unsetTags([tags["t49"]], ifExists: nil)
            try await object.setTags([tags["t50"]: "v"], ifExists: nil)
        }
    }

    @Test("lineage: a task inherits its schema's and database's tags, the nearest setting winning")
    func lineage() async throws {
        try await withTags { root, _, tags in
            let database = root.databases["app"]
            try await database.schemas.create(SchemaModel(name: "etl"))
            let schema = database.schemas["etl"]
            let task = try await schema.tasks.create(TaskModel(name: "load", definition: "select 1"))
            try await tags.create(TagModel(name: "env"))
            try await database.setTags([tags["cost_center"]: "finance", tags["owner"]: "dba", tags["env"]: "prod"])
            try await schema.setTags([tags["owner"]: "etl_team"])
            try await task.setTags([tags["env"]: "test"])

            #expect(try await task.shown() == ["GOV.TAGS.ENV=test@TASK"])
            #expect(try await task.shown(withLineage: false) == ["GOV.TAGS.ENV=test@TASK"])
            #expect(try await task.shown(withLineage: true) == [
                "GOV.TAGS.ENV=test@TASK", "GOV.TAGS.OWNER=etl_team@SCHEMA", "GOV.TAGS.COST_CENTER=finance@DATABASE",
            ])
            #expect(try await schema.shown(withLineage: true) == [
                "GOV.TAGS.OWNER=etl_team@SCHEMA", "GOV.TAGS.COST_CENTER=finance@DATABASE", "GOV.TAGS.ENV=prod@DATABASE",
            ])
            #expect(try await database.shown(withLineage: true) == [
                "GOV.TAGS.COST_CENTER=finance@DATABASE", "GOV.TAGS.ENV=prod@DATABASE", "GOV.TAGS.OWNER=dba@DATABASE",
            ])
            try await root.users.create(UserModel(name: "ana"))
            try await root.users["ana"].setTags([tags["owner"]: "self"])
            #expect(try await root.users["ana"].shown(withLineage: true) == ["GOV.TAGS.OWNER=self@USER"])
        }
    }

    @Test("assignments belong to the object: a new object of the name starts untagged, undrop brings them back")
    func droppedObjects() async throws {
        try await withTags { root, _, tags in
            let task = try await root.databases["app"].schemas["public"].tasks.create(TaskModel(name: "t", definition: "select 1"))
            try await task.setTags([tags["owner"]: "ana"])
            try await task.drop()
            try await root.databases["app"].schemas["public"].tasks.create(TaskModel(name: "t", definition: "select 1"))
            #expect(try await task.shown().isEmpty, "a dropped task is gone for good, with its tags")

            let database = try await root.databases.create(DatabaseModel(name: "keep"))
            try await database.setTags([tags["owner"]: "first"])
            try await database.drop()
            try await database.undrop()
            #expect(try await database.shown() == ["GOV.TAGS.OWNER=first@DATABASE"], "the undropped database has its tags")
            try await database.createOrAlter(DatabaseModel(name: "keep", comment: "altered"))
            #expect(try await database.shown() == ["GOV.TAGS.OWNER=first@DATABASE"], "create-or-alter keeps tags")
            try await root.databases.create(DatabaseModel(name: "keep"), mode: .orReplace)
            #expect(try await database.shown().isEmpty, "a replaced object is a new one")

            try await database.setTags([tags["owner"]: "second"])
            try await database.drop()
            try await root.databases.create(DatabaseModel(name: "keep"))
            #expect(try await database.shown().isEmpty, "a new database of a dropped one's name starts untagged")
        }
    }

    @Test("a dropped tag disappears from objects and comes back with its undrop; a renamed tag stays set")
    func droppedAndRenamedTags() async throws {
        try await withTags { root, _, tags in
            let user = root.users["ana"]
            try await root.users.create(UserModel(name: "ana"))
            try await user.setTags([tags["owner"]: "self", tags["cost_center"]: "finance"])
            try await tags["owner"].drop()
            #expect(try await user.shown() == ["GOV.TAGS.COST_CENTER=finance@USER"])
            #expect(await capturedError { try await user.setTags([tags["owner"]: "x"]) }?.code == .notFound)
            try await tags["owner"].undrop()
            #expect(try await user.shown() == ["GOV.TAGS.COST_CENTER=finance@USER", "GOV.TAGS.OWNER=self@USER"])

            try await tags["owner"].drop()
            try await tags.create(TagModel(name: "owner"))
            #expect(try await user.shown() == ["GOV.TAGS.COST_CENTER=finance@USER"], "a new tag of the name is another tag")

            try await tags["cost_center"].rename(to: "budget", targetDatabase: "app", targetSchema: "public")
            #expect(try await user.shown() == ["APP.PUBLIC.BUDGET=finance@USER"])

            try await root.databases["app"].drop()
            #expect(try await user.shown().isEmpty, "a tag dropped with its database is hidden")
            try await root.databases["app"].undrop()
            #expect(try await user.shown() == ["APP.PUBLIC.BUDGET=finance@USER"])
        }
    }

    @Test("the wire: get-tags answers TagAssignment objects; methods, bodies and defaults are checked")
    func wire() async throws {
        try await withTags { root, emulator, _ in
            try await root.databases["app"].schemas["public"].tasks.create(TaskModel(name: "t", definition: "select 1"))
            try await root.users.create(UserModel(name: "ana"))
            try await root.databases["app"].schemas["public"].tags.create(TagModel(name: "local"))
            let http = RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken)
            let task = "/api/v2/databases/app/schemas/public/tasks/t"

            let set = try await http.send("POST", task + ":set-tags", body: #"[{"tag_name":"local","tag_value":"v","level":"IGNORED"}]"#)
            #expect(set.status == 200, "a tag named alone is looked up in the object's own schema")
            let get = try await http.send("GET", task + ":get-tags?withLineage=true")
            #expect(get.status == 200)
            #expect(get.array?.count == 1)
            let first = try #require(get.array?.first)
            #expect(first["tag_database"] as? String == "APP")
            #expect(first["tag_schema"] as? String == "PUBLIC")
            #expect(first["tag_name"] as? String == "LOCAL")
            #expect(first["tag_value"] as? String == "v")
            #expect(first["level"] as? String == "TASK")

            let unqualified = try await http.send("POST", "/api/v2/users/ana:set-tags", body: #"[{"tag_name":"owner","tag_value":"v"}]"#)
            #expect(unqualified.status == 400, "a user has no schema to look a bare tag name up in")
            for (method, path, status) in [("GET", task + ":set-tags", 405), ("POST", task + ":get-tags", 405), ("GET", task + ":unset-tags", 405)] {
                #expect(try await http.send(method, path, body: method == "POST" ? "[]" : nil).status == status, "\(method) \(path)")
            }
            for body in ["", "[]", "{}", #"[{"tag_name":"owner"}]"#, #"[{"tag_value":"x"}]"#, "not json"] {
                let answer = try await http.send("POST", task + ":set-tags", body: body)
                #expect(answer.status == 400, "body \(body)")
                #expect(answer.object?["message"] != nil)
            }
            #expect(try await http.send("POST", task + ":unset-tags", body: #"[{"tag_database":"gov"}]"#).status == 400)
            #expect(try await http.send("POST", task + ":set-tags?ifExists=maybe", body: "[]").status == 400)
            let tagOnTag = try await http.send("POST", "/api/v2/databases/gov/schemas/tags/tags/owner:set-tags", body: "[]")
            #expect(tagOnTag.status == 404, "tags themselves are not taggable")
        }
    }
}
