import SnowflakeModels

/// What a path under `/api/v2/` names, decided from the registered families' descriptors.
enum APIRoute {
    /// `GET` list, `POST` create: `/databases`, `/databases/{db}/schemas`, ...
    case collection(any FamilyEndpoint, RawContainer)
    /// `POST /{collection}:verb`.
    case collectionAction(any FamilyEndpoint, RawContainer, verb: String)
    /// `GET`, `PUT`, `DELETE` of one object.
    case item(any FamilyEndpoint, RawContainer, name: String)
    /// `POST .../{name}:verb`.
    case itemAction(any FamilyEndpoint, RawContainer, name: String, verb: String)
    /// A path below an object (`.../tasks/{name}/dependents`).
    case subresource(any FamilyEndpoint, RawContainer, name: String, path: [String])
    /// `GET /results/{handle}`.
    case result(handle: String)

    /// Parses the segments after `/api/v2/` (already percent-decoded).
    static func parse(_ segments: [String], registry: FamilyRegistry) -> APIRoute? {
        if segments.count == 2, segments[0] == "results" { return .result(handle: segments[1]) }
        var container = RawContainer()
        var scope = ResourceScope.account
        var index = 0
        while index < segments.count {
            let (collection, collectionVerb) = splitAction(segments[index])
            guard let endpoint = registry.endpoint(scope: scope, collectionPath: collection) else { return nil }
            if index == segments.count - 1 {
                if let collectionVerb { return .collectionAction(endpoint, container, verb: collectionVerb) }
                return .collection(endpoint, container)
            }
            guard collectionVerb == nil else { return nil }
            let (name, verb) = splitAction(segments[index + 1])
            if index + 1 == segments.count - 1 {
                if let verb { return .itemAction(endpoint, container, name: name, verb: verb) }
                return .item(endpoint, container, name: name)
            }
            guard verb == nil else { return nil }
            let rest = Array(segments[(index + 2)...])
            if let inner = endpoint.descriptor.childScope,
                registry.endpoint(scope: inner, collectionPath: splitAction(rest[0]).name) != nil
            {
                switch inner {
                case .database: container.database = name
                case .schema: container.schema = name
                case .account: return nil
                }
                scope = inner
                index += 2
                continue
            }
            return .subresource(endpoint, container, name: name, path: rest)
        }
        return nil
    }

    /// Splits `name:verb` at the last colon outside double quotes.
    static func splitAction(_ segment: String) -> (name: String, verb: String?) {
        var inQuotes = false
        var split: String.Index?
        var index = segment.startIndex
        while index < segment.endIndex {
            let character = segment[index]
            if character == "\"" { inQuotes.toggle() } else if character == ":" && !inQuotes { split = index }
            index = segment.index(after: index)
        }
        guard let split else { return (segment, nil) }
        return (String(segment[..<split]), String(segment[segment.index(after: split)...]))
    }
}

/// The container names of a request as written in its path.
struct RawContainer: Sendable, Hashable {
    var database: String?
    var schema: String?
}
