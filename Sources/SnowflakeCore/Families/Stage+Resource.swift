import Foundation
import SnowflakeFileTransfer
import SnowflakeModels

/// A reference to a stage, as `snowflake.core` names it.
public typealias StageResource = ResourceReference<StageModel>
/// The stages of a schema, as `snowflake.core` names it.
public typealias StageCollection = ResourceCollection<StageModel>

extension ResourceReference where Family == SchemaModel {
    /// The schema's stages.
    public var stages: StageCollection { collection(StageModel.self) }
}

/// How files given to ``ResourceReference/put(_:_:parallel:autoCompress:sourceCompression:overwrite:)``
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
    /// Bytes sent to the stage's storage, encrypted when the stage is (as the connectors count
    /// them); 0 when skipped.
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
public struct StageGetResult: Codable, Hashable, Sendable {
    /// The file's path on the stage.
    public var file: String
    /// Bytes written.
    public var size: Int
    /// `DOWNLOADED`.
    public var status: String
    /// Where it was written.
    public var localPath: String

    private enum CodingKeys: String, CodingKey {
        case file, size, status
        case localPath = "local_path"
    }
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
    ///   - parallel: how many files move at once.
    /// - Remark: runs `PUT 'file://<local>' '@<stage>/<folder>' ...` in a connector session, then sends
    ///   each file to the stage's storage (S3) with the credentials and encryption material the statement answers.
    @discardableResult
    public func put(
        _ localFileName: String, _ stageLocation: String, parallel: Int = 4, autoCompress: Bool = true,
        sourceCompression: StageSourceCompression = .autoDetect, overwrite: Bool = false
    ) async throws -> [StagePutResult] {
        try checkPath()
        guard (1...99).contains(parallel) else { throw SnowflakeError(code: .invalidArgument, detail: "parallel must be from 1 to 99, not \(parallel)") }
        let files = try Self.expand(localFileName)
        let sql = "PUT \(Self.quoted("file://" + Self.localPath(localFileName))) \(stageReference(stageLocation))"
            + " PARALLEL = \(parallel) AUTO_COMPRESS = \(autoCompress ? "TRUE" : "FALSE")"
            + " SOURCE_COMPRESSION = \(sourceCompression.rawValue) OVERWRITE = \(overwrite ? "TRUE" : "FALSE")"
        let answer = try await transferAnswer(sql, command: "UPLOAD")
        let storage = try S3StageStorage(answer.stageInfo, transport: client.storage, timeout: client.configuration.requestTimeout)
        let material = answer.encryptionMaterial.first?.material
        if answer.stageInfo.isClientSideEncrypted == true, material == nil {
            throw SnowflakeError(code: .invalidResponse, detail: "the stage is client-side encrypted but the PUT answer has no usable encryption material")
        }
        let threshold = answer.threshold ?? Self.defaultThreshold
        return try await Self.inBatches(files, of: parallel) { file in
            try await Self.upload(
                file, to: storage, material: material, autoCompress: autoCompress, declared: sourceCompression, overwrite: overwrite,
                threshold: threshold)
        }
    }

    /// Downloads the stage's files under a path (a file, or a prefix such as a folder) into a
    /// local directory, created if needed, as Snowflake's `GET` does: each file keeps its name
    /// (compressed files stay compressed); `pattern` is a regular expression the whole stage
    /// name of a file (`my_stage/dir/data.csv.gz`) must match.
    /// - Remark: runs `GET '@<stage>/<path>' 'file://<directory>' ...` in a connector session, then fetches
    ///   each file it names from the stage's storage (S3) and decrypts it with the material the statement answers.
    @discardableResult
    public func get(_ stageLocation: String, _ targetDirectory: String, parallel: Int = 4, pattern: String? = nil) async throws -> [StageGetResult] {
        try checkPath()
        guard (1...99).contains(parallel) else { throw SnowflakeError(code: .invalidArgument, detail: "parallel must be from 1 to 99, not \(parallel)") }
        let directory = URL(fileURLWithPath: Self.localPath(targetDirectory), isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw SnowflakeError(code: .invalidArgument, detail: "the directory \(directory.path) cannot be created: \(error)", underlyingError: error)
        }
        var sql = "GET \(stageReference(stageLocation)) \(Self.quoted("file://" + directory.path)) PARALLEL = \(parallel)"
        if let pattern { sql += " PATTERN = \(Self.quoted(pattern))" }
        let answer = try await transferAnswer(sql, command: "DOWNLOAD")
        let storage = try S3StageStorage(answer.stageInfo, transport: client.storage, timeout: client.configuration.requestTimeout)
        let materials = answer.encryptionMaterial
        guard materials.isEmpty || materials.count == answer.sourceLocations.count else {
            throw SnowflakeError(
                code: .invalidResponse,
                detail: "the GET answer names \(answer.sourceLocations.count) files but \(materials.count) encryption materials")
        }
        let work = Array(answer.sourceLocations.enumerated())
        return try await Self.inBatches(work, of: parallel) { index, file in
            try await Self.download(file, from: storage, material: materials.isEmpty ? nil : materials[index].material, into: directory)
        }
    }

    // MARK: Transfer

    /// `'@"DB"."SCHEMA"."STAGE"/folder'`.
    private func stageReference(_ location: String) -> String {
        let name = [container.database ?? "", container.schema ?? "", self.name].map { Identifier.spelling(forCanonical: (try? Identifier.resolve($0)) ?? $0) }
        let folder = Self.stageFolder(location)
        return Self.quoted("@" + name.joined(separator: ".") + (folder.isEmpty ? "/" : "/" + folder))
    }

    /// A SQL string literal, with `\` and `'` escaped.
    static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }

    private func transferAnswer(_ sql: String, command: String) async throws -> TransferAnswer {
        let data = try await client.executeStatement(sql)
        let answer: TransferAnswer
        do {
            answer = try JSONDecoder().decode(TransferAnswer.self, from: JSONEncoder().encode(data))
        } catch {
            throw SnowflakeError(code: .invalidResponse, operation: "POST /queries/v1/query-request (\(command))", detail: "the answer is not a file transfer: \(error)")
        }
        guard answer.command == command else {
            throw SnowflakeError(code: .invalidResponse, detail: "the statement was answered with \(answer.command), not \(command)")
        }
        return answer
    }

    /// Files above this go in parts when the answer names no threshold (Snowflake's is 200 MiB).
    static let defaultThreshold = 200 << 20
    /// The size of one part of a multipart upload.
    static let partSize = 8 << 20

    private static func upload(
        _ file: URL, to storage: S3StageStorage, material: StageFileEncryption.Material?, autoCompress: Bool, declared: StageSourceCompression,
        overwrite: Bool, threshold: Int
    ) async throws -> StagePutResult {
        let data: Data
        do { data = try Data(contentsOf: file) } catch {
            throw SnowflakeError(code: .invalidArgument, detail: "the local file \(file.path) cannot be read: \(error)", underlyingError: error)
        }
        let source = declared == .autoDetect
            ? StageCompression.detect(name: file.lastPathComponent, data: data) : StageCompression(rawValue: declared.rawValue) ?? .none
        var stored = data, target = file.lastPathComponent, targetCompression = source
        if source == .none, autoCompress {
            do { stored = try StageCompression.gzip(data) } catch {
                throw SnowflakeError(code: .invalidArgument, detail: "the local file \(file.path) cannot be gzipped: \(error)", underlyingError: error)
            }
            target += ".gz"
            targetCompression = .gzip
        }
        var result = StagePutResult(
            source: file.lastPathComponent, target: target, sourceSize: data.count, targetSize: stored.count,
            sourceCompression: source.rawValue, targetCompression: targetCompression.rawValue, status: "UPLOADED", message: "")
        if !overwrite, try await storage.head(target) != nil {
            result.status = "SKIPPED"
            result.targetSize = 0
            return result
        }
        var body = stored
        var metadata = [(StageObjectMetadata.digest, StageFileEncryption.digest(stored))]
        if let material {
            let (ciphertext, envelope) = try StageFileEncryption.encrypt(stored, with: material)
            body = ciphertext
            metadata += [
                (StageObjectMetadata.key, envelope.key), (StageObjectMetadata.iv, envelope.iv),
                (StageObjectMetadata.materialDescription, envelope.materialDescription),
            ]
        }
        result.targetSize = body.count
        let written = body.count > threshold
            ? try await storage.putInParts(target, body, metadata: metadata, ifAbsent: !overwrite, partSize: max(partSize, body.count / 10_000 + 1))
            : try await storage.put(target, body, metadata: metadata, ifAbsent: !overwrite)
        if !written {
            result.status = "SKIPPED"
            result.targetSize = 0
        }
        return result
    }

    private static func download(
        _ file: String, from storage: S3StageStorage, material: StageFileEncryption.Material?, into directory: URL
    ) async throws -> StageGetResult {
        var (data, metadata) = try await storage.get(file)
        if let material, let key = metadata[StageObjectMetadata.key] {
            let envelope = StageFileEncryption.Envelope(
                key: key, iv: metadata[StageObjectMetadata.iv] ?? "", materialDescription: metadata[StageObjectMetadata.materialDescription] ?? "")
            do {
                data = try StageFileEncryption.decrypt(data, envelope: envelope, masterKey: material.masterKey)
            } catch {
                throw SnowflakeError(code: .invalidResponse, detail: "the stage file \(file) cannot be decrypted: \(error)", underlyingError: error)
            }
        }
        if let digest = metadata[StageObjectMetadata.digest], digest != StageFileEncryption.digest(data) {
            throw SnowflakeError(code: .invalidResponse, detail: "the stage file \(file) does not match its digest: it was damaged on the way")
        }
        let local = directory.appendingPathComponent(String(file.split(separator: "/").last ?? ""))
        do {
            try data.write(to: local, options: .atomic)
        } catch {
            throw SnowflakeError(code: .invalidArgument, detail: "the file \(local.path) cannot be written: \(error)", underlyingError: error)
        }
        return StageGetResult(file: file, size: data.count, status: "DOWNLOADED", localPath: local.path)
    }

    /// Runs `work` on every item, at most `width` at a time, and returns the results in order.
    private static func inBatches<Item: Sendable, Result: Sendable>(
        _ items: [Item], of width: Int, _ work: @escaping @Sendable (Item) async throws -> Result
    ) async throws -> [Result] {
        var results: [Result] = []
        var start = 0
        while start < items.count {
            let batch = items[start..<min(start + width, items.count)]
            let done = try await withThrowingTaskGroup(of: (Int, Result).self) { group in
                for (offset, item) in batch.enumerated() { group.addTask { (offset, try await work(item)) } }
                var collected: [(Int, Result)] = []
                for try await entry in group { collected.append(entry) }
                return collected.sorted { $0.0 < $1.0 }.map(\.1)
            }
            results += done
            start += width
        }
        return results
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
