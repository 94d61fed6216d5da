/// A SHOW `LIKE` pattern: case-insensitive, `%` for any run of characters, `_` for exactly
/// one, `\` to take the next character literally. An empty pattern matches nothing.
struct LikePattern: Sendable {
    private enum Token: Equatable {
        case literal(Character)
        case one
        case any
    }

    private let tokens: [Token]
    private let isEmpty: Bool

    init(_ pattern: String) {
        isEmpty = pattern.isEmpty
        var tokens: [Token] = []
        var escaped = false
        for character in pattern.lowercased() {
            if escaped {
                tokens.append(.literal(character))
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "%" {
                if tokens.last != .any { tokens.append(.any) }
            } else if character == "_" {
                tokens.append(.one)
            } else {
                tokens.append(.literal(character))
            }
        }
        if escaped { tokens.append(.literal("\\")) }
        self.tokens = tokens
    }

    /// Whether the whole of `name` matches.
    func matches(_ name: String) -> Bool {
        guard !isEmpty else { return false }
        let text = Array(name.lowercased())
        // Iterative wildcard matching with one backtrack point for the last `%`.
        var t = 0, p = 0
        var star = -1, mark = 0
        while t < text.count {
            if p < tokens.count, tokens[p] == .one || tokens[p] == .literal(text[t]) {
                t += 1
                p += 1
            } else if p < tokens.count, tokens[p] == .any {
                star = p
                mark = t
                p += 1
            } else if star >= 0 {
                p = star + 1
                mark += 1
                t = mark
            } else {
                return false
            }
        }
        while p < tokens.count, tokens[p] == .any { p += 1 }
        return p == tokens.count
    }
}

extension LikePattern {
    /// Whether SQLite's `LIKE … ESCAPE '\'` matches at least every name this pattern matches:
    /// true for ASCII patterns (SQLite folds only ASCII case) that do not end in a lone escape.
    static func sqliteAgrees(with pattern: String) -> Bool {
        guard pattern.allSatisfy(\.isASCII) else { return false }
        let trailingEscapes = pattern.reversed().prefix { $0 == "\\" }.count
        return trailingEscapes % 2 == 0
    }
}
