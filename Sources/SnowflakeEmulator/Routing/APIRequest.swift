import Foundation
import SnowflakeModels

/// One authenticated API call, as the family controllers see it.
struct APIRequest: Sendable {
    /// The HTTP method.
    var method: String
    /// `METHOD /path` for messages.
    var path: String
    /// Query parameters, percent-decoded; names are case-sensitive.
    var query: [String: String]
    /// The body (at most the configured size).
    var body: Data
    /// Who is calling.
    var principal: Principal
    /// The request's id.
    var requestID: String
    /// The emulator serving the request.
    var services: EmulatorServices
    /// The time the request is served at.
    var now: Date
    /// The `Host` the caller reached the emulator at (`127.0.0.1:8080`), when it sent one.
    var host: String? = nil

    /// A boolean query parameter; accepts `true`/`false` in any case (the Python client sends
    /// `True`). Anything else is a 400.
    func flag(_ name: String) throws(EmulatorError) -> Bool? {
        guard let value = query[name] else { return nil }
        switch value.lowercased() {
        case "true": return true
        case "false": return false
        default: throw .badRequest("Query parameter '\(name)' must be true or false, not '\(value)'.")
        }
    }

    /// An integer query parameter within bounds.
    func integer(_ name: String, in range: ClosedRange<Int>) throws(EmulatorError) -> Int? {
        guard let value = query[name] else { return nil }
        guard let number = Int(value), range.contains(number) else {
            throw .badRequest("Query parameter '\(name)' must be an integer from \(range.lowerBound) to \(range.upperBound), not '\(value)'.")
        }
        return number
    }

    /// `createMode`, defaulting to `errorIfExists`.
    func createMode() throws(EmulatorError) -> CreateMode {
        guard let value = query["createMode"] else { return .errorIfExists }
        guard let mode = CreateMode(wireValue: value) else {
            throw .badRequest("Query parameter 'createMode' must be errorIfExists, orReplace or ifNotExists, not '\(value)'.")
        }
        return mode
    }
}

/// What a controller answers: a status and a JSON body.
struct APIResponse: Sendable {
    var status: Int
    var body: Data
    /// The `Location` header of a `202 Accepted`.
    var location: String? = nil
    /// The body's media type.
    var contentType: String = "application/json"

    /// 200 with `{"status": message}`.
    static func success(_ message: String) -> APIResponse {
        APIResponse(status: 200, body: Data(#"{"status":"\#(escapeJSON(message))"}"#.utf8))
    }

    /// 200 with a JSON text.
    static func json(_ text: String) -> APIResponse {
        APIResponse(status: 200, body: Data(text.utf8))
    }

    /// 200 with an encoded value.
    static func encoded(_ value: some Encodable) throws -> APIResponse {
        APIResponse(status: 200, body: try WireCoding.sharedEncoder.encode(value))
    }

    static func escapeJSON(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 { result += String(format: "\\u%04x", scalar.value) } else { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }
}
