import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The encrypted forms of `SNOWFLAKE_FULL` stages' files, kept on disk after a first ranged
/// read, so that the ranges clients split large downloads into (8 MiB each for the official
/// connector) do not each read, hash and encrypt the whole file again. An entry is named by
/// its file's inode, change time and size: a file is only ever rewritten by renaming a new one
/// into place, so a rewritten file never finds an old entry. In `<data>/stages/.cache/`;
/// entries are swept after an hour (``StageFileStore/sweep(_:)``).
struct EncryptedReadCache {
    let directory: URL

    init(store: StageFileStore) {
        directory = store.root.appendingPathComponent(".cache", isDirectory: true)
    }

    /// The answer headers and size of a cached encrypted file.
    struct Entry: Codable {
        var headers: [[String]]
        var size: Int
    }

    /// The name of the entry for a stored file as it is now; nil when it cannot be examined.
    func key(of file: URL) -> String? {
        var status = stat()
        guard stat(file.path, &status) == 0 else { return nil }
        #if canImport(Darwin)
        let changed = "\(status.st_ctimespec.tv_sec).\(status.st_ctimespec.tv_nsec)"
        #else
        let changed = "\(status.st_ctim.tv_sec).\(status.st_ctim.tv_nsec)"
        #endif
        return "\(status.st_dev)-\(status.st_ino)-\(changed)-\(status.st_size)"
    }

    /// The entry of a key, if one was kept.
    func entry(_ key: String) -> Entry? {
        guard let data = try? Data(contentsOf: directory.appendingPathComponent(key + ".json")) else { return nil }
        return try? JSONDecoder().decode(Entry.self, from: data)
    }

    /// Bytes `range` of a kept encrypted file.
    func read(_ key: String, _ range: Range<Int>) throws -> Data {
        let handle = try FileHandle(forReadingFrom: directory.appendingPathComponent(key + ".bin"))
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(range.lowerBound))
        return try handle.read(upToCount: range.count) ?? Data()
    }

    /// Keeps an encrypted file and its headers. Best effort: a failure only costs the next
    /// range a new encryption.
    func keep(_ key: String, _ object: Data, headers: [(String, String)]) {
        let manager = FileManager.default
        guard (try? manager.createDirectory(at: directory, withIntermediateDirectories: true)) != nil,
            let entry = try? JSONEncoder().encode(Entry(headers: headers.map { [$0.0, $0.1] }, size: object.count))
        else { return }
        let temporary = directory.appendingPathComponent(".\(UUID().uuidString)")
        // The bytes first, then the entry that says they are there.
        guard (try? object.write(to: temporary)) != nil, rename(temporary.path, directory.appendingPathComponent(key + ".bin").path) == 0 else {
            try? manager.removeItem(at: temporary)
            return
        }
        try? entry.write(to: directory.appendingPathComponent(key + ".json"), options: .atomic)
    }
}
