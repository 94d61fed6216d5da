import Foundation

// What a family can do beyond create, list, fetch and drop. A family declares a capability by
// conforming to its protocol in its model file; the client offers the matching methods through
// constrained extensions and the emulator serves the matching endpoints.

/// `PUT .../{name}`: create the object or alter it to match the given definition.
public protocol SupportsCreateOrAlter: ResourceFamily {}

/// `POST .../{name}:undrop`: restore the most recently dropped object of a name.
public protocol Undroppable: ResourceFamily {}

/// `POST .../{name}:clone`: create a copy, optionally as of a point in time.
public protocol Cloneable: ResourceFamily {}

/// `POST .../{name}:resume` and `POST .../{name}:suspend`.
public protocol Resumable: ResourceFamily {}

/// `POST .../{name}:execute`.
public protocol Executable: ResourceFamily {}

/// `POST .../{name}:rename?targetName=&targetDatabase=&targetSchema=&ifExists=`: a new name for
/// a schema-level object, in its schema or another one.
public protocol MovableByRename: SchemaObject {}

/// `.../{name}/grants` and `.../{name}/future-grants` with their `:revoke` forms: a role or
/// database role that holds privileges and other roles.
public protocol GrantHolder: ResourceFamily {}

/// `POST .../{name}:set-tags`, `POST .../{name}:unset-tags` and `GET .../{name}:get-tags`:
/// tags with values set on the object.
public protocol Taggable: ResourceFamily {}

/// A family whose REST API has no `GET .../{name}` (accounts, managed accounts, roles, ...):
/// its objects are only listed. The client's `fetch()` finds the object by listing (with
/// `like` where the family takes it); the emulator answers a fetch with 405, as the API has no
/// such operation.
public protocol NotFetchable: ResourceFamily {}

// MARK: Server-filled fields

/// A family whose objects carry their creation time and owner, filled in by the server.
public protocol OwnedObject: ResourceFamily {
    /// When the object was created.
    var createdOn: Date? { get set }
    /// The role that owns the object.
    var owner: String? { get set }
}

/// A family whose objects report the kind of their owner.
public protocol ReportsOwnerRoleType: OwnedObject {
    /// The kind of the owner (`ROLE`, `DATABASE_ROLE`, ...).
    var ownerRoleType: String? { get set }
}

/// A family whose objects report their containing database by name.
public protocol ReportsDatabaseName: ResourceFamily {
    /// The containing database's name.
    var databaseName: String? { get set }
}

/// A family whose objects report their containing schema by name.
public protocol ReportsSchemaName: ReportsDatabaseName {
    /// The containing schema's name.
    var schemaName: String? { get set }
}

/// A family whose listings can show dropped objects with the time they were dropped.
public protocol ReportsDroppedOn: ResourceFamily {
    /// When the object was dropped; nil for a live object.
    var droppedOn: Date? { get set }
}
