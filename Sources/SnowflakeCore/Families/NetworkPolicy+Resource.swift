import SnowflakeModels

/// A reference to a network policy, as `snowflake.core` names it.
public typealias NetworkPolicyResource = ResourceReference<NetworkPolicyModel>
/// The network policies of the account, as `snowflake.core` names it.
public typealias NetworkPolicyCollection = ResourceCollection<NetworkPolicyModel>

extension Root {
    /// The account's network policies: create (with a mode), list (no filters), fetch and drop;
    /// tags through the methods every taggable family shares (`setTags`, `unsetTags`,
    /// `fetchTags`). A policy is recorded by the emulator, not enforced at login.
    ///
    /// ```swift
    /// try await root.networkPolicies.create(NetworkPolicyModel(name: "vpn", allowedIpList: ["10.0.0.0/8"]))
    /// let policy = try await root.networkPolicies["vpn"].fetch()
    /// ```
    /// - Remark: HTTP `GET|POST /api/v2/network-policies`, `GET|DELETE /api/v2/network-policies/{name}`
    public var networkPolicies: NetworkPolicyCollection { collection(NetworkPolicyModel.self) }
}
