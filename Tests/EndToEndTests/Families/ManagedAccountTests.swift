import Foundation
import SnowflakeCore
import SnowflakeEmulator
import SnowflakeTestSupport
import Testing

@Suite("Managed accounts end to end")
struct ManagedAccountTests {
    static let password = "Str0ngPassw0rd"

    @Test("create, list and drop; the administrator's fields come back as null; there is no undrop")
    func lifecycle() async throws {
        let clock = ManualClock()
        try await TestEmulator.withRoot(TestEmulator.configuration(clock: clock)) { root, emulator in
            try await root.managedAccounts.create(ManagedAccountModel(name: "reader1", adminName: "reader_admin", adminPassword: Self.password, comment: "for acme"))
            try await root.managedAccounts.create(ManagedAccountModel(name: "reader2", adminName: "reader_admin", adminPassword: Self.password, accountType: "READER"))
            try await root.managedAccounts.create(ManagedAccountModel(name: "other", adminName: "a", adminPassword: Self.password))
            let reader = try await root.managedAccounts["reader1"].fetch()
            #expect(reader.name == "READER1")
            #expect(reader.accountType == "READER")
            #expect(reader.comment == "for acme")
            #expect((reader.cloud, reader.region) == ("AWS", "US_WEST_2"))
            #expect(reader.createdOn == clock.now())
            #expect(reader.url == "https://emulator-org-reader1.snowflakecomputing.com")
            let locator = try #require(reader.locator)
            #expect(locator.wholeMatch(of: /[A-Z]{2}[0-9]{5}/) != nil)
            #expect(reader.accountLocatorUrl == "https://\(locator.lowercased()).snowflakecomputing.com")
            #expect(reader.adminName == nil && reader.adminPassword == nil)
            #expect(try await root.managedAccounts.list(like: "reader%").collect().map(\.name) == ["READER1", "READER2"])

            let http = RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken)
            let raw = try await http.send("GET", "/api/v2/managed-accounts")
            #expect(!raw.text.contains(Self.password) && !raw.text.contains("READER_ADMIN") && !raw.text.contains("reader_admin"))
            #expect(raw.array?.allSatisfy { $0["admin_name"] is NSNull && $0["admin_password"] is NSNull } == true)
            #expect(try await http.send("GET", "/api/v2/managed-accounts/reader1").status == 405)
            #expect(try await http.send("POST", "/api/v2/managed-accounts/reader1:undrop").status == 404)

            let conflict = await capturedError {
                try await root.managedAccounts.create(ManagedAccountModel(name: "READER1", adminName: "a", adminPassword: Self.password))
            }
            #expect(conflict?.code == .conflict)
            try await root.managedAccounts["reader1"].drop()
            #expect(await capturedError { _ = try await root.managedAccounts["reader1"].fetch() }?.code == .notFound)
            #expect(await capturedError { try await root.managedAccounts["reader1"].drop() }?.code == .notFound)
            try await root.managedAccounts.create(ManagedAccountModel(name: "reader1", adminName: "a", adminPassword: Self.password))
        }
    }

    static let invalid: [(String, String)] = [
        (#"{"name":"m","admin_name":"a","admin_password":"weak","account_type":"READER"}"#, "password policy"),
        (#"{"name":"m","admin_name":"a","admin_password":null,"account_type":"READER"}"#, "admin_password"),
        (#"{"name":"m","admin_name":null,"admin_password":"Str0ngPassw0rd","account_type":"READER"}"#, "admin_name"),
        (#"{"name":"m","admin_name":"a","admin_password":"Str0ngPassw0rd","account_type":"READ"}"#, "account_type"),
        (#"{"name":"m","admin_name":"a","admin_password":"Str0ngPassw0rd"}"#, "account_type"),
        (#"{"name":"m","admin_name":"a","account_type":"READER"}"#, "admin_password"),
        (#"{"name":"\"m m\"","admin_name":"a","admin_password":"Str0ngPassw0rd","account_type":"READER"}"#, "name"),
    ]

    @Test("a bad definition is a 400 saying what is wrong, and nothing is created", arguments: invalid)
    func validation(_ body: String, _ mentioned: String) async throws {
        try await TestEmulator.withRoot { root, emulator in
            let answer = try await RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken).send("POST", "/api/v2/managed-accounts", body: body)
            #expect(answer.status == 400)
            #expect((answer.object?["message"] as? String)?.contains(mentioned) == true, "\(answer.text)")
            let listed = try await root.managedAccounts.list().collect()
            #expect(listed.isEmpty)
        }
    }

    @Test("accounts and managed accounts share the organisation's names")
    func sharedNames() async throws {
        try await TestEmulator.withRoot { root, _ in
            try await root.accounts.create(AccountTests.account("shared"))
            let managed = await capturedError {
                try await root.managedAccounts.create(ManagedAccountModel(name: "shared", adminName: "a", adminPassword: Self.password))
            }
            #expect(managed?.code == .conflict)
            try await root.managedAccounts.create(ManagedAccountModel(name: "reader", adminName: "a", adminPassword: Self.password))
            #expect(await capturedError { try await root.accounts.create(AccountTests.account("reader")) }?.code == .conflict)
            try await root.accounts["shared"].drop(gracePeriodInDays: 3)
            let held = await capturedError {
                try await root.managedAccounts.create(ManagedAccountModel(name: "shared", adminName: "a", adminPassword: Self.password))
            }
            #expect(held?.code == .conflict, "a dropped account still holds its name")
        }
    }
}
