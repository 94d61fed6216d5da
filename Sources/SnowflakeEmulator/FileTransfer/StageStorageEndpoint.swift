import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SnowflakeFileTransfer
import SnowflakeModels

/// The storage behind internal stages, as the part of Amazon S3's API that Snowflake's clients
/// use to move a stage's files after a `PUT` or `GET` statement: `HeadObject`, `PutObject`
/// (with `If-None-Match: *` when the statement says `OVERWRITE = FALSE`), multipart uploads
/// (``MultipartUploads``) and `GetObject` (with `Range`), path-style under
/// `/emulator/s3/<bucket>/<stage id>/<path>`.
///
/// Every request must be signed (AWS Signature Version 4) with the temporary credentials the
/// statement answered; they name one stage, whether they may write, and expire. Files of
/// `SNOWFLAKE_FULL` stages arrive encrypted by the client (``StageFileEncryption``) and are kept
/// decrypted on disk in ``StageFileStore``, so `LIST`, presigned URLs and restarts see the
/// same files; reads encrypt them again under the stage master key. Errors are S3's XML
/// `<Error>` documents.
struct StageStorageEndpoint {
    /// The prefix of every path served here.
    static let prefix = "/emulator/s3/"
    /// The one bucket.
    static let bucket = "snowapi-stages"
    /// The region credentials are scoped to.
    static let region = "us-west-2"
    let services: EmulatorServices

    /// An S3 answer.
    struct Answer: Sendable {
        var status: Int
        var headers: [(String, String)] = []
        var body = Data()
    }

    /// An S3 error.
    struct Failure: Error {
        var status: Int
        var code: String
        var message: String
    }

    func respond(to request: Request) async -> Response {
        let answer: Answer
        do {
            answer = try await handle(request)
        } catch let failure as Failure {
            answer = Self.error(failure, head: request.method == .head)
        } catch let error as EmulatorError {
            answer = Self.error(Failure(status: error.status, code: "InvalidArgument", message: error.message), head: request.method == .head)
        } catch {
            answer = Self.error(Failure(status: 500, code: "InternalError", message: "We encountered an internal error."), head: request.method == .head)
        }
        var fields = HTTPFields()
        for (name, value) in answer.headers { if let field = HTTPField.Name(name) { fields.append(HTTPField(name: field, value: value)) } }
        if fields[.contentLength] == nil { fields[.contentLength] = String(answer.body.count) }
        return Response(status: HTTPResponse.Status(code: answer.status), headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }

    private func handle(_ request: Request) async throws -> Answer {
        let rawPath = request.uri.path
        let segments = rawPath.dropFirst(Self.prefix.count).split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
        guard segments.count == 3, segments[0] == Self.bucket, let stageID = Int64(segments[1]), !segments[2].isEmpty,
            let path = String(segments[2]).removingPercentEncoding
        else { throw Failure(status: 404, code: "NoSuchKey", message: "The specified key does not exist.") }
        var query: [(String, String)] = []
        for (key, value) in request.uri.queryParameters { query.append((String(key), String(value))) }
        let operation = try Operation(method: request.method.rawValue, query: query)
        var body = Data()
        switch operation {
        case .putObject, .uploadPart, .completeUpload:
            do {
                body = Data(try await request.body.collect(upTo: services.configuration.multipartThreshold).readableBytesView)
            } catch {
                throw Failure(status: 400, code: "EntityTooLarge", message: "Your proposed upload exceeds the maximum allowed size of one request.")
            }
        default: break
        }
        let store = StageFileStore(services: services)
        let keys = try StageStorageKeys(store: store)
        let grant = try authenticate(request, rawPath: rawPath, query: query, body: body, keys: keys)
        guard grant.stageID == stageID else { throw Failure(status: 403, code: "AccessDenied", message: "Access Denied") }
        let record = try await services.store.read { db in try db.object(id: stageID) }
        guard let record, record.droppedOn == nil else {
            throw Failure(status: 404, code: "NoSuchBucket", message: "The stage of these credentials no longer exists.")
        }
        let stage = try StoredObject<StageModel>(record: record)
        let encrypted = Self.isClientSideEncrypted(stage)
        _ = try StageFileStore.components(of: path)

        if operation.writes, !grant.mayWrite { throw Failure(status: 403, code: "AccessDenied", message: "These credentials may only read.") }
        let uploads = MultipartUploads(store: store)
        let ifAbsent = request.headers[.ifNoneMatch] == "*"
        let target = Target(stageID: stageID, path: path, encrypted: encrypted, store: store, keys: keys)
        switch operation {
        case .headObject, .getObject:
            return try read(target, range: operation == .getObject ? request.headers[.range] : nil, head: operation == .headObject)
        case .putObject:
            return try put(body, metadata: Self.metadata(of: request), ifAbsent: ifAbsent, into: target)
        case .createUpload:
            let id = try uploads.create(stageID: stageID, path: path, metadata: Self.metadata(of: request))
            return Self.xml("InitiateMultipartUploadResult", [("Bucket", Self.bucket), ("Key", "\(stageID)/\(path)"), ("UploadId", id)])
        case .uploadPart(let id, let number):
            try uploads.requireUpload(id, stageID: stageID, path: path)
            try uploads.storePart(body, number: number, of: id)
            return Answer(status: 200, headers: [("ETag", "\"\(StageFileStore.md5(body))\"")])
        case .completeUpload(let id):
            let upload = try uploads.requireUpload(id, stageID: stageID, path: path)
            let (object, count) = try uploads.assemble(id, parts: MultipartUploads.partNumbers(inCompletion: body))
            _ = try put(object, metadata: upload.metadata, ifAbsent: ifAbsent, into: target)
            uploads.remove(id)
            return Self.xml("CompleteMultipartUploadResult", [
                ("Bucket", Self.bucket), ("Key", "\(stageID)/\(path)"), ("ETag", "\"\(StageFileStore.md5(object))-\(count)\""),
            ])
        case .abortUpload(let id):
            try uploads.requireUpload(id, stageID: stageID, path: path)
            uploads.remove(id)
            return Answer(status: 204)
        }
    }

    /// One file of one stage, and what reading or writing it needs.
    private struct Target {
        var stageID: Int64
        var path: String
        var encrypted: Bool
        var store: StageFileStore
        var keys: StageStorageKeys
    }

    /// HeadObject and GetObject: the file, encrypted again for `SNOWFLAKE_FULL` stages.
    private func read(_ target: Target, range: String?, head: Bool) throws -> Answer {
        let (stageID, path, store, keys) = (target.stageID, target.path, target.store, target.keys)
        let cache = EncryptedReadCache(store: store)
        let cacheKey = target.encrypted && range != nil ? cache.key(of: try store.location(stageID: stageID, path: path)) : nil
        if let cacheKey, let range, let entry = cache.entry(cacheKey) {
            return try ranged(range, size: entry.size, headers: entry.headers.map { ($0[0], $0[1]) }) { try cache.read(cacheKey, $0) }
        }
        guard let plaintext = try store.read(stageID: stageID, path: path) else {
            throw Failure(status: 404, code: "NoSuchKey", message: "The specified key does not exist.")
        }
        let modified = (try? store.location(stageID: stageID, path: path).resourceValues(forKeys: [.contentModificationDateKey]))?
            .contentModificationDate ?? services.configuration.clock.now()
        let digest = StageFileEncryption.digest(plaintext)
        var headers: [(String, String)] = [
            ("Content-Type", "application/octet-stream"), ("Last-Modified", Self.httpDate(modified)),
            (StageObjectMetadata.digest, digest), ("Accept-Ranges", "bytes"),
        ]
        // HEAD answers what GET would send without encrypting: the envelope depends on the key
        // and IV alone, and the ETag on the content.
        var object = plaintext
        if target.encrypted {
            let derived = keys.fileKeyAndIV(stageID: stageID, path: path, digest: digest)
            let material = StageFileEncryption.Material(masterKey: keys.masterKey(stageID: stageID), queryID: "", smkID: String(stageID))
            let (ciphertext, envelope) = try StageFileEncryption.encrypt(head ? Data() : plaintext, with: material, fileKey: derived.key, iv: derived.iv)
            object = ciphertext
            headers += [
                (StageObjectMetadata.key, envelope.key), (StageObjectMetadata.iv, envelope.iv),
                (StageObjectMetadata.materialDescription, envelope.materialDescription),
            ]
        }
        headers.append(("ETag", "\"\(StageFileStore.md5(Data(digest.utf8)))\""))
        if head {
            let size = target.encrypted ? StageFileEncryption.encryptedSize(of: plaintext.count) : plaintext.count
            headers.append(("Content-Length", String(size)))
            return Answer(status: 200, headers: headers)
        }
        if let range {
            if let cacheKey { cache.keep(cacheKey, object, headers: headers) }
            return try ranged(range, size: object.count, headers: headers) { object.subdata(in: $0) }
        }
        return Answer(status: 200, headers: headers, body: object)
    }

    /// A `206` with bytes `range` of an object of `size` bytes.
    private func ranged(_ range: String, size: Int, headers: [(String, String)], bytes: (Range<Int>) throws -> Data) throws -> Answer {
        guard let (start, end) = Self.byteRange(range, size: size) else {
            throw Failure(status: 416, code: "InvalidRange", message: "The requested range is not satisfiable.")
        }
        return Answer(status: 206, headers: headers + [("Content-Range", "bytes \(start)-\(end)/\(size)")], body: try bytes(start..<end + 1))
    }

    /// PutObject, and the end of a multipart upload: decrypted when the stage is client-side
    /// encrypted, checked against its digest, stored.
    private func put(_ body: Data, metadata: [String: String], ifAbsent: Bool, into target: Target) throws -> Answer {
        let (stageID, path, encrypted, store, keys) = (target.stageID, target.path, target.encrypted, target.store, target.keys)
        func header(_ name: String) -> String? { metadata[name] }
        if ifAbsent, FileManager.default.fileExists(atPath: try store.location(stageID: stageID, path: path).path) {
            throw Failure(status: 412, code: "PreconditionFailed", message: "At least one of the pre-conditions you specified did not hold")
        }
        var plaintext = body
        if let key = header(StageObjectMetadata.key) {
            guard encrypted else {
                throw Failure(status: 400, code: "InvalidArgument", message: "This stage is not client-side encrypted (SNOWFLAKE_SSE): send the file as it is.")
            }
            let envelope = StageFileEncryption.Envelope(
                key: key, iv: header(StageObjectMetadata.iv) ?? "", materialDescription: header(StageObjectMetadata.materialDescription) ?? "")
            guard envelope.smkID == String(stageID) else {
                throw Failure(status: 400, code: "InvalidArgument", message: "The file is encrypted for another stage master key than this stage's.")
            }
            do {
                plaintext = try StageFileEncryption.decrypt(body, envelope: envelope, masterKey: keys.masterKey(stageID: stageID))
            } catch {
                throw Failure(status: 400, code: "InvalidArgument", message: "The file cannot be decrypted: \(error)")
            }
        } else if encrypted {
            throw Failure(
                status: 400, code: "InvalidArgument",
                message: "This stage is client-side encrypted (SNOWFLAKE_FULL): the file must be encrypted with the statement's encryption material.")
        }
        if let digest = header(StageObjectMetadata.digest), digest != StageFileEncryption.digest(plaintext) {
            throw Failure(status: 400, code: "BadDigest", message: "The file's sfc-digest does not match its content.")
        }
        try store.write(plaintext, stageID: stageID, path: path, modified: services.configuration.clock.now())
        return Answer(status: 200, headers: [("ETag", "\"\(StageFileStore.md5(body))\"")])
    }

    /// Checks the request's signature and session token; the grant they carry.
    private func authenticate(
        _ request: Request, rawPath: String, query: [(String, String)], body: Data, keys: StageStorageKeys
    ) throws -> StageStorageKeys.Grant {
        guard let header = request.headers[.authorization], let authorization = SignatureV4.Authorization(header: header) else {
            throw Failure(status: 403, code: "AccessDenied", message: "Requests must be signed with AWS Signature Version 4.")
        }
        guard let token = HTTPField.Name("x-amz-security-token").flatMap({ request.headers[$0] }), let grant = keys.grant(token: token) else {
            throw Failure(status: 403, code: "InvalidToken", message: "The provided token is malformed or otherwise invalid.")
        }
        guard authorization.keyID == keys.keyID(token: token) else {
            throw Failure(status: 403, code: "InvalidAccessKeyId", message: "The AWS Access Key Id you provided does not exist in our records.")
        }
        guard services.configuration.clock.now() < grant.expiry else {
            throw Failure(status: 400, code: "ExpiredToken", message: "The provided token has expired.")
        }
        var headers: [(String, String)] = []
        for field in request.headers { headers.append((field.name.canonicalName, field.value)) }
        if !headers.contains(where: { $0.0 == "host" }), let authority = request.head.authority { headers.append(("host", authority)) }
        guard let timestamp = headers.first(where: { $0.0 == "x-amz-date" })?.1,
            let payloadHash = headers.first(where: { $0.0 == "x-amz-content-sha256" })?.1
        else { throw Failure(status: 400, code: "InvalidRequest", message: "x-amz-date and x-amz-content-sha256 are required.") }
        if payloadHash != SignatureV4.unsignedPayload, payloadHash != SignatureV4.payloadHash(body) {
            throw Failure(status: 400, code: "XAmzContentSHA256Mismatch", message: "The provided 'x-amz-content-sha256' header does not match what was computed.")
        }
        let expected = SignatureV4.signature(
            method: request.method.rawValue, path: rawPath, query: query, headers: headers, signedHeaders: authorization.signedHeaders,
            payloadHash: payloadHash, secret: keys.secret(token: token), timestamp: timestamp, region: authorization.region,
            service: authorization.service)
        guard expected == authorization.signature, authorization.signedHeaders.contains("host") else {
            throw Failure(
                status: 403, code: "SignatureDoesNotMatch",
                message: "The request signature we calculated does not match the signature you provided. Check your key and signing method.")
        }
        return grant
    }

    /// What a request asks of the storage.
    enum Operation: Equatable {
        case headObject, getObject, putObject, createUpload
        case uploadPart(String, Int)
        case completeUpload(String)
        case abortUpload(String)

        /// Whether it changes the storage (and needs credentials that may write).
        var writes: Bool { self != .headObject && self != .getObject }

        init(method: String, query: [(String, String)]) throws {
            var fields: [String: String] = [:]
            for (key, value) in query where key != "x-id" { fields[key] = value }
            switch (method, fields.keys.sorted()) {
            case ("HEAD", []): self = .headObject
            case ("GET", []): self = .getObject
            case ("PUT", []): self = .putObject
            case ("POST", ["uploads"]): self = .createUpload
            case ("PUT", ["partNumber", "uploadId"]):
                guard let number = Int(fields["partNumber"]!), (1...10_000).contains(number) else {
                    throw Failure(status: 400, code: "InvalidArgument", message: "Part number must be an integer between 1 and 10000, inclusive.")
                }
                self = .uploadPart(fields["uploadId"]!, number)
            case ("POST", ["uploadId"]): self = .completeUpload(fields["uploadId"]!)
            case ("DELETE", ["uploadId"]): self = .abortUpload(fields["uploadId"]!)
            case ("HEAD", _), ("GET", _), ("PUT", _), ("POST", _), ("DELETE", _):
                throw Failure(
                    status: 501, code: "NotImplemented",
                    message: "The emulator's stage storage takes HeadObject, PutObject, GetObject and multipart uploads, not this request (\(fields.keys.sorted().joined(separator: ", "))).")
            default:
                throw Failure(status: 405, code: "MethodNotAllowed", message: "The specified method is not allowed against this resource.")
            }
        }
    }

    /// The object metadata (`x-amz-meta-*`) of a request, lower-case names.
    static func metadata(of request: Request) -> [String: String] {
        var metadata: [String: String] = [:]
        for field in request.headers where field.name.canonicalName.hasPrefix("x-amz-meta-") {
            metadata[field.name.canonicalName] = field.value
        }
        return metadata
    }

    static func xml(_ root: String, _ elements: [(String, String)]) -> Answer {
        let inner = elements.map { "<\($0.0)>\(escape($0.1))</\($0.0)>" }.joined()
        let text = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n<\(root) xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">\(inner)</\(root)>"
        return Answer(status: 200, headers: [("Content-Type", "application/xml")], body: Data(text.utf8))
    }

    /// Whether a stage's files are encrypted by the client (`SNOWFLAKE_FULL`, the default).
    static func isClientSideEncrypted(_ stage: StoredObject<StageModel>) -> Bool {
        guard case .object(let encryption)? = stage.serverState["encryption"], case .string(let type)? = encryption["type"] else { return true }
        return type == StageEncryption.EncryptionType.snowflakeFull.rawValue
    }

    /// `bytes=a-b`, `bytes=a-` or `bytes=-n` as an inclusive range inside `size` bytes.
    static func byteRange(_ header: String, size: Int) -> (Int, Int)? {
        guard header.hasPrefix("bytes="), size > 0 else { return nil }
        let parts = header.dropFirst(6).split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        if parts[0].isEmpty {
            guard let count = Int(parts[1]), count > 0 else { return nil }
            return (max(0, size - count), size - 1)
        }
        guard let start = Int(parts[0]), start < size else { return nil }
        let end = parts[1].isEmpty ? size - 1 : min(Int(parts[1]) ?? -1, size - 1)
        return end >= start ? (start, end) : nil
    }

    /// An HTTP date (RFC 9110): `Tue, 01 Dec 2026 20:28:21 GMT`.
    static func httpDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }


    private static func error(_ failure: Failure, head: Bool) -> Answer {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Error><Code>\(failure.code)</Code><Message>\(escape(failure.message))</Message></Error>
            """
        return Answer(status: failure.status, headers: [("Content-Type", "application/xml")], body: head ? Data() : Data(xml.utf8))
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
