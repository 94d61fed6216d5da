import Foundation
import SnowflakeModels

/// Reads a request's JSON body as a wire type, turning every decoding failure into a 400 that
/// names the field and what was wrong with it.
enum RequestBody {
    /// The body decoded as `T`; `what` names it in errors ("Invalid \(what): ...").
    static func decode<T: Decodable>(_ type: T.Type, from body: Data, as what: String) throws -> T {
        guard !body.isEmpty else { throw EmulatorError.badRequest("The request needs a JSON body.") }
        do {
            return try WireCoding.sharedDecoder.decode(T.self, from: body)
        } catch let error as DecodingError {
            throw EmulatorError.badRequest("Invalid \(what): \(explain(error))")
        } catch {
            throw EmulatorError.badRequest("The body is not valid JSON.")
        }
    }

    /// What a decoding error means, in words: the field's path and the problem.
    static func explain(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "the body" : "'" + keys.joined(separator: ".") + "'"
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = context.codingPath.isEmpty ? "" : " in \(path(context))"
            return "missing required field '\(key.stringValue)'\(parent)."
        case .typeMismatch(let type, let context): return "\(path(context)) must be \(describe(type)). \(context.debugDescription)"
        case .valueNotFound(let type, let context): return "\(path(context)) must be \(describe(type)), not null."
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return "the body is not valid JSON." }
            return "\(path(context)) is invalid: \(context.debugDescription)"
        @unknown default: return "the body does not match the expected shape."
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "an integer"
        case is Bool.Type: "a boolean"
        case is Double.Type: "a number"
        default: "\(type)"
        }
    }
}
