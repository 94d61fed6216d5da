import Foundation
import SnowflakeModels

/// A reference to an account of the organisation, as `snowflake.core` names it.
public typealias AccountResource = ResourceReference<AccountModel>
/// The accounts of the organisation, as `snowflake.core` names it.
public typealias AccountCollection = ResourceCollection<AccountModel>

extension Root {
    /// The organisation's accounts (an organisation administrator's view): create, list, drop
    /// with a grace period, undrop within it. The REST API has no fetch for accounts:
    /// `fetch()` lists with `like` and picks the account of that exact name.
    ///
    /// ```swift
    /// let accounts = root.accounts
    /// try await accounts.create(AccountModel(name: "analytics", edition: "ENTERPRISE", adminName: "admin",
    ///                                        email: "ops@example.com", adminPassword: "Str0ngPassw0rd"))
    /// try await accounts["analytics"].drop(gracePeriodInDays: 3)
    /// let dropped = try await accounts.list(history: true).collect()   // with dropped_on set
    /// try await accounts["analytics"].undrop()
    /// ```
    public var accounts: AccountCollection { collection(AccountModel.self) }
}

extension ResourceCollection where Family == AccountModel {
    /// Creates an account and returns a reference to it. Accounts have no create mode: a name in
    /// use (by a live account, or a dropped one in its grace period) is a conflict.
    /// - Remark: HTTP `POST /api/v2/accounts`
    @discardableResult
    public func create(_ account: AccountModel) async throws -> AccountResource {
        _ = try await client.send("POST", path, body: try client.encodeBody(account))
        return self[account.name]
    }

    /// The organisation's accounts.
    /// - Parameters:
    ///   - like: case-insensitive name pattern (`%`, `_`).
    ///   - showLimit: at most this many accounts (1 to 10,000).
    ///   - history: also dropped accounts still in their grace period.
    /// - Remark: HTTP `GET /api/v2/accounts?like=&showLimit=&history=`
    public func list(like: String? = nil, showLimit: Int? = nil, history: Bool? = nil) -> ResourceListing<AccountModel> {
        list(ListOptions(like: like, showLimit: showLimit, history: history))
    }
}

extension ResourceReference where Family == AccountModel {
    /// Drops the account; it can be undropped for `gracePeriodInDays` days (3 to 90), then it
    /// is deleted and its name is free again. `drop(ifExists:)` without a grace period is
    /// refused by the server: the REST API requires one.
    /// - Parameter ifExists: when true, a missing account is not an error.
    /// - Remark: HTTP `DELETE /api/v2/accounts/{name}?gracePeriodInDays=&ifExists=`
    public func drop(gracePeriodInDays: Int, ifExists: Bool? = nil) async throws {
        try checkPath()
        var query = [URLQueryItem(name: "gracePeriodInDays", value: String(gracePeriodInDays))]
        if let ifExists { query.append(URLQueryItem(name: "ifExists", value: String(ifExists))) }
        _ = try await client.send("DELETE", path, query: query)
    }
}
