import Foundation
import GRDB
import SnowflakeModels

/// Network policies: IPv4 addresses and CIDR ranges checked, network rule names normalised,
/// the entry counts `SHOW NETWORK POLICIES` shows filled in, and no drop while a user has the
/// policy. The policy is recorded, not enforced: logins are not checked against it.
struct NetworkPolicyBehaviour: FamilyBehaviour {
    typealias Family = NetworkPolicyModel

    func prepare(_ model: inout NetworkPolicyModel, serverState: inout [String: JSONValue], existing: StoredObject<NetworkPolicyModel>?, context: StoreContext) throws {
        for (list, field) in [(model.allowedIpList, "allowed_ip_list"), (model.blockedIpList, "blocked_ip_list")] {
            for entry in list ?? [] where !Self.isIPv4AddressOrRange(entry) {
                throw EmulatorError.badRequest(
                    "Invalid IP address or range '\(entry)' in \(field): use an IPv4 address (192.168.1.7) or a CIDR range (10.0.0.0/8).")
            }
        }
        model.allowedNetworkRuleList = try model.allowedNetworkRuleList.map { try $0.map { try Self.ruleName($0, field: "allowed_network_rule_list") } }
        model.blockedNetworkRuleList = try model.blockedNetworkRuleList.map { try $0.map { try Self.ruleName($0, field: "blocked_network_rule_list") } }
        model.entriesInAllowedIpList = model.allowedIpList?.count ?? 0
        model.entriesInBlockedIpList = model.blockedIpList?.count ?? 0
        model.entriesInAllowedNetworkRules = model.allowedNetworkRuleList?.count ?? 0
        model.entriesInBlockedNetworkRules = model.blockedNetworkRuleList?.count ?? 0
    }

    func willDrop(_ object: StoredObject<NetworkPolicyModel>, context: StoreContext) throws {
        guard context.request.method == "DELETE" else { return }
        let rows = try Row.fetchAll(
            context.db, sql: "SELECT name, body FROM objects WHERE family = ? AND dropped_on IS NULL AND body LIKE '%\"network_policy\"%' ORDER BY name",
            arguments: [UserModel.descriptor.family])
        for row in rows {
            let body: String = row["body"]
            guard let user = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any],
                let policy = user["network_policy"] as? String, (try? Identifier.resolve(policy)) == object.canonicalName
            else { continue }
            let userName: String = row["name"]
            throw EmulatorError.badRequest(
                "Network policy \(Identifier.displayName(forCanonical: object.canonicalName)) is set on user \(Identifier.displayName(forCanonical: userName)) and cannot be dropped; unset it there first.")
        }
    }

    /// True for `a.b.c.d` (each part 0 to 255, no leading zeros) with an optional `/0` to `/32`.
    static func isIPv4AddressOrRange(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2 else { return false }
        func number(_ digits: Substring, upTo limit: Int) -> Bool {
            guard (1...3).contains(digits.count), digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
                digits == "0" || !digits.hasPrefix("0"), let value = Int(digits)
            else { return false }
            return value <= limit
        }
        if parts.count == 2, !number(parts[1], upTo: 32) { return false }
        let octets = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets.allSatisfy { number($0, upTo: 255) }
    }

    /// A network rule's name with each part resolved (`db.sch.rule` → `DB.SCH.RULE`).
    static func ruleName(_ text: String, field: String) throws -> String {
        do {
            let name = try QualifiedName.parse(text)
            return try [name.database, name.schema, name.name].compactMap { $0 }
                .map { Identifier.spelling(forCanonical: try Identifier.resolve($0)) }
                .joined(separator: ".")
        } catch {
            throw EmulatorError.badRequest("'\(text)' in \(field) is not a network rule name (database.schema.rule).")
        }
    }
}
