import Foundation

// MARK: Model

/// A managed account: a reader account a data provider creates for consumers of its shares
/// (`ManagedAccount` in the REST API v2 and in `snowflake.core`).
///
/// `admin_name` and `admin_password` are write-only: they come back as `null`.
///
/// ```swift
/// try await root.managedAccounts.create(ManagedAccountModel(
///     name: "reader1", adminName: "reader_admin", adminPassword: "Str0ngPassw0rd"))
/// ```
public struct ManagedAccountModel: Codable, Hashable, Sendable {
    /// The account's name.
    public var name: String
    /// A comment.
    public var comment: String?
    /// The account administrator's user name (write-only).
    @Nullable public var adminName: String?
    /// The administrator's password (write-only, never returned).
    @Nullable public var adminPassword: String?
    /// The kind of managed account: `READER`.
    public var accountType: String

    /// The cloud the account is in (the provider account's).
    @ReadOnly public var cloud: String?
    /// The region the account is in (the provider account's).
    @ReadOnly public var region: String?
    /// The account's legacy locator.
    @ReadOnly public var locator: String?
    /// When the account was created.
    @ReadOnly public var createdOn: Date?
    /// The account's URL (`https://<org>-<account>.snowflakecomputing.com`).
    @ReadOnly public var url: String?
    /// The account's URL in the legacy locator format.
    @ReadOnly public var accountLocatorUrl: String?

    /// A managed account definition.
    public init(name: String, adminName: String?, adminPassword: String?, accountType: String = "READER", comment: String? = nil) {
        self.name = name
        self.adminName = adminName
        self.adminPassword = adminPassword
        self.accountType = accountType
        self.comment = comment
    }

    private enum CodingKeys: String, CodingKey {
        case name, comment
        case adminName = "admin_name"
        case adminPassword = "admin_password"
        case accountType = "account_type"
        case cloud, region, locator
        case createdOn = "created_on"
        case url
        case accountLocatorUrl = "account_locator_url"
    }
}

// MARK: Descriptor

extension ManagedAccountModel: AccountObject, NotFetchable {
    /// The family's descriptor.
    public static let descriptor = ResourceDescriptor(
        family: "managed-account", objectKind: "Managed account", collectionPath: "managed-accounts", listFilters: [.like], nameSpace: "account",
        columns: ["name", "cloud", "region", "locator", "url", "created_on"])
}
