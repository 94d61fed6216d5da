import SnowflakeModels

/// Where a collection lives: nothing for account-level families, a database, or a database and
/// a schema. Names are kept as the caller wrote them.
public struct ContainerPath: Sendable, Hashable {
    /// The database's name, for database- and schema-level families.
    public var database: String?
    /// The schema's name, for schema-level families.
    public var schema: String?

    /// A container.
    public init(database: String? = nil, schema: String? = nil) {
        self.database = database
        self.schema = schema
    }

    /// The account itself.
    public static let account = ContainerPath()
}

extension ResourceFamily {
    /// The collection path of this family in `container`.
    static func collectionPath(in container: ContainerPath) -> APIPath {
        switch scope {
        case .account: APIPath([descriptor.collectionPath])
        case .database: APIPath(["databases", container.database ?? "", descriptor.collectionPath])
        case .schema:
            APIPath(["databases", container.database ?? "", "schemas", container.schema ?? "", descriptor.collectionPath])
        }
    }

    /// Refuses names that cannot be a path segment, before any request.
    static func checkPathSegments(_ names: [String?]) throws {
        for case let name? in names where name == "." || name == ".." || name.isEmpty {
            throw SnowflakeError(
                code: .invalidArgument,
                detail: "Invalid value '\(name)' for a path parameter: identifiers may not be empty, '.' or '..'.")
        }
    }
}
