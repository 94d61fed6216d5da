import Crypto
import Foundation

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

    /// PBKDF2 with HMAC-SHA256, one 32-byte block.
    private static func derive(_ password: String, salt: Data, iterations: Int) -> Data {
        let key = SymmetricKey(data: Data(password.utf8))
        var block = salt
        block.append(contentsOf: [0, 0, 0, 1])
        var u = Data(HMAC<SHA256>.authenticationCode(for: block, using: key))
        var result = u
        for _ in 1..<max(1, iterations) {
            u = Data(HMAC<SHA256>.authenticationCode(for: u, using: key))
            for index in result.indices { result[index] ^= u[index] }
        }
        return result
    }
}
