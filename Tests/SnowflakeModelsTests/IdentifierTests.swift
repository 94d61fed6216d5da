import SnowflakeModels
import Testing

@Suite("Identifiers")
struct IdentifierTests {
    @Test("unquoted names fold to upper case; quoted names keep their case", arguments: [
        ("my_db", "MY_DB"), ("My_Db$1", "MY_DB$1"), ("_x", "_X"), ("\"my_db\"", "my_db"), ("\"My DB\"", "My DB"),
        ("\"a\"\"b\"", "a\"b"), ("\"MY_DB\"", "MY_DB"), ("\"é.x\"", "é.x"),
    ])
    func resolves(spelling: String, canonical: String) throws {
        #expect(try Identifier(spelling).canonical == canonical)
    }

    @Test("invalid spellings are refused", arguments: ["", "1abc", "my db", "a-b", "\"\"", "\"a\"b\"", "\"open", "é"])
    func refuses(spelling: String) {
        #expect(throws: IdentifierError.self) { try Identifier(spelling) }
    }

    @Test("names longer than 255 characters are refused")
    func tooLong() throws {
        #expect(throws: IdentifierError.self) { try Identifier(String(repeating: "a", count: 256)) }
        #expect(try Identifier(String(repeating: "a", count: 255)).canonical.count == 255)
    }

    @Test("equality follows resolution")
    func equality() throws {
        #expect(try Identifier("my_db") == Identifier("\"MY_DB\""))
        #expect(try Identifier("my_db") != Identifier("\"my_db\""))
    }

    @Test("spellings and display names round-trip stored names")
    func rendering() {
        #expect(Identifier.spelling(forCanonical: "MY_DB") == "MY_DB")
        #expect(Identifier.spelling(forCanonical: "my_db") == "\"my_db\"")
        #expect(Identifier.spelling(forCanonical: "a\"b") == "\"a\"\"b\"")
        #expect(Identifier.displayName(forCanonical: "my_db") == "my_db")
        #expect(Identifier.displayName(forCanonical: "My DB") == "\"My DB\"")
        #expect(Identifier.displayName(forCanonical: "a\"b") == "\"a\"\"b\"", "answers stay valid identifiers")
        #expect(Identifier.quote(canonical: "FOO") == "\"FOO\"")
        #expect(Identifier.unquote("\"a\"\"b\"") == "a\"b")
        #expect(Identifier.unquote("PLAIN") == "PLAIN")
    }

    @Test("qualified names split on dots outside quotes")
    func qualifiedNames() throws {
        let full = try QualifiedName.parse("my_db.public.task1")
        #expect(full == QualifiedName(database: "my_db", schema: "public", name: "task1"))
        #expect(full.description == "my_db.public.task1")
        #expect(try QualifiedName.parse("sc.\"a.b\"") == QualifiedName(schema: "sc", name: "\"a.b\""))
        #expect(try QualifiedName.parse("t") == QualifiedName(name: "t"))
        #expect(throws: IdentifierError.self) { try QualifiedName.parse("a.b.c.d") }
        #expect(throws: IdentifierError.self) { try QualifiedName.parse("a..b") }
    }

    @Test("create modes parse in any spelling")
    func createModes() {
        #expect(CreateMode(wireValue: "orReplace") == .orReplace)
        #expect(CreateMode(wireValue: "ORREPLACE") == .orReplace)
        #expect(CreateMode(wireValue: "if_not_exists") == .ifNotExists)
        #expect(CreateMode(wireValue: "sometimes") == nil)
    }
}
