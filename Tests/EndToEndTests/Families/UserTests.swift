import Foundation
import SnowflakeCore
import SnowflakeEmulator
import SnowflakeTestSupport
import Testing
import _CryptoExtras
import Crypto

@Suite("Users end to end")
struct UserTests {
    static let key = try! _RSA.Signing.PrivateKey(keySize: .bits2048)

    @Test("create with a password and a key: the password is never returned, the key is fingerprinted")
    func create() async throws {
        try await TestEmulator.withRoot { root, emulator in
            let publicKey = Self.key.publicKey.pemRepresentation
            try await root.users.create(UserModel(name: "alice", password: "s3cret", defaultRole: "sysadmin", rsaPublicKey: publicKey))
            let alice = try await root.users["alice"].fetch()
            #expect(alice.name == "ALICE")
            #expect(alice.loginName == "ALICE")
            #expect(alice.displayName == "ALICE")
            #expect(alice.defaultRole == "SYSADMIN")
            #expect(alice.hasPassword == true)
            #expect(alice.password == nil)
            #expect(alice.hasRsaPublicKey == true)
            #expect(alice.rsaPublicKeyFP == "SHA256:" + Data(SHA256.hash(data: Self.key.publicKey.derRepresentation)).base64EncodedString())
            #expect(alice.disabled == false)
            #expect(alice.owner == "ACCOUNTADMIN")
            let raw = try await RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken).send("GET", "/api/v2/users/alice")
            #expect(!raw.text.contains("s3cret"))
            #expect(raw.object?["password"] == nil)
            #expect(try await root.users.list(like: "a%").collect().map(\.name) == ["ADMIN", "ALICE"])
        }
    }

    @Test("a key without its PEM header lines is accepted; a bad key or setting is a 400")
    func validation() async throws {
        try await TestEmulator.withRoot { root, emulator in
            let bare = Self.key.publicKey.derRepresentation.base64EncodedString()
            try await root.users.create(UserModel(name: "bare", rsaPublicKey: bare))
            #expect(try await root.users["bare"].fetch().rsaPublicKeyFP?.hasPrefix("SHA256:") == true)
            for user in [UserModel(name: "bad", rsaPublicKey: "not a key"), UserModel(name: "bad", type: "ROBOT"), UserModel(name: "bad", password: "")] {
                #expect(await capturedError { try await root.users.create(user) }?.code == .badRequest)
            }
            let http = RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken)
            let roles = try await http.send("POST", "/api/v2/users", body: #"{"name":"bad","default_secondary_roles":"SOME"}"#)
            #expect(roles.status == 400)
            #expect(await capturedError { _ = try await root.users["bad"].fetch() }?.code == .notFound)
        }
    }

    @Test("create-or-alter keeps the password unless a new one is given; drop removes the user")
    func alterAndDrop() async throws {
        try await TestEmulator.withRoot { root, _ in
            try await root.users.create(UserModel(name: "bob", password: "pw", comment: "first"))
            try await root.users["bob"].createOrAlter(UserModel(name: "bob", comment: "second"))
            let bob = try await root.users["bob"].fetch()
            #expect(bob.comment == "second")
            #expect(bob.hasPassword == true)
            try await root.users["bob"].drop()
            #expect(await capturedError { _ = try await root.users["bob"].fetch() }?.code == .notFound)
        }
    }
}
