import Crypto
import Foundation
import GRDB
import SnowflakeModels

/// Rules the integration families (notification, catalog, API) share: one namespace for all
/// integrations, secrets kept only as hashes, the identities a cloud provider would hand out,
/// and the shapes of URLs, ARNs and references.
enum IntegrationRules {
    /// How an answer shows a secret that was set (an API key): never the value.
    static let maskedSecret = "********"

    // MARK: Secrets

    /// Keeps a secret as a salted hash in the object's server state (nothing needs its value
    /// back) and returns what answers show instead.
    static func keep(_ secret: String, as key: String, in serverState: inout [String: JSONValue]) {
        serverState[key] = .string(PasswordHash.make(secret))
    }

    // MARK: Cloud identities

    /// A digest of the parts, for identities that are stable for one object (or one account).
    static func digest(_ parts: String...) -> [UInt8] {
        Array(SHA256.hash(data: Data(parts.joined(separator: "\u{1F}").utf8)))
    }

    /// The seed of an object's identities: its kind, name and creation time. A replaced
    /// integration is a new object and gets new identities, as in Snowflake.
    static func objectSeed(_ kind: String, name: String, createdOn: Date) -> String {
        "\(kind):\(name):\(Int64((createdOn.timeIntervalSince1970 * 1_000).rounded()))"
    }

    /// Lower-case letters from a digest.
    static func letters(_ bytes: [UInt8], count: Int) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz")
        return String(bytes.prefix(count).map { alphabet[Int($0) % alphabet.count] })
    }

    /// Decimal digits from a digest.
    static func digits(_ bytes: [UInt8], count: Int) -> String {
        String(bytes.prefix(count).map { Character(String(Int($0) % 10)) })
    }

    /// A UUID-shaped string from a digest.
    static func uuid(_ bytes: [UInt8]) -> String {
        let hex = bytes.prefix(16).map { String(format: "%02x", $0) }.joined()
        let characters = Array(hex)
        let groups = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(characters[$0]) }
        return groups.joined(separator: "-")
    }

    /// The AWS IAM user Snowflake uses for the account (one per account, as in Snowflake).
    static func awsIamUserArn(account: String) -> String {
        "arn:aws:iam::000000000000:user/snowapi-emulator-\(letters(digest("aws-user", account), count: 8))"
    }

    /// The external id presented when assuming a customer's role: one per integration.
    static func awsExternalId(account: String, seed: String) -> String {
        let value = Data(digest("aws-external-id", account, seed).prefix(21)).base64EncodedString()
        return "\(account.uppercased())_SFCRole=1_\(value)"
    }

    /// The Azure multi-tenant application Snowflake uses for the account.
    static func azureAppName(account: String) -> String {
        "emulatorsnowflakepacint_\(digits(digest("azure-app", account), count: 13))"
    }

    /// The Microsoft consent page for the account's application in a tenant.
    static func azureConsentUrl(account: String, tenant: String) -> String {
        let tenantPart = tenant.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? tenant
        return "https://login.microsoftonline.com/\(tenantPart)/oauth2/authorize?client_id=\(uuid(digest("azure-client", account)))&response_type=code"
    }

    /// The Google service account Snowflake uses for the account.
    static func gcpServiceAccount(account: String) -> String {
        "\(letters(digest("gcp-service-account", account), count: 10))@snowapi-emulator.iam.gserviceaccount.com"
    }

    // MARK: Shapes

    /// Checks an `https://host/...` URL.
    static func requireHTTPS(_ value: String, field: String) throws {
        guard let components = URLComponents(string: value), components.scheme?.lowercased() == "https",
            let host = components.host, !host.isEmpty
        else {
            throw EmulatorError.badRequest("\(field) must be an https:// URL, not '\(value)'.")
        }
    }

    /// Checks an AWS IAM role ARN: `arn:<partition>:iam::<12 digits>:role/<name>`.
    static func requireRoleArn(_ value: String, field: String) throws {
        let parts = value.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[1].hasPrefix("aws"), parts[2] == "iam", parts[3].isEmpty,
            parts[4].count == 12, parts[4].allSatisfy(\.isNumber), parts[5].hasPrefix("role/"), parts[5].count > 5
        else {
            throw EmulatorError.badRequest("\(field) must be an IAM role ARN (arn:aws:iam::<account id>:role/<name>), not '\(value)'.")
        }
    }

    /// Checks a value that must be present and not blank.
    static func require(_ value: String?, field: String, for what: String) throws -> String {
        guard let value, !value.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw EmulatorError.badRequest("\(field) is required for \(what).")
        }
        return value
    }

    /// Canonical name of an identifier given in a body field.
    static func canonical(_ text: String, field: String) throws -> String {
        do { return try Identifier.resolve(text) } catch {
            throw EmulatorError.badRequest("\(field) '\(text)' is not a valid identifier.")
        }
    }

    /// Resolves a reference to a secret object and, once the emulator serves secrets, checks
    /// that it exists (404 `002003` otherwise). Returns the canonical parts.
    static func resolveSecret(database: String, schema: String, name: String, context: StoreContext) throws -> (String, String, String) {
        let database = try canonical(database, field: "the secret's database"), schema = try canonical(schema, field: "the secret's schema")
        let name = try canonical(name, field: "the secret's name")
        if context.registry.endpoint(family: "secret") != nil,
            try !context.db.liveObjectExists(ObjectKey(family: "secret", database: database, schema: schema, name: name))
        {
            let qualified = ResolvedContainer(database: database, schema: schema).qualified(name)
            throw EmulatorError.doesNotExist("Secret", qualified)
        }
        return (database, schema, name)
    }
}
