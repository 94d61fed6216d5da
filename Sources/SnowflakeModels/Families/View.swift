import Foundation

// MARK: Model

/// A view: a named query (`View` in the REST API v2 and in `snowflake.core`).
///
/// ```swift
/// let view = ViewModel(name: "recent_orders", columns: [ViewColumn(name: "id")],
///                      query: "select id from orders")
/// try await root.databases["my_db"].schemas["public"].views.create(view)
/// ```
public struct ViewModel: Codable, Hashable, Sendable {
    /// The view's name.
    public var name: String
    /// Whether the view is secure (its definition hidden from non-owners).
    public var secure: Bool?
    /// `PERMANENT` (default) or `TEMPORARY`.
    public var kind: String?
    /// Whether the query may refer to the view itself (`CREATE RECURSIVE VIEW`).
    public var recursive: Bool?
    /// The view's columns, in the order of the query's result.
    public var columns: [ViewColumn]
    /// A comment.
    public var comment: String?
    /// The query the view stands for.
    public var query: String

    /// When the view was created.
    @ReadOnly public var createdOn: Date?
    /// The containing database.
    @ReadOnly public var databaseName: String?
    /// The containing schema.
    @ReadOnly public var schemaName: String?
    /// The role that owns it.
    @ReadOnly public var owner: String?
    /// The kind of the owner.
    @ReadOnly public var ownerRoleType: String?

    /// A view definition.
    public init(
        name: String, columns: [ViewColumn], query: String, secure: Bool? = nil, kind: String? = nil,
        recursive: Bool? = nil, comment: String? = nil
    ) {
        self.name = name
        self.columns = columns
        self.query = query
        self.secure = secure
        self.kind = kind
        self.recursive = recursive
        self.comment = comment
    }

    private enum CodingKeys: String, CodingKey {
        case name, secure, kind, recursive, columns, comment, query
        case createdOn = "created_on"
        case databaseName = "database_name"
        case schemaName = "schema_name"
        case owner
        case ownerRoleType = "owner_role_type"
    }
}

// MARK: Nested types

/// A column of a view (`ViewColumn`).
public struct ViewColumn: Codable, Hashable, Sendable {
    /// The column's name.
    public var name: String
    /// A comment on the column.
    public var comment: String?
    /// The column's data type, filled in by the server where it is known.
    @ReadOnly public var datatype: String?

    /// A column.
    public init(name: String, comment: String? = nil) {
        self.name = name
        self.comment = comment
    }

    private enum CodingKeys: String, CodingKey {
        case name, comment, datatype
    }
}

// MARK: Descriptor

extension ViewModel: SchemaObject, Taggable, ReportsOwnerRoleType, ReportsSchemaName {
    /// The family's descriptor.
    public static let descriptor = ResourceDescriptor(
        family: "view", objectKind: "View", collectionPath: "views", listFilters: [.show, .deep], nameSpace: "table",
        columns: ["name", "secure", "kind", "query", "comment", "owner", "created_on"])
}
