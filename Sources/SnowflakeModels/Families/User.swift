import Foundation

// MARK: Model

/// A user of the account (`User` in the REST API v2 and in `snowflake.core`).
///
/// ```swift
/// try await root.users.create(UserModel(name: "ci_bot", defaultRole: "SYSADMIN", rsaPublicKey: publicKeyPEM))
/// ```
public struct UserModel: Codable, Hashable, Sendable {
    /// The user's name.
    public var name: String
    /// The password; write-only: never returned.
    public var password: String?
    /// The name the user logs in with (the user's name by default).
    public var loginName: String?
    /// The name shown in the interface.
    public var displayName: String?
    /// First name.
    public var firstName: String?
    /// Middle name.
    public var middleName: String?
    /// Last name.
    public var lastName: String?
    /// Email address.
    public var email: String?
    /// Whether the user must change the password at next login.
    public var mustChangePassword: Bool?
    /// Whether the user may not log in.
    public var disabled: Bool?
    /// Days until the user expires.
    public var daysToExpiry: Int?
    /// Minutes until a locked user is unlocked.
    public var minsToUnlock: Int?
    /// The warehouse of a new session.
    public var defaultWarehouse: String?
    /// The database (or database.schema) of a new session.
    public var defaultNamespace: String?
    /// The role of a new session.
    public var defaultRole: String?
    /// `ALL` or `NONE`: the secondary roles of a new session.
    public var defaultSecondaryRoles: String?
    /// Minutes until MFA is required again.
    public var minsToBypassMfa: Int?
    /// An RSA public key for key-pair authentication (PEM, with or without its header lines).
    public var rsaPublicKey: String?
    /// A second RSA public key, for rotation.
    public var rsaPublicKey2: String?
    /// A comment.
    public var comment: String?
    /// `PERSON`, `SERVICE` or `LEGACY_SERVICE`.
    public var type: String?
    /// Whether query history shows syntax errors unredacted.
    public var enableUnredactedQuerySyntaxError: Bool?
    /// The network policy for this user.
    public var networkPolicy: String?

    /// When the user was created.
    @ReadOnly public var createdOn: Date?
    /// The last successful login.
    @ReadOnly public var lastSuccessfulLogin: Date?
    /// When the user expires.
    @ReadOnly public var expiresAt: Date?
    /// Until when the user is locked.
    @ReadOnly public var lockedUntil: Date?
    /// Whether a password is set.
    @ReadOnly public var hasPassword: Bool?
    /// Whether an RSA public key is set.
    @ReadOnly public var hasRsaPublicKey: Bool?
    /// Fingerprint of ``rsaPublicKey`` (`SHA256:<base64>`).
    @ReadOnly public var rsaPublicKeyFP: String?
    /// Fingerprint of ``rsaPublicKey2``.
    @ReadOnly public var rsaPublicKey2FP: String?
    /// Whether Duo MFA is enrolled.
    @ReadOnly public var extAuthnDuo: Bool?
    /// The Duo user id.
    @ReadOnly public var extAuthnUid: String?
    /// The role that owns the user.
    @ReadOnly public var owner: String?
    /// Whether Snowflake locked the user.
    @ReadOnly public var snowflakeLock: Bool?
    /// Whether Snowflake Support may use the user.
    @ReadOnly public var snowflakeSupport: Bool?
    /// Minutes the network policy is bypassed.
    @ReadOnly public var minsToBypassNetworkPolicy: Int?
    /// When the password was last set.
    @ReadOnly public var passwordLastSet: Date?
    /// The user's landing page.
    @ReadOnly public var customLandingPageUrl: String?
    /// Whether the landing page is reset at the next load.
    @ReadOnly public var customLandingPageUrlFlushNextUiLoad: Bool?

    /// A user definition.
    public init(
        name: String, password: String? = nil, loginName: String? = nil, displayName: String? = nil,
        firstName: String? = nil, middleName: String? = nil, lastName: String? = nil, email: String? = nil,
        mustChangePassword: Bool? = nil, disabled: Bool? = nil, daysToExpiry: Int? = nil, minsToUnlock: Int? = nil,
        defaultWarehouse: String? = nil, defaultNamespace: String? = nil, defaultRole: String? = nil,
        defaultSecondaryRoles: String? = nil, minsToBypassMfa: Int? = nil, rsaPublicKey: String? = nil,
        rsaPublicKey2: String? = nil, comment: String? = nil, type: String? = nil,
        enableUnredactedQuerySyntaxError: Bool? = nil, networkPolicy: String? = nil
    ) {
        self.name = name
        self.password = password
        self.loginName = loginName
        self.displayName = displayName
        self.firstName = firstName
        self.middleName = middleName
        self.lastName = lastName
        self.email = email
        self.mustChangePassword = mustChangePassword
        self.disabled = disabled
        self.daysToExpiry = daysToExpiry
        self.minsToUnlock = minsToUnlock
        self.defaultWarehouse = defaultWarehouse
        self.defaultNamespace = defaultNamespace
        self.defaultRole = defaultRole
        self.defaultSecondaryRoles = defaultSecondaryRoles
        self.minsToBypassMfa = minsToBypassMfa
        self.rsaPublicKey = rsaPublicKey
        self.rsaPublicKey2 = rsaPublicKey2
        self.comment = comment
        self.type = type
        self.enableUnredactedQuerySyntaxError = enableUnredactedQuerySyntaxError
        self.networkPolicy = networkPolicy
    }

    private enum CodingKeys: String, CodingKey {
        case name
        case password
        case loginName = "login_name"
        case displayName = "display_name"
        case firstName = "first_name"
        case middleName = "middle_name"
        case lastName = "last_name"
        case email
        case mustChangePassword = "must_change_password"
        case disabled
        case daysToExpiry = "days_to_expiry"
        case minsToUnlock = "mins_to_unlock"
        case defaultWarehouse = "default_warehouse"
        case defaultNamespace = "default_namespace"
        case defaultRole = "default_role"
        case defaultSecondaryRoles = "default_secondary_roles"
        case minsToBypassMfa = "mins_to_bypass_mfa"
        case rsaPublicKey = "rsa_public_key"
        case rsaPublicKey2 = "rsa_public_key_2"
        case comment
        case type
        case enableUnredactedQuerySyntaxError = "enable_unredacted_query_syntax_error"
        case networkPolicy = "network_policy"
        case createdOn = "created_on"
        case lastSuccessfulLogin = "last_successful_login"
        case expiresAt = "expires_at"
        case lockedUntil = "locked_until"
        case hasPassword = "has_password"
        case hasRsaPublicKey = "has_rsa_public_key"
        case rsaPublicKeyFP = "rsa_public_key_fp"
        case rsaPublicKey2FP = "rsa_public_key_2_fp"
        case extAuthnDuo = "ext_authn_duo"
        case extAuthnUid = "ext_authn_uid"
        case owner
        case snowflakeLock = "snowflake_lock"
        case snowflakeSupport = "snowflake_support"
        case minsToBypassNetworkPolicy = "mins_to_bypass_network_policy"
        case passwordLastSet = "password_last_set"
        case customLandingPageUrl = "custom_landing_page_url"
        case customLandingPageUrlFlushNextUiLoad = "custom_landing_page_url_flush_next_ui_load"
    }
}

// MARK: Descriptor

extension UserModel: AccountObject, SupportsCreateOrAlter, Taggable, OwnedObject {
    /// The family's descriptor.
    public static let descriptor = ResourceDescriptor(
        family: "user", objectKind: "User", collectionPath: "users", listFilters: .show,
        columns: ["name", "login_name", "default_role", "disabled", "has_password", "has_rsa_public_key", "created_on"])
}
