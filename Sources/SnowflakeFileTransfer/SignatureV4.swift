import Crypto
import Foundation

/// AWS Signature Version 4 for S3 requests, as the Snowflake connectors sign their uploads to
/// and downloads from a stage's bucket with the temporary credentials a `PUT` or `GET`
/// statement answers. The client signs with it; the emulator's storage endpoint checks
/// signatures with the same code, and the official connector (which signs with the AWS SDK)
/// checks the emulator's side.
public enum SignatureV4 {
    /// The algorithm's name in `Authorization`.
    public static let algorithm = "AWS4-HMAC-SHA256"
    /// The payload hash of a body that is not hashed.
    public static let unsignedPayload = "UNSIGNED-PAYLOAD"

    /// Temporary credentials (`AWS_KEY_ID`, `AWS_SECRET_KEY`, `AWS_TOKEN`).
    public struct Credentials: Sendable, Hashable, CustomStringConvertible {
        /// `AWS_KEY_ID`.
        public var keyID: String
        /// `AWS_SECRET_KEY`.
        public var secret: String
        /// `AWS_TOKEN`, sent as `x-amz-security-token`.
        public var sessionToken: String?

        /// Credentials from their parts.
        public init(keyID: String, secret: String, sessionToken: String?) {
            self.keyID = keyID
            self.secret = secret
            self.sessionToken = sessionToken
        }

        /// The key id only; never the secret or the token.
        public var description: String { "AWS credentials \(keyID)" }
    }

    /// The parts of an `Authorization: AWS4-HMAC-SHA256 ...` header.
    public struct Authorization: Sendable, Hashable {
        /// The access key id of the credential scope.
        public var keyID: String
        /// `yyyyMMdd`.
        public var date: String
        /// The scope's region.
        public var region: String
        /// The scope's service (`s3`).
        public var service: String
        /// Lower-case names, in the header's order.
        public var signedHeaders: [String]
        /// Hex.
        public var signature: String

        /// Parses a header; nil when it is not SigV4.
        public init?(header: String) {
            guard header.hasPrefix(SignatureV4.algorithm + " ") else { return nil }
            var fields: [String: String] = [:]
            for part in header.dropFirst(SignatureV4.algorithm.count + 1).split(separator: ",") {
                let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
                guard pair.count == 2 else { return nil }
                fields[String(pair[0])] = String(pair[1])
            }
            let scope = (fields["Credential"] ?? "").split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard scope.count == 5, scope[4] == "aws4_request", let signed = fields["SignedHeaders"], let signature = fields["Signature"]
            else { return nil }
            keyID = scope[0]
            date = scope[1]
            region = scope[2]
            service = scope[3]
            signedHeaders = signed.split(separator: ";").map(String.init)
            self.signature = signature
        }
    }

    /// The headers to add to a request so that S3 accepts it: `x-amz-date`,
    /// `x-amz-content-sha256`, `x-amz-security-token` (with a session token) and
    /// `Authorization`. Every header given (and `host`, which must be among them) is signed.
    /// - Parameters:
    ///   - path: the URL's path exactly as sent (percent-encoded).
    ///   - query: the query's items, not encoded.
    ///   - payloadHash: the hex SHA-256 of the body, or ``unsignedPayload``.
    public static func sign(
        method: String, path: String, query: [(String, String)], headers: [(String, String)], payloadHash: String,
        credentials: Credentials, region: String, service: String = "s3", date: Date
    ) -> [(String, String)] {
        let stamp = timestamp(date)
        var added: [(String, String)] = [("x-amz-date", stamp), ("x-amz-content-sha256", payloadHash)]
        if let token = credentials.sessionToken { added.append(("x-amz-security-token", token)) }
        let all = headers + added
        let names = Array(Set(all.map { $0.0.lowercased() })).sorted()
        let signature = self.signature(
            method: method, path: path, query: query, headers: all, signedHeaders: names, payloadHash: payloadHash,
            secret: credentials.secret, timestamp: stamp, region: region, service: service)
        let scope = [String(stamp.prefix(8)), region, service, "aws4_request"].joined(separator: "/")
        added.append((
            "Authorization",
            "\(algorithm) Credential=\(credentials.keyID)/\(scope), SignedHeaders=\(names.joined(separator: ";")), Signature=\(signature)"
        ))
        return added
    }

    /// The hex signature of a request over the named headers. `timestamp` is `x-amz-date`
    /// (`yyyyMMdd'T'HHmmss'Z'`).
    public static func signature(
        method: String, path: String, query: [(String, String)], headers: [(String, String)], signedHeaders: [String],
        payloadHash: String, secret: String, timestamp: String, region: String, service: String
    ) -> String {
        let canonical = canonicalRequest(
            method: method, path: path, query: query, headers: headers, signedHeaders: signedHeaders, payloadHash: payloadHash)
        let scope = [String(timestamp.prefix(8)), region, service, "aws4_request"].joined(separator: "/")
        let toSign = [algorithm, timestamp, scope, hex(SHA256.hash(data: Data(canonical.utf8)))].joined(separator: "\n")
        var key = SymmetricKey(data: Data(("AWS4" + secret).utf8))
        for part in [String(timestamp.prefix(8)), region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        return hex(HMAC<SHA256>.authenticationCode(for: Data(toSign.utf8), using: key))
    }

    /// The canonical request of SigV4 (S3 flavour: the path is not encoded again).
    static func canonicalRequest(
        method: String, path: String, query: [(String, String)], headers: [(String, String)], signedHeaders: [String],
        payloadHash: String
    ) -> String {
        let encoded: [(String, String)] = query.map { (encode($0.0), encode($0.1)) }
        let sorted = encoded.sorted { (a: (String, String), b: (String, String)) -> Bool in a.0 == b.0 ? a.1 < b.1 : a.0 < b.0 }
        let canonicalQuery = sorted.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
        var values: [String: [String]] = [:]
        for (name, value) in headers {
            let trimmed = value.trimmingCharacters(in: .whitespaces).split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            values[name.lowercased(), default: []].append(trimmed)
        }
        let canonicalHeaders = signedHeaders.map { "\($0):\(values[$0]?.joined(separator: ",") ?? "")\n" }.joined()
        return [method, path.isEmpty ? "/" : path, canonicalQuery, canonicalHeaders, signedHeaders.joined(separator: ";"), payloadHash]
            .joined(separator: "\n")
    }

    /// Percent-encodes everything but RFC 3986's unreserved characters, as SigV4 requires.
    public static func encode(_ text: String, keepingSlashes: Bool = false) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                result.unicodeScalars.append(UnicodeScalar(byte))
            case UInt8(ascii: "/") where keepingSlashes:
                result.append("/")
            default:
                result += String(format: "%%%02X", byte)
            }
        }
        return result
    }

    /// `x-amz-date` of a time: `yyyyMMdd'T'HHmmss'Z'` in UTC.
    public static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    /// The hex SHA-256 of a payload, for `x-amz-content-sha256`.
    public static func payloadHash(_ data: Data) -> String { hex(SHA256.hash(data: data)) }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
