/// How the client proves who it is. The secret inside is never printed.
public struct Credentials: Sendable, CustomStringConvertible {
    enum Storage: Sendable {
        case bearer(token: String, type: String)
    }

    let storage: Storage

    /// A programmatic access token (`PROGRAMMATIC_ACCESS_TOKEN`), sent as a bearer token.
    public static func programmaticAccessToken(_ token: String) -> Credentials {
        Credentials(storage: .bearer(token: token, type: "PROGRAMMATIC_ACCESS_TOKEN"))
    }

    /// An OAuth access token (`OAUTH`), sent as a bearer token.
    public static func oauth(_ token: String) -> Credentials {
        Credentials(storage: .bearer(token: token, type: "OAUTH"))
    }

    /// The authenticator's name, as `connections.toml` spells it.
    public var authenticator: String {
        switch storage {
        case .bearer(_, let type): type
        }
    }

    /// The authenticator's name; never the secret.
    public var description: String { authenticator }

    /// The headers that authenticate one request.
    func authorizationHeaders() async throws -> [(name: String, value: String)] {
        switch storage {
        case .bearer(let token, let type):
            [("Authorization", "Bearer \(token)"), ("X-Snowflake-Authorization-Token-Type", type)]
        }
    }
}
