import SnowflakeModels

/// A reference to a database, as `snowflake.core` names it.
public typealias DatabaseResource = ResourceReference<DatabaseModel>
/// The databases of the account, as `snowflake.core` names it.
public typealias DatabaseCollection = ResourceCollection<DatabaseModel>

extension Root {
    /// The account's databases.
    public var databases: DatabaseCollection { collection(DatabaseModel.self) }
}
