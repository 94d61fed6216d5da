import Foundation

// MARK: Model

/// A sequence: a generator of unique numbers (`Sequence` in the REST API v2 and in
/// `snowflake.core`).
///
/// ```swift
/// try await schema.sequences.create(SequenceModel(name: "order_ids", start: 1000, increment: 10))
/// ```
public struct SequenceModel: Codable, Hashable, Sendable {
    /// The sequence's name.
    public var name: String
    /// The first value handed out (1 when nil).
    public var start: Int64?
    /// The step between values, positive or negative but not 0 (1 when nil).
    public var increment: Int64?
    /// Whether values are handed out in increasing (or, for a negative step, decreasing)
    /// order (`ORDER`); false is `NOORDER`, Snowflake's default.
    public var ordered: Bool?
    /// A comment.
    public var comment: String?

    /// When the sequence was created.
    @ReadOnly public var createdOn: Date?
    /// The containing database.
    @ReadOnly public var databaseName: String?
    /// The containing schema.
    @ReadOnly public var schemaName: String?
    /// The role that owns it.
    @ReadOnly public var owner: String?
    /// The kind of the owner.
    @ReadOnly public var ownerRoleType: String?

    /// A sequence definition.
    public init(name: String, start: Int64? = nil, increment: Int64? = nil, ordered: Bool? = nil, comment: String? = nil) {
        self.name = name
        self.start = start
        self.increment = increment
        self.ordered = ordered
        self.comment = comment
    }

    private enum CodingKeys: String, CodingKey {
        case name, start, increment, ordered, comment
        case createdOn = "created_on"
        case databaseName = "database_name"
        case schemaName = "schema_name"
        case owner
        case ownerRoleType = "owner_role_type"
    }
}

// MARK: Descriptor

extension SequenceModel: SchemaObject, MovableByRename, Cloneable, ReportsOwnerRoleType, ReportsSchemaName {
    /// The family's descriptor.
    public static let descriptor = ResourceDescriptor(
        family: "sequence", objectKind: "Sequence", collectionPath: "sequences", listFilters: .like,
        columns: ["name", "start", "increment", "ordered", "comment", "owner", "created_on"])
}
