import Foundation
import SnowflakeCore
import SnowflakeEmulator
import SnowflakeTestSupport
import Testing

@Suite("Tags end to end")
struct TagTests {
    /// Runs `body` with the tags of a fresh `gov.tags` schema.
    private func withTags(
        clock: ManualClock = ManualClock(), _ body: @Sendable (TagCollection, Root, RunningEmulator) async throws -> Void
    ) async throws {
        try await TestEmulator.withRoot(TestEmulator.configuration(clock: clock)) { root, emulator in
            try await root.databases.create(DatabaseModel(name: "gov"))
            try await root.databases["gov"].schemas.create(SchemaModel(name: "tags"))
            try await body(root.databases["gov"].schemas["tags"].tags, root, emulator)
        }
    }

    @Test("create and fetch: server fields, allowed values without repeats, propagation in upper case")
    func createAndFetch() async throws {
        try await withTags { tags, _, _ in
            let reference = try await tags.create(
                TagModel(name: "cost_center", allowedValues: ["finance", "engineering", "finance"], propagate: "on_dependency",
                         onConflict: "allowed_values_sequence", comment: "who pays"))
            #expect(reference.fullyQualifiedName == "gov.tags.cost_center")
            let tag = try await reference.fetch()
            #expect(tag.name == "COST_CENTER")
            #expect(tag.allowedValues == ["finance", "engineering"])
            #expect(tag.propagate == "ON_DEPENDENCY")
            #expect(tag.onConflict == "ALLOWED_VALUES_SEQUENCE")
            #expect(tag.comment == "who pays")
            #expect(tag.databaseName == "GOV")
            #expect(tag.schemaName == "TAGS")
            #expect(tag.owner == "ACCOUNTADMIN")
            #expect(tag.ownerRoleType == "ROLE")
            #expect(tag.createdOn != nil)
            try await tags.create(TagModel(name: "free"))
            let free = try await tags["free"].fetch()
            #expect(free.allowedValues == nil)
            #expect(free.propagate == nil)
        }
    }

    @Test("create modes: conflict, if-not-exists keeps, or-replace replaces")
    func createModes() async throws {
        try await withTags { tags, _, _ in
            try await tags.create(TagModel(name: "t", comment: "first"))
            let conflict = await capturedError { try await tags.create(TagModel(name: "T")) }
            #expect(conflict?.code == .conflict)
            #expect(conflict?.snowflakeCode == "002002")
            try await tags.create(TagModel(name: "t", comment: "second"), mode: .ifNotExists)
            #expect(try await tags["t"].fetch().comment == "first")
            try await tags.create(TagModel(name: "t", comment: "third"), mode: .orReplace)
            #expect(try await tags["t"].fetch().comment == "third")
        }
    }

    @Test("listing takes like (case-insensitive) and no other filter")
    func listing() async throws {
        try await withTags { tags, root, _ in
            for name in ["pii", "pii_level", "owner", "\"Mixed\""] { try await tags.create(TagModel(name: name)) }
            #expect(try await tags.list().collect().map(\.name) == ["Mixed", "OWNER", "PII", "PII_LEVEL"])
            #expect(try await tags.list(like: "PII%").collect().map(\.name) == ["PII", "PII_LEVEL"])
            #expect(try await tags.list(like: "mixed").collect().map(\.name) == ["Mixed"])
            for options in [ListOptions(startsWith: "P"), ListOptions(showLimit: 1), ListOptions(fromName: "A")] {
                #expect(await capturedError { _ = try await tags.list(options).collect() }?.code == .invalidArgument)
            }
            let missing = await capturedError { _ = try await root.databases["gov"].schemas["nowhere"].tags.list().collect() }
            #expect(missing?.code == .notFound)
            #expect(missing?.message == "schema 'gov.nowhere' does not exist or not authorized.")
        }
    }

    @Test("create-or-alter creates, alters, and unsets what is left out")
    func createOrAlter() async throws {
        try await withTags { tags, _, _ in
            let tag = tags["env"]
            try await tag.createOrAlter(TagModel(name: "env", allowedValues: ["dev", "prod"], comment: "v1"))
            let created = try await tag.fetch()
            #expect(created.allowedValues == ["dev", "prod"])
            try await tag.createOrAlter(TagModel(name: "env", comment: "v2"))
            let altered = try await tag.fetch()
            #expect(altered.comment == "v2")
            #expect(altered.allowedValues == nil)
            #expect(altered.createdOn == created.createdOn)
            #expect(await capturedError { try await tag.createOrAlter(TagModel(name: "other")) }?.code == .badRequest)
        }
    }

    @Test(
        "definitions Snowflake refuses are 400s and store nothing",
        arguments: [
            TagModel(name: "bad", allowedValues: []),
            TagModel(name: "bad", allowedValues: (0...300).map { "v\($0)" }),
            TagModel(name: "bad", allowedValues: [String(repeating: "x", count: 257)]),
            TagModel(name: "bad", propagate: "NONE"),
            TagModel(name: "bad", propagate: "always"),
            TagModel(name: "bad", onConflict: "keep"),
        ])
    func refusedDefinitions(_ model: TagModel) async throws {
        try await withTags { tags, _, _ in
            let error = await capturedError { try await tags.create(model) }
            #expect(error?.code == .badRequest)
            #expect(await capturedError { _ = try await tags["bad"].fetch() }?.code == .notFound)
        }
    }

    @Test("the limits themselves are accepted: 300 values of 256 characters")
    func limits() async throws {
        try await withTags { tags, _, _ in
            let values = (0..<300).map { String(format: "%03d", $0) + String(repeating: "x", count: 253) }
            try await tags.create(TagModel(name: "wide", allowedValues: values + [values[0]]))
            #expect(try await tags["wide"].fetch().allowedValues == values)
        }
    }

    @Test("drop, undrop within a day, and not after")
    func dropAndUndrop() async throws {
        let clock = ManualClock()
        try await withTags(clock: clock) { tags, _, _ in
            try await tags.create(TagModel(name: "gone", comment: "original"))
            try await tags["gone"].drop()
            #expect(await capturedError { _ = try await tags["gone"].fetch() }?.code == .notFound)
            #expect(await capturedError { try await tags["gone"].drop() }?.code == .notFound)
            try await tags["gone"].drop(ifExists: true)
            try await tags["gone"].undrop()
            #expect(try await tags["gone"].fetch().comment == "original")
            #expect(await capturedError { try await tags["gone"].undrop() }?.code == .conflict)
            try await tags["gone"].drop()
            clock.advance(by: 2 * 86_400)
            let purged = await capturedError { try await tags["gone"].undrop() }
            #expect(purged?.code == .badRequest)
            #expect(purged?.snowflakeCode == "090025")
        }
    }

    @Test("rename within the schema and into another schema; the new name must be free and the schema must exist")
    func rename() async throws {
        try await withTags { tags, root, _ in
            try await tags.create(TagModel(name: "old", comment: "kept"))
            let renamed = try await tags["old"].rename(to: "new")
            #expect(renamed.fullyQualifiedName == "gov.tags.new")
            #expect(await capturedError { _ = try await tags["old"].fetch() }?.code == .notFound)
            #expect(try await renamed.fetch().comment == "kept")

            try await root.databases.create(DatabaseModel(name: "other"))
            let moved = try await renamed.rename(to: "moved", targetDatabase: "other", targetSchema: "public")
            #expect(moved.fullyQualifiedName == "other.public.moved")
            let fetched = try await moved.fetch()
            #expect((fetched.name, fetched.databaseName, fetched.schemaName) == ("MOVED", "OTHER", "PUBLIC"))
            #expect(try await tags.list().collect().isEmpty)

            try await tags.create(TagModel(name: "taken"))
            try await tags.create(TagModel(name: "mine"))
            let conflict = await capturedError { try await tags["mine"].rename(to: "taken") }
            #expect(conflict?.code == .conflict)
            let noSchema = await capturedError { try await tags["mine"].rename(to: "x", targetSchema: "nowhere") }
            #expect(noSchema?.code == .notFound)
            #expect(noSchema?.message == "schema 'gov.nowhere' does not exist or not authorized.")
            let noDatabase = await capturedError { try await tags["mine"].rename(to: "x", targetDatabase: "nowhere") }
            #expect(noDatabase?.message == "database 'nowhere' does not exist or not authorized.")
            #expect(try await tags["mine"].fetch().name == "MINE", "a refused rename changes nothing")

            let missing = await capturedError { try await tags["absent"].rename(to: "x") }
            #expect(missing?.code == .notFound)
            try await tags["absent"].rename(to: "x", ifExists: true)
        }
    }

    @Test("rename without a target name is a 400")
    func renameNeedsTarget() async throws {
        try await withTags { tags, _, emulator in
            try await tags.create(TagModel(name: "t"))
            let http = RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken)
            let answer = try await http.send("POST", "/api/v2/databases/gov/schemas/tags/tags/t:rename")
            #expect(answer.status == 400)
            #expect(try await tags["t"].fetch().name == "T")
        }
    }
}

