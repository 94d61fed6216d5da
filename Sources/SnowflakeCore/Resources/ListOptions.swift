import Foundation
import SnowflakeModels

/// Filters for listing a collection, as SHOW takes them.
///
/// ```swift
/// for try await db in root.databases.list(ListOptions(like: "test%", showLimit: 100)) { ... }
/// ```
public struct ListOptions: Sendable, Hashable {
    /// Case-insensitive SQL pattern (`%` any run, `_` one character).
    public var like: String?
    /// Case-sensitive name prefix.
    public var startsWith: String?
    /// At most this many objects in all (1 to 10,000).
    public var showLimit: Int?
    /// Only names that sort after this one (case-sensitive).
    public var fromName: String?
    /// Include dropped objects not yet purged (databases, schemas, ...).
    public var history: Bool?
    /// Full details per object (tables, views, ...).
    public var deep: Bool?
    /// Only tasks without predecessors.
    public var rootOnly: Bool?

    /// Filters; nil means "not given".
    public init(
        like: String? = nil, startsWith: String? = nil, showLimit: Int? = nil, fromName: String? = nil,
        history: Bool? = nil, deep: Bool? = nil, rootOnly: Bool? = nil
    ) {
        self.like = like
        self.startsWith = startsWith
        self.showLimit = showLimit
        self.fromName = fromName
        self.history = history
        self.deep = deep
        self.rootOnly = rootOnly
    }

    /// The filters that are set.
    var filtersUsed: ListFilters {
        var used: ListFilters = []
        if like != nil { used.insert(.like) }
        if let startsWith, !startsWith.isEmpty { used.insert(.startsWith) }
        if showLimit != nil { used.insert(.showLimit) }
        if fromName != nil { used.insert(.fromName) }
        if history != nil { used.insert(.history) }
        if deep != nil { used.insert(.deep) }
        if rootOnly != nil { used.insert(.rootOnly) }
        return used
    }

    /// Checks the filters against what the family accepts.
    func validate(for descriptor: ResourceDescriptor) throws {
        let unsupported = filtersUsed.subtracting(descriptor.listFilters)
        if !unsupported.isEmpty {
            throw SnowflakeError(
                code: .invalidArgument,
                detail: "listing \(descriptor.collectionPath) does not accept \(Self.names(of: unsupported).joined(separator: ", "))")
        }
        if let showLimit, !(1...10_000).contains(showLimit) {
            throw SnowflakeError(code: .invalidArgument, detail: "showLimit must be between 1 and 10000, not \(showLimit)")
        }
    }

    /// The query items of one page request.
    func queryItems(limit: Int?, fromName: String?) -> [URLQueryItem] {
        var items: [URLQueryItem] = []
        if let rootOnly { items.append(URLQueryItem(name: "rootOnly", value: String(rootOnly))) }
        if let like { items.append(URLQueryItem(name: "like", value: like)) }
        if let startsWith, !startsWith.isEmpty { items.append(URLQueryItem(name: "startsWith", value: startsWith)) }
        if let limit { items.append(URLQueryItem(name: "showLimit", value: String(limit))) }
        if let fromName { items.append(URLQueryItem(name: "fromName", value: fromName)) }
        if let history { items.append(URLQueryItem(name: "history", value: String(history))) }
        if let deep { items.append(URLQueryItem(name: "deep", value: String(deep))) }
        return items
    }

    private static func names(of filters: ListFilters) -> [String] {
        let all: [(ListFilters, String)] = [
            (.like, "like"), (.startsWith, "startsWith"), (.showLimit, "showLimit"), (.fromName, "fromName"),
            (.history, "history"), (.deep, "deep"), (.rootOnly, "rootOnly"),
        ]
        return all.filter { filters.contains($0.0) }.map(\.1)
    }
}

