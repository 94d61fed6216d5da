import Foundation

// The wire types of `/api/v2/session/...` (`snowflake.core`'s session API).

/// A session default as read back: `{"session_default": "MY_DB"}`; nil when none is set.
public struct DefaultResult: Codable, Hashable, Sendable {
    /// The default's name, or nil.
    public var sessionDefault: String?

    /// A result.
    public init(sessionDefault: String? = nil) { self.sessionDefault = sessionDefault }

    private enum CodingKeys: String, CodingKey { case sessionDefault = "session_default" }
}

/// The body that sets a session default: `{"name": "my_db"}`.
public struct NamedDefault: Codable, Hashable, Sendable {
    /// The name to use, as an identifier (`db.schema` for a schema in another database).
    public var name: String

    /// A body.
    public init(name: String) { self.name = name }
}

/// The body that turns secondary roles on or off: `{"use": true}` is `USE SECONDARY ROLES ALL`.
public struct SecondaryRolesChoice: Codable, Hashable, Sendable {
    /// True for all granted roles, false for none.
    public var use: Bool

    /// A body.
    public init(use: Bool) { self.use = use }
}

/// The session's secondary roles: `roles` comma-separated, `value` `ALL` or empty.
public struct CurrentSecondaryRoles: Codable, Hashable, Sendable {
    /// The roles in use besides the primary one, comma-separated.
    public var roles: String?
    /// `ALL` when every granted role is in use, else empty.
    public var value: String?

    /// A value.
    public init(roles: String? = nil, value: String? = nil) {
        self.roles = roles
        self.value = value
    }
}

/// One effective session parameter (`SHOW PARAMETERS IN SESSION`); keys are camelCase on the wire.
public struct SessionParameter: Codable, Hashable, Sendable {
    /// The parameter's name (`TIMEZONE`).
    public var name: String
    /// Its effective value.
    public var value: String?
    /// Its default value.
    public var defaultValue: String?
    /// `BOOLEAN`, `NUMBER` or `STRING`.
    public var dataType: String?
    /// Where it is set (`SESSION`, `USER`, `ACCOUNT`), empty for the default.
    public var level: String?
    /// What it does.
    public var description: String?

    /// A parameter.
    public init(name: String, value: String? = nil, defaultValue: String? = nil, dataType: String? = nil, level: String? = nil, description: String? = nil) {
        self.name = name
        self.value = value
        self.defaultValue = defaultValue
        self.dataType = dataType
        self.level = level
        self.description = description
    }
}
