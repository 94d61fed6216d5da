import Foundation
import SnowflakeCore
import SnowflakeTestSupport
import Testing
import _CryptoExtras

@Suite("Key-pair authentication (client)")
struct KeyPairTests {
    static let key = try! _RSA.Signing.PrivateKey(keySize: .bits2048)

    private func decodeSegment(_ segment: Substring) throws -> [String: Any] {
        var text = segment.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        let data = try #require(Data(base64Encoded: text))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    private final class Clock: @unchecked Sendable {
        private let lock = NSLock()
        private var time = Date(timeIntervalSince1970: 1_800_000_000)
        var now: Date { lock.withLock { time } }
        func advance(_ seconds: TimeInterval) { lock.withLock { time += seconds } }
    }

    @Test("requests carry an RS256 JWT with Snowflake's claims, reused until shortly before it expires")
    func jwt() async throws {
        let transport = ScriptedTransport(Array(repeating: .answer(200, body: #"{"name":"D"}"#), count: 3))
        let clock = Clock()
        let configuration = ConnectionConfiguration(
            account: "myorg-acct.us-east-1", user: "alice", host: "example.test",
            credentials: try .keyPair(privateKeyPEM: Self.key.pkcs8PEMRepresentation))
        let root = try Root(configuration, transport: transport, now: { clock.now })
        _ = try await root.databases["d"].fetch()
        clock.advance(3000)
        _ = try await root.databases["d"].fetch()
        clock.advance(400)
        _ = try await root.databases["d"].fetch()

        let tokens = transport.requests.compactMap { $0.header("Authorization") }.map { String($0.dropFirst("Bearer ".count)) }
        #expect(tokens.count == 3)
        #expect(tokens[0] == tokens[1], "a token is reused while it has more than five minutes left")
        #expect(tokens[1] != tokens[2], "and renewed after that")
        #expect(transport.requests.allSatisfy { $0.header("X-Snowflake-Authorization-Token-Type") == "KEYPAIR_JWT" })

        let parts = tokens[0].split(separator: ".")
        #expect(parts.count == 3)
        let header = try decodeSegment(parts[0])
        #expect(header["alg"] as? String == "RS256")
        let claims = try decodeSegment(parts[1])
        let fingerprint = "SHA256:" + Data(SHA256.hash(data: Self.key.publicKey.derRepresentation)).base64EncodedString()
        #expect(claims["sub"] as? String == "MYORG-ACCT.ALICE")
        #expect(claims["iss"] as? String == "MYORG-ACCT.ALICE.\(fingerprint)")
        #expect(claims["iat"] as? Int == 1_800_000_000)
        #expect(claims["exp"] as? Int == 1_800_003_600)
        var signature = String(parts[2]).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while signature.count % 4 != 0 { signature += "=" }
        let valid = Self.key.publicKey.isValidSignature(
            _RSA.Signing.RSASignature(rawRepresentation: Data(base64Encoded: signature) ?? Data()),
            for: Data("\(parts[0]).\(parts[1])".utf8), padding: .insecurePKCS1v1_5)
        #expect(valid)
    }

    @Test("encrypted PKCS#8 keys are read with their passphrase, and refused without it")
    func encryptedKeys() throws {
        let directory = (NSTemporaryDirectory() as NSString).appendingPathComponent("keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let plain = (directory as NSString).appendingPathComponent("key.pem")
        let encrypted = (directory as NSString).appendingPathComponent("key.p8")
        try Self.key.pkcs8PEMRepresentation.write(toFile: plain, atomically: true, encoding: .utf8)
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        openssl.arguments = ["pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", plain, "-out", encrypted, "-passout", "pass:correct horse"]
        try openssl.run()
        openssl.waitUntilExit()
        #expect(openssl.terminationStatus == 0)

        #expect(try Credentials.keyPair(privateKeyFile: encrypted, passphrase: "correct horse").authenticator == "SNOWFLAKE_JWT")
        #expect(throws: SnowflakeError.self) { try Credentials.keyPair(privateKeyFile: encrypted, passphrase: "wrong") }
        #expect(throws: SnowflakeError.self) { try Credentials.keyPair(privateKeyFile: encrypted) }
        #expect(throws: SnowflakeError.self) { try Credentials.keyPair(privateKeyFile: (directory as NSString).appendingPathComponent("none")) }
        #expect(throws: SnowflakeError.self) { try Credentials.keyPair(privateKeyPEM: "not a key") }
    }

    @Test("key-pair credentials need the account and the user")
    func needsAccountAndUser() throws {
        let credentials = try Credentials.keyPair(privateKeyPEM: Self.key.pkcs8PEMRepresentation)
        #expect(throws: SnowflakeError.self) { try Root(ConnectionConfiguration(host: "h", credentials: credentials)) }
        #expect(throws: SnowflakeError.self) { try Root(ConnectionConfiguration(account: "a", host: "h", credentials: credentials)) }
        #expect(!ConnectionConfiguration(account: "a", user: "u", credentials: credentials).description.contains("PRIVATE KEY"))
    }
}

