import Foundation
@_exported import SnowflakeModels

/// The entry point: a connection to one Snowflake account (or emulator), from which every
/// collection hangs.
///
/// ```swift
/// let root = try Root(.emulator(url: "http://127.0.0.1:8080", token: token))
/// let tasks = root.databases["my_db"].schemas["public"].tasks
/// try await tasks.create(TaskModel(name: "task1", definition: "select 1", schedule: .minutes(60)))
/// ```
///
/// Building a root sends nothing; each call on a collection or reference is one request (plus
/// retries and result polls).
public final class Root: Sendable {
    /// The connection this root talks to.
    public let configuration: ConnectionConfiguration
    package let client: RESTClient

    /// A root for a connection.
    /// - Parameters:
    ///   - configuration: where and how to connect.
    ///   - transport: the HTTP transport; AsyncHTTPClient's shared client by default.
    /// - Throws: ``SnowflakeError`` with code `invalidArgument` when the configuration names no
    ///   host or account.
    public init(_ configuration: ConnectionConfiguration, transport: any SnowflakeTransport = AsyncHTTPClientTransport()) throws {
        self.configuration = configuration
        self.client = try RESTClient(configuration: configuration, transport: transport)
    }

    /// A root whose time-dependent credentials (key-pair JWTs) read `now`: for tests.
    package init(_ configuration: ConnectionConfiguration, transport: any SnowflakeTransport, now: @escaping @Sendable () -> Date) throws {
        self.configuration = configuration
        self.client = try RESTClient(configuration: configuration, transport: transport, now: now)
    }

    /// Ends the connection's session, if its credentials opened one (password logins): the
    /// server forgets the session token. Other credentials have nothing to close. The root can
    /// still be used afterwards; a password root logs in again.
    public func close() async {
        await client.close()
    }

    /// Runs `body` with a root for `configuration` and closes it afterwards, however `body` ends.
    ///
    /// ```swift
    /// try await Root.withRoot(.fromConnectionsFile(named: "prod")) { root in
    ///     for try await database in root.databases.list() { print(database.name) }
    /// }
    /// ```
    public static func withRoot<Result: Sendable>(
        _ configuration: ConnectionConfiguration, _ body: (Root) async throws -> Result
    ) async throws -> Result {
        let root = try Root(configuration)
        do {
            let result = try await body(root)
            await root.close()
            return result
        } catch {
            await root.close()
            throw error
        }
    }

    /// The collection of an account-level family.
    public func collection<Family: AccountObject>(_ family: Family.Type) -> ResourceCollection<Family> {
        ResourceCollection(client: client, container: .account)
    }
}
