import Foundation
import SnowflakeCore
import SnowflakeEmulator
import SnowflakeTestSupport
import Testing
import _CryptoExtras
import Crypto

/// Every way in, and every refusal, against a real emulator on loopback.
@Suite("Authentication")
struct AuthenticationTests {
    static let key = try! _RSA.Signing.PrivateKey(keySize: .bits2048)
    static let otherKey = try! _RSA.Signing.PrivateKey(keySize: .bits2048)

    static func fingerprint(_ key: _RSA.Signing.PrivateKey) -> String {
        "SHA256:" + Data(SHA256.hash(data: key.publicKey.derRepresentation)).base64EncodedString()
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// A JWT built by hand, so each claim can be made wrong on purpose.
    static func jwt(
        signer: _RSA.Signing.PrivateKey = key, account: String = "EMULATOR", user: String = "KEYUSER", fingerprint: String? = nil,
        issuedAt: Date, lifetime: TimeInterval = 3600, algorithm: String = "RS256"
    ) throws -> String {
        let subject = "\(account).\(user)"
        let header = base64URL(Data(#"{"alg":"\#(algorithm)","typ":"JWT"}"#.utf8))
        let iat = Int(issuedAt.timeIntervalSince1970)
        let claims = base64URL(Data(
            #"{"iss":"\#(subject).\#(fingerprint ?? Self.fingerprint(key))","sub":"\#(subject)","iat":\#(iat),"exp":\#(iat + Int(lifetime))}"#.utf8))
        let signature = try signer.signature(for: Data("\(header).\(claims)".utf8), padding: .insecurePKCS1v1_5)
        return "\(header).\(claims).\(base64URL(signature.rawRepresentation))"
    }

    /// Runs `body` with an emulator on a manual clock that has a user KEYUSER holding `key`.
    private func withKeyUser(_ body: @Sendable (Root, RunningEmulator, ManualClock) async throws -> Void) async throws {
        let clock = ManualClock()
        try await TestEmulator.withRoot(TestEmulator.configuration(clock: clock)) { root, emulator in
            try await root.users.create(UserModel(name: "keyuser", defaultRole: "ACCOUNTADMIN", rsaPublicKey: Self.key.publicKey.pemRepresentation))
            try await body(root, emulator, clock)
        }
    }

    private func status(_ emulator: RunningEmulator, bearer token: String, type: String? = "KEYPAIR_JWT") async throws -> (Int, String?) {
        var headers = [("Authorization", "Bearer \(token)")]
        if let type { headers.append(("X-Snowflake-Authorization-Token-Type", type)) }
        let answer = try await RawHTTP(baseURL: emulator.baseURL, token: nil).send("GET", "/api/v2/databases", headers: headers)
        return (answer.status, answer.object?["message"] as? String)
    }

    @Test("the Swift client logs in with a key pair; objects it creates belong to the user's role")
    func keyPairLogin() async throws {
        try await withKeyUser { _, emulator, clock in
            var configuration = try ConnectionConfiguration.emulator(url: emulator.baseURL, token: "")
            configuration.account = "emulator"
            configuration.user = "keyuser"
            configuration.credentials = try .keyPair(privateKeyPEM: Self.key.pkcs8PEMRepresentation)
            let root = try Root(configuration, transport: AsyncHTTPClientTransport(), now: { clock.now() })
            try await root.databases.create(DatabaseModel(name: "by_key"))
            #expect(try await root.databases["by_key"].fetch().owner == "ACCOUNTADMIN")
            // put and get log in at the connector endpoint with a key-pair JWT of their own.
            let stage = try await root.databases["by_key"].schemas["public"].stages.create(StageModel(name: "files"))
            let local = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("key-put-\(UUID().uuidString).csv")
            try Data("1,2\n".utf8).write(to: local)
            defer { try? FileManager.default.removeItem(at: local) }
            #expect(try await stage.put(local.path, "/", autoCompress: false).first?.status == "UPLOADED")
            #expect(try await stage.listFiles().map(\.name) == ["files/" + local.lastPathComponent])
        }
    }

    @Test("a hand-made valid JWT is accepted, with or without the token type header")
    func validJWT() async throws {
        try await withKeyUser { _, emulator, clock in
            let token = try Self.jwt(issuedAt: clock.now())
            #expect(try await status(emulator, bearer: token).0 == 200)
            #expect(try await status(emulator, bearer: token, type: nil).0 == 200)
        }
    }

    @Test("refused JWTs: each is a 401 ErrorResponse")
    func refusedJWTs() async throws {
        try await withKeyUser { _, emulator, clock in
            let now = clock.now()
            let valid = try Self.jwt(issuedAt: now)
            var tampered = Array(valid)
            let middle = valid.firstIndex(of: ".")!.utf16Offset(in: valid) + 5
            tampered[middle] = tampered[middle] == "A" ? "B" : "A"
            let cases: [(String, String)] = [
                ("tampered claims", String(tampered)),
                ("signed by another key", try Self.jwt(signer: Self.otherKey, issuedAt: now)),
                ("wrong fingerprint", try Self.jwt(fingerprint: Self.fingerprint(Self.otherKey), issuedAt: now)),
                ("wrong account", try Self.jwt(account: "OTHER", issuedAt: now)),
                ("expired", try Self.jwt(issuedAt: now.addingTimeInterval(-7200))),
                ("lifetime over an hour", try Self.jwt(issuedAt: now, lifetime: 7200)),
                ("issued in the future", try Self.jwt(issuedAt: now.addingTimeInterval(3600))),
                ("unknown user", try Self.jwt(user: "NOBODY", issuedAt: now)),
                ("another algorithm", try Self.jwt(issuedAt: now, algorithm: "HS256")),
                ("not a JWT", "eyJ.not.ajwt"),
            ]
            for (what, token) in cases {
                let (code, message) = try await status(emulator, bearer: token)
                #expect(code == 401, "\(what)")
                #expect(message?.contains("JWT token is invalid") == true, "\(what): \(message ?? "")")
            }
        }
    }

    @Test("no credential, an unknown token or another scheme is a 401")
    func missingCredentials() async throws {
        try await withKeyUser { _, emulator, _ in
            let anonymous = RawHTTP(baseURL: emulator.baseURL, token: nil)
            #expect(try await anonymous.send("GET", "/api/v2/databases").status == 401)
            #expect(try await status(emulator, bearer: "unknown", type: "PROGRAMMATIC_ACCESS_TOKEN").0 == 401)
            #expect(try await status(emulator, bearer: "unknown", type: "MAGIC").0 == 401)
            let session = try await anonymous.send("GET", "/api/v2/databases", headers: [("Authorization", #"Snowflake Token="ST-nothing""#)])
            #expect(session.status == 401)
        }
    }

    @Test("programmatic access tokens: minted for a user, refused once expired")
    func programmaticAccessTokens() async throws {
        try await withKeyUser { _, emulator, clock in
            let token = try await Emulator.issueToken(
                dataDirectory: emulator.dataDirectory, user: "keyuser", name: "ci", lifetime: 600, clock: clock)
            #expect(try await status(emulator, bearer: token, type: "PROGRAMMATIC_ACCESS_TOKEN").0 == 200)
            #expect(try await status(emulator, bearer: token, type: nil).0 == 200)
            clock.advance(by: 601)
            let (code, message) = try await status(emulator, bearer: token, type: "PROGRAMMATIC_ACCESS_TOKEN")
            #expect(code == 401)
            #expect(message == "Access token expired.")
            await #expect(throws: EmulatorFailure.self) {
                _ = try await Emulator.issueToken(dataDirectory: emulator.dataDirectory, user: "nobody")
            }
        }
    }

    @Test("a disabled user is refused with 403; a dropped user's tokens stop working")
    func disabledAndDropped() async throws {
        try await withKeyUser { root, emulator, clock in
            let token = try await Emulator.issueToken(dataDirectory: emulator.dataDirectory, user: "keyuser", clock: clock)
            try await root.users["keyuser"].createOrAlter(
                UserModel(name: "keyuser", disabled: true, defaultRole: "ACCOUNTADMIN", rsaPublicKey: Self.key.publicKey.pemRepresentation))
            #expect(try await status(emulator, bearer: token, type: nil).0 == 403)
            #expect(try await status(emulator, bearer: try Self.jwt(issuedAt: clock.now())).0 == 403)
            try await root.users["keyuser"].drop()
            #expect(try await status(emulator, bearer: token, type: nil).0 == 401)
        }
    }

    @Test("the acting role must be the user's: X-Snowflake-Role with another role is a 403")
    func roles() async throws {
        try await withKeyUser { _, emulator, _ in
            let http = RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken)
            let asPublic = try await http.send("GET", "/api/v2/databases", headers: [("X-Snowflake-Role", "PUBLIC")])
            let asOther = try await http.send("GET", "/api/v2/databases", headers: [("X-Snowflake-Role", "ORGADMIN")])
            #expect(asPublic.status == 200)
            #expect(asOther.status == 403)
        }
    }
}
