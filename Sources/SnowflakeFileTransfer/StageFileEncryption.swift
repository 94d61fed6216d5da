import Crypto
import Foundation
import _CryptoExtras

/// Snowflake's client-side encryption of stage files (internal stages with `SNOWFLAKE_FULL`
/// encryption): each file is encrypted with a fresh random key (AES-CBC, PKCS#7 padding), and
/// that key is wrapped with the statement's stage master key (AES-ECB, PKCS#5 padding). The
/// wrapped key, the IV and a description of the master key travel with the file as object
/// metadata (`x-amz-meta-x-amz-key`, `-x-amz-iv`, `-x-amz-matdesc` on S3).
public enum StageFileEncryption {
    /// The `encryptionMaterial` of a `PUT` or `GET` answer.
    public struct Material: Sendable, Hashable, CustomStringConvertible {
        /// The stage master key (16 or 32 bytes).
        public var masterKey: Data
        /// The statement's query id, recorded in the material description.
        public var queryID: String
        /// The id of the stage master key.
        public var smkID: String

        /// A material from its parts.
        public init(masterKey: Data, queryID: String, smkID: String) {
            self.masterKey = masterKey
            self.queryID = queryID
            self.smkID = smkID
        }

        /// The ids only; never the key.
        public var description: String { "encryption material \(smkID) of query \(queryID)" }
    }

    /// What travels with an encrypted file.
    public struct Envelope: Sendable, Hashable {
        /// The wrapped file key, base64.
        public var key: String
        /// The IV, base64.
        public var iv: String
        /// `{"queryId":"...","smkId":"...","keySize":"128"}`.
        public var materialDescription: String

        /// An envelope from its parts.
        public init(key: String, iv: String, materialDescription: String) {
            self.key = key
            self.iv = iv
            self.materialDescription = materialDescription
        }

        /// The `smkId` the material description names, if it can be read.
        public var smkID: String? {
            guard let object = try? JSONSerialization.jsonObject(with: Data(materialDescription.utf8)) as? [String: Any] else { return nil }
            if let text = object["smkId"] as? String { return text }
            return (object["smkId"] as? NSNumber)?.stringValue
        }
    }

    /// Why a file could not be encrypted or decrypted.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// What went wrong.
        public var description: String
    }

    static let blockSize = 16

    /// Encrypts a file's bytes. `fileKey` and `iv` are random unless given (the emulator
    /// derives them so that every read of a file sees the same bytes).
    public static func encrypt(_ plaintext: Data, with material: Material, fileKey: Data? = nil, iv: Data? = nil) throws -> (Data, Envelope) {
        guard material.masterKey.count == 16 || material.masterKey.count == 24 || material.masterKey.count == 32 else {
            throw Failure(description: "the stage master key has \(material.masterKey.count) bytes; AES needs 16, 24 or 32")
        }
        let key = fileKey ?? SymmetricKey(size: SymmetricKeySize(bitCount: material.masterKey.count * 8)).withUnsafeBytes { Data($0) }
        let ivBytes = iv ?? SymmetricKey(size: SymmetricKeySize(bitCount: blockSize * 8)).withUnsafeBytes { Data($0) }
        do {
            let ciphertext = try AES._CBC.encrypt(plaintext, using: SymmetricKey(data: key), iv: try AES._CBC.IV(ivBytes: ivBytes))
            let wrapped = try ecb(pad(key), key: material.masterKey, encrypt: true)
            let description = #"{"queryId":"\#(material.queryID)","smkId":"\#(material.smkID)","keySize":"\#(material.masterKey.count * 8)"}"#
            return (ciphertext, Envelope(key: wrapped.base64EncodedString(), iv: ivBytes.base64EncodedString(), materialDescription: description))
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(description: "the file could not be encrypted: \(error)")
        }
    }

    /// The size of a file of `size` bytes once encrypted (PKCS#7 always adds 1 to 16 bytes).
    public static func encryptedSize(of size: Int) -> Int {
        (size / blockSize + 1) * blockSize
    }

    /// Decrypts a file's bytes with the master key its envelope's key was wrapped with.
    public static func decrypt(_ ciphertext: Data, envelope: Envelope, masterKey: Data) throws -> Data {
        guard let wrapped = Data(base64Encoded: envelope.key), let ivBytes = Data(base64Encoded: envelope.iv), ivBytes.count == blockSize else {
            throw Failure(description: "the file's encryption metadata (key and IV) is not valid base64 of the right length")
        }
        let fileKey: Data
        do {
            fileKey = try unpad(try ecb(wrapped, key: masterKey, encrypt: false))
        } catch {
            throw Failure(description: "the file's key cannot be unwrapped with the stage master key")
        }
        guard [16, 24, 32].contains(fileKey.count) else { throw Failure(description: "the file's unwrapped key has \(fileKey.count) bytes") }
        do {
            return try AES._CBC.decrypt(ciphertext, using: SymmetricKey(data: fileKey), iv: try AES._CBC.IV(ivBytes: ivBytes))
        } catch {
            throw Failure(description: "the file cannot be decrypted with its key: it is damaged or was encrypted with another one")
        }
    }

    /// `x-amz-meta-sfc-digest`: the base64 SHA-256 of the file as stored, before encryption.
    public static func digest(_ data: Data) -> String {
        Data(SHA256.hash(data: data)).base64EncodedString()
    }

    // MARK: AES-ECB for the key wrap (one CBC block with a zero IV per block)

    private static func ecb(_ data: Data, key: Data, encrypt: Bool) throws -> Data {
        guard data.count % blockSize == 0, !data.isEmpty else { throw Failure(description: "a wrapped key is a whole number of AES blocks") }
        let symmetric = SymmetricKey(data: key)
        let zero = try AES._CBC.IV(ivBytes: [UInt8](repeating: 0, count: blockSize))
        var out = Data()
        var offset = data.startIndex
        while offset < data.endIndex {
            let block = data[offset..<offset + blockSize]
            out += encrypt
                ? try AES._CBC.encrypt(block, using: symmetric, iv: zero, noPadding: true)
                : try AES._CBC.decrypt(block, using: symmetric, iv: zero, noPadding: true)
            offset += blockSize
        }
        return out
    }

    private static func pad(_ data: Data) -> Data {
        let count = blockSize - data.count % blockSize
        return data + Data(repeating: UInt8(count), count: count)
    }

    private static func unpad(_ data: Data) throws -> Data {
        guard let last = data.last, (1...blockSize).contains(Int(last)), data.count >= Int(last),
            data.suffix(Int(last)).allSatisfy({ $0 == last })
        else { throw Failure(description: "bad padding") }
        return data.dropLast(Int(last))
    }
}
