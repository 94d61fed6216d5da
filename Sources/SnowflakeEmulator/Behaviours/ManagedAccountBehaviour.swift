import Foundation
import SnowflakeModels

/// Managed (reader) accounts, kept as records: a `READER` type, an administrator whose password
/// meets Snowflake's policy (kept only as a hash, never returned), a name no other account of
/// the organisation holds, and the server's fields (cloud and region of this account, locator,
/// URLs, creation time). A drop deletes the account at once: there is no undrop.
struct ManagedAccountBehaviour: FamilyBehaviour {
    typealias Family = ManagedAccountModel

    func prepare(_ model: inout ManagedAccountModel, serverState: inout [String: JSONValue], existing: StoredObject<ManagedAccountModel>?, context: StoreContext) throws {
        try AccountRules.refuseCreateMode(context.request, kind: "Managed account")
        let name = try AccountRules.checkName(model.name, kind: "Managed account")
        try AccountRules.requireFree(name, context: context)
        guard model.accountType.uppercased() == "READER" else {
            throw EmulatorError.badRequest("Invalid account_type '\(model.accountType)': managed accounts are READER accounts.")
        }
        let admin = try AccountRules.adminName(model.adminName)
        guard let password = model.adminPassword else {
            throw EmulatorError.badRequest("admin_password is required: the password of the managed account's administrator.")
        }
        try AccountRules.checkPassword(password, field: "admin_password")
        serverState["admin_name"] = .string(Identifier.displayName(forCanonical: admin))
        serverState["admin_password_hash"] = .string(PasswordHash.make(password))

        let region = AccountRules.region.split(separator: "_", maxSplits: 1).map(String.init)
        let locator = AccountRules.locator(
            seed: AccountRules.locatorSeed(family: ManagedAccountModel.descriptor.family, name: name, createdOn: context.now))
        var account = ManagedAccountModel(name: model.name, adminName: nil, adminPassword: nil, accountType: "READER", comment: model.comment)
        account.cloud = region[0]
        account.region = region[1]
        account.locator = locator
        account.createdOn = context.now
        account.url = AccountRules.accountURL(name: name)
        account.accountLocatorUrl = AccountRules.locatorURL(locator: locator, region: AccountRules.region)
        model = account
    }
}
