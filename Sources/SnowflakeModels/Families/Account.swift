import Foundation

// MARK: Model

/// An account of the organisation (`Account` in the REST API v2 and in `snowflake.core`),
/// managed by an organisation administrator.
///
/// The administrator fields (`admin_name`, `admin_password`, `email`, ...) are write-only: sent
/// on create, never returned (`admin_name` and `email` come back as `null`).
///
/// ```swift
/// try await root.accounts.create(AccountModel(
///     name: "analytics", edition: "ENTERPRISE", adminName: "admin", email: "ops@example.com",
///     adminPassword: "Str0ngPassw0rd"))
/// try await root.accounts["analytics"].drop(gracePeriodInDays: 7)
/// ```
public struct AccountModel: Codable, Hashable, Sendable {
    /// The account's name in the organisation.
    public var name: String
    /// The region group (`PUBLIC` unless the organisation spans several).
    public var regionGroup: String?
    /// The Snowflake region (`AWS_US_WEST_2`); the current account's region by default.
    public var region: String?
    /// `STANDARD`, `ENTERPRISE` or `BUSINESS_CRITICAL`.
    public var edition: String
    /// A comment.
    public var comment: String?
    /// The first administrator's user name (write-only).
    @Nullable public var adminName: String?
    /// The administrator's password (write-only, never returned).
    public var adminPassword: String?
    /// The administrator's RSA public key (write-only).
    public var adminRsaPublicKey: String?
    /// The administrator's user type: `PERSON`, `SERVICE` or `LEGACY_SERVICE` (write-only).
    public var adminUserType: String?
    /// The administrator's first name (write-only).
    public var firstName: String?
    /// The administrator's last name (write-only).
    public var lastName: String?
    /// The administrator's email address (write-only).
    @Nullable public var email: String?
    /// Whether the administrator must change the password at first login (write-only).
    public var mustChangePassword: Bool?
    /// Whether the account is a Polaris (Open Catalog) account (write-only).
    public var polaris: Bool?

    /// The organisation's name.
    @ReadOnly public var organizationName: String?
    /// When the account was created.
    @ReadOnly public var createdOn: Date?
    /// The account's URL (`https://<org>-<account>.snowflakecomputing.com`).
    @ReadOnly public var accountUrl: String?
    /// The account's locator, a system-assigned identifier.
    @ReadOnly public var accountLocator: String?
    /// The legacy URL, with the locator and region.
    @ReadOnly public var accountLocatorUrl: String?
    /// How many managed accounts the account created.
    @ReadOnly public var managedAccounts: Int?
    /// The consumption billing entity.
    @ReadOnly public var consumptionBillingEntityName: String?
    /// The marketplace consumer billing entity.
    @ReadOnly public var marketplaceConsumerBillingEntityName: String?
    /// The marketplace provider billing entity.
    @ReadOnly public var marketplaceProviderBillingEntityName: String?
    /// The URL before a rename, if it was kept.
    @ReadOnly public var oldAccountUrl: String?
    /// Whether the ORGADMIN role is enabled in the account.
    @ReadOnly public var isOrgAdmin: Bool?
    /// Days of time travel.
    @ReadOnly public var retentionTime: Int?
    /// When the account was dropped (listings with history only).
    @ReadOnly public var droppedOn: Date?
    /// When a dropped account is deleted for good: the end of its grace period.
    @ReadOnly public var scheduledDeletionTime: Date?
    /// When the account was last restored.
    @ReadOnly public var restoredOn: Date?
    /// When the URL before a rename was saved.
    @ReadOnly public var accountOldUrlSavedOn: Date?
    /// When the URL before a rename was last used.
    @ReadOnly public var accountOldUrlLastUsed: Date?
    /// The URL before an organisation change, if it was kept.
    @ReadOnly public var organizationOldUrl: String?
    /// When that URL was saved.
    @ReadOnly public var organizationOldUrlSavedOn: Date?
    /// When that URL was last used.
    @ReadOnly public var organizationOldUrlLastUsed: Date?
    /// When that URL stops working.
    @ReadOnly public var organizationUrlExpirationOn: Date?
    /// When the account moved to another organisation.
    @ReadOnly public var movedOn: Date?
    /// Whether the account is an events account.
    @ReadOnly public var isEventsAccount: Bool?
    /// The organisation the account moved to.
    @ReadOnly public var movedToOrganization: String?

    /// An account definition: name, edition and the first administrator (with a password or an
    /// RSA public key).
    public init(
        name: String, edition: String, adminName: String?, email: String?, adminPassword: String? = nil,
        adminRsaPublicKey: String? = nil, adminUserType: String? = nil, firstName: String? = nil, lastName: String? = nil,
        mustChangePassword: Bool? = nil, polaris: Bool? = nil, regionGroup: String? = nil, region: String? = nil,
        comment: String? = nil
    ) {
        self.name = name
        self.edition = edition
        self.adminName = adminName
        self.email = email
        self.adminPassword = adminPassword
        self.adminRsaPublicKey = adminRsaPublicKey
        self.adminUserType = adminUserType
        self.firstName = firstName
        self.lastName = lastName
        self.mustChangePassword = mustChangePassword
        self.polaris = polaris
        self.regionGroup = regionGroup
        self.region = region
        self.comment = comment
    }

    private enum CodingKeys: String, CodingKey {
        case name
        case regionGroup = "region_group"
        case region, edition, comment
        case adminName = "admin_name"
        case adminPassword = "admin_password"
        case adminRsaPublicKey = "admin_rsa_public_key"
        case adminUserType = "admin_user_type"
        case firstName = "first_name"
        case lastName = "last_name"
        case email
        case mustChangePassword = "must_change_password"
        case polaris
        case organizationName = "organization_name"
        case createdOn = "created_on"
        case accountUrl = "account_url"
        case accountLocator = "account_locator"
        case accountLocatorUrl = "account_locator_url"
        case managedAccounts = "managed_accounts"
        case consumptionBillingEntityName = "consumption_billing_entity_name"
        case marketplaceConsumerBillingEntityName = "marketplace_consumer_billing_entity_name"
        case marketplaceProviderBillingEntityName = "marketplace_provider_billing_entity_name"
        case oldAccountUrl = "old_account_url"
        case isOrgAdmin = "is_org_admin"
        case retentionTime = "retention_time"
        case droppedOn = "dropped_on"
        case scheduledDeletionTime = "scheduled_deletion_time"
        case restoredOn = "restored_on"
        case accountOldUrlSavedOn = "account_old_url_saved_on"
        case accountOldUrlLastUsed = "account_old_url_last_used"
        case organizationOldUrl = "organization_old_url"
        case organizationOldUrlSavedOn = "organization_old_url_saved_on"
        case organizationOldUrlLastUsed = "organization_old_url_last_used"
        case organizationUrlExpirationOn = "organization_URL_expiration_on"
        case movedOn = "moved_on"
        case isEventsAccount = "is_events_account"
        case movedToOrganization = "moved_to_organization"
    }
}

// MARK: Descriptor

extension AccountModel: AccountObject, Undroppable, NotFetchable, ReportsDroppedOn {
    /// The family's descriptor.
    public static let descriptor = ResourceDescriptor(
        family: "account", objectKind: "Account", collectionPath: "accounts", listFilters: [.like, .showLimit, .history], nameSpace: "account",
        columns: ["name", "edition", "region", "account_locator", "account_url", "created_on"])
}
