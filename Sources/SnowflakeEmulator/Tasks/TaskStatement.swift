import Foundation
import SnowflakeModels

/// The statements a task run can execute until the emulator runs SQL: `SELECT` of
/// expressions without `FROM`, and `CALL` of a function. Expressions are literals, arithmetic,
/// comparisons, `AND`/`OR`/`NOT`, `||`, casts (`::`), a few scalar functions and the system
/// functions tasks use to pass values (`SYSTEM$SET_RETURN_VALUE`,
/// `SYSTEM$GET_PREDECESSOR_RETURN_VALUE`, `SYSTEM$GET_TASK_GRAPH_CONFIG`,
/// `SYSTEM$CURRENT_USER_TASK_NAME`, `SYSTEM$TASK_RUNTIME_INFO`, `SYSTEM$WAIT`). Anything else
/// is an error that fails the run, never a pretended success.
struct TaskStatement {
    /// What the system functions read while a task runs.
    struct Environment {
        /// The running task, fully qualified (`DB.SC.ROOT$T1`).
        var taskName: String
        /// The task's predecessors (fully qualified) and the values they returned.
        var predecessorValues: [(name: String, value: String?)] = []
        /// The graph's `config`, as JSON text.
        var config: String?
        /// `SYSTEM$TASK_RUNTIME_INFO` properties.
        var runtimeInfo: [String: String] = [:]
    }

    /// What running a statement produced.
    struct Outcome: Equatable {
        /// The value set with `SYSTEM$SET_RETURN_VALUE`.
        var returnValue: String?
        /// How long it takes (`SYSTEM$WAIT`).
        var duration: TimeInterval = 0
    }

    /// A failure, as Snowflake reports it in task history.
    struct Failure: Error, Equatable {
        var code: Int
        var message: String
    }

    /// The highest code of the emulator's own task-function errors.
    static let taskFunctionError = 91_000

    let environment: Environment

    /// Runs a task's definition.
    func run(_ text: String) throws(Failure) -> Outcome {
        var parser = try Parser(text)
        var state = Outcome()
        switch parser.keyword() {
        case "SELECT":
            var expressions: [Expression] = []
            repeat {
                expressions.append(try parser.expression())
                if parser.keyword(if: "AS") { _ = try parser.identifier() }
            } while parser.symbol(if: ",")
            if parser.keyword(if: "FROM") { throw unsupported(text) }
            for expression in expressions { _ = try evaluate(expression, &state) }
        case "CALL":
            let expression = try parser.expression()
            guard case .call(let name, _) = expression else { throw parser.unexpected() }
            do throws(Failure) {
                _ = try evaluate(expression, &state)
            } catch where error == Self.unknownFunction(name) {
                throw unsupported(text)  // a stored procedure: it needs SQL
            }
        default:
            throw unsupported(text)
        }
        _ = parser.symbol(if: ";")
        try parser.expectEnd()
        return state
    }

    private static func unknownFunction(_ name: String) -> Failure {
        Failure(code: 2_140, message: "SQL compilation error: Unknown function \(name)")
    }

    private func unsupported(_ text: String) -> Failure {
        let statement = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return Failure(
            code: 2,
            message: "Unsupported feature: the emulator does not run SQL yet, so a task can only run SELECT of expressions without FROM and CALL of the task system functions; it cannot run '\(statement.prefix(80))'.")
    }

    /// Evaluates a `WHEN` condition: true runs the task, false or NULL skips it.
    func condition(_ text: String) throws(Failure) -> Bool {
        var parser = try Parser(text)
        let expression = try parser.expression()
        try parser.expectEnd()
        var state = Outcome()
        let value = try evaluate(expression, &state)
        switch value {
        case .null: return false
        case .bool(let flag): return flag
        default: throw Failure(code: 2_037, message: "Task condition '\(text)' is not a boolean expression.")
        }
    }

    // MARK: Evaluation

    private func evaluate(_ expression: Expression, _ state: inout Outcome) throws(Failure) -> Value {
        switch expression {
        case .literal(let value):
            return value
        case .negate(let operand):
            let value = try evaluate(operand, &state)
            if value == .null { return .null }
            return .number(-(try value.number()))
        case .not(let operand):
            let value = try evaluate(operand, &state)
            if value == .null { return .null }
            return .bool(!(try value.boolean()))
        case .isNull(let operand, let negated):
            return .bool((try evaluate(operand, &state) == .null) != negated)
        case .cast(let operand, let type):
            return try evaluate(operand, &state).cast(to: type)
        case .binary(let op, let left, let right):
            let lhs = try evaluate(left, &state)
            if op == "AND" || op == "OR" {
                let rhs = try evaluate(right, &state)
                return try Value.logical(op, lhs, rhs)
            }
            let rhs = try evaluate(right, &state)
            return try Value.binary(op, lhs, rhs)
        case .call(let name, let arguments):
            var values: [Value] = []
            for argument in arguments { values.append(try evaluate(argument, &state)) }
            return try call(name, values, &state)
        }
    }

    private func call(_ name: String, _ arguments: [Value], _ state: inout Outcome) throws(Failure) -> Value {
        func arity(_ range: ClosedRange<Int>) throws(Failure) {
            guard range.contains(arguments.count) else {
                throw Failure(code: 1_044, message: "SQL compilation error: Invalid argument types for function '\(name)': \(arguments.count) arguments.")
            }
        }
        switch name {
        case "SYSTEM$SET_RETURN_VALUE":
            try arity(1...1)
            state.returnValue = try arguments[0].text()
            return .string("Return value set.")
        case "SYSTEM$GET_PREDECESSOR_RETURN_VALUE":
            try arity(0...1)
            return try predecessorValue(arguments.first.map { v throws(Failure) in try v.text() } ?? nil)
        case "SYSTEM$GET_TASK_GRAPH_CONFIG":
            try arity(0...1)
            guard let config = environment.config else { return .null }
            guard let key = try arguments.first?.text() else { return .string(config) }
            guard let object = try? JSONDecoder().decode([String: JSONValue].self, from: Data(config.utf8)), let value = object[key] else {
                return .null
            }
            if case .string(let string) = value { return .string(string) }
            return .string(String(decoding: (try? JSONEncoder().encode(value)) ?? Data(), as: UTF8.self))
        case "SYSTEM$CURRENT_USER_TASK_NAME":
            try arity(0...0)
            return .string(environment.taskName)
        case "SYSTEM$TASK_RUNTIME_INFO":
            try arity(1...1)
            let property = (try arguments[0].text() ?? "").uppercased()
            guard Self.runtimeProperties.contains(property) else {
                throw Failure(code: Self.taskFunctionError, message: "SYSTEM$TASK_RUNTIME_INFO: unknown property '\(property)'.")
            }
            return environment.runtimeInfo[property].map(Value.string) ?? .null
        case "SYSTEM$WAIT":
            try arity(1...2)
            let amount = try arguments[0].number()
            let unit = (try arguments.count > 1 ? arguments[1].text() : nil)?.uppercased() ?? "SECONDS"
            let seconds: Double
            switch unit {
            case "SECONDS": seconds = amount
            case "MILLISECONDS": seconds = amount / 1_000
            case "MINUTES": seconds = amount * 60
            case "HOURS": seconds = amount * 3_600
            default: throw Failure(code: Self.taskFunctionError, message: "SYSTEM$WAIT: unknown time unit '\(unit)'.")
            }
            guard seconds >= 0 else { throw Failure(code: Self.taskFunctionError, message: "SYSTEM$WAIT: the time must not be negative.") }
            state.duration += seconds
            return .string("waited \(Value.number(amount).rendered) \(unit.lowercased())")
        case "TO_CHAR", "TO_VARCHAR":
            try arity(1...1)
            return try arguments[0].text().map(Value.string) ?? .null
        case "UPPER", "LOWER":
            try arity(1...1)
            guard let text = try arguments[0].text() else { return .null }
            return .string(name == "UPPER" ? text.uppercased() : text.lowercased())
        case "LENGTH", "LEN":
            try arity(1...1)
            guard let text = try arguments[0].text() else { return .null }
            return .number(Double(text.count))
        case "CONCAT":
            try arity(1...255)
            var result = ""
            for argument in arguments {
                guard let text = try argument.text() else { return .null }
                result += text
            }
            return .string(result)
        case "COALESCE", "NVL", "IFNULL":
            try arity(1...255)
            return arguments.first { $0 != .null } ?? .null
        case "IFF":
            try arity(3...3)
            return arguments[0] == .bool(true) ? arguments[1] : arguments[2]
        default:
            throw Self.unknownFunction(name)
        }
    }

    private static let runtimeProperties: Set<String> = [
        "CURRENT_ROOT_TASK_NAME", "CURRENT_ROOT_TASK_UUID", "CURRENT_TASK_GRAPH_ORIGINAL_SCHEDULED_TIMESTAMP",
        "CURRENT_TASK_GRAPH_RUN_GROUP_ID", "LAST_SUCCESSFUL_TASK_GRAPH_ORIGINAL_SCHEDULED_TIMESTAMP",
        "LAST_SUCCESSFUL_TASK_GRAPH_RUN_GROUP_ID",
    ]

    private func predecessorValue(_ name: String?) throws(Failure) -> Value {
        let predecessors = environment.predecessorValues
        guard let name else {
            guard predecessors.count == 1 else {
                throw Failure(
                    code: Self.taskFunctionError,
                    message: predecessors.isEmpty
                        ? "SYSTEM$GET_PREDECESSOR_RETURN_VALUE: task \(environment.taskName) has no predecessor."
                        : "SYSTEM$GET_PREDECESSOR_RETURN_VALUE: task \(environment.taskName) has several predecessors; name one.")
            }
            return predecessors[0].value.map(Value.string) ?? .null
        }
        let wanted = try? QualifiedName.parse(name)
        let wantedLast = wanted.flatMap { try? Identifier.resolve($0.name) }
        for predecessor in predecessors {
            let last = (try? QualifiedName.parse(predecessor.name)).flatMap { try? Identifier.resolve($0.name) }
            if let wantedLast, last == wantedLast { return predecessor.value.map(Value.string) ?? .null }
        }
        throw Failure(
            code: Self.taskFunctionError,
            message: "SYSTEM$GET_PREDECESSOR_RETURN_VALUE: '\(name)' is not a predecessor of task \(environment.taskName).")
    }
}

// MARK: Values

extension TaskStatement {
    /// A SQL value.
    enum Value: Equatable {
        case null
        case bool(Bool)
        case number(Double)
        case string(String)

        /// As Snowflake shows it: `1`, `2.5`, `TRUE`.
        var rendered: String {
            switch self {
            case .null: return "NULL"
            case .bool(let flag): return flag ? "true" : "false"
            case .number(let number):
                if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
                return String(number)
            case .string(let string): return string
            }
        }

        func text() throws(Failure) -> String? { self == .null ? nil : rendered }

        func number() throws(Failure) -> Double {
            switch self {
            case .number(let number): return number
            case .bool(let flag): return flag ? 1 : 0
            case .string(let string):
                guard let number = Double(string.trimmingCharacters(in: .whitespaces)) else {
                    throw Failure(code: 100_038, message: "Numeric value '\(string)' is not recognized")
                }
                return number
            case .null: throw Failure(code: 100_038, message: "Numeric value 'NULL' is not recognized")
            }
        }

        func boolean() throws(Failure) -> Bool {
            switch self {
            case .bool(let flag): return flag
            case .number(let number): return number != 0
            case .string(let string):
                switch string.lowercased() {
                case "true", "t", "yes", "y", "on", "1": return true
                case "false", "f", "no", "n", "off", "0": return false
                default: throw Failure(code: 100_037, message: "Boolean value '\(string)' is not recognized")
                }
            case .null: return false
            }
        }

        func cast(to type: String) throws(Failure) -> Value {
            if self == .null { return .null }
            switch type {
            case "VARCHAR", "STRING", "TEXT", "CHAR": return .string(rendered)
            case "NUMBER", "INT", "INTEGER", "BIGINT", "DECIMAL", "NUMERIC": return .number((try number()).rounded())
            case "FLOAT", "DOUBLE", "REAL": return .number(try number())
            case "BOOLEAN": return .bool(try boolean())
            default: throw Failure(code: 2_040, message: "SQL compilation error: Unsupported data type '\(type)'.")
            }
        }

        static func logical(_ op: String, _ lhs: Value, _ rhs: Value) throws(Failure) -> Value {
            let left = lhs == .null ? nil : try lhs.boolean()
            let right = rhs == .null ? nil : try rhs.boolean()
            if op == "AND" {
                if left == false || right == false { return .bool(false) }
                return left == nil || right == nil ? .null : .bool(true)
            }
            if left == true || right == true { return .bool(true) }
            return left == nil || right == nil ? .null : .bool(false)
        }

        static func binary(_ op: String, _ lhs: Value, _ rhs: Value) throws(Failure) -> Value {
            if lhs == .null || rhs == .null { return .null }
            switch op {
            case "||":
                return .string((try lhs.text() ?? "") + (try rhs.text() ?? ""))
            case "+", "-", "*", "/", "%":
                let a = try lhs.number()
                let b = try rhs.number()
                switch op {
                case "+": return .number(a + b)
                case "-": return .number(a - b)
                case "*": return .number(a * b)
                default:
                    guard b != 0 else { throw Failure(code: 100_051, message: "Division by zero") }
                    return .number(op == "/" ? a / b : a.truncatingRemainder(dividingBy: b))
                }
            default:
                let order: Int
                switch (lhs, rhs) {
                case (.string(let a), .string(let b)): order = a < b ? -1 : (a == b ? 0 : 1)
                case (.bool(let a), .bool(let b)): order = a == b ? 0 : (!a ? -1 : 1)
                default:
                    let a = try lhs.number()
                    let b = try rhs.number()
                    order = a < b ? -1 : (a == b ? 0 : 1)
                }
                switch op {
                case "=": return .bool(order == 0)
                case "!=", "<>": return .bool(order != 0)
                case "<": return .bool(order < 0)
                case "<=": return .bool(order <= 0)
                case ">": return .bool(order > 0)
                default: return .bool(order >= 0)
                }
            }
        }
    }

    /// A parsed expression.
    indirect enum Expression {
        case literal(Value)
        case negate(Expression)
        case not(Expression)
        case isNull(Expression, negated: Bool)
        case cast(Expression, String)
        case binary(String, Expression, Expression)
        case call(String, [Expression])
    }
}

// MARK: Parsing

extension TaskStatement {
    enum Token: Equatable {
        case word(String)
        case quotedIdentifier(String)
        case string(String)
        case number(Double)
        case symbol(String)
    }

    struct Parser {
        private var tokens: [(token: Token, offset: Int)]
        private var index = 0
        private let text: String

        init(_ text: String) throws(Failure) {
            self.text = text
            tokens = try Self.tokenize(text)
        }

        private var current: Token? { index < tokens.count ? tokens[index].token : nil }

        func unexpected() -> Failure {
            guard index < tokens.count else {
                return Failure(code: 1_003, message: "SQL compilation error: syntax error line 1 at position \(text.count) unexpected end of statement.")
            }
            let offset = tokens[index].offset
            let start = text.index(text.startIndex, offsetBy: offset)
            let word = text[start...].prefix { !$0.isWhitespace }
            return Failure(code: 1_003, message: "SQL compilation error: syntax error line 1 at position \(offset) unexpected '\(word.prefix(40))'.")
        }

        mutating func expectEnd() throws(Failure) {
            guard index == tokens.count else { throw unexpected() }
        }

        /// The next keyword, consumed.
        mutating func keyword() -> String? {
            guard case .word(let word) = current else { return nil }
            index += 1
            return word
        }

        mutating func keyword(if word: String) -> Bool {
            guard current == .word(word) else { return false }
            index += 1
            return true
        }

        mutating func symbol(if symbol: String) -> Bool {
            guard current == .symbol(symbol) else { return false }
            index += 1
            return true
        }

        mutating func identifier() throws(Failure) -> String {
            switch current {
            case .word(let word), .quotedIdentifier(let word):
                index += 1
                return word
            default: throw unexpected()
            }
        }

        mutating func expression() throws(Failure) -> Expression { try disjunction() }

        private mutating func disjunction() throws(Failure) -> Expression {
            var left = try conjunction()
            while keyword(if: "OR") { left = .binary("OR", left, try conjunction()) }
            return left
        }

        private mutating func conjunction() throws(Failure) -> Expression {
            var left = try negation()
            while keyword(if: "AND") { left = .binary("AND", left, try negation()) }
            return left
        }

        private mutating func negation() throws(Failure) -> Expression {
            if keyword(if: "NOT") { return .not(try negation()) }
            return try comparison()
        }

        private mutating func comparison() throws(Failure) -> Expression {
            let left = try additive()
            if keyword(if: "IS") {
                let negated = keyword(if: "NOT")
                guard keyword(if: "NULL") else { throw unexpected() }
                return .isNull(left, negated: negated)
            }
            for op in ["=", "!=", "<>", "<=", ">=", "<", ">"] where symbol(if: op) {
                return .binary(op, left, try additive())
            }
            return left
        }

        private mutating func additive() throws(Failure) -> Expression {
            var left = try multiplicative()
            while true {
                guard let op = ["+", "-", "||"].first(where: { symbol(if: $0) }) else { return left }
                left = .binary(op, left, try multiplicative())
            }
        }

        private mutating func multiplicative() throws(Failure) -> Expression {
            var left = try unary()
            while true {
                guard let op = ["*", "/", "%"].first(where: { symbol(if: $0) }) else { return left }
                left = .binary(op, left, try unary())
            }
        }

        private mutating func unary() throws(Failure) -> Expression {
            if symbol(if: "-") { return .negate(try unary()) }
            if symbol(if: "+") { return try unary() }
            var operand = try primary()
            while symbol(if: "::") {
                operand = .cast(operand, try identifier().uppercased())
                if symbol(if: "(") {  // NUMBER(38, 0), VARCHAR(10)
                    while !symbol(if: ")") {
                        guard current != nil else { throw unexpected() }
                        index += 1
                    }
                }
            }
            return operand
        }

        private mutating func primary() throws(Failure) -> Expression {
            switch current {
            case .number(let number):
                index += 1
                return .literal(.number(number))
            case .string(let string):
                index += 1
                return .literal(.string(string))
            case .symbol("("):
                index += 1
                let inner = try expression()
                guard symbol(if: ")") else { throw unexpected() }
                return inner
            case .word(var word):
                index += 1
                switch word {
                case "TRUE": return .literal(.bool(true))
                case "FALSE": return .literal(.bool(false))
                case "NULL": return .literal(.null)
                default: break
                }
                while symbol(if: ".") { word += "." + (try identifier()) }
                guard symbol(if: "(") else { throw unexpected() }
                var arguments: [Expression] = []
                if !symbol(if: ")") {
                    repeat { arguments.append(try expression()) } while symbol(if: ",")
                    guard symbol(if: ")") else { throw unexpected() }
                }
                return .call(word, arguments)
            default:
                throw unexpected()
            }
        }

        private static func tokenize(_ text: String) throws(Failure) -> [(token: Token, offset: Int)] {
            let characters = Array(text)
            var tokens: [(token: Token, offset: Int)] = []
            var i = 0
            func failure(_ message: String) -> Failure { Failure(code: 1_003, message: "SQL compilation error: \(message)") }
            while i < characters.count {
                let c = characters[i]
                let start = i
                if c.isWhitespace {
                    i += 1
                } else if c == "-", i + 1 < characters.count, characters[i + 1] == "-" {
                    while i < characters.count, characters[i] != "\n" { i += 1 }
                } else if c == "'" {
                    var value = ""
                    i += 1
                    while true {
                        guard i < characters.count else { throw failure("string literal at position \(start) is not terminated.") }
                        let d = characters[i]
                        if d == "\\", i + 1 < characters.count {
                            let escaped = characters[i + 1]
                            value.append(escaped == "n" ? "\n" : escaped == "t" ? "\t" : escaped)
                            i += 2
                        } else if d == "'" {
                            if i + 1 < characters.count, characters[i + 1] == "'" {
                                value.append("'")
                                i += 2
                            } else {
                                i += 1
                                break
                            }
                        } else {
                            value.append(d)
                            i += 1
                        }
                    }
                    tokens.append((.string(value), start))
                } else if c == "\"" {
                    var value = ""
                    i += 1
                    while true {
                        guard i < characters.count else { throw failure("identifier at position \(start) is not terminated.") }
                        if characters[i] == "\"" {
                            if i + 1 < characters.count, characters[i + 1] == "\"" {
                                value.append("\"")
                                i += 2
                                continue
                            }
                            i += 1
                            break
                        }
                        value.append(characters[i])
                        i += 1
                    }
                    tokens.append((.quotedIdentifier(value), start))
                } else if c.isNumber || (c == "." && i + 1 < characters.count && characters[i + 1].isNumber) {
                    while i < characters.count, characters[i].isNumber || characters[i] == "." { i += 1 }
                    if i < characters.count, characters[i] == "e" || characters[i] == "E" {
                        i += 1
                        if i < characters.count, characters[i] == "-" || characters[i] == "+" { i += 1 }
                        while i < characters.count, characters[i].isNumber { i += 1 }
                    }
                    guard let number = Double(String(characters[start..<i])) else { throw failure("invalid number at position \(start).") }
                    tokens.append((.number(number), start))
                } else if c.isLetter || c == "_" {
                    while i < characters.count, characters[i].isLetter || characters[i].isNumber || characters[i] == "_" || characters[i] == "$" {
                        i += 1
                    }
                    tokens.append((.word(String(characters[start..<i]).uppercased()), start))
                } else {
                    let pair = i + 1 < characters.count ? String(characters[i...i + 1]) : ""
                    if ["||", "::", "!=", "<>", "<=", ">="].contains(pair) {
                        tokens.append((.symbol(pair), start))
                        i += 2
                    } else if "(),;+-*/%=<>.".contains(c) {
                        tokens.append((.symbol(String(c)), start))
                        i += 1
                    } else {
                        throw failure("syntax error line 1 at position \(start) unexpected '\(c)'.")
                    }
                }
            }
            return tokens
        }
    }
}
