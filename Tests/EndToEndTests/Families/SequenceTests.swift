import Foundation
import SnowflakeCore
import SnowflakeEmulator
import SnowflakeTestSupport
import Testing

@Suite("Sequences end to end")
struct SequenceTests {
    /// Runs `body` with the sequences of a fresh `app.public` schema.
    private func withSequences(_ body: @Sendable (SequenceCollection, Root) async throws -> Void) async throws {
        try await TestEmulator.withRoot { root, _ in
            try await root.databases.create(DatabaseModel(name: "app"))
            try await body(root.databases["app"].schemas["public"].sequences, root)
        }
    }

    @Test("create and fetch: Snowflake's defaults (start 1, increment 1, NOORDER) and the server fields")
    func createAndFetch() async throws {
        try await withSequences { sequences, _ in
            let reference = try await sequences.create(SequenceModel(name: "ids"))
            #expect(reference.fullyQualifiedName == "app.public.ids")
            let sequence = try await reference.fetch()
            #expect(sequence.name == "IDS")
            #expect(sequence.start == 1)
            #expect(sequence.increment == 1)
            #expect(sequence.ordered == false)
            #expect(sequence.databaseName == "APP")
            #expect(sequence.schemaName == "PUBLIC")
            #expect(sequence.owner == "ACCOUNTADMIN")
            #expect(sequence.ownerRoleType == "ROLE")
            #expect(sequence.createdOn != nil)

            try await sequences.create(SequenceModel(name: "countdown", start: 1_000_000_000_000, increment: -5, ordered: true, comment: "down"))
            let countdown = try await sequences["countdown"].fetch()
            #expect(countdown.start == 1_000_000_000_000)
            #expect(countdown.increment == -5)
            #expect(countdown.ordered == true)
            #expect(countdown.comment == "down")
        }
    }

    @Test("an increment of 0 is refused and stores nothing")
    func zeroIncrement() async throws {
        try await withSequences { sequences, _ in
            let error = await capturedError { try await sequences.create(SequenceModel(name: "flat", increment: 0)) }
            #expect(error?.code == .badRequest)
            #expect(await capturedError { _ = try await sequences["flat"].fetch() }?.code == .notFound)
        }
    }

    @Test("create modes: conflict, if-not-exists keeps, or-replace replaces")
    func createModes() async throws {
        try await withSequences { sequences, _ in
            try await sequences.create(SequenceModel(name: "s", start: 10))
            let conflict = await capturedError { try await sequences.create(SequenceModel(name: "S")) }
            #expect(conflict?.code == .conflict)
            #expect(conflict?.snowflakeCode == "002002")
            try await sequences.create(SequenceModel(name: "s", start: 20), mode: .ifNotExists)
            #expect(try await sequences["s"].fetch().start == 10)
            try await sequences.create(SequenceModel(name: "s", start: 30), mode: .orReplace)
            #expect(try await sequences["s"].fetch().start == 30)
        }
    }

    @Test("listing takes like (case-insensitive) and no other filter; a missing schema is a 404")
    func listing() async throws {
        try await withSequences { sequences, root in
            for name in ["order_ids", "orders2", "invoice_ids", "\"Mixed\""] { try await sequences.create(SequenceModel(name: name)) }
            #expect(try await sequences.list().collect().map(\.name) == ["INVOICE_IDS", "Mixed", "ORDERS2", "ORDER_IDS"])
            #expect(try await sequences.list(like: "order%").collect().map(\.name) == ["ORDERS2", "ORDER_IDS"])
            #expect(try await sequences.list(like: "%\\_ids").collect().map(\.name) == ["INVOICE_IDS", "ORDER_IDS"])
            #expect(try await sequences.list(like: "mixed").collect().map(\.name) == ["Mixed"])
            for options in [ListOptions(startsWith: "O"), ListOptions(showLimit: 1), ListOptions(fromName: "A")] {
                #expect(await capturedError { _ = try await sequences.list(options).collect() }?.code == .invalidArgument)
            }
            let missing = await capturedError { _ = try await root.databases["app"].schemas["nowhere"].sequences.list().collect() }
            #expect(missing?.code == .notFound)
        }
    }

    @Test("clone continues the source (start, step, order) in the same schema or another, with the create modes")
    func clone() async throws {
        try await withSequences { sequences, root in
            try await sequences.create(SequenceModel(name: "src", start: 100, increment: 7, ordered: true, comment: "source"))
            let copy = try await sequences["src"].clone(as: SequenceModel(name: "copy"))
            #expect(copy.fullyQualifiedName == "app.public.copy")
            let cloned = try await copy.fetch()
            #expect((cloned.name, cloned.start, cloned.increment, cloned.ordered, cloned.comment) == ("COPY", 100, 7, true, "source"))

            try await root.databases.create(DatabaseModel(name: "other"))
            try await root.databases["other"].schemas.create(SchemaModel(name: "archive"))
            let moved = try await sequences["src"].clone(
                as: SequenceModel(name: "kept", comment: "archived"), targetDatabase: "other", targetSchema: "archive")
            let archived = try await moved.fetch()
            #expect((archived.databaseName, archived.schemaName, archived.start, archived.comment) == ("OTHER", "ARCHIVE", 100, "archived"))

            #expect(await capturedError { try await sequences["src"].clone(as: SequenceModel(name: "copy")) }?.code == .conflict)
            try await sequences["src"].clone(as: SequenceModel(name: "copy"), mode: .ifNotExists)
            try await sequences.create(SequenceModel(name: "copy", start: 5), mode: .orReplace)
            try await sequences["src"].clone(as: SequenceModel(name: "copy"), mode: .orReplace)
            #expect(try await sequences["copy"].fetch().start == 100)

            #expect(await capturedError { try await sequences["absent"].clone(as: SequenceModel(name: "x")) }?.code == .notFound)
            let noSchema = await capturedError { try await sequences["src"].clone(as: SequenceModel(name: "x"), targetSchema: "nowhere") }
            #expect(noSchema?.code == .notFound)
        }
    }

    @Test("rename within the schema and into another; the name must be free and the schema must exist")
    func rename() async throws {
        try await withSequences { sequences, root in
            try await sequences.create(SequenceModel(name: "old", start: 3, comment: "kept"))
            let renamed = try await sequences["old"].rename(to: "new")
            #expect(renamed.fullyQualifiedName == "app.public.new")
            #expect(await capturedError { _ = try await sequences["old"].fetch() }?.code == .notFound)
            let fetched = try await renamed.fetch()
            #expect((fetched.name, fetched.start, fetched.comment) == ("NEW", 3, "kept"))

            try await root.databases.create(DatabaseModel(name: "other"))
            let moved = try await renamed.rename(to: "moved", targetDatabase: "other", targetSchema: "public")
            let movedModel = try await moved.fetch()
            #expect((movedModel.name, movedModel.databaseName, movedModel.schemaName) == ("MOVED", "OTHER", "PUBLIC"))
            #expect(try await sequences.list().collect().isEmpty)

            try await sequences.create(SequenceModel(name: "a"))
            try await sequences.create(SequenceModel(name: "b"))
            #expect(await capturedError { try await sequences["a"].rename(to: "b") }?.code == .conflict)
            #expect(await capturedError { try await sequences["a"].rename(to: "c", targetSchema: "nowhere") }?.code == .notFound)
            #expect(await capturedError { try await sequences["absent"].rename(to: "c") }?.code == .notFound)
            try await sequences["absent"].rename(to: "c", ifExists: true)
            #expect(try await sequences.list().collect().map(\.name) == ["A", "B"])
        }
    }

    @Test("drop, and drop if exists")
    func drop() async throws {
        try await withSequences { sequences, _ in
            try await sequences.create(SequenceModel(name: "gone"))
            try await sequences["gone"].drop()
            #expect(await capturedError { _ = try await sequences["gone"].fetch() }?.code == .notFound)
            #expect(await capturedError { try await sequences["gone"].drop() }?.code == .notFound)
            try await sequences["gone"].drop(ifExists: true)
        }
    }
}
