import Foundation
import SnowflakeFileTransfer

/// A stage's files in Amazon S3 (or the emulator's S3-compatible storage), reached with the
/// temporary credentials of a `PUT` or `GET` answer: `HeadObject`, `PutObject` (in parts
/// above the answer's threshold) and `GetObject`, signed with AWS Signature Version 4. The location is `bucket/prefix/`; an
/// `endPoint` that is a whole URL is addressed path-style (`<endPoint>/<bucket>/<key>`),
/// otherwise virtual-hosted (`https://<bucket>.<endPoint or s3.<region>.amazonaws.com>/<key>`).
struct S3StageStorage: Sendable {
    let bucket: String
    let prefix: String
    let region: String
    let credentials: SignatureV4.Credentials
    let transport: any SnowflakeTransport
    let timeout: Duration
    private let base: String
    private let basePath: String
    private let host: String
    private let pathStyle: Bool

    init(_ info: TransferAnswer.StageInfo, transport: any SnowflakeTransport, timeout: Duration) throws {
        guard info.locationType.uppercased() == "S3" else {
            throw SnowflakeError(
                code: .invalidArgument,
                detail: "the stage's files are in \(info.locationType) storage; this client moves files to and from S3 only (AWS accounts and the emulator)")
        }
        guard let keyID = info.creds["AWS_KEY_ID"] ?? info.creds["AWS_ID"], let secret = info.creds["AWS_SECRET_KEY"] ?? info.creds["AWS_KEY"]
        else { throw SnowflakeError(code: .invalidResponse, detail: "the transfer answer has no AWS credentials for the stage") }
        credentials = SignatureV4.Credentials(keyID: keyID, secret: secret, sessionToken: info.creds["AWS_TOKEN"])
        let parts = info.location.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        bucket = String(parts[0])
        var prefix = parts.count > 1 ? String(parts[1]) : ""
        if !prefix.isEmpty, !prefix.hasSuffix("/") { prefix += "/" }
        self.prefix = prefix
        region = info.region ?? "us-east-1"
        self.transport = transport
        self.timeout = timeout
        if let endPoint = info.endPoint, endPoint.contains("://"), let url = URL(string: endPoint), let host = url.host {
            pathStyle = true
            var trimmed = endPoint
            while trimmed.hasSuffix("/") { trimmed.removeLast() }
            base = trimmed
            basePath = url.path.hasSuffix("/") ? String(url.path.dropLast()) : url.path
            self.host = url.port.map { "\(host):\($0)" } ?? host
        } else {
            pathStyle = false
            let endPoint = info.endPoint.flatMap { $0.isEmpty ? nil : $0 } ?? "s3.\(region).amazonaws.com"
            host = "\(bucket).\(endPoint)"
            base = "https://\(host)"
            basePath = ""
        }
    }

    /// An object's metadata, lower-case names; nil when it does not exist.
    func head(_ file: String) async throws -> [String: String]? {
        let response = try await send("HEAD", file)
        if response.status == 404 { return nil }
        try check(response, "HeadObject", file)
        return Self.lowercased(response.headers)
    }

    /// Stores an object; false when `ifAbsent` and it exists already.
    func put(_ file: String, _ data: Data, metadata: [(String, String)], ifAbsent: Bool) async throws -> Bool {
        var headers = [("content-type", "application/octet-stream")] + metadata
        if ifAbsent { headers.append(("if-none-match", "*")) }
        let response = try await send("PUT", file, headers: headers, body: data)
        if ifAbsent, response.status == 412 { return false }
        try check(response, "PutObject", file)
        return true
    }

    /// Stores an object in parts of `partSize` bytes (S3's multipart upload, for files above
    /// the answer's threshold); false when `ifAbsent` and it exists already. An upload that
    /// fails is aborted.
    func putInParts(_ file: String, _ data: Data, metadata: [(String, String)], ifAbsent: Bool, partSize: Int) async throws -> Bool {
        let created = try await send("POST", file, query: [("uploads", "")], headers: [("content-type", "application/octet-stream")] + metadata)
        try check(created, "CreateMultipartUpload", file)
        guard let uploadID = Self.element("UploadId", in: String(decoding: created.body, as: UTF8.self)) else {
            throw SnowflakeError(code: .invalidResponse, operation: "S3 CreateMultipartUpload \(bucket)/\(prefix)\(file)", detail: "the answer has no UploadId")
        }
        do {
            var parts: [String] = []
            var offset = data.startIndex
            while offset < data.endIndex || parts.isEmpty {
                let chunk = data[offset..<min(offset + partSize, data.endIndex)]
                let number = parts.count + 1
                let response = try await send("PUT", file, query: [("partNumber", String(number)), ("uploadId", uploadID)], body: Data(chunk))
                try check(response, "UploadPart", file)
                parts.append(response.headers.first { $0.name.lowercased() == "etag" }?.value ?? "")
                offset += chunk.count
                if chunk.isEmpty { break }
            }
            let list = parts.enumerated().map { "<Part><PartNumber>\($0.offset + 1)</PartNumber><ETag>\($0.element)</ETag></Part>" }.joined()
            let completion = Data("<CompleteMultipartUpload>\(list)</CompleteMultipartUpload>".utf8)
            let completed = try await send(
                "POST", file, query: [("uploadId", uploadID)], headers: ifAbsent ? [("if-none-match", "*")] : [], body: completion)
            if ifAbsent, completed.status == 412 {
                _ = try? await send("DELETE", file, query: [("uploadId", uploadID)])
                return false
            }
            try check(completed, "CompleteMultipartUpload", file)
            return true
        } catch {
            _ = try? await send("DELETE", file, query: [("uploadId", uploadID)])
            throw error
        }
    }

    /// An object's bytes and metadata (lower-case names).
    func get(_ file: String) async throws -> (Data, [String: String]) {
        let response = try await send("GET", file)
        try check(response, "GetObject", file)
        return (response.body, Self.lowercased(response.headers))
    }

    private func send(
        _ method: String, _ file: String, query: [(String, String)] = [], headers: [(String, String)] = [], body: Data? = nil
    ) async throws -> TransportResponse {
        let key = SignatureV4.encode(prefix + file, keepingSlashes: true)
        let path = pathStyle ? "\(basePath)/\(bucket)/\(key)" : "/\(key)"
        let url = pathStyle ? "\(base)/\(bucket)/\(key)" : "\(base)/\(key)"
        let signed = [("host", host)] + headers
        let added = SignatureV4.sign(
            method: method, path: path, query: query, headers: signed,
            payloadHash: SignatureV4.payloadHash(body ?? Data()), credentials: credentials, region: region, date: Date())
        let queryText = query.map { SignatureV4.encode($0.0) + "=" + SignatureV4.encode($0.1) }.joined(separator: "&")
        let request = TransportRequest(
            method: method, url: url + (queryText.isEmpty ? "" : "?" + queryText),
            headers: (signed + added).map { (name: $0.0, value: $0.1) }, body: body, timeout: timeout, isIdempotent: method != "POST")
        return try await transport.send(request)
    }

    private func check(_ response: TransportResponse, _ operation: String, _ file: String) throws {
        guard !(200..<300).contains(response.status) else { return }
        let text = String(decoding: response.body.prefix(2048), as: UTF8.self)
        func element(_ name: String) -> String? { Self.element(name, in: text) }
        let code = element("Code") ?? "HTTP \(response.status)"
        throw SnowflakeError(
            code: .forStatus(response.status), status: response.status, reason: response.reason, headers: response.headers, body: text,
            operation: "S3 \(operation) \(bucket)/\(prefix)\(file)", detail: "\(code): \(element("Message") ?? "the storage refused the request")")
    }

    /// The text of the first `<name>` element of an S3 XML answer.
    private static func element(_ name: String, in text: String) -> String? {
        guard let start = text.range(of: "<\(name)>"), let end = text.range(of: "</\(name)>", range: start.upperBound..<text.endIndex) else { return nil }
        return String(text[start.upperBound..<end.lowerBound])
    }

    private static func lowercased(_ headers: [(name: String, value: String)]) -> [String: String] {
        var result: [String: String] = [:]
        for header in headers { result[header.name.lowercased()] = header.value }
        return result
    }
}
