import Crypto
import Foundation
import SnowflakeModels

/// What accounts and managed (reader) accounts share: one namespace of account names in the
/// organisation, no create modes, administrator password rules, and the server-filled locator
/// and URLs, derived from the name and creation time so they are the same on every run.
enum AccountRules {
    /// The emulated organisation's name.
    static let organizationName = "EMULATOR_ORG"
    /// The region of the emulated account, where new accounts go by default.
    static let region = "AWS_US_WEST_2"

    /// Accounts are created without a create mode: any other than `errorIfExists` is a 400.
    static func refuseCreateMode(_ request: APIRequest, kind: String) throws {
        if let mode = request.query["createMode"], mode != CreateMode.errorIfExists.rawValue {
            throw EmulatorError.badRequest("\(kind)s are created without a create mode ('\(mode)'): a name in use is a conflict.")
        }
    }

    /// Checks an account name: a letter, then letters, digits and underscores.
    static func checkName(_ name: String, kind: String) throws -> String {
        let canonical = try Identifier.resolve(name)
        guard canonical.wholeMatch(of: /[A-Z][A-Z0-9_]*/) != nil else {
            throw EmulatorError.badRequest(
                "Invalid \(kind.lowercased()) name '\(name)': it must start with a letter and contain only letters, digits and underscores.")
        }
        return canonical
    }

    /// Refuses the name of a dropped account in its grace period: it stays taken until the
    /// account is deleted. (Live accounts and managed accounts share the `account` name space,
    /// which the generic controller checks.)
    static func requireFree(_ name: String, context: StoreContext) throws {
        if try context.db.newestDroppedObject(ObjectKey(family: AccountModel.descriptor.family, name: name), now: context.now) != nil {
            throw EmulatorError.sql(
                409, "002002",
                "Object '\(Identifier.displayName(forCanonical: name))' already exists: a dropped account keeps its name until its grace period ends.")
        }
    }

    /// The administrator's user name, required and a valid identifier.
    static func adminName(_ name: String?) throws -> String {
        guard let name, !name.isEmpty else { throw EmulatorError.badRequest("admin_name is required: the account's first administrator.") }
        do { return try Identifier.resolve(name) } catch { throw EmulatorError.badRequest("admin_name '\(name)' is not a valid user name.") }
    }

    /// Snowflake's rule for an administrator's first password: at least 8 characters, with a
    /// digit, an upper-case and a lower-case letter.
    static func checkPassword(_ password: String, field: String) throws {
        guard password.count >= 8, password.count <= 256, password.contains(where: \.isNumber), password.contains(where: \.isUppercase),
            password.contains(where: \.isLowercase)
        else {
            throw EmulatorError.badRequest(
                "\(field) does not meet the password policy: 8 to 256 characters, with at least one digit, one upper-case and one lower-case letter.")
        }
    }

    /// A locator like Snowflake's (two letters, five digits), from a seed.
    static func locator(seed: String) -> String {
        let bytes = Array(SHA256.hash(data: Data(seed.utf8)))
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        let number = bytes[2...5].reduce(0) { $0 << 8 | Int($1) } % 100_000
        return String(letters[Int(bytes[0]) % 26]) + String(letters[Int(bytes[1]) % 26]) + String(format: "%05d", number)
    }

    /// The seed of an account's locator: its family, name and creation time.
    static func locatorSeed(family: String, name: String, createdOn: Date) -> String {
        "\(family)|\(name)|\(Int64((createdOn.timeIntervalSince1970 * 1_000).rounded()))"
    }

    /// `https://<org>-<account>.snowflakecomputing.com`, lower case, underscores as hyphens.
    static func accountURL(name: String) -> String {
        "https://\(organizationName)-\(name)".lowercased().replacingOccurrences(of: "_", with: "-") + ".snowflakecomputing.com"
    }

    /// The legacy URL: `https://<locator>[.<region>[.<cloud>]].snowflakecomputing.com`
    /// (AWS US West (Oregon) has no region part).
    static func locatorURL(locator: String, region: String) -> String {
        let parts = region.lowercased().split(separator: "_", maxSplits: 1).map(String.init)
        let cloud = parts.first ?? "aws", place = parts.count > 1 ? parts[1].replacingOccurrences(of: "_", with: "-") : ""
        let host: String
        switch cloud {
        case "aws": host = place == "us-west-2" || place.isEmpty ? locator : "\(locator).\(place)"
        case "azure": host = "\(locator).\(place).azure"
        default: host = "\(locator).\(place).\(cloud)"
        }
        return "https://\(host.lowercased()).snowflakecomputing.com"
    }
}
