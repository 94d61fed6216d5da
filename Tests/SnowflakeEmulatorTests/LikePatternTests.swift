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
}
