import Foundation
import _CryptoExtras

/// How the client proves who it is. Secrets inside are never printed.
///
/// ```swift
/// .programmaticAccessToken(pat)
/// .oauth(accessToken)
/// try .keyPair(privateKeyFile: "~/.ssh/snowflake_key.p8", passphrase: passphrase)
/// ```
public struct Credentials: Sendable, CustomStringConvertible {
    enum Storage: Sendable {
        case bearer(token: String, type: String)
        case keyPair(RSAKeyPair)
        case password(String)
    }

    let storage: Storage

    /// A programmatic access token (`PROGRAMMATIC_ACCESS_TOKEN`), sent as a bearer token.
    public static func programmaticAccessToken(_ token: String) -> Credentials {
        Credentials(storage: .bearer(token: token, type: "PROGRAMMATIC_ACCESS_TOKEN"))
    }

    /// An OAuth access token (`OAUTH`), sent as a bearer token.
    public static func oauth(_ token: String) -> Credentials {
        Credentials(storage: .bearer(token: token, type: "OAUTH"))
    }

    /// Key-pair authentication (`SNOWFLAKE_JWT`) with an RSA private key in PKCS#8 PEM form,
    /// encrypted (give its passphrase) or not. Each request carries a short-lived JWT signed
    /// with the key, renewed before it expires.
    /// - Throws: ``SnowflakeError`` with code `invalidConfiguration` when the key cannot be read.
    public static func keyPair(privateKeyPEM: String, passphrase: String? = nil) throws -> Credentials {
        Credentials(storage: .keyPair(try RSAKeyPair(pem: privateKeyPEM, passphrase: passphrase, source: "the private key")))
    }

    /// Key-pair authentication with the private key read from a PEM file (`~` is expanded).
    public static func keyPair(privateKeyFile path: String, passphrase: String? = nil) throws -> Credentials {
        let expanded = (path as NSString).expandingTildeInPath
        let pem: String
        do {
            pem = try String(contentsOfFile: expanded, encoding: .utf8)
        } catch {
            throw SnowflakeError(code: .invalidConfiguration, detail: "cannot read the private key file \(expanded): \(error.localizedDescription)")
        }
        return Credentials(storage: .keyPair(try RSAKeyPair(pem: pem, passphrase: passphrase, source: expanded)))
    }

    /// A password (`SNOWFLAKE`): the client logs in at the connector's login endpoint and sends
    /// the session token it gets (`Authorization: Snowflake Token="..."`), renews it when the
    /// server says it expired, and logs out when the root is closed.
    public static func password(_ password: String) -> Credentials {
        Credentials(storage: .password(password))
    }

    /// The authenticator's name, as `connections.toml` spells it.
    public var authenticator: String {
        switch storage {
        case .bearer(_, let type): type
        case .keyPair: "SNOWFLAKE_JWT"
        case .password: "SNOWFLAKE"
        }
    }

    /// The authenticator's name; never the secret.
    public var description: String { authenticator }
}

/// An RSA private key and the fingerprint of its public key (`SHA256:<base64>`, as
/// `RSA_PUBLIC_KEY_FP` shows it).
struct RSAKeyPair: Sendable {
    let privateKey: _RSA.Signing.PrivateKey
    let fingerprint: String

    init(pem: String, passphrase: String?, source: String) throws {
        do {
            if pem.contains("ENCRYPTED PRIVATE KEY") {
                guard let passphrase else {
                    throw SnowflakeError(code: .invalidConfiguration, detail: "\(source) is encrypted: give its passphrase (private_key_file_pwd)")
                }
                privateKey = try _RSA.Signing.PrivateKey(encryptedPEMRepresentation: pem) { setter in setter(Array(passphrase.utf8)) }
            } else {
                privateKey = try _RSA.Signing.PrivateKey(pemRepresentation: pem)
            }
        } catch let error as SnowflakeError {
            throw error
        } catch {
            throw SnowflakeError(
                code: .invalidConfiguration,
                detail: "\(source) is not an RSA private key in PEM form (PKCS#8, at least 2048 bits), or its passphrase is wrong")
        }
        fingerprint = KeyPairJWT.fingerprint(ofPublicKeyDER: privateKey.publicKey.derRepresentation)
    }
}
