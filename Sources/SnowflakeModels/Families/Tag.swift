import Foundation

// MARK: Model

/// A tag: a schema-level object whose string values are set on other objects
/// (`Tag` in the REST API v2 and in `snowflake.core`).
///
/// ```swift
/// let tags = root.databases["governance"].schemas["tags"].tags
/// try await tags.create(TagModel(name: "cost_center", allowedValues: ["finance", "engineering"]))
/// try await root.databases["sales"].setTags([tags["cost_center"]: "finance"])
/// ```
public struct TagModel: Codable, Hashable, Sendable {
    /// The tag's name.
    public var name: String
    /// The only values the tag may be set to (at most 300, each at most 256 characters); any
    /// value when nil.
    public var allowedValues: [String]?
    /// When the tag propagates to objects made from a tagged one: `ON_DEPENDENCY_AND_DATA_MOVEMENT`,
    /// `ON_DEPENDENCY` or `ON_DATA_MOVEMENT`; never when nil.
    public var propagate: String?
    /// The value a propagated tag takes when its values conflict: a string, or
    /// `ALLOWED_VALUES_SEQUENCE` (only with ``propagate``).
    public var onConflict: String?
    /// A comment.
    public var comment: String?

    /// When the tag was created.
    @ReadOnly public var createdOn: Date?
    /// The containing database.
    @ReadOnly public var databaseName: String?
    /// The containing schema.
    @ReadOnly public var schemaName: String?
    /// The role that owns it.
    @ReadOnly public var owner: String?
    /// The kind of the owner.
    @ReadOnly public var ownerRoleType: String?

    /// A tag definition.
    public init(
        name: String, allowedValues: [String]? = nil, propagate: String? = nil, onConflict: String? = nil, comment: String? = nil
    ) {
        self.name = name
        self.allowedValues = allowedValues
        self.propagate = propagate
        self.onConflict = onConflict
        self.comment = comment
    }

    private enum CodingKeys: String, CodingKey {
        case name
        case allowedValues = "allowed_values"
        case propagate
        case onConflict = "on_conflict"
        case comment
        case createdOn = "created_on"
        case databaseName = "database_name"
        case schemaName = "schema_name"
        case owner
        case ownerRoleType = "owner_role_type"
    }
}

// MARK: Descriptor

extension TagModel: SchemaObject, MovableByRename, SupportsCreateOrAlter, Undroppable, ReportsOwnerRoleType, ReportsSchemaName {
    /// The family's descriptor.
    public static let descriptor = ResourceDescriptor(
        family: "tag", objectKind: "Tag", collectionPath: "tags", listFilters: .like,
        columns: ["name", "database_name", "schema_name", "allowed_values", "comment", "owner", "created_on"])
}
