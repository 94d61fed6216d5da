import Foundation

/// Where and how to connect to Snowflake: the account or host, the user, the session's context
/// (role, warehouse, database, schema), the credentials and the transport's options.
///
/// ```swift
/// var configuration = ConnectionConfiguration(account: "myorg-myaccount", user: "ME",
///                                             credentials: .programmaticAccessToken(pat))
/// configuration.role = "SYSADMIN"
/// let root = Root(configuration)
/// ```
///
/// Its description never shows credentials.
public struct ConnectionConfiguration: Sendable, CustomStringConvertible {
    /// The account identifier (`myorg-myaccount`, or a locator with region).
    public var account: String?
    /// The user name.
    public var user: String?
    /// The host; derived from ``account`` when nil.
    public var host: String?
    /// The port; 443 for https and 80 for http when nil.
    public var port: Int?
    /// `https` (default) or `http`.
    public var scheme: String
    /// The role to act as (`X-Snowflake-Role`); the user's default role when nil.
    public var role: String?
    /// The warehouse for calls that need compute (`X-Snowflake-Warehouse`).
    public var warehouse: String?
    /// The default database.
    public var database: String?
    /// The default schema.
    public var schema: String?
    /// How to authenticate.
    public var credentials: Credentials
    /// The longest one HTTP exchange may take.
    public var requestTimeout: Duration
    /// How failed calls are retried and accepted (`202`) results polled.
    public var retryPolicy: RetryPolicy
    /// Extra `User-Agent` product tokens (`my_app/1.2`).
    public var userAgentComponents: [String]

    /// A configuration; only the credentials are required, everything else has a default.
    public init(
        account: String? = nil, user: String? = nil, host: String? = nil, port: Int? = nil, scheme: String = "https",
        role: String? = nil, warehouse: String? = nil, database: String? = nil, schema: String? = nil,
        credentials: Credentials, requestTimeout: Duration = .seconds(60), retryPolicy: RetryPolicy = .default,
        userAgentComponents: [String] = []
    ) {
        self.account = account
        self.user = user
        self.host = host
        self.port = port
        self.scheme = scheme
        self.role = role
        self.warehouse = warehouse
        self.database = database
        self.schema = schema
        self.credentials = credentials
        self.requestTimeout = requestTimeout
        self.retryPolicy = retryPolicy
        self.userAgentComponents = userAgentComponents
    }

    /// A configuration for an emulator at `url` (such as `http://127.0.0.1:8080`) with a
    /// programmatic access token. The account (the emulator's default, `emulator`) and the
    /// token's user are what `put` and `get` log in with at the connector endpoint.
    public static func emulator(url: String, token: String, user: String? = nil, account: String = "emulator") throws -> ConnectionConfiguration {
        guard let components = URLComponents(string: url), let scheme = components.scheme, let host = components.host
        else { throw SnowflakeError(code: .invalidArgument, detail: "'\(url)' is not a URL such as http://127.0.0.1:8080") }
        return ConnectionConfiguration(
            account: account, user: user, host: host, port: components.port, scheme: scheme,
            credentials: .programmaticAccessToken(token))
    }

    /// The host to connect to: ``host``, or `<account>.snowflakecomputing.com` with underscores
    /// in the account's first label turned into dashes.
    public var resolvedHost: String? {
        if let host, !host.isEmpty { return host }
        guard let account, !account.isEmpty else { return nil }
        let lowered = account.lowercased()
        let labels = lowered.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let first = labels[0].replacingOccurrences(of: "_", with: "-")
        let rest = labels.count > 1 ? "." + labels[1] : ""
        return first + rest + ".snowflakecomputing.com"
    }

    /// The port to connect to.
    public var resolvedPort: Int { port ?? (scheme.lowercased() == "http" ? 80 : 443) }

    /// `scheme://host:port`, the port always explicit.
    public func baseURL() throws -> String {
        guard let host = resolvedHost else {
            throw SnowflakeError(code: .invalidArgument, detail: "the connection names neither a host nor an account")
        }
        let hostPart = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return "\(scheme.lowercased())://\(hostPart):\(resolvedPort)"
    }

    public var description: String {
        let parts: [(String, String?)] = [
            ("account", account), ("user", user), ("host", resolvedHost), ("port", String(resolvedPort)),
            ("protocol", scheme), ("role", role), ("warehouse", warehouse), ("database", database),
            ("schema", schema), ("authenticator", credentials.description),
        ]
        return "ConnectionConfiguration(" + parts.compactMap { key, value in value.map { "\(key): \($0)" } }
            .joined(separator: ", ") + ")"
    }
}
