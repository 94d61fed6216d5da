import Foundation
import SnowflakeCore
import SnowflakeEmulator
import SnowflakeTestSupport
import Testing

@Suite("Network policies end to end")
struct NetworkPolicyTests {
    @Test("create and fetch: lists kept, rule names resolved, entries counted, owner filled")
    func createAndFetch() async throws {
        try await TestEmulator.withRoot { root, _ in
            try await root.networkPolicies.create(NetworkPolicyModel(
                name: "office", allowedNetworkRuleList: ["net.rules.corp", "\"Net\".public.vpn"], blockedNetworkRuleList: [],
                allowedIpList: ["192.168.1.0/24", "10.0.0.1", "0.0.0.0/0"], blockedIpList: ["192.168.1.99"], comment: "hq"))
            let policy = try await root.networkPolicies["office"].fetch()
            #expect(policy.name == "OFFICE")
            #expect(policy.allowedIpList == ["192.168.1.0/24", "10.0.0.1", "0.0.0.0/0"])
            #expect(policy.blockedIpList == ["192.168.1.99"])
            #expect(policy.allowedNetworkRuleList == ["NET.RULES.CORP", "\"Net\".PUBLIC.VPN"])
            #expect(policy.blockedNetworkRuleList == [])
            #expect(policy.comment == "hq")
            #expect(policy.entriesInAllowedIpList == 3)
            #expect(policy.entriesInBlockedIpList == 1)
            #expect(policy.entriesInAllowedNetworkRules == 2)
            #expect(policy.entriesInBlockedNetworkRules == 0)
            #expect(policy.owner == "ACCOUNTADMIN")
            #expect(policy.ownerRoleType == "ROLE")
            #expect(policy.createdOn != nil)

            try await root.networkPolicies.create(NetworkPolicyModel(name: "empty"))
            let empty = try await root.networkPolicies["empty"].fetch()
            #expect(empty.allowedIpList == nil)
            #expect(empty.entriesInAllowedIpList == 0 && empty.entriesInBlockedNetworkRules == 0)
            #expect(try await root.networkPolicies.list().collect().map(\.name) == ["EMPTY", "OFFICE"])
        }
    }

    @Test("create modes: conflict, if-not-exists keeps, or-replace replaces")
    func createModes() async throws {
        try await TestEmulator.withRoot { root, _ in
            try await root.networkPolicies.create(NetworkPolicyModel(name: "np", allowedIpList: ["1.2.3.4"]))
            let conflict = await capturedError { try await root.networkPolicies.create(NetworkPolicyModel(name: "NP")) }
            #expect(conflict?.code == .conflict)
            #expect(conflict?.snowflakeCode == "002002")
            try await root.networkPolicies.create(NetworkPolicyModel(name: "np", comment: "ignored"), mode: .ifNotExists)
            #expect(try await root.networkPolicies["np"].fetch().allowedIpList == ["1.2.3.4"])
            try await root.networkPolicies.create(NetworkPolicyModel(name: "np", blockedIpList: ["5.6.7.8"]), mode: .orReplace)
            let replaced = try await root.networkPolicies["np"].fetch()
            #expect(replaced.allowedIpList == nil)
            #expect(replaced.blockedIpList == ["5.6.7.8"])
        }
    }

    @Test(
        "a bad IPv4 address or CIDR range is a 400 naming the entry, and nothing is created",
        arguments: ["256.1.1.1", "1.2.3", "1.2.3.4/33", "1.2.3.4/", "01.2.3.4", "::1", "10.0.0.0/8/1", "", "a.b.c.d", " 1.2.3.4"])
    func badAddresses(_ address: String) async throws {
        try await TestEmulator.withRoot { root, _ in
            for policy in [NetworkPolicyModel(name: "bad", allowedIpList: ["1.1.1.1", address]), NetworkPolicyModel(name: "bad", blockedIpList: [address])] {
                let error = await capturedError { try await root.networkPolicies.create(policy) }
                #expect(error?.code == .badRequest)
                #expect(error?.message?.contains("'\(address)'") == true)
            }
            let created = try await root.networkPolicies.list().collect()
            #expect(created.isEmpty)
        }
    }

    @Test("a network rule entry that is not a name is a 400")
    func badRuleName() async throws {
        try await TestEmulator.withRoot { root, _ in
            let error = await capturedError {
                try await root.networkPolicies.create(NetworkPolicyModel(name: "bad", allowedNetworkRuleList: ["a.b.c.d"]))
            }
            #expect(error?.code == .badRequest)
            #expect(error?.message?.contains("allowed_network_rule_list") == true)
        }
    }

    @Test("drop: then 404; ifExists tolerates a missing policy; a policy set on a user cannot be dropped")
    func drop() async throws {
        try await TestEmulator.withRoot { root, _ in
            try await root.networkPolicies.create(NetworkPolicyModel(name: "np"))
            try await root.networkPolicies["np"].drop()
            #expect(await capturedError { _ = try await root.networkPolicies["np"].fetch() }?.code == .notFound)
            #expect(await capturedError { try await root.networkPolicies["np"].drop() }?.code == .notFound)
            try await root.networkPolicies["np"].drop(ifExists: true)

            try await root.networkPolicies.create(NetworkPolicyModel(name: "guarded"))
            try await root.users.create(UserModel(name: "carol", networkPolicy: "guarded"))
            let refused = await capturedError { try await root.networkPolicies["guarded"].drop() }
            #expect(refused?.code == .badRequest)
            #expect(refused?.message?.contains("CAROL") == true)
            #expect(try await root.networkPolicies["guarded"].fetch().name == "GUARDED")
            try await root.users["carol"].drop()
            try await root.networkPolicies["guarded"].drop()
        }
    }

    @Test("the listing takes no filters: the client refuses one, the server answers the whole list")
    func listingHasNoFilters() async throws {
        try await TestEmulator.withRoot { root, emulator in
            try await root.networkPolicies.create(NetworkPolicyModel(name: "a"))
            try await root.networkPolicies.create(NetworkPolicyModel(name: "b"))
            #expect(await capturedError { _ = try await root.networkPolicies.list(like: "a").collect() }?.code == .invalidArgument)
            let raw = try await RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken).send("GET", "/api/v2/network-policies?like=a")
            #expect(raw.array?.compactMap { $0["name"] as? String } == ["A", "B"])
        }
    }
}
