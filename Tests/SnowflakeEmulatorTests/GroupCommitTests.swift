import Foundation
import GRDB
@testable import SnowflakeEmulator
import Testing

@Suite("Group commit")
struct GroupCommitTests {
    struct Refused: Error {}

    @Test("concurrent writes commit together; a write that throws leaves nothing, the others stay")
    func concurrentWrites() async throws {
        let directory = (NSTemporaryDirectory() as NSString).appendingPathComponent("snowapi-group-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try EmulatorStore(path: (directory as NSString).appendingPathComponent("emulator.sqlite"))
        let outcomes = await withTaskGroup(of: (Int, Bool).self) { group in
            for i in 0..<200 {
                group.addTask {
                    do {
                        let id = try await store.write { db -> Int64 in
                            try db.insertObject(ObjectKey(family: "test", name: "N\(i)"), body: "{}", createdOn: Date())
                            if i % 10 == 3 { throw Refused() }
                            return db.lastInsertedRowID
                        }
                        return (i, id > 0)
                    } catch {
                        return (i, false)
                    }
                }
            }
            var all: [Int: Bool] = [:]
            for await (i, ok) in group { all[i] = ok }
            return all
        }
        #expect(outcomes.filter(\.value).count == 180)
        #expect(outcomes.filter { !$0.value }.keys.allSatisfy { $0 % 10 == 3 })
        let names = try await store.read { db in try String.fetchSet(db, sql: "SELECT name FROM objects WHERE family = 'test'") }
        #expect(names.count == 180)
        #expect(!names.contains("N3") && names.contains("N4"))

        // An acknowledged write is durable: a new store on the same file sees it.
        let reopened = try EmulatorStore(path: (directory as NSString).appendingPathComponent("emulator.sqlite"))
        #expect(try await reopened.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM objects WHERE family = 'test'") } == 180)
    }
}

@Suite("Password hashes")
struct PasswordHashTests {
    @Test("PBKDF2-HMAC-SHA256 gives the RFC 7914 test vector, and stored hashes verify")
    func vector() {
        let derived = PasswordHash.derive("passwd", salt: Data("salt".utf8), iterations: 1)
        #expect(derived.map { String(format: "%02x", $0) }.joined() == "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc")
        let stored = PasswordHash.make("s3cret")
        #expect(PasswordHash.verify("s3cret", against: stored))
        #expect(!PasswordHash.verify("s3cret!", against: stored))
    }
}
