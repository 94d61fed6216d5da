import SnowflakeModels

/// A reference to a managed (reader) account, as `snowflake.core` names it.
public typealias ManagedAccountResource = ResourceReference<ManagedAccountModel>
/// The account's managed (reader) accounts, as `snowflake.core` names it.
public typealias ManagedAccountCollection = ResourceCollection<ManagedAccountModel>

extension Root {
    /// The reader accounts this account manages: create, list (`like`) and drop. The REST API
    /// has no fetch for them: `fetch()` lists with `like` and picks the account of that exact
    /// name.
    ///
    /// ```swift
    /// try await root.managedAccounts.create(ManagedAccountModel(name: "reader1", adminName: "admin",
    ///                                                           adminPassword: "Str0ngPassw0rd"))
    /// try await root.managedAccounts["reader1"].drop()
    /// ```
    public var managedAccounts: ManagedAccountCollection { collection(ManagedAccountModel.self) }
}

extension ResourceCollection where Family == ManagedAccountModel {
    /// Creates a managed account and returns a reference to it. There is no create mode: a
    /// name in use is a conflict.
    /// - Remark: HTTP `POST /api/v2/managed-accounts`
    @discardableResult
    public func create(_ account: ManagedAccountModel) async throws -> ManagedAccountResource {
        _ = try await client.send("POST", path, body: try client.encodeBody(account))
        return self[account.name]
    }
}
