import Foundation
import SnowflakeModels

/// The objects of one family in one container: `root.databases`,
/// `root.databases["my_db"].schemas["public"].tasks`.
///
/// Subscripting gives a local ``ResourceReference`` (no request); ``create(_:mode:)`` and
/// ``list(_:pageSize:)`` talk to Snowflake.
public struct ResourceCollection<Family: ResourceFamily>: Sendable {
    let client: RESTClient
    /// Where the collection lives.
    public let container: ContainerPath

    init(client: RESTClient, container: ContainerPath) {
        self.client = client
        self.container = container
    }

    /// A reference to the object called `name`, spelled as an identifier (`task1`, `"My Task"`).
    /// Building it sends nothing.
    public subscript(name: String) -> ResourceReference<Family> {
        ResourceReference(client: client, container: container, name: name)
    }

    /// The collection's path.
    var path: APIPath { Family.collectionPath(in: container) }

    /// Creates an object and returns a reference to it.
    ///
    /// - Parameter mode: what to do when an object of that name exists: fail with
    ///   ``SnowflakeError/Code/conflict`` (default), replace it, or keep it.
    /// - Remark: HTTP `POST /api/v2/.../{collection}?createMode=`
    @discardableResult
    public func create(_ model: Family, mode: CreateMode = .errorIfExists) async throws -> ResourceReference<Family> {
        try await sendCreate(path, body: model, mode: mode)
        return self[model.name]
    }

    /// Sends a create-style call to `target` (the collection, or one of its actions): the body,
    /// `createMode`, `copyGrants` when given, then `extra`. It may be sent again unless the mode
    /// is `errorIfExists`.
    func sendCreate(
        _ target: APIPath, body: some Encodable, mode: CreateMode, copyGrants: Bool? = nil, extra: [URLQueryItem] = []
    ) async throws {
        try Family.checkPathSegments([container.database, container.schema])
        _ = try await client.send(
            "POST", target, query: CreateMode.query(mode, copyGrants: copyGrants) + extra, body: try client.encodeBody(body),
            idempotent: mode != .errorIfExists)
    }

    /// The collection's objects, fetched lazily as you iterate.
    ///
    /// - Parameters:
    ///   - options: SHOW-style filters; a filter the family does not accept fails the walk
    ///     with ``SnowflakeError/Code/invalidArgument``.
    ///   - pageSize: objects per request when the family pages with `fromName`.
    /// - Remark: HTTP `GET /api/v2/.../{collection}`
    public func list(_ options: ListOptions = ListOptions(), pageSize: Int = 1000) -> ResourceListing<Family> {
        ResourceListing(client: client, path: path, options: options, pageSize: max(1, min(pageSize, 10_000)))
    }

    /// The collection's objects filtered by name.
    public func list(
        like: String? = nil, startsWith: String? = nil, showLimit: Int? = nil, fromName: String? = nil
    ) -> ResourceListing<Family> {
        list(ListOptions(like: like, startsWith: startsWith, showLimit: showLimit, fromName: fromName))
    }
}

/// A local reference to one object: a name in a container. Building one is free; its methods
/// talk to Snowflake.
///
/// ```swift
/// let task = root.databases["my_db"].schemas["public"].tasks["task1"]
/// let snapshot = try await task.fetch()
/// try await task.drop(ifExists: true)
/// ```
public struct ResourceReference<Family: ResourceFamily>: Sendable, CustomStringConvertible {
    let client: RESTClient
    /// Where the object lives.
    public let container: ContainerPath
    /// The object's name as written.
    public let name: String

    init(client: RESTClient, container: ContainerPath, name: String) {
        self.client = client
        self.container = container
        self.name = name
    }

    /// The object's path.
    var path: APIPath { Family.collectionPath(in: container).appending(name) }

    func checkPath() throws {
        try Family.checkPathSegments([container.database, container.schema, name])
    }

    /// The parts joined with dots, as written: `my_db.public.task1`.
    public var fullyQualifiedName: String {
        QualifiedName(database: container.database, schema: container.schema, name: name).description
    }

    public var description: String { "<\(Family.descriptor.objectKind)Resource: '\(fullyQualifiedName)'>" }

    /// Fetches the object's current state. For a family the REST API cannot fetch
    /// (``NotFetchable``: roles, accounts, ...) it lists, with `like` set to the name where the
    /// family takes it, and returns the object of exactly that name.
    /// - Remark: HTTP `GET /api/v2/.../{name}` (``NotFetchable`` families: `GET /api/v2/...?like=`)
    public func fetch() async throws -> Family {
        try checkPath()
        if Family.self is any NotFetchable.Type { return try await fetchByListing() }
        return try await client.send("GET", path, as: Family.self)
    }

    /// The object of this name found by listing its collection with `like`.
    private func fetchByListing() async throws -> Family {
        let canonical: String
        do { canonical = try Identifier.resolve(name) } catch {
            throw SnowflakeError(code: .invalidArgument, detail: "'\(name)' is not a valid identifier", underlyingError: error)
        }
        // Unescaped: `_` and `%` in the name match themselves too, and the exact comparison
        // below drops any other name the pattern matches.
        let collection = ResourceCollection<Family>(client: client, container: container)
        let like = Family.descriptor.listFilters.contains(.like) ? canonical : nil
        for try await object in collection.list(ListOptions(like: like)) where Identifier.unquote(object.name) == canonical {
            return object
        }
        throw SnowflakeError(
            code: .notFound, operation: "GET \(Family.collectionPath(in: container).rendered)?like=",
            detail: "\(Family.descriptor.objectKind) '\(name)' does not exist or not authorized.")
    }

    /// Drops the object.
    /// - Parameter ifExists: when true, a missing object is not an error.
    /// - Remark: HTTP `DELETE /api/v2/.../{name}?ifExists=`
    public func drop(ifExists: Bool? = nil) async throws {
        try checkPath()
        _ = try await client.send("DELETE", path, query: ifExists.map { [URLQueryItem(name: "ifExists", value: String($0))] } ?? [])
    }

    /// Sends an action (`POST .../{name}:verb`) and ignores the success body.
    func perform(_ verb: String, query: [URLQueryItem] = [], body: Data? = nil, idempotent: Bool = false) async throws {
        try checkPath()
        _ = try await client.send("POST", path.action(verb), query: query, body: body, idempotent: idempotent)
    }
}

// MARK: Where a reference lives

extension ResourceReference where Family: DatabaseObject {
    /// The containing database (a local reference).
    public var database: ResourceReference<DatabaseModel> {
        ResourceReference<DatabaseModel>(client: client, container: .account, name: container.database ?? "")
    }
}

extension ResourceReference where Family: SchemaObject {
    /// The containing database (a local reference).
    public var database: ResourceReference<DatabaseModel> {
        ResourceReference<DatabaseModel>(client: client, container: .account, name: container.database ?? "")
    }

    /// The containing schema (a local reference).
    public var schema: ResourceReference<SchemaModel> {
        ResourceReference<SchemaModel>(
            client: client, container: ContainerPath(database: container.database), name: container.schema ?? "")
    }
}

extension ResourceReference where Family == DatabaseModel {
    /// The collection of a database-level family inside this database.
    public func collection<Child: DatabaseObject>(_ family: Child.Type) -> ResourceCollection<Child> {
        ResourceCollection(client: client, container: ContainerPath(database: name))
    }
}

extension ResourceReference where Family == SchemaModel {
    /// The collection of a schema-level family inside this schema.
    public func collection<Child: SchemaObject>(_ family: Child.Type) -> ResourceCollection<Child> {
        ResourceCollection(client: client, container: ContainerPath(database: container.database, schema: name))
    }
}

extension CreateMode {
    /// The query of a create-style call: `createMode`, and `copyGrants` when given.
    static func query(_ mode: CreateMode, copyGrants: Bool? = nil) -> [URLQueryItem] {
        var query = [URLQueryItem(name: "createMode", value: mode.rawValue)]
        if let copyGrants { query.append(URLQueryItem(name: "copyGrants", value: String(copyGrants))) }
        return query
    }
}
