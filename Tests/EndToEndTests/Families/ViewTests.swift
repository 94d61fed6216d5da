import Foundation
import SnowflakeCore
import SnowflakeEmulator
import SnowflakeTestSupport
import Testing

@Suite("Views end to end")
struct ViewTests {
    /// Runs `body` with a fresh `db.public` schema holding an event table `events` to read from.
    private func withSchema(_ body: @Sendable (SchemaResource, Root, RunningEmulator) async throws -> Void) async throws {
        try await TestEmulator.withRoot { root, emulator in
            try await root.databases.create(DatabaseModel(name: "db"))
            let schema = root.databases["db"].schemas["public"]
            try await schema.eventTables.create(EventTableModel(name: "events"))
            try await body(schema, root, emulator)
        }
    }

    @Test("a view keeps its query, flags and columns, with the server fields filled in")
    func create() async throws {
        try await withSchema { schema, _, _ in
            let view = try await schema.views.create(
                ViewModel(name: "recent", columns: [ViewColumn(name: "ts", comment: "when"), ViewColumn(name: "kind")],
                          query: "select timestamp, record_type from events where timestamp > '2026-01-01'", secure: true, comment: "c"))
            let fetched = try await view.fetch()
            #expect(fetched.name == "RECENT")
            #expect(fetched.columns.map(\.name) == ["TS", "KIND"])
            #expect(fetched.columns.first?.comment == "when")
            #expect(fetched.query == "select timestamp, record_type from events where timestamp > '2026-01-01'")
            #expect(fetched.secure == true)
            #expect(fetched.recursive == false)
            #expect(fetched.kind == "PERMANENT")
            #expect(fetched.comment == "c")
            #expect(fetched.databaseName == "DB")
            #expect(fetched.schemaName == "PUBLIC")
            #expect(fetched.owner == "ACCOUNTADMIN")
            #expect(fetched.ownerRoleType == "ROLE")
            #expect(fetched.createdOn != nil)
        }
    }

    @Test("SELECT * FROM a table-like object gives the view its source's column types")
    func starColumns() async throws {
        try await withSchema { schema, _, _ in
            try await schema.views.create(ViewModel(name: "all_events", columns: [], query: "select * from db.public.events;"))
            let columns = try await schema.views["all_events"].fetch().columns
            #expect(columns.count == 13)
            #expect(columns.first?.name == "TIMESTAMP")
            #expect(columns.first?.datatype == "TIMESTAMP_NTZ(9)")
            #expect(columns.last?.datatype == "ARRAY")
            // A view over a view.
            try await schema.views.create(ViewModel(name: "v2", columns: [], query: "SELECT * FROM all_events"))
            #expect(try await schema.views["v2"].fetch().columns.count == 13)
        }
    }

    @Test("a query naming a missing object is refused as Snowflake's compiler does", arguments: [
        ("select * from ghost", "sql compilation error:\nobject 'db.public.ghost' does not exist or not authorized."),
        ("select e.value from events e join db.public.ghost g on e.value = g.value",
         "sql compilation error:\nobject 'db.public.ghost' does not exist or not authorized."),
        ("select 1 from events, ghost", "sql compilation error:\nobject 'db.public.ghost' does not exist or not authorized."),
        ("select * from nodb.public.t", "sql compilation error:\ndatabase 'nodb' does not exist or not authorized."),
        ("select * from db.nosuch.t", "sql compilation error:\nschema 'db.nosuch' does not exist or not authorized."),
    ])
    func missingSources(_ query: String, _ message: String) async throws {
        try await withSchema { schema, _, _ in
            let refused = await capturedError { try await schema.views.create(ViewModel(name: "v", columns: [], query: query)) }
            #expect(refused?.code == .notFound)
            #expect(refused?.snowflakeCode == "002003")
            #expect(refused?.message == message)
            let remaining = try await schema.views.list().collect()
            #expect(remaining.isEmpty)
        }
    }

    @Test("what cannot be decided without SQL is accepted: subqueries, CTEs, table functions, functions with FROM, stages")
    func undecidedSources() async throws {
        try await withSchema { schema, _, _ in
            let queries = [
                "select * from (select 1 as a) sub",
                "with recent as (select * from events) select * from recent",
                "select f.value from events, lateral flatten(input => events.record) f",
                "select * from table(generator(rowcount => 10))",
                "select extract(year from timestamp) from events -- from ghost",
                "select 'from ghost' as text from events /* join ghost */",
                "select * from information_schema.tables",
                "select a is distinct from b from events",
            ]
            for (index, query) in queries.enumerated() {
                try await schema.views.create(ViewModel(name: "v\(index)", columns: [], query: query))
            }
            #expect(try await schema.views.list().collect().count == queries.count)
        }
    }

    @Test("names resolve as identifiers do: unquoted fold to upper case, quoted keep their case, partial names use the view's schema")
    func nameResolution() async throws {
        try await withSchema { schema, _, _ in
            let found = [
                "select * from \"EVENTS\"", "select * from public.events", "select * from DB.PUBLIC.EVENTS e",
                "select 1 from events as e inner join db.public.events f on true, events g",
                "select * from events at(offset => -60)",
            ]
            for (index, query) in found.enumerated() {
                try await schema.views.create(ViewModel(name: "ok\(index)", columns: [], query: query))
            }
            let quoted = await capturedError { _ = try await schema.views.create(ViewModel(name: "q", columns: [], query: "select * from \"events\"")) }
            #expect(quoted?.message == "sql compilation error:\nobject 'db.public.\"events\"' does not exist or not authorized.")
        }
    }

    @Test("a recursive view may name itself; another view may not")
    func recursive() async throws {
        try await withSchema { schema, _, _ in
            let query = "select 1 as n union all select n + 1 from numbers where n < 10"
            let plain = await capturedError { try await schema.views.create(ViewModel(name: "numbers", columns: [ViewColumn(name: "n")], query: query)) }
            #expect(plain?.code == .notFound)
            try await schema.views.create(ViewModel(name: "numbers", columns: [ViewColumn(name: "n")], query: query, recursive: true))
            #expect(try await schema.views["numbers"].fetch().recursive == true)
        }
    }

    @Test("listing shows columns only with deep, as SHOW VIEWS has none")
    func deepListing() async throws {
        try await withSchema { schema, _, emulator in
            try await schema.views.create(ViewModel(name: "v", columns: [ViewColumn(name: "a")], query: "select value from events"))
            try await schema.views.create(ViewModel(name: "views", columns: [ViewColumn(name: "b")], query: "select value from events"))
            let shallow = try await schema.views.list().collect()
            #expect(shallow.map(\.name) == ["V", "VIEWS"])
            #expect(shallow.allSatisfy { $0.columns.isEmpty })
            let deep = try await schema.views.list(deep: true).collect()
            #expect(deep.map { $0.columns.map(\.name) } == [["A"], ["B"]])
            #expect(try await schema.views.list(like: "v%", deep: false).collect().count == 2)
            // A view whose name is the collection's still fetches with its columns.
            #expect(try await schema.views["views"].fetch().columns.map(\.name) == ["B"])
            let raw = try await RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken)
                .send("GET", "/api/v2/databases/db/schemas/public/views?deep=true&showLimit=1")
            #expect(raw.array?.count == 1)
            #expect((raw.array?.first?["columns"] as? [Any])?.count == 1)
        }
    }

    @Test("create modes, drop, and one namespace with the schema's other table-like objects")
    func modesAndNamespace() async throws {
        try await withSchema { schema, _, _ in
            let view = ViewModel(name: "v", columns: [ViewColumn(name: "a")], query: "select value from events", comment: "first")
            try await schema.views.create(view)
            let again = await capturedError { _ = try await schema.views.create(view) }
            #expect(again?.code == .conflict)
            let second = ViewModel(name: "v", columns: [ViewColumn(name: "a")], query: "select value from events", comment: "second")
            try await schema.views.create(second, mode: .ifNotExists)
            #expect(try await schema.views["v"].fetch().comment == "first")
            try await schema.views.create(second, mode: .orReplace, copyGrants: true)
            #expect(try await schema.views["v"].fetch().comment == "second")
            let clash = await capturedError {
                _ = try await schema.views.create(ViewModel(name: "events", columns: [], query: "select 1"))
            }
            #expect(clash?.code == .conflict)
            #expect(clash?.message == "object 'events' already exists.")
            let duplicate = await capturedError {
                _ = try await schema.views.create(ViewModel(name: "d", columns: [ViewColumn(name: "a"), ViewColumn(name: "A")], query: "select 1, 2"))
            }
            #expect(duplicate?.code == .badRequest)
            try await schema.views["v"].drop()
            #expect(await capturedError { _ = try await schema.views["v"].fetch() }?.code == .notFound)
            #expect(await capturedError { try await schema.views["v"].drop() }?.code == .notFound)
            try await schema.views["v"].drop(ifExists: true)
        }
    }

    @Test("tags can be set on a view and read back")
    func tags() async throws {
        try await withSchema { schema, _, _ in
            try await schema.tags.create(TagModel(name: "owner"))
            let view = try await schema.views.create(ViewModel(name: "v", columns: [], query: "select 1"))
            try await view.setTags([schema.tags["owner"]: "ana"])
            let assigned = try await view.fetchTags()
            #expect(assigned.map(\.value.value) == ["ana"])
            #expect(assigned.first?.value.level == "VIEW")
        }
    }

    @Test("a bad kind or an empty query is a 400 and stores nothing")
    func refusals() async throws {
        try await withSchema { schema, _, emulator in
            let http = RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken)
            let badKind = try await http.send(
                "POST", "/api/v2/databases/db/schemas/public/views", body: #"{"name":"v","columns":[],"query":"select 1","kind":"forever"}"#)
            #expect(badKind.status == 400)
            #expect(await capturedError { try await schema.views.create(ViewModel(name: "v", columns: [], query: "  ")) }?.code == .badRequest)
            let missingQuery = try await http.send("POST", "/api/v2/databases/db/schemas/public/views", body: #"{"name":"v","columns":[]}"#)
            #expect(missingQuery.status == 400)
            let remaining = try await schema.views.list().collect()
            #expect(remaining.isEmpty)
        }
    }
}
