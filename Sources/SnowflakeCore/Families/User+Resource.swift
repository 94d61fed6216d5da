import SnowflakeModels

/// A reference to a user, as `snowflake.core` names it.
public typealias UserResource = ResourceReference<UserModel>
/// The users of the account, as `snowflake.core` names it.
public typealias UserCollection = ResourceCollection<UserModel>

extension Root {
    /// The account's users.
    public var users: UserCollection { collection(UserModel.self) }
}
