import Foundation
import SnowflakeModels

/// A family as the router sees it: its descriptor and one entry point per kind of call.
protocol FamilyEndpoint: Sendable {
    var descriptor: ResourceDescriptor { get }
    var scope: ResourceScope { get }
    var familyType: any ResourceFamily.Type { get }

    func list(_ container: RawContainer, _ request: APIRequest) async throws -> APIResponse
    func create(_ container: RawContainer, _ request: APIRequest) async throws -> APIResponse
    func fetch(_ container: RawContainer, name: String, _ request: APIRequest) async throws -> APIResponse
    func createOrAlter(_ container: RawContainer, name: String, _ request: APIRequest) async throws -> APIResponse
    func drop(_ container: RawContainer, name: String, _ request: APIRequest) async throws -> APIResponse
    func action(_ container: RawContainer, name: String, verb: String, _ request: APIRequest) async throws -> APIResponse
    func subresource(_ container: RawContainer, name: String, path: [String], _ request: APIRequest) async throws -> APIResponse
    func collectionAction(_ container: RawContainer, verb: String, _ request: APIRequest) async throws -> APIResponse

    /// Copies an object into another container, for a container's clone.
    func copy(_ record: ObjectRecord, database: String, schema: String, context: StoreContext) throws

    /// Creates an object the server makes by itself (a new database's `PUBLIC` schema, the
    /// bootstrap administrator) from its JSON definition.
    func insertDefault(_ definition: [String: JSONValue], database: String, schema: String, owner: String, context: StoreContext) throws
}

/// Every family the emulator serves, looked up by scope and collection path. Families are
/// registered in exactly one place: ``FamilyRegistry/standard``.
struct FamilyRegistry: Sendable {
    private var byPath: [String: any FamilyEndpoint] = [:]
    private var byFamily: [String: any FamilyEndpoint] = [:]

    /// The families this emulator serves.
    static let standard: FamilyRegistry = {
        var registry = FamilyRegistry()
        registry.register(DatabaseBehaviour.self)
        registry.register(SchemaBehaviour.self)
        registry.register(TaskBehaviour.self)
        registry.register(UserBehaviour.self)
        registry.register(TagBehaviour.self)
        registry.register(RoleBehaviour.self)
        registry.register(DatabaseRoleBehaviour.self)
        registry.register(WarehouseBehaviour.self)
        registry.register(ComputePoolBehaviour.self)
        registry.register(NetworkPolicyBehaviour.self)
        registry.register(ExternalVolumeBehaviour.self)
        registry.register(AccountBehaviour.self)
        registry.register(ManagedAccountBehaviour.self)
        registry.register(NotificationIntegrationBehaviour.self)
        registry.register(CatalogIntegrationBehaviour.self)
        registry.register(ApiIntegrationBehaviour.self)
        registry.register(IcebergTableBehaviour.self)
        registry.register(ViewBehaviour.self)
        registry.register(EventTableBehaviour.self)
        registry.register(DynamicTableBehaviour.self)
        registry.register(TableBehaviour.self)
        registry.register(SequenceBehaviour.self)
        registry.register(StreamBehaviour.self)
        registry.register(PipeBehaviour.self)
        registry.register(AlertBehaviour.self)
        registry.register(StageBehaviour.self)
        return registry
    }()

    mutating func register<Behaviour: FamilyBehaviour>(_ behaviour: Behaviour.Type) {
        let endpoint = FamilyController<Behaviour>()
        byPath["\(endpoint.scope.rawValue)/\(endpoint.descriptor.collectionPath)"] = endpoint
        byFamily[endpoint.descriptor.family] = endpoint
    }

    func endpoint(scope: ResourceScope, collectionPath: String) -> (any FamilyEndpoint)? {
        byPath["\(scope.rawValue)/\(collectionPath)"]
    }

    func endpoint(family: String) -> (any FamilyEndpoint)? { byFamily[family] }

    /// The descriptor of the family whose objects contain the families of `scope` (databases
    /// contain database-level families, schemas schema-level ones).
    func container(holding scope: ResourceScope) -> ResourceDescriptor? {
        byFamily.values.first { $0.descriptor.childScope == scope }?.descriptor
    }

    /// The descriptors of every registered family.
    var descriptors: [ResourceDescriptor] { byFamily.values.map(\.descriptor).sorted { $0.family < $1.family } }
}
