/// A kind of Snowflake object managed through the REST API (databases, schemas, tasks, ...).
///
/// A family is its wire model (this type) plus a ``ResourceDescriptor``. Where it lives is
/// declared by conforming to exactly one of ``AccountObject``, ``DatabaseObject`` or
/// ``SchemaObject``; what it can do by the capability protocols (``Undroppable``,
/// ``Cloneable``, ``Resumable``, ...). Generic code in the client and the emulator does the rest.
public protocol ResourceFamily: Codable, Sendable, Hashable {
    /// Where the family lives: account, database or schema.
    static var scope: ResourceScope { get }
    /// The family's data: names, path, listing filters.
    static var descriptor: ResourceDescriptor { get }
    /// The object's name as an identifier spelling.
    var name: String { get set }
}

/// What contains objects of a family.
public enum ResourceScope: String, Sendable, Hashable {
    /// Directly in the account: `/api/v2/<collection>`.
    case account
    /// In a database: `/api/v2/databases/{database}/<collection>`.
    case database
    /// In a schema: `/api/v2/databases/{database}/schemas/{schema}/<collection>`.
    case schema
}

/// The data that describes a family: everything the generic code needs to know about it.
public struct ResourceDescriptor: Sendable, Hashable {
    /// The singular name the Snowflake CLI uses (`database`, `task`, `compute-pool`).
    public var family: String
    /// The object kind as Snowflake's messages name it (`Database`, `Task`).
    public var objectKind: String
    /// The collection's path segment (`databases`, `tasks`).
    public var collectionPath: String
    /// The listing filters the family's list endpoint accepts.
    public var listFilters: ListFilters
    /// For container families (databases, schemas), the scope of the families inside them.
    public var childScope: ResourceScope?
    /// The wire fields a table of these objects shows, in order.
    public var columns: [String]
    /// The object type as grants name it (`DATABASE`, `DATABASE ROLE`, `INTEGRATION`).
    public var securableType: String
    /// The families whose objects share names in a container with this one's (`table` for
    /// tables, views, event, dynamic and iceberg tables; `integration`; `account`); nil when
    /// only the family's own objects do.
    public var nameSpace: String?

    /// Describes a family. The securable type defaults to the object kind in upper case.
    public init(
        family: String, objectKind: String, collectionPath: String, listFilters: ListFilters,
        securableType: String? = nil, nameSpace: String? = nil, childScope: ResourceScope? = nil, columns: [String] = ["name", "comment", "owner", "created_on"]
    ) {
        self.family = family
        self.objectKind = objectKind
        self.collectionPath = collectionPath
        self.listFilters = listFilters
        self.securableType = securableType ?? objectKind.uppercased()
        self.nameSpace = nameSpace
        self.childScope = childScope
        self.columns = columns
    }
}

/// The query parameters a list endpoint accepts.
public struct ListFilters: OptionSet, Sendable, Hashable {
    /// The filters as bits.
    public let rawValue: Int
    /// Filters from their bits.
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// `like`: case-insensitive SQL pattern.
    public static let like = ListFilters(rawValue: 1 << 0)
    /// `startsWith`: case-sensitive prefix.
    public static let startsWith = ListFilters(rawValue: 1 << 1)
    /// `showLimit`: at most this many rows (1 to 10,000).
    public static let showLimit = ListFilters(rawValue: 1 << 2)
    /// `fromName`: rows whose name sorts after this one.
    public static let fromName = ListFilters(rawValue: 1 << 3)
    /// `history`: include dropped objects not yet purged.
    public static let history = ListFilters(rawValue: 1 << 4)
    /// `deep`: full details per row.
    public static let deep = ListFilters(rawValue: 1 << 5)
    /// `rootOnly`: only tasks without predecessors.
    public static let rootOnly = ListFilters(rawValue: 1 << 6)

    /// The four SHOW modifiers most families take.
    public static let show: ListFilters = [.like, .startsWith, .showLimit, .fromName]
}

/// Every family the project supports, in one place. The client's generic tools (`snowapi
/// object ...`) find families here; the emulator serves each of them (a test checks both lists
/// agree).
public enum ResourceFamilies {
    /// The supported families.
    public static let all: [any ResourceFamily.Type] = [
        DatabaseModel.self,
        SchemaModel.self,
        TaskModel.self,
        UserModel.self,
        WarehouseModel.self,
        ComputePoolModel.self,
        NetworkPolicyModel.self,
        ExternalVolumeModel.self,
        AccountModel.self,
        ManagedAccountModel.self,
        TagModel.self,
        NotificationIntegrationModel.self,
        CatalogIntegrationModel.self,
        ApiIntegrationModel.self,
        RoleModel.self,
        DatabaseRoleModel.self,
        IcebergTableModel.self,
        ViewModel.self,
        EventTableModel.self,
        DynamicTableModel.self,
        TableModel.self,
        SequenceModel.self,
        StreamModel.self,
        PipeModel.self,
        AlertModel.self,
        StageModel.self,
    ]

    /// The family whose CLI name (`database`, `task`) or collection path (`databases`) is `name`.
    public static func named(_ name: String) -> (any ResourceFamily.Type)? {
        let lowered = name.lowercased()
        return all.first { $0.descriptor.family == lowered || $0.descriptor.collectionPath == lowered }
    }
}

// MARK: Scopes

/// A family whose objects live directly in the account (databases, warehouses, ...).
public protocol AccountObject: ResourceFamily {}
extension AccountObject {
    /// `.account`: the family's objects live in the account.
    public static var scope: ResourceScope { .account }
}

/// A family whose objects live in a database (schemas, database roles).
public protocol DatabaseObject: ResourceFamily {}
extension DatabaseObject {
    /// `.database`: the family's objects live in a database.
    public static var scope: ResourceScope { .database }
}

/// A family whose objects live in a schema (tasks, tables, ...).
public protocol SchemaObject: ResourceFamily {}
extension SchemaObject {
    /// `.schema`: the family's objects live in a schema.
    public static var scope: ResourceScope { .schema }
}
