import Foundation
import SnowapiCLI
import SnowflakeEmulator
import SnowflakeTestSupport
import Testing

/// `snowapi stage ...` end to end against an in-process emulator.
@Suite("snowapi stage")
struct StageCommandTests {
    private func snowapi(_ arguments: [String]) async -> (code: Int32, output: [String], errors: [String]) {
        let collector = ConsoleCollector()
        let code = await Console.$collector.withValue(collector) { await SnowapiCommand.invoke(arguments) }
        return (code, collector.output, collector.errors)
    }

    @Test("put, list-files and get a stage's files; put without a user says it needs one")
    func putListGet() async throws {
        try await Emulator.withRunning(TestEmulator.configuration()) { emulator in
            let connection = ["--emulator", emulator.baseURL, "--token", emulator.adminToken, "--user", emulator.adminUser]
            #expect(await snowapi(["object", "create", "database", "name=db"] + connection).code == 0)
            #expect(await snowapi(["object", "create", "stage", "name=landing", "--database", "db", "--schema", "public"] + connection).code == 0)
            let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("stage-cli-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            for name in ["a.csv", "b.csv"] { try Data("1,\(name)\n".utf8).write(to: directory.appendingPathComponent(name)) }

            let put = await snowapi(["stage", "put", directory.appendingPathComponent("*.csv").path, "landing", "--folder", "/daily", "--database", "db"] + connection)
            #expect(put.code == 0, "\(put.errors)")
            #expect(put.output.first?.hasPrefix("source") == true)
            #expect(put.output.dropFirst(2).map { $0.split(separator: " ", omittingEmptySubsequences: true).first.map(String.init) } == ["a.csv", "b.csv"])
            #expect(put.output.dropFirst(2).allSatisfy { $0.contains("GZIP") && $0.hasSuffix("UPLOADED") }, "\(put.output)")
            let again = await snowapi(["stage", "put", directory.appendingPathComponent("a.csv").path, "landing", "--folder", "daily", "--database", "db", "--format", "json"] + connection)
            #expect(again.output.joined().contains(#""status":"SKIPPED""#))

            let listed = await snowapi(["stage", "list-files", "landing", "--database", "db", "--pattern", ".*a[.]csv.*", "--format", "json"] + connection)
            let files = try JSONSerialization.jsonObject(with: Data(listed.output.joined().utf8)) as? [[String: Any]]
            #expect(files?.map { $0["name"] as? String } == ["landing/daily/a.csv.gz"])

            let out = directory.appendingPathComponent("out")
            let got = await snowapi(["stage", "get", "landing", out.path, "--path", "/daily", "--database", "db"] + connection)
            #expect(got.code == 0, "\(got.errors)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == ["a.csv.gz", "b.csv.gz"])

            let anonymous = ["--emulator", emulator.baseURL, "--token", emulator.adminToken]
            let refused = await snowapi(["stage", "put", directory.appendingPathComponent("a.csv").path, "landing", "--database", "db"] + anonymous)
            #expect(refused.code != 0)
            #expect(refused.errors.joined().contains("needs the user"))
            let missing = await snowapi(["stage", "get", "nope", out.path, "--database", "db"] + connection)
            #expect(missing.code != 0 && missing.errors.joined().contains("does not exist"))
        }
    }
}
