import Foundation
import Hummingbird
import SnowflakeModels

/// The emulator's own file transfer endpoints for internal stages, under `/emulator/v1/`,
/// apart from the REST API v2 (whose spec has no upload or download endpoint: Snowflake's
/// clients send `PUT`/`GET` statements and move the bytes to cloud storage themselves):
///
/// - `PUT /emulator/v1/databases/{db}/schemas/{schema}/stages/{name}/files/{path}` with the
///   file's bytes, `?autoCompress=true|false&sourceCompression=AUTO_DETECT|GZIP|...|NONE&overwrite=true|false`:
///   stores the file as `PUT` would (gzipped, with `.gz` added, unless told otherwise or the
///   file is compressed already) and answers `PUT`'s result row as JSON.
/// - `GET` of the same path: the stored bytes.
/// - `GET /emulator/v1/presigned/{token}`: a file named by a presigned URL, until it expires;
///   the token is the only credential.
///
/// Paths are one percent-encoded segment (`dir%2Fdata.csv`), relative to the stage.
struct StageFileEndpoint {
    /// The prefix of every path served here.
    static let prefix = "/emulator/v1/"
    /// The prefix of presigned URLs.
    static let presignedPrefix = "/emulator/v1/presigned/"
    /// The largest file one upload may carry (64 MiB).
    static let maximumFileSize = 1 << 26

    let services: EmulatorServices

    /// What an upload answers: the row of Snowflake's `PUT` result.
    struct PutResult: Codable, Sendable {
        var source: String
        var target: String
        var sourceSize: Int
        var targetSize: Int
        var sourceCompression: String
        var targetCompression: String
        var status: String
        var message: String

        enum CodingKeys: String, CodingKey {
            case source, target, status, message
            case sourceSize = "source_size"
            case targetSize = "target_size"
            case sourceCompression = "source_compression"
            case targetCompression = "target_compression"
        }
    }

    func handle(_ request: Request, method: String, rawPath: String) async throws -> APIResponse {
        let store = StageFileStore(services: services)
        if rawPath.hasPrefix(Self.presignedPrefix) {
            guard method == "GET" else { throw EmulatorError.methodNotAllowed(method, rawPath) }
            return try await presigned(String(rawPath.dropFirst(Self.presignedPrefix.count)), store: store)
        }
        _ = try await services.authenticator.authenticate(
            authorization: request.headers[.authorization], tokenType: request.headers[EmulatorResponder.tokenTypeField],
            role: request.headers[EmulatorResponder.roleField])
        let segments = try rawPath.dropFirst(Self.prefix.count).split(separator: "/", omittingEmptySubsequences: false).map { segment in
            guard let value = segment.removingPercentEncoding, !value.isEmpty else {
                throw EmulatorError.badRequest("The path segment '\(segment)' is not valid.")
            }
            return value
        }
        guard segments.count == 8, segments[0] == "databases", segments[2] == "schemas", segments[4] == "stages", segments[6] == "files" else {
            throw EmulatorError.noEndpoint(method, rawPath)
        }
        let database = try canonical(segments[1]), schema = try canonical(segments[3]), stage = try canonical(segments[5])
        let path = segments[7]
        _ = try StageFileStore.components(of: path)
        let qualified = ResolvedContainer(database: database, schema: schema).qualified(stage)
        let record = try await services.store.read { db in
            try db.liveObject(ObjectKey(family: StageModel.descriptor.family, database: database, schema: schema, name: stage))
        }
        guard let record else { throw EmulatorError.doesNotExist(StageModel.descriptor.objectKind, qualified) }
        let object = try StoredObject<StageModel>(record: record)
        guard object.model.url == nil || object.model.url?.isEmpty == true else {
            throw EmulatorError.badRequest(
                "The emulator does not reach cloud storage: files can only be put on or got from internal stages, and \(qualified) is external.")
        }
        switch method {
        case "GET":
            guard let data = try store.read(stageID: record.id, path: path) else {
                throw EmulatorError.sql(404, "253006", "File '\(path)' does not exist on stage \(qualified).")
            }
            return APIResponse(status: 200, body: data, contentType: "application/octet-stream")
        case "PUT":
            let body: Data
            do {
                body = Data(try await request.body.collect(upTo: Self.maximumFileSize).readableBytesView)
            } catch {
                throw EmulatorError.badRequest("The file is larger than \(Self.maximumFileSize) bytes, the most one upload may carry.")
            }
            var query: [String: String] = [:]
            for (key, value) in request.uri.queryParameters { query[String(key)] = String(value) }
            return try upload(body, path: path, stageID: record.id, query: query, store: store)
        default:
            throw EmulatorError.methodNotAllowed(method, rawPath)
        }
    }

    private func upload(
        _ data: Data, path: String, stageID: Int64, query: [String: String], store: StageFileStore
    ) throws -> APIResponse {
        func flag(_ name: String, default value: Bool) throws -> Bool {
            guard let text = query[name] else { return value }
            switch text.lowercased() {
            case "true": return true
            case "false": return false
            default: throw EmulatorError.badRequest("Query parameter '\(name)' must be true or false, not '\(text)'.")
            }
        }
        let autoCompress = try flag("autoCompress", default: true)
        let overwrite = try flag("overwrite", default: false)
        let sourceName = String(path.split(separator: "/").last ?? "")
        let declared = query["sourceCompression"].map { $0.uppercased() } ?? "AUTO_DETECT"
        let source: StageFileStore.Compression
        if declared == "AUTO_DETECT" {
            source = StageFileStore.detectCompression(name: sourceName, data: data)
        } else if let named = StageFileStore.Compression(rawValue: declared) {
            source = named
        } else {
            throw EmulatorError.badRequest(
                "sourceCompression must be AUTO_DETECT, GZIP, BZ2, BROTLI, ZSTD, DEFLATE, RAW_DEFLATE or NONE, not '\(declared)'.")
        }
        var target = path
        var stored = data
        var targetCompression = source
        if source == .none, autoCompress {
            stored = try StageFileStore.gzip(data)
            target += ".gz"
            targetCompression = .gzip
        }
        var result = PutResult(
            source: sourceName, target: String(target.split(separator: "/").last ?? ""), sourceSize: data.count, targetSize: stored.count,
            sourceCompression: source.rawValue, targetCompression: targetCompression.rawValue, status: "UPLOADED", message: "")
        if !overwrite, try store.read(stageID: stageID, path: target) != nil {
            result.status = "SKIPPED"
            result.targetSize = 0
            return try .encoded(result)
        }
        try store.write(stored, stageID: stageID, path: target, modified: services.configuration.clock.now())
        return try .encoded(result)
    }

    private func presigned(_ token: String, store: StageFileStore) async throws -> APIResponse {
        guard let claim = try store.verify(token) else {
            throw EmulatorError(status: 403, code: "390403", message: "The presigned URL is not valid.")
        }
        guard services.configuration.clock.now() < claim.expiry else {
            throw EmulatorError(status: 403, code: "390403", message: "The presigned URL has expired.")
        }
        let live = try await services.store.read { db in
            try db.object(id: claim.stageID).map { $0.droppedOn == nil } ?? false
        }
        guard live, let data = try store.read(stageID: claim.stageID, path: claim.path) else {
            throw EmulatorError(status: 404, code: "390404", message: "The file of this presigned URL does not exist.")
        }
        return APIResponse(status: 200, body: data, contentType: "application/octet-stream")
    }

    private func canonical(_ name: String) throws -> String {
        do { return try Identifier.resolve(name) } catch { throw EmulatorError.invalidIdentifier(name) }
    }
}
