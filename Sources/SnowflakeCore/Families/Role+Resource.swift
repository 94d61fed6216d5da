import SnowflakeModels

/// A reference to an account role, as `snowflake.core` names it.
public typealias RoleResource = ResourceReference<RoleModel>
/// The account's roles, as `snowflake.core` names it.
public typealias RoleCollection = ResourceCollection<RoleModel>

extension Root {
    /// The account's roles (the system roles among them).
    public var roles: RoleCollection { collection(RoleModel.self) }
}
