import Foundation
import SnowflakeModels

/// Accounts of the organisation, kept as records (the emulator serves one account; these are
/// not reachable by logging in). Create checks the edition, region and first administrator and
/// fills the server's fields; the administrator's fields are kept in the server state (the
/// password only as a hash) and never returned. A drop needs `gracePeriodInDays` (3 to 90):
/// until it ends the account is listed with `history`, can be undropped, and keeps its name.
struct AccountBehaviour: FamilyBehaviour {
    typealias Family = AccountModel

    static let editions = ["STANDARD", "ENTERPRISE", "BUSINESS_CRITICAL"]
    static let adminUserTypes = ["PERSON", "SERVICE", "LEGACY_SERVICE"]

    func prepare(_ model: inout AccountModel, serverState: inout [String: JSONValue], existing: StoredObject<AccountModel>?, context: StoreContext) throws {
        try AccountRules.refuseCreateMode(context.request, kind: "Account")
        let name = try AccountRules.checkName(model.name, kind: "Account")
        try AccountRules.requireFree(name, context: context)
        let edition = model.edition.uppercased()
        guard Self.editions.contains(edition) else {
            throw EmulatorError.badRequest("Invalid edition '\(model.edition)': use \(Self.editions.joined(separator: ", ")).")
        }
        let admin = try AccountRules.adminName(model.adminName)
        guard let email = model.email, email.wholeMatch(of: /[^@\s]+@[^@\s]+\.[^@\s]+/) != nil else {
            throw EmulatorError.badRequest("email is required: a valid email address for the account's administrator, not '\(model.email ?? "null")'.")
        }
        let userType = (model.adminUserType ?? "PERSON").uppercased()
        guard Self.adminUserTypes.contains(userType) else {
            throw EmulatorError.badRequest("Invalid admin_user_type '\(model.adminUserType ?? "")': use \(Self.adminUserTypes.joined(separator: ", ")).")
        }
        if let password = model.adminPassword {
            guard userType != "SERVICE" else {
                throw EmulatorError.badRequest("A SERVICE administrator cannot have a password: give admin_rsa_public_key instead.")
            }
            try AccountRules.checkPassword(password, field: "admin_password")
            serverState["admin_password_hash"] = .string(PasswordHash.make(password))
        }
        if let key = model.adminRsaPublicKey {
            guard let parsed = try? RSAPublicKeys.parse(key) else {
                throw EmulatorError.badRequest("admin_rsa_public_key is not an RSA public key (PEM, with or without its header lines, at least 2048 bits).")
            }
            serverState["admin_rsa_public_key_fp"] = .string(RSAPublicKeys.fingerprint(parsed))
        }
        guard model.adminPassword != nil || model.adminRsaPublicKey != nil else {
            throw EmulatorError.badRequest("The account's administrator needs admin_password or admin_rsa_public_key.")
        }
        let region = (model.region ?? AccountRules.region).uppercased()
        guard region.wholeMatch(of: /(AWS|AZURE|GCP)_[A-Z0-9_]+/) != nil else {
            throw EmulatorError.badRequest("Invalid region '\(model.region ?? "")': use a Snowflake region id such as AWS_US_WEST_2 or AZURE_WESTEUROPE.")
        }
        serverState["admin_name"] = .string(Identifier.displayName(forCanonical: admin))
        serverState["email"] = .string(email)
        serverState["admin_user_type"] = .string(userType)
        if let firstName = model.firstName { serverState["first_name"] = .string(firstName) }
        if let lastName = model.lastName { serverState["last_name"] = .string(lastName) }
        serverState["must_change_password"] = .bool(model.mustChangePassword ?? false)
        serverState["polaris"] = .bool(model.polaris ?? false)

        var account = AccountModel(
            name: model.name, edition: edition, adminName: nil, email: nil, regionGroup: model.regionGroup ?? "PUBLIC", region: region,
            comment: model.comment)
        let locator = AccountRules.locator(seed: AccountRules.locatorSeed(family: AccountModel.descriptor.family, name: name, createdOn: context.now))
        account.organizationName = AccountRules.organizationName
        account.createdOn = context.now
        account.accountUrl = AccountRules.accountURL(name: name)
        account.accountLocator = locator
        account.accountLocatorUrl = AccountRules.locatorURL(locator: locator, region: region)
        account.managedAccounts = 0
        account.consumptionBillingEntityName = AccountRules.organizationName
        account.marketplaceConsumerBillingEntityName = AccountRules.organizationName
        account.marketplaceProviderBillingEntityName = AccountRules.organizationName
        account.isOrgAdmin = false
        account.retentionTime = 1
        account.isEventsAccount = false
        model = account
    }

    func retentionDays(of object: StoredObject<AccountModel>, context: StoreContext) throws -> Int {
        guard context.request.method == "DELETE" else {
            try AccountRules.refuseCreateMode(context.request, kind: "Account")
            return 3
        }
        guard let days = try context.request.integer("gracePeriodInDays", in: 3...90) else {
            throw EmulatorError.badRequest("gracePeriodInDays is required: the days (3 to 90) during which the account can be undropped.")
        }
        return days
    }

    func didDrop(_ object: StoredObject<AccountModel>, purgeAfter: Date, context: StoreContext) throws {
        var dropped = object
        dropped.model.scheduledDeletionTime = purgeAfter
        try dropped.save(in: context.db)
    }

    func didUndrop(_ object: ObjectRecord, context: StoreContext) throws {
        var restored = try StoredObject<AccountModel>(record: object)
        restored.model.scheduledDeletionTime = nil
        restored.model.restoredOn = context.now
        try restored.save(in: context.db)
    }
}
