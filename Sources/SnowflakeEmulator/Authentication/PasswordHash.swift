import Crypto
import Foundation
import _CryptoExtras

/// Salted, iterated password hashes (PBKDF2-HMAC-SHA256), stored as
/// `pbkdf2-sha256$<iterations>$<salt>$<hash>`.
enum PasswordHash {
    static let iterations = 10_000

    static func make(_ password: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let salt = Data((0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        let derived = derive(password, salt: salt, iterations: iterations)
        return "pbkdf2-sha256$\(iterations)$\(salt.base64EncodedString())$\(derived.base64EncodedString())"
    }

    static func verify(_ password: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$")
        guard parts.count == 4, parts[0] == "pbkdf2-sha256", let iterations = Int(parts[1]),
            let salt = Data(base64Encoded: String(parts[2])), let expected = Data(base64Encoded: String(parts[3]))
        else { return false }
        let derived = derive(password, salt: salt, iterations: iterations)
        guard derived.count == expected.count else { return false }
        return zip(derived, expected).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// PBKDF2 with HMAC-SHA256, one 32-byte block (BoringSSL's implementation).
    static func derive(_ password: String, salt: Data, iterations: Int) -> Data {
        let key = try? KDF.Insecure.PBKDF2.deriveKey(
            from: Data(password.utf8), salt: salt, using: .sha256, outputByteCount: 32, unsafeUncheckedRounds: max(1, iterations))
        return key?.withUnsafeBytes { Data($0) } ?? Data()
    }
}
