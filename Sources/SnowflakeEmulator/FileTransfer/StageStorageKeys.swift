import Crypto
import Foundation
import SnowflakeFileTransfer

/// The secrets of the emulator's stage storage, all derived from the data directory's signing
/// key (``StageFileStore/signingKey()``), so nothing is stored per statement and everything
/// outlives a restart:
///
/// - **Temporary credentials**, as a `PUT` or `GET` answer carries them (`AWS_KEY_ID`,
///   `AWS_SECRET_KEY`, `AWS_TOKEN`). The token names one stage, whether it may write, and
///   when it expires, signed; the key id and the secret are derived from the token.
/// - **Stage master keys**: one 128-bit key per stage, which wraps the keys of the files
///   clients encrypt (`SNOWFLAKE_FULL` stages).
struct StageStorageKeys: Sendable {
    let signingKey: SymmetricKey

    init(store: StageFileStore) throws {
        signingKey = try store.signingKey()
    }

    /// What a valid session token allows.
    struct Grant: Sendable, Equatable {
        var stageID: Int64
        var mayWrite: Bool
        var expiry: Date
    }

    /// Credentials for one stage until `expiry`.
    func credentials(for grant: Grant) -> SignatureV4.Credentials {
        let payload = "s3\n\(grant.stageID)\n\(grant.mayWrite ? "rw" : "r")\n\(Int64(grant.expiry.timeIntervalSince1970))"
        let token = StageFileStore.signedToken(payload, key: signingKey)
        return SignatureV4.Credentials(keyID: keyID(token: token), secret: secret(token: token), sessionToken: token)
    }

    /// The grant of a session token whose signature is valid (expired or not); nil otherwise.
    func grant(token: String) -> Grant? {
        guard let payload = StageFileStore.verifiedPayload(of: token, key: signingKey) else { return nil }
        let fields = payload.split(separator: "\n", omittingEmptySubsequences: false)
        guard fields.count == 4, fields[0] == "s3", let id = Int64(fields[1]), let seconds = Int64(fields[3]) else { return nil }
        return Grant(stageID: id, mayWrite: fields[2] == "rw", expiry: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    /// `ASIA` and 16 upper-case hex digits, as AWS's temporary key ids look.
    func keyID(token: String) -> String {
        "ASIA" + derived("key-id\n" + token).prefix(8).map { String(format: "%02X", $0) }.joined()
    }

    /// The secret that goes with a token.
    func secret(token: String) -> String {
        String(derived("secret\n" + token).base64EncodedString().prefix(40))
    }

    /// A stage's master key.
    func masterKey(stageID: Int64) -> Data {
        derived("stage-master-key\n\(stageID)").prefix(16)
    }

    /// The key and IV a stored file is encrypted with when it is read: derived from the master
    /// key, the path and the content, so every read (a `HEAD`, a `GET`, a range) sees the same
    /// bytes, and a changed file gets a new key.
    func fileKeyAndIV(stageID: Int64, path: String, digest: String) -> (key: Data, iv: Data) {
        let master = SymmetricKey(data: masterKey(stageID: stageID))
        func mac(_ label: String) -> Data {
            Data(HMAC<SHA256>.authenticationCode(for: Data("\(label)\n\(path)\n\(digest)".utf8), using: master))
        }
        return (mac("file-key").prefix(16), mac("iv").prefix(16))
    }

    private func derived(_ label: String) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: Data(label.utf8), using: signingKey))
    }
}
