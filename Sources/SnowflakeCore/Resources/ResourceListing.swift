import Foundation
import SnowflakeModels

/// The objects of a collection, fetched lazily page by page as you iterate.
///
/// Where the family's listing takes `showLimit` and `fromName`, the sequence asks for pages of
/// ``pageSize`` objects and continues after the last name of each full page, so a walk is not
/// bounded by one SHOW answer. `showLimit` bounds the whole walk.
///
/// ```swift
/// for try await task in schema.tasks.list(like: "nightly%") { print(task.name) }
/// let all = try await root.databases.list().collect()
/// ```
public struct ResourceListing<Family: ResourceFamily>: AsyncSequence, Sendable {
    public typealias Element = Family

    let client: RESTClient
    let path: APIPath
    /// The filters of the walk.
    public let options: ListOptions
    /// Objects per request.
    public let pageSize: Int

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(listing: self)
    }

    /// Reads the whole walk into an array.
    public func collect() async throws -> [Family] {
        var result: [Family] = []
        for try await element in self { result.append(element) }
        return result
    }

    /// Iterates a listing.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let listing: ResourceListing
        var buffer: [Family] = []
        var index = 0
        var fromName: String?
        var delivered = 0
        var exhausted = false

        init(listing: ResourceListing) {
            self.listing = listing
            self.fromName = listing.options.fromName
        }

        public mutating func next() async throws -> Family? {
            if let limit = listing.options.showLimit, delivered >= limit { return nil }
            if index == buffer.count {
                guard !exhausted else { return nil }
                try await fetchPage()
                guard index < buffer.count else { return nil }
            }
            defer {
                index += 1
                delivered += 1
            }
            return buffer[index]
        }

        private mutating func fetchPage() async throws {
            try listing.options.validate(for: Family.descriptor)
            let pages = Family.descriptor.listFilters.isSuperset(of: [.showLimit, .fromName])
            var request: Int? = listing.options.showLimit
            if pages {
                let remaining = listing.options.showLimit.map { $0 - delivered } ?? Int.max
                request = Swift.min(listing.pageSize, remaining)
            }
            let items = listing.options.queryItems(limit: request, fromName: fromName)
            buffer = try await listing.client.sendFollowingLinks(listing.path, query: items, as: Family.self)
            index = 0
            if pages, let request, buffer.count == request, let last = buffer.last {
                fromName = Identifier.unquote(last.name)
            } else {
                exhausted = true
            }
        }
    }
}
