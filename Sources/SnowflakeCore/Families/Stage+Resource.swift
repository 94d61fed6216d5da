import Foundation
import SnowflakeModels

/// A reference to a stage, as `snowflake.core` names it.
public typealias StageResource = ResourceReference<StageModel>
/// The stages of a schema, as `snowflake.core` names it.
public typealias StageCollection = ResourceCollection<StageModel>

extension ResourceReference where Family == SchemaModel {
    /// The schema's stages.
    public var stages: StageCollection { collection(StageModel.self) }
}

/// How files given to ``ResourceReference/put(_:_:autoCompress:sourceCompression:overwrite:)``
/// are compressed already (`SOURCE_COMPRESSION`).
public enum StageSourceCompression: String, Sendable, Hashable, CaseIterable {
    /// Found from the file's extension and first bytes (the default).
    case autoDetect = "AUTO_DETECT"
    /// gzip.
    case gzip = "GZIP"
    /// bzip2.
    case bz2 = "BZ2"
    /// Brotli.
    case brotli = "BROTLI"
    /// Zstandard.
    case zstd = "ZSTD"
    /// Deflate with zlib header.
    case deflate = "DEFLATE"
    /// Raw deflate.
    case rawDeflate = "RAW_DEFLATE"
    /// Not compressed.
    case none = "NONE"
}

/// One file of a `put`: the row Snowflake's `PUT` returns.
public struct StagePutResult: Codable, Hashable, Sendable {
    /// The local file's name.
    public var source: String
    /// The name it has on the stage (`data.csv.gz`).
    public var target: String
    /// Bytes read.
    public var sourceSize: Int
    /// Bytes stored (0 when skipped).
    public var targetSize: Int
    /// `NONE`, `GZIP`, ...
    public var sourceCompression: String
    /// How it is stored.
    public var targetCompression: String
    /// `UPLOADED`, or `SKIPPED` when the file was there and `overwrite` was false.
    public var status: String
    /// Details, if any.
    public var message: String

    private enum CodingKeys: String, CodingKey {
        case source, target, status, message
        case sourceSize = "source_size"
        case targetSize = "target_size"
        case sourceCompression = "source_compression"
        case targetCompression = "target_compression"
    }
}

/// One file of a `get`: the row Snowflake's `GET` returns.
public struct StageGetResult: Hashable, Sendable {
    /// The file's path on the stage.
    public var file: String
    /// Bytes written.
    public var size: Int
    /// `DOWNLOADED`.
    public var status: String
    /// Where it was written.
    public var localPath: String
}

extension ResourceReference where Family == StageModel {
    /// The stage's files (`LIST @stage`), optionally only those whose name (with the stage's
    /// name in front: `my_stage/dir/data.csv.gz`) matches a regular expression as a whole.
    /// - Remark: HTTP `GET /api/v2/databases/{database}/schemas/{schema}/stages/{name}/files?pattern=`
    public func listFiles(pattern: String? = nil) async throws -> [StageFile] {
        try checkPath()
        return try await client.send(
            "GET", path.appending("files"), query: pattern.map { [URLQueryItem(name: "pattern", value: $0)] } ?? [],
            as: [StageFile].self)
    }

    /// A URL that downloads one file of the stage without other credentials until it expires
    /// (the stage must be server-side encrypted, `SNOWFLAKE_SSE`). Treat the URL as a secret.
    /// - Parameters:
    ///   - filePath: the file's path in the stage (`dir/data.csv.gz`).
    ///   - request: the URL's lifetime (`expirationTime` in seconds; Snowflake's default, an hour, when nil).
    /// - Remark: HTTP `POST /api/v2/databases/{database}/schemas/{schema}/stages/{name}/files/{filePath}:presigned-url`
    public func getPresignedUrl(_ filePath: String, _ request: PresignedUrlRequest? = nil) async throws -> FileTransferMaterial {
        try checkPath()
        return try await client.send(
            "POST", path.appending("files", filePath).action("presigned-url"),
            body: try client.encodeBody(request ?? PresignedUrlRequest()), as: FileTransferMaterial.self)
    }

    /// Uploads local files to a folder of the stage, as Snowflake's `PUT` does: each file is
    /// gzipped and gets `.gz` added to its name unless `autoCompress` is false or it is
    /// compressed already; an existing file of that name is kept (`SKIPPED`) unless `overwrite`.
    ///
    /// ```swift
    /// try await stage.put("/tmp/exports/*.csv", "/daily")   // daily/a.csv.gz, daily/b.csv.gz
    /// ```
    /// - Parameters:
    ///   - localFileName: a local path; its last component may hold `*` and `?` wildcards.
    ///   - stageLocation: the folder in the stage (`/folder`, or `/` for the top).
    /// - Remark: emulator only: HTTP `PUT /emulator/v1/databases/{database}/schemas/{schema}/stages/{name}/files/{path}`
    ///   (the REST API has no upload endpoint; against Snowflake, upload with a connector's `PUT`).
    @discardableResult
    public func put(
        _ localFileName: String, _ stageLocation: String, autoCompress: Bool = true,
        sourceCompression: StageSourceCompression = .autoDetect, overwrite: Bool = false
    ) async throws -> [StagePutResult] {
        try checkPath()
        let folder = Self.stageFolder(stageLocation)
        var results: [StagePutResult] = []
        for file in try Self.expand(localFileName) {
            let data: Data
            do { data = try Data(contentsOf: file) } catch {
                throw SnowflakeError(code: .invalidArgument, detail: "the local file \(file.path) cannot be read: \(error)", underlyingError: error)
            }
            let target = folder.isEmpty ? file.lastPathComponent : folder + "/" + file.lastPathComponent
            let query = [
                URLQueryItem(name: "autoCompress", value: String(autoCompress)),
                URLQueryItem(name: "sourceCompression", value: sourceCompression.rawValue),
                URLQueryItem(name: "overwrite", value: String(overwrite)),
            ]
            let response = try await client.send(
                "PUT", filePath(target), query: query, body: data, idempotent: true, contentType: "application/octet-stream")
            do {
                results.append(try WireCoding.sharedDecoder.decode(StagePutResult.self, from: response.body))
            } catch {
                throw SnowflakeError(code: .invalidResponse, operation: "PUT \(filePath(target).rendered)", detail: "the answer is not a PUT result: \(error)")
            }
        }
        return results
    }

    /// Downloads the stage's files under a path (a file, or a prefix such as a folder) into a
    /// local directory, created if needed, as Snowflake's `GET` does: each file keeps its name
    /// (compressed files stay compressed); `pattern` is a regular expression the whole stage
    /// name of a file (`my_stage/dir/data.csv.gz`) must match.
    /// - Remark: HTTP `GET /api/v2/databases/{database}/schemas/{schema}/stages/{name}/files?pattern=`, then, emulator
    ///   only, `GET /emulator/v1/databases/{database}/schemas/{schema}/stages/{name}/files/{path}` per file.
    @discardableResult
    public func get(_ stageLocation: String, _ targetDirectory: String, pattern: String? = nil) async throws -> [StageGetResult] {
        let prefix = Self.stageFolder(stageLocation)
        let directory = URL(fileURLWithPath: Self.localPath(targetDirectory), isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw SnowflakeError(code: .invalidArgument, detail: "the directory \(directory.path) cannot be created: \(error)", underlyingError: error)
        }
        var results: [StageGetResult] = []
        for file in try await listFiles(pattern: pattern) {
            guard let name = file.name, let slash = name.firstIndex(of: "/") else { continue }
            let stagePath = String(name[name.index(after: slash)...])
            guard prefix.isEmpty || stagePath.hasPrefix(prefix) else { continue }
            let response = try await client.send("GET", filePath(stagePath))
            let local = directory.appendingPathComponent(String(stagePath.split(separator: "/").last ?? ""))
            do {
                try response.body.write(to: local, options: .atomic)
            } catch {
                throw SnowflakeError(code: .invalidArgument, detail: "the file \(local.path) cannot be written: \(error)", underlyingError: error)
            }
            results.append(StageGetResult(file: stagePath, size: response.body.count, status: "DOWNLOADED", localPath: local.path))
        }
        return results
    }

    /// The emulator's path of one stage file.
    private func filePath(_ stagePath: String) -> RawPath {
        let parts = ["databases", container.database ?? "", "schemas", container.schema ?? "", "stages", name, "files", stagePath]
        return RawPath("/emulator/v1/" + parts.map(APIPath.percentEncode).joined(separator: "/"))
    }

    /// A stage location as a path in the stage: no leading or trailing `/`.
    static func stageFolder(_ location: String) -> String {
        var folder = Substring(location)
        while folder.hasPrefix("/") { folder = folder.dropFirst() }
        while folder.hasSuffix("/") { folder = folder.dropLast() }
        return String(folder)
    }

    /// A local path without a `file://` in front.
    static func localPath(_ path: String) -> String {
        path.hasPrefix("file://") ? String(path.dropFirst("file://".count)) : path
    }

    /// The local files a name stands for, expanding `*` and `?` in its last component.
    static func expand(_ localFileName: String) throws -> [URL] {
        let url = URL(fileURLWithPath: localPath(localFileName))
        let pattern = url.lastPathComponent
        guard pattern.contains("*") || pattern.contains("?") else {
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw SnowflakeError(code: .invalidArgument, detail: "File doesn't exist: \(url.path)")
            }
            return [url]
        }
        let folder = url.deletingLastPathComponent()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let matches = names.sorted().filter { wildcard(Array(pattern), matches: Array($0)) }.map { folder.appendingPathComponent($0) }
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
        guard !matches.isEmpty else { throw SnowflakeError(code: .invalidArgument, detail: "File doesn't exist: \(url.path)") }
        return matches
    }

    private static func wildcard(_ pattern: [Character], matches name: [Character]) -> Bool {
        var p = 0, n = 0, star = -1, mark = 0
        while n < name.count {
            if p < pattern.count, pattern[p] == "?" || pattern[p] == name[n] {
                p += 1
                n += 1
            } else if p < pattern.count, pattern[p] == "*" {
                star = p
                mark = n
                p += 1
            } else if star >= 0 {
                p = star + 1
                mark += 1
                n = mark
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}
