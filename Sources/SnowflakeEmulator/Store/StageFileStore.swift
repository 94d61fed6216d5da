import Crypto
import Foundation
import GRDB
import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The files of internal stages, on disk in the emulator's data directory:
/// `<data>/stages/<object id>/<path>`. A stage's files are keyed by its object's id, so a stage
/// dropped and created again under the same name starts empty, and an undropped stage (with
/// its database or schema) finds its files again. Directories whose object is gone (dropped
/// and purged) are removed by ``sweep(_:)``.
///
/// Writes are atomic and durable: the bytes go to a temporary file in `<data>/stages/.incoming`,
/// are synced, renamed into place, and the directory is synced before the upload is answered.
struct StageFileStore: Sendable {
    /// `<data>/stages`.
    let root: URL

    init(services: EmulatorServices) {
        let dataDirectory = URL(fileURLWithPath: services.store.pool.path).deletingLastPathComponent()
        root = dataDirectory.appendingPathComponent("stages", isDirectory: true)
    }

    /// A stored file.
    struct File: Sendable {
        /// The path in the stage (`dir/data.csv.gz`).
        var path: String
        var size: Int
        var modified: Date
        var url: URL
    }

    // MARK: Paths

    /// Checks a path inside a stage: relative, no empty, `.` or `..` components, no NUL or
    /// backslash; returns its components.
    static func components(of path: String) throws -> [String] {
        guard !path.isEmpty else { throw EmulatorError.badRequest("A stage file path cannot be empty.") }
        guard !path.hasPrefix("/") else {
            throw EmulatorError.badRequest("The stage file path '\(path)' is absolute; give it relative to the stage.")
        }
        guard !path.contains("\0"), !path.contains("\\") else {
            throw EmulatorError.badRequest("The stage file path '\(path)' contains a character a stage path cannot hold.")
        }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        for part in parts where part.isEmpty || part == "." || part == ".." {
            throw EmulatorError.badRequest("The stage file path '\(path)' must not contain empty, '.' or '..' components.")
        }
        return parts
    }

    /// The stage's directory.
    func directory(stageID: Int64) -> URL {
        root.appendingPathComponent(String(stageID), isDirectory: true)
    }

    /// The file's location, checked to stay inside the stage's directory.
    func location(stageID: Int64, path: String) throws -> URL {
        let parts = try Self.components(of: path)
        let base = directory(stageID: stageID).standardizedFileURL
        var url = base
        for part in parts { url.appendPathComponent(part) }
        guard url.standardizedFileURL.path.hasPrefix(base.path + "/") else {
            throw EmulatorError.badRequest("The stage file path '\(path)' leaves the stage.")
        }
        return url
    }

    // MARK: Reading

    /// Every file of a stage, sorted by path.
    func files(stageID: Int64) throws -> [File] {
        let base = directory(stageID: stageID)
        let manager = FileManager.default
        guard manager.fileExists(atPath: base.path) else { return [] }
        guard let walker = manager.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey, .fileSizeKey, .contentModificationDateKey])
        else { return [] }
        let prefix = base.standardizedFileURL.path + "/"
        var result: [File] = []
        for case let url as URL in walker {
            let values = try url.resourceValues(forKeys: [.isRegularFileKey, .fileSizeKey, .contentModificationDateKey])
            guard values.isRegularFile == true else { continue }
            let full = url.standardizedFileURL.path
            guard full.hasPrefix(prefix) else { continue }
            result.append(File(
                path: String(full.dropFirst(prefix.count)), size: values.fileSize ?? 0,
                modified: values.contentModificationDate ?? Date(timeIntervalSince1970: 0), url: url))
        }
        return result.sorted { $0.path < $1.path }
    }

    /// The bytes of one file, or nil when there is none.
    func read(stageID: Int64, path: String) throws -> Data? {
        let url = try location(stageID: stageID, path: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
        return try Data(contentsOf: url)
    }

    /// The hex MD5 digest of a file's bytes, as `LIST` shows it.
    static func md5(of url: URL) throws -> String {
        md5(try Data(contentsOf: url))
    }

    /// The hex MD5 digest of bytes (`LIST`'s `md5`, S3's `ETag`).
    static func md5(_ data: Data) -> String {
        Insecure.MD5.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    // MARK: Writing

    /// Writes a file atomically and durably, stamped with `modified`.
    func write(_ data: Data, stageID: Int64, path: String, modified: Date) throws {
        let target = try location(stageID: stageID, path: path)
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: target.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw EmulatorError.badRequest("The stage file path '\(path)' names a directory of the stage.")
        }
        let parent = target.deletingLastPathComponent()
        do {
            try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw EmulatorError.badRequest("The stage file path '\(path)' goes through a file of the stage.")
        }
        let incoming = root.appendingPathComponent(".incoming", isDirectory: true)
        try manager.createDirectory(at: incoming, withIntermediateDirectories: true)
        let temporary = incoming.appendingPathComponent(UUID().uuidString)
        try Self.writeSynced(data, to: temporary.path)
        guard rename(temporary.path, target.path) == 0 else {
            let code = errno
            unlink(temporary.path)
            throw EmulatorFailure(description: "could not move an uploaded file into place (errno \(code))")
        }
        Self.syncDirectory(parent.path)
        // The emulator's clock, so listings agree with it (tests move it by hand).
        try? manager.setAttributes([.modificationDate: modified], ofItemAtPath: target.path)
    }

    /// Removes the directories of stages whose object no longer exists (neither live nor
    /// kept for undrop), and stale temporary files.
    func sweep(_ db: Database) throws {
        let manager = FileManager.default
        guard let entries = try? manager.contentsOfDirectory(atPath: root.path) else { return }
        let known = Set(try Int64.fetchAll(db, sql: "SELECT id FROM objects WHERE family = 'stage'"))
        for entry in entries {
            guard let id = Int64(entry), !known.contains(id) else { continue }
            try? manager.removeItem(at: root.appendingPathComponent(entry, isDirectory: true))
        }
        // Uploads cut short by a crash leave their temporary file; one an hour old is no live
        // upload. Encrypted read copies go after an hour, multipart uploads neither completed
        // nor aborted after a day.
        for (folder, age) in [(".incoming", 3_600.0), (".cache", 3_600.0), (".uploads", 86_400.0)] {
            let parent = root.appendingPathComponent(folder, isDirectory: true)
            for entry in (try? manager.contentsOfDirectory(atPath: parent.path)) ?? [] {
                let url = parent.appendingPathComponent(entry)
                if let modified = try? url.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate,
                    modified < Date().addingTimeInterval(-age)
                {
                    try? manager.removeItem(at: url)
                }
            }
        }
    }

    private static func writeSynced(_ data: Data, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw EmulatorFailure(description: "could not create a stage file (errno \(errno))") }
        defer { close(descriptor) }
        try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < bytes.count {
                let written = posixWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    unlink(path)
                    throw EmulatorFailure(description: "could not write a stage file (errno \(errno))")
                }
                offset += written
            }
        }
        guard fsync(descriptor) == 0 else {
            unlink(path)
            throw EmulatorFailure(description: "could not sync a stage file (errno \(errno))")
        }
    }

    private static func syncDirectory(_ path: String) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    // MARK: Presigned URLs

    /// The key presigned URLs are signed with, made on first use and kept in the data
    /// directory (`stages/.url-key`, readable only by the emulator's user), so URLs outlive a
    /// restart until they expire.
    func signingKey() throws -> SymmetricKey {
        let url = root.appendingPathComponent(".url-key")
        if let data = try? Data(contentsOf: url), data.count == 32 { return SymmetricKey(data: data) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let fresh = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        let temporary = root.appendingPathComponent(".url-key-\(UUID().uuidString)")
        try Self.writeSynced(fresh, to: temporary.path)
        // link(2) fails when another request made the key first: then that key is the one.
        _ = link(temporary.path, url.path)
        unlink(temporary.path)
        let stored = try Data(contentsOf: url)
        guard stored.count == 32 else { throw EmulatorFailure(description: "the presigned URL key in \(url.path) is damaged") }
        return SymmetricKey(data: stored)
    }

    /// A token naming one file of one stage until `expiry`: the fields in base64url, a dot,
    /// and their HMAC-SHA256 under ``signingKey()``. It names no user and holds no credential.
    func token(stageID: Int64, path: String, expiry: Date) throws -> String {
        Self.signedToken("\(stageID)\n\(Int64(expiry.timeIntervalSince1970))\n\(path)", key: try signingKey())
    }

    /// The stage, path and expiry of a token whose signature is valid; nil otherwise.
    func verify(_ token: String) throws -> (stageID: Int64, path: String, expiry: Date)? {
        guard let payload = Self.verifiedPayload(of: token, key: try signingKey()) else { return nil }
        let fields = payload.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false)
        guard fields.count == 3, let id = Int64(fields[0]), let seconds = Int64(fields[1]) else { return nil }
        return (id, String(fields[2]), Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    /// `payload` in base64url, a dot, and its HMAC-SHA256 under `key` in base64url.
    static func signedToken(_ payload: String, key: SymmetricKey) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(payload.utf8), using: key)
        return base64URL(Data(payload.utf8)) + "." + base64URL(Data(mac))
    }

    /// The payload of a ``signedToken(_:key:)`` whose signature is valid; nil otherwise.
    static func verifiedPayload(of token: String, key: SymmetricKey) -> String? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let payload = unbase64URL(parts[0]), let mac = unbase64URL(parts[1]),
            HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: payload, using: key)
        else { return nil }
        return String(decoding: payload, as: UTF8.self)
    }

    private static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    private static func unbase64URL(_ text: Substring) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }
}

/// `write(2)`, named apart from the store's own `write`.
private func posixWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(descriptor, buffer, count)
    #else
    Darwin.write(descriptor, buffer, count)
    #endif
}
