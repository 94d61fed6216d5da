import Foundation
import SnowflakeModels

/// A reference to a database role, as `snowflake.core` names it.
public typealias DatabaseRoleResource = ResourceReference<DatabaseRoleModel>
/// The database roles of a database, as `snowflake.core` names it.
public typealias DatabaseRoleCollection = ResourceCollection<DatabaseRoleModel>

extension ResourceReference where Family == DatabaseModel {
    /// The database's database roles.
    public var databaseRoles: DatabaseRoleCollection { collection(DatabaseRoleModel.self) }
}
