import Foundation

// MARK: Model

/// A network policy: the IPv4 addresses and network rules allowed or blocked when connecting
/// (`NetworkPolicy` in the REST API v2 and in `snowflake.core`).
///
/// ```swift
/// try await root.networkPolicies.create(NetworkPolicyModel(
///     name: "office_only", allowedIpList: ["192.168.1.0/24"], blockedIpList: ["192.168.1.99"]))
/// ```
public struct NetworkPolicyModel: Codable, Hashable, Sendable {
    /// The policy's name.
    public var name: String
    /// Network rules whose addresses are allowed (`db.schema.rule`).
    public var allowedNetworkRuleList: [String]?
    /// Network rules whose addresses are blocked.
    public var blockedNetworkRuleList: [String]?
    /// IPv4 addresses or CIDR ranges allowed (`10.0.0.0/8`, `192.168.1.7`).
    public var allowedIpList: [String]?
    /// IPv4 addresses or CIDR ranges blocked; checked before the allowed list.
    public var blockedIpList: [String]?
    /// A comment.
    public var comment: String?

    /// When the policy was created.
    @ReadOnly public var createdOn: Date?
    /// The role that owns it.
    @ReadOnly public var owner: String?
    /// The kind of the owner.
    @ReadOnly public var ownerRoleType: String?
    /// How many entries ``allowedIpList`` has, as `SHOW NETWORK POLICIES` counts them (not in
    /// the spec).
    @ReadOnly public var entriesInAllowedIpList: Int?
    /// How many entries ``blockedIpList`` has (not in the spec).
    @ReadOnly public var entriesInBlockedIpList: Int?
    /// How many entries ``allowedNetworkRuleList`` has (not in the spec).
    @ReadOnly public var entriesInAllowedNetworkRules: Int?
    /// How many entries ``blockedNetworkRuleList`` has (not in the spec).
    @ReadOnly public var entriesInBlockedNetworkRules: Int?

    /// A network policy definition.
    public init(
        name: String, allowedNetworkRuleList: [String]? = nil, blockedNetworkRuleList: [String]? = nil,
        allowedIpList: [String]? = nil, blockedIpList: [String]? = nil, comment: String? = nil
    ) {
        self.name = name
        self.allowedNetworkRuleList = allowedNetworkRuleList
        self.blockedNetworkRuleList = blockedNetworkRuleList
        self.allowedIpList = allowedIpList
        self.blockedIpList = blockedIpList
        self.comment = comment
    }

    private enum CodingKeys: String, CodingKey {
        case name
        case allowedNetworkRuleList = "allowed_network_rule_list"
        case blockedNetworkRuleList = "blocked_network_rule_list"
        case allowedIpList = "allowed_ip_list"
        case blockedIpList = "blocked_ip_list"
        case comment
        case createdOn = "created_on"
        case owner
        case ownerRoleType = "owner_role_type"
        case entriesInAllowedIpList = "entries_in_allowed_ip_list"
        case entriesInBlockedIpList = "entries_in_blocked_ip_list"
        case entriesInAllowedNetworkRules = "entries_in_allowed_network_rules"
        case entriesInBlockedNetworkRules = "entries_in_blocked_network_rules"
    }
}

// MARK: Descriptor

extension NetworkPolicyModel: AccountObject, Taggable, ReportsOwnerRoleType {
    /// The family's descriptor.
    public static let descriptor = ResourceDescriptor(
        family: "network-policy", objectKind: "Network policy", collectionPath: "network-policies", listFilters: [],
        columns: ["name", "entries_in_allowed_ip_list", "entries_in_blocked_ip_list", "comment", "owner", "created_on"])
}
