import GRDB
@testable import SnowflakeEmulator
import Testing

@Suite("SHOW LIKE patterns")
struct LikePatternTests {
    @Test("wildcards, case and escapes", arguments: [
        ("a%", "ABC", true), ("a%", "bac", false), ("%b%", "abc", true), ("a_c", "ABC", true), ("a_c", "ac", false),
        ("a\\_c", "a_c", true), ("a\\_c", "abc", false), ("%", "", true), ("", "", false), ("", "a", false),
        ("é%", "ÉCOLE", true), ("a%%c", "abbc", true), ("%a%b%", "xaxxb", true), ("%a%b", "xaxxbx", false),
    ])
    func matching(pattern: String, name: String, matches: Bool) {
        #expect(LikePattern(pattern).matches(name) == matches)
    }

    @Test("SQLite's LIKE, used as a first cut in listings, keeps every name the matcher keeps", arguments: [
        "a%", "%b%", "a_c", "a\\_c", "%", "", "a%%c", "%a%b%", "SWB\\_%", "x\\\\y", "_", "\\%%", "a\\", "é%",
    ])
    func sqliteFirstCut(pattern: String) throws {
        let names = ["ABC", "bac", "ac", "a_c", "abc", "abbc", "xaxxb", "SWB_1", "SWBX1", "x\\y", "", "%A", "ÉCOLE", "école", "Ab"]
        let queue = try DatabaseQueue()
        for name in names {
            let matches = LikePattern(pattern).matches(name)
            guard LikePattern.sqliteAgrees(with: pattern) else { continue }
            let sqlite = try queue.read { db in try Bool.fetchOne(db, sql: "SELECT ? LIKE ? ESCAPE '\\'", arguments: [name, pattern]) } ?? false
            if matches { #expect(sqlite, "\(pattern) should keep \(name)") }
        }
        #expect(!LikePattern.sqliteAgrees(with: "é%"))
        #expect(!LikePattern.sqliteAgrees(with: "a\\"))
    }
}
