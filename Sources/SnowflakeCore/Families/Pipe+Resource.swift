import Foundation
import SnowflakeModels

/// A reference to a pipe, as `snowflake.core` names it.
public typealias PipeResource = ResourceReference<PipeModel>
/// The pipes of a schema, as `snowflake.core` names it.
public typealias PipeCollection = ResourceCollection<PipeModel>

extension ResourceReference where Family == SchemaModel {
    /// The schema's pipes.
    public var pipes: PipeCollection { collection(PipeModel.self) }
}

extension ResourceReference where Family == PipeModel {
    /// Asks Snowpipe to queue the staged files it has not loaded yet (`ALTER PIPE ... REFRESH`).
    ///
    /// ```swift
    /// try await pipes["load_events"].refresh(prefix: "2026/12/", modifiedAfter: .now.addingTimeInterval(-3600))
    /// ```
    /// - Parameters:
    ///   - ifExists: when true, a missing pipe is not an error.
    ///   - prefix: only files under this path of the stage.
    ///   - modifiedAfter: only files modified after this moment (Snowflake looks back 7 days
    ///     at most).
    /// - Remark: HTTP `POST /api/v2/databases/{database}/schemas/{schema}/pipes/{name}:refresh?ifExists=&prefix=&modified_after=`
    public func refresh(ifExists: Bool? = nil, prefix: String? = nil, modifiedAfter: Date? = nil) async throws {
        var query: [URLQueryItem] = []
        if let ifExists { query.append(URLQueryItem(name: "ifExists", value: String(ifExists))) }
        if let prefix { query.append(URLQueryItem(name: "prefix", value: prefix)) }
        if let modifiedAfter {
            query.append(URLQueryItem(name: "modified_after", value: modifiedAfter.formatted(.iso8601)))
        }
        try await perform("refresh", query: query, idempotent: true)
    }
}
