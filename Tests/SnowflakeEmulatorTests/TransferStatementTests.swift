import Testing

@testable import SnowflakeEmulator

@Suite("PUT and GET statements")
struct TransferStatementTests {
    @Test("snowflake.core's PUT, with its comment, quoted paths and options")
    func snowflakeCorePut() throws {
        let statement = try TransferStatement(
            parsing: "PUT /* snowflake.core.stage.StageResource.put */ 'file:///tmp/it\\'s here/*.csv' '@db.sc.st/in' PARALLEL = 4 AUTO_COMPRESS = True SOURCE_COMPRESSION = AUTO_DETECT OVERWRITE = False;")
        #expect(statement.command == .put)
        #expect(statement.localPath == "/tmp/it's here/*.csv")
        #expect(statement.stage == .init(nameParts: ["DB", "SC", "ST"], path: "in"))
        #expect(statement.parallel == 4 && statement.autoCompress && !statement.overwrite && statement.sourceCompression == "AUTO_DETECT")
    }

    @Test("GET with bare paths, quoted identifiers holding dots and slashes, a doubled quote and a pattern")
    func get() throws {
        let statement = try TransferStatement(
            parsing: "get @\"my.db\".\"s/c\".st//dir/ file:///tmp/out -- trailing comment\n parallel=2 pattern='.*it''s[.]csv'")
        #expect(statement.command == .get)
        #expect(statement.stage == .init(nameParts: ["my.db", "s/c", "ST"], path: "dir/"))
        #expect(statement.localPath == "/tmp/out" && statement.parallel == 2 && statement.pattern == ".*it's[.]csv")
        #expect(TransferStatement.isTransfer("  /* x */ GET @s 'file:///tmp'"))
        #expect(!TransferStatement.isTransfer("SELECT 'PUT'"))
    }

    @Test("malformed statements are refused with a compilation error", arguments: [
        "PUT 'file:///tmp/a'", "PUT 'file:///tmp/a' @s OVERWRITE", "PUT 'file:///tmp/a' @s OVERWRITE =", "PUT 'file:///tmp/a' 's'",
        "PUT 'file:///tmp/a @s", "PUT /* open 'file:///tmp/a' @s", "PUT 'file://' @s", "GET @s 'file:///tmp' AUTO_COMPRESS = TRUE",
        "PUT 'file:///tmp/a' @a.b.c.d", "PUT 'file:///tmp/a' @\"open",
    ])
    func malformed(_ sql: String) {
        #expect(throws: EmulatorError.self) { _ = try TransferStatement(parsing: sql) }
    }
}
