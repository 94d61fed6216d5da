import Foundation
import SnowflakeCore
import SnowflakeEmulator
import SnowflakeTestSupport
import Testing

@Suite("Accounts end to end")
struct AccountTests {
    static let password = "Str0ngPassw0rd"

    static func account(_ name: String, edition: String = "enterprise", region: String? = nil) -> AccountModel {
        AccountModel(
            name: name, edition: edition, adminName: "admin", email: "ops@example.com", adminPassword: password,
            firstName: "Ada", lastName: "Lovelace", mustChangePassword: true, region: region, comment: "team")
    }

    @Test("create: the server fills locator, URLs, region and times; write-only fields never come back")
    func create() async throws {
        let clock = ManualClock()
        try await TestEmulator.withRoot(TestEmulator.configuration(clock: clock)) { root, emulator in
            let reference = try await root.accounts.create(Self.account("analytics"))
            #expect(reference.name == "analytics")
            let account = try await reference.fetch()
            #expect(account.name == "ANALYTICS")
            #expect(account.edition == "ENTERPRISE")
            #expect(account.comment == "team")
            #expect(account.region == "AWS_US_WEST_2")
            #expect(account.regionGroup == "PUBLIC")
            #expect(account.organizationName == "EMULATOR_ORG")
            #expect(account.accountUrl == "https://emulator-org-analytics.snowflakecomputing.com")
            let locator = try #require(account.accountLocator)
            #expect(locator.wholeMatch(of: /[A-Z]{2}[0-9]{5}/) != nil)
            #expect(account.accountLocatorUrl == "https://\(locator.lowercased()).snowflakecomputing.com")
            #expect(account.createdOn == clock.now())
            #expect(account.managedAccounts == 0)
            #expect(account.isOrgAdmin == false)
            #expect(account.retentionTime == 1)
            #expect(account.droppedOn == nil && account.scheduledDeletionTime == nil && account.restoredOn == nil)
            #expect(account.adminName == nil && account.email == nil && account.adminPassword == nil && account.firstName == nil)
            #expect(account.mustChangePassword == nil && account.polaris == nil)

            let raw = try await RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken).send("GET", "/api/v2/accounts")
            #expect(!raw.text.contains(Self.password))
            #expect(!raw.text.contains("Lovelace") && !raw.text.contains("ops@example.com"))
            let row = try #require(raw.array?.first)
            #expect(row["admin_name"] is NSNull && row["email"] is NSNull, "required by the spec, answered as null")

            try await root.accounts.create(Self.account("eu_team", region: "azure_westeurope"))
            let europe = try await root.accounts["eu_team"].fetch()
            #expect(europe.region == "AZURE_WESTEUROPE")
            #expect(europe.accountUrl == "https://emulator-org-eu-team.snowflakecomputing.com")
            #expect(europe.accountLocatorUrl == "https://\(europe.accountLocator!.lowercased()).westeurope.azure.snowflakecomputing.com")
        }
    }

    @Test("the locator is the same for the same name at the same time, and differs by name")
    func deterministicLocator() async throws {
        var locators: [String?] = []
        for name in ["acme", "acme", "other"] {
            locators.append(try await TestEmulator.withRoot(TestEmulator.configuration(clock: ManualClock())) { root, _ in
                try await root.accounts.create(Self.account(name))
                return try await root.accounts[name].fetch().accountLocator
            })
        }
        #expect(locators[0] != nil && locators[0] == locators[1] && locators[1] != locators[2])
    }

    @Test("the REST API has no fetch for accounts: GET .../{name} is a 405; the client's fetch lists by name")
    func fetchIsAListing() async throws {
        try await TestEmulator.withRoot { root, emulator in
            try await root.accounts.create(Self.account("a_1"))
            try await root.accounts.create(Self.account("ax1"))
            let raw = try await RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken).send("GET", "/api/v2/accounts/a_1")
            #expect(raw.status == 405)
            #expect(try await root.accounts["a_1"].fetch().name == "A_1")
            #expect(try await root.accounts["AX1"].fetch().name == "AX1")
            #expect(await capturedError { _ = try await root.accounts["a_2"].fetch() }?.code == .notFound)
        }
    }

    static let invalid: [(String, AccountModel)] = [
        ("edition", AccountModel(name: "bad", edition: "PLATINUM", adminName: "admin", email: "a@b.co", adminPassword: password)),
        ("admin_name", AccountModel(name: "bad", edition: "STANDARD", adminName: nil, email: "a@b.co", adminPassword: password)),
        ("email", AccountModel(name: "bad", edition: "STANDARD", adminName: "admin", email: nil, adminPassword: password)),
        ("email", AccountModel(name: "bad", edition: "STANDARD", adminName: "admin", email: "not-an-address", adminPassword: password)),
        ("password policy", AccountModel(name: "bad", edition: "STANDARD", adminName: "admin", email: "a@b.co", adminPassword: "short1A")),
        ("password policy", AccountModel(name: "bad", edition: "STANDARD", adminName: "admin", email: "a@b.co", adminPassword: "alllowercase1")),
        ("admin_password or admin_rsa_public_key", AccountModel(name: "bad", edition: "STANDARD", adminName: "admin", email: "a@b.co")),
        ("admin_rsa_public_key", AccountModel(name: "bad", edition: "STANDARD", adminName: "admin", email: "a@b.co", adminRsaPublicKey: "nope")),
        ("SERVICE", AccountModel(name: "bad", edition: "STANDARD", adminName: "admin", email: "a@b.co", adminPassword: password, adminUserType: "service")),
        ("admin_user_type", AccountModel(name: "bad", edition: "STANDARD", adminName: "admin", email: "a@b.co", adminPassword: password, adminUserType: "ROBOT")),
        ("region", AccountModel(name: "bad", edition: "STANDARD", adminName: "admin", email: "a@b.co", adminPassword: password, region: "moon-1")),
        ("name", AccountModel(name: "\"lower case\"", edition: "STANDARD", adminName: "admin", email: "a@b.co", adminPassword: password)),
    ]

    @Test("a bad definition is a 400 saying what is wrong, and nothing is created", arguments: invalid)
    func validation(_ mentioned: String, _ account: AccountModel) async throws {
        try await TestEmulator.withRoot { root, _ in
            let error = await capturedError { try await root.accounts.create(account) }
            #expect(error?.code == .badRequest)
            #expect(error?.message?.contains(mentioned) == true, "\(error?.message ?? "no error")")
            let listed = try await root.accounts.list(history: true).collect()
            #expect(listed.isEmpty)
        }
    }

    @Test("no create mode: a second create is a conflict, and createMode other than errorIfExists is a 400")
    func noCreateMode() async throws {
        try await TestEmulator.withRoot { root, emulator in
            try await root.accounts.create(Self.account("acme"))
            let conflict = await capturedError { try await root.accounts.create(Self.account("ACME")) }
            #expect(conflict?.code == .conflict && conflict?.snowflakeCode == "002002")
            let http = RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken)
            let body = #"{"name":"acme","edition":"STANDARD","admin_name":"a","email":"a@b.co","admin_password":"Str0ngPassw0rd"}"#
            #expect(try await http.send("POST", "/api/v2/accounts?createMode=orReplace", body: body).status == 400)
            #expect(try await root.accounts["acme"].fetch().edition == "ENTERPRISE", "the replace was rolled back")
        }
    }

    @Test("drop needs a grace period of 3 to 90 days; dropped accounts are listed with history until it ends")
    func dropAndUndrop() async throws {
        let clock = ManualClock()
        try await TestEmulator.withRoot(TestEmulator.configuration(clock: clock)) { root, emulator in
            try await root.accounts.create(Self.account("acme"))
            let accounts = root.accounts
            #expect(await capturedError { try await accounts["acme"].drop() }?.code == .badRequest, "no gracePeriodInDays")
            #expect(await capturedError { try await accounts["acme"].drop(gracePeriodInDays: 2) }?.code == .badRequest)
            #expect(await capturedError { try await accounts["acme"].drop(gracePeriodInDays: 91) }?.code == .badRequest)
            #expect(await capturedError { try await accounts["missing"].drop(gracePeriodInDays: 3) }?.code == .notFound)
            try await accounts["missing"].drop(gracePeriodInDays: 3, ifExists: true)

            let droppedAt = clock.now()
            try await accounts["acme"].drop(gracePeriodInDays: 3)
            #expect(try await accounts.list().collect().isEmpty)
            let history = try await accounts.list(history: true).collect()
            #expect(history.map(\.name) == ["ACME"])
            #expect(history.first?.droppedOn == droppedAt)
            #expect(history.first?.scheduledDeletionTime == droppedAt.addingTimeInterval(3 * 86_400))
            let reused = await capturedError { try await accounts.create(Self.account("acme")) }
            #expect(reused?.code == .conflict, "a dropped account keeps its name during its grace period")

            clock.advance(by: 3_600)
            try await accounts["acme"].undrop()
            let restored = try await accounts["acme"].fetch()
            #expect(restored.restoredOn == clock.now())
            #expect(restored.scheduledDeletionTime == nil && restored.droppedOn == nil)
            #expect(await capturedError { try await accounts["acme"].undrop() }?.code == .conflict)

            try await accounts["acme"].drop(gracePeriodInDays: 3)
            clock.advance(by: 3 * 86_400 - 1)
            #expect(try await accounts.list(history: true).collect().count == 1, "still in its grace period")
            clock.advance(by: 1)
            #expect(try await accounts.list(history: true).collect().isEmpty)
            let purged = await capturedError { try await accounts["acme"].undrop() }
            #expect(purged?.code == .badRequest && purged?.snowflakeCode == "090025")
            try await accounts.create(Self.account("acme"))
            let http = RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken)
            #expect(try await http.send("DELETE", "/api/v2/accounts/acme?gracePeriodInDays=x").status == 400)
        }
    }

    @Test("listing: like, showLimit, and no filters the spec does not have")
    func listing() async throws {
        try await TestEmulator.withRoot { root, _ in
            for name in ["team_a", "team_b", "team_c", "ops"] { try await root.accounts.create(Self.account(name)) }
            #expect(try await root.accounts.list(like: "TEAM%").collect().map(\.name) == ["TEAM_A", "TEAM_B", "TEAM_C"])
            #expect(try await root.accounts.list(like: "team%", showLimit: 2).collect().map(\.name) == ["TEAM_A", "TEAM_B"])
            #expect(try await root.accounts.list().collect().map(\.name) == ["OPS", "TEAM_A", "TEAM_B", "TEAM_C"])
            #expect(await capturedError { _ = try await root.accounts.list(ListOptions(startsWith: "T")).collect() }?.code == .invalidArgument)
        }
    }
}
