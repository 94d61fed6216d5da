import Foundation
import GRDB
import SnowflakeModels

/// What is special about a family in the emulator. The generic ``FamilyController`` does
/// create, list, fetch, create-or-alter, drop, undrop and clone for every family; a behaviour
/// adds validation, server-filled fields, state machines, actions and side effects. Every
/// method has a default, so a family with nothing special has an empty behaviour.
///
/// Hooks that change state run inside the request's write transaction: throwing from one
/// rolls back everything the request did.
protocol FamilyBehaviour: Sendable {
    associatedtype Family: ResourceFamily

    init()

    /// Validates and normalises a definition before it is stored, and fills the family's own
    /// server fields. `existing` is the object being altered by create-or-alter, else nil.
    func prepare(_ model: inout Family, serverState: inout [String: JSONValue], existing: StoredObject<Family>?, context: StoreContext) throws

    /// Runs after a new object is stored (a container creates its default children).
    func didCreate(_ object: StoredObject<Family>, context: StoreContext) throws

    /// Checks that the object may be dropped (or replaced).
    func willDrop(_ object: StoredObject<Family>, context: StoreContext) throws

    /// Runs after the object was dropped; `purgeAfter` is when its dropped version goes.
    func didDrop(_ object: StoredObject<Family>, purgeAfter: Date, context: StoreContext) throws

    /// Runs after a dropped object was restored.
    func didUndrop(_ object: ObjectRecord, context: StoreContext) throws

    /// Validates a clone of `source` before it is stored.
    func prepareClone(_ model: inout Family, source: StoredObject<Family>, context: StoreContext) throws

    /// True when the family's clone body is a type of its own (`StreamClone`, `AlertClone`)
    /// rather than its model: the copy's definition then comes from
    /// ``cloneDefinition(_:source:context:)``.
    var hasOwnCloneBody: Bool { get }

    /// The copy's definition, for a family with its own clone body: built from that body (as
    /// JSON) and the source. The name is set from the body afterwards.
    func cloneDefinition(_ body: [String: JSONValue], source: StoredObject<Family>, context: StoreContext) throws -> Family

    /// Runs after a clone was stored; containers copy the objects that existed at `moment`.
    func didClone(from source: StoredObject<Family>, to clone: StoredObject<Family>, at moment: Date, context: StoreContext) throws

    /// Adapts a copy of an object made because its container was cloned.
    func adaptCopy(_ model: inout Family, serverState: inout [String: JSONValue], from source: ObjectRecord, context: StoreContext) throws

    /// Days a dropped object can be undropped; 0 deletes it at once.
    func retentionDays(of object: StoredObject<Family>, context: StoreContext) throws -> Int

    /// Performs a family action (`POST .../{name}:verb`); nil when the family has no such action.
    func perform(_ verb: String, on object: StoredObject<Family>, context: StoreContext) throws -> APIResponse?

    /// Answers a read below an object (`GET .../{name}/dependents`); nil when there is none.
    func subresource(_ path: [String], of object: StoredObject<Family>, context: StoreContext) throws -> APIResponse?

    /// An extra SQL condition on `objects` rows for listings (family filters such as `rootOnly`).
    func listingCondition(_ request: APIRequest) throws -> (sql: String, arguments: StatementArguments)?

    /// Names below the collection's path that are not objects (`compute-pools/instance-families`);
    /// a `GET` of one is answered by ``collectionRead(_:context:)``.
    var reservedNames: Set<String> { get }

    /// Answers a `GET` of one of the ``reservedNames``.
    func collectionRead(_ name: String, context: StoreContext) throws -> APIResponse

    /// True when an object shows differently as time passes without a write (a warehouse that
    /// suspends itself): fetch and list then show ``present(_:now:)`` instead of the stored body.
    var changesWithTime: Bool { get }

    /// The object as it shows at `now`; actions that depend on the same state call it too.
    func present(_ object: StoredObject<Family>, now: Date) -> Family

    /// The object as it shows to this request (by default ``present(_:now:)``): for what
    /// depends on the caller or on other tables (a role's grant counts, `is_current`).
    func present(_ object: StoredObject<Family>, context: StoreContext) throws -> Family

    /// Makes a change below an object (`POST .../{name}/grants`); nil when there is none.
    func changeSubresource(_ path: [String], of object: StoredObject<Family>, context: StoreContext) throws -> APIResponse?

    /// Performs an action on the collection (`POST .../tables:as-select`), in a write
    /// transaction in the collection's container; nil when the family has no such action.
    func collectionAction(_ verb: String, context: StoreContext) throws -> APIResponse?

    /// True when a listing shows objects differently from a fetch (tables show their columns
    /// only with `deep`): each listed object is then shown as ``listed(_:request:)`` makes it.
    var shapesListings: Bool { get }

    /// An object as a listing shows it to this request.
    func listed(_ model: Family, request: APIRequest) throws -> Family

    /// Answers an action whose `{name}` need not be an existing object (the legacy
    /// `tables/{name}:as_select` names the table to create) before the generic action looks
    /// the object up; nil lets it.
    func objectlessAction(_ verb: String, name: String, context: StoreContext) throws -> APIResponse?
}

extension FamilyBehaviour {
    func prepare(_ model: inout Family, serverState: inout [String: JSONValue], existing: StoredObject<Family>?, context: StoreContext) throws {}
    func didCreate(_ object: StoredObject<Family>, context: StoreContext) throws {}
    func willDrop(_ object: StoredObject<Family>, context: StoreContext) throws {}
    func didDrop(_ object: StoredObject<Family>, purgeAfter: Date, context: StoreContext) throws {}
    func didUndrop(_ object: ObjectRecord, context: StoreContext) throws {}
    func prepareClone(_ model: inout Family, source: StoredObject<Family>, context: StoreContext) throws {
        var serverState: [String: JSONValue] = [:]
        try prepare(&model, serverState: &serverState, existing: nil, context: context)
    }
    var hasOwnCloneBody: Bool { false }
    func cloneDefinition(_ body: [String: JSONValue], source: StoredObject<Family>, context: StoreContext) throws -> Family { source.model }
    func didClone(from source: StoredObject<Family>, to clone: StoredObject<Family>, at moment: Date, context: StoreContext) throws {}
    func adaptCopy(_ model: inout Family, serverState: inout [String: JSONValue], from source: ObjectRecord, context: StoreContext) throws {}
    func retentionDays(of object: StoredObject<Family>, context: StoreContext) throws -> Int {
        Family.self is any Undroppable.Type ? 1 : 0
    }
    func perform(_ verb: String, on object: StoredObject<Family>, context: StoreContext) throws -> APIResponse? { nil }
    func subresource(_ path: [String], of object: StoredObject<Family>, context: StoreContext) throws -> APIResponse? { nil }
    func listingCondition(_ request: APIRequest) throws -> (sql: String, arguments: StatementArguments)? { nil }
    var reservedNames: Set<String> { [] }
    func collectionRead(_ name: String, context: StoreContext) throws -> APIResponse {
        throw EmulatorError.noEndpoint(context.request.method, context.request.path)
    }
    var changesWithTime: Bool { false }
    func present(_ object: StoredObject<Family>, now: Date) -> Family { object.model }
    func present(_ object: StoredObject<Family>, context: StoreContext) throws -> Family { present(object, now: context.now) }
    func changeSubresource(_ path: [String], of object: StoredObject<Family>, context: StoreContext) throws -> APIResponse? { nil }
    func collectionAction(_ verb: String, context: StoreContext) throws -> APIResponse? { nil }
    var shapesListings: Bool { false }
    func listed(_ model: Family, request: APIRequest) throws -> Family { model }
    func objectlessAction(_ verb: String, name: String, context: StoreContext) throws -> APIResponse? { nil }
}

/// A stored object with its model decoded.
struct StoredObject<Family: ResourceFamily>: Sendable {
    var record: ObjectRecord
    var model: Family
    var serverState: [String: JSONValue]

    /// An object just written, whose model and state are at hand.
    init(record: ObjectRecord, model: Family, serverState: [String: JSONValue]) {
        self.record = record
        self.model = model
        self.serverState = serverState
    }

    init(record: ObjectRecord) throws {
        self.record = record
        self.model = try WireCoding.sharedDecoder.decode(Family.self, from: Data(record.body.utf8))
        self.serverState = record.serverState == "{}" ? [:] : try WireCoding.sharedDecoder.decode([String: JSONValue].self, from: Data(record.serverState.utf8))
    }

    /// The object's canonical name.
    var canonicalName: String { record.name }

    /// Stores the model and internal state back.
    func save(in db: Database) throws {
        try db.updateObject(id: record.id, body: try Self.encode(model), serverState: try Self.encode(serverState))
    }

    static func encode(_ value: some Encodable) throws -> String {
        if let state = value as? [String: JSONValue], state.isEmpty { return "{}" }
        return String(decoding: try WireCoding.sharedEncoder.encode(value), as: UTF8.self)
    }
}

/// The state a hook works in: the open transaction, the time, the request and the resolved
/// container.
struct StoreContext {
    let db: Database
    let now: Date
    let request: APIRequest
    let container: ResolvedContainer

    /// The emulator's shared parts.
    var services: EmulatorServices { request.services }
    /// The families served.
    var registry: FamilyRegistry { request.services.registry }
}

/// A request's container, resolved to canonical names and checked to exist.
struct ResolvedContainer: Sendable, Hashable {
    /// The database's canonical name, or "".
    var database = ""
    /// The schema's canonical name, or "".
    var schema = ""

    /// `DB.SCHEMA.NAME` for messages and references, each part spelled so it resolves back.
    func qualified(_ name: String) -> String {
        [database, schema, name].filter { !$0.isEmpty }.map(Identifier.spelling(forCanonical:)).joined(separator: ".")
    }
}
