import Foundation
import SnowflakeModels

extension ResourceReference where Family: Taggable {
    /// Sets tags on the object; a tag already set on it takes the new value. Each tag must
    /// exist, and a tag with allowed values takes only one of them.
    ///
    /// ```swift
    /// let governance = root.databases["governance"].schemas["tags"].tags
    /// try await root.databases["sales"].setTags([governance["cost_center"]: "finance", governance["owner"]: "ana"])
    /// ```
    /// - Parameter ifExists: when true, a missing object is not an error.
    /// - Remark: HTTP `POST /api/v2/.../{name}:set-tags?ifExists=`
    public func setTags(_ tags: KeyValuePairs<TagResource, TagValue>, ifExists: Bool? = nil) async throws {
        try await setTags(
            tags.map {
                TagAssignment(tagDatabase: $0.key.container.database, tagSchema: $0.key.container.schema, tagName: $0.key.name, tagValue: $0.value.value)
            }, ifExists: ifExists)
    }

    /// Sets tags on the object from wire assignments (their `level` is not sent).
    /// - Parameter ifExists: when true, a missing object is not an error.
    /// - Remark: HTTP `POST /api/v2/.../{name}:set-tags?ifExists=`
    public func setTags(_ assignments: [TagAssignment], ifExists: Bool? = nil) async throws {
        try await perform("set-tags", query: Self.ifExistsQuery(ifExists), body: try client.encodeBody(assignments), idempotent: true)
    }

    /// Removes tags from the object; a tag that is not set on it is skipped, but each tag must exist.
    /// - Parameter ifExists: when true, a missing object is not an error.
    /// - Remark: HTTP `POST /api/v2/.../{name}:unset-tags?ifExists=`
    public func unsetTags(_ tags: [TagResource], ifExists: Bool? = nil) async throws {
        let references = tags.map { TagReference(tagDatabase: $0.container.database, tagSchema: $0.container.schema, tagName: $0.name) }
        try await perform("unset-tags", query: Self.ifExistsQuery(ifExists), body: try client.encodeBody(references), idempotent: true)
    }

    /// The tags set on the object, with their values and the kind of object each was set on.
    /// (`get_tags` in `snowflake.core`; a schema's ``tags`` is its collection of tag objects.)
    ///
    /// ```swift
    /// for assigned in try await task.fetchTags(withLineage: true) {
    ///     print(assigned.tag.fullyQualifiedName, assigned.value.value, assigned.value.level ?? "")
    /// }
    /// ```
    /// - Parameter withLineage: also the tags the object inherits from its schema and database
    ///   (the nearest setting of a tag wins).
    /// - Remark: HTTP `GET /api/v2/.../{name}:get-tags?withLineage=`
    public func fetchTags(withLineage: Bool? = nil) async throws -> [AssignedTag] {
        try checkPath()
        let query = withLineage.map { [URLQueryItem(name: "withLineage", value: String($0))] } ?? []
        let assignments = try await client.send("GET", path.action("get-tags"), query: query, as: [TagAssignment].self)
        return try assignments.map { assignment in
            guard let database = assignment.tagDatabase, let schema = assignment.tagSchema else {
                throw SnowflakeError(
                    code: .invalidResponse, operation: "GET \(path.action("get-tags").rendered)",
                    detail: "the tag assignment of '\(assignment.tagName)' names no tag database or schema")
            }
            let tag = TagResource(client: client, container: ContainerPath(database: database, schema: schema), name: assignment.tagName)
            return AssignedTag(tag: tag, value: TagValue(assignment.tagValue, level: assignment.level))
        }
    }

    private static func ifExistsQuery(_ ifExists: Bool?) -> [URLQueryItem] {
        ifExists.map { [URLQueryItem(name: "ifExists", value: String($0))] } ?? []
    }
}

/// A tag set on an object, as ``ResourceReference/fetchTags(withLineage:)`` reports it (one
/// entry of the dictionary `get_tags` returns in `snowflake.core`).
public struct AssignedTag: Sendable, CustomStringConvertible {
    /// The tag (a local reference, spelled as the server reports it).
    public let tag: TagResource
    /// Its value, and the kind of object it was set on (`DATABASE`, `SCHEMA`, `TASK`, ...).
    public let value: TagValue

    public var description: String { "\(tag.fullyQualifiedName) = '\(value.value)' (\(value.level ?? "?"))" }
}
