import Foundation
import SnowflakeCore
import SnowflakeEmulator
import SnowflakeTestSupport
import Testing

@Suite("Stages end to end")
struct StageTests {
    /// Runs `body` with a database `DB` and its `PUBLIC` schema's stages.
    private func withStages(
        _ configuration: EmulatorConfiguration = TestEmulator.configuration(),
        _ body: @Sendable (StageCollection, Root, RunningEmulator) async throws -> Void
    ) async throws {
        try await TestEmulator.withRoot(configuration) { root, emulator in
            if try await root.databases.list(like: "DB").collect().isEmpty {
                try await root.databases.create(DatabaseModel(name: "db"))
            }
            try await body(root.databases["db"].schemas["public"].stages, root, emulator)
        }
    }

    /// A local scratch directory with files, removed afterwards.
    private func withLocalFiles(_ files: [String: Data], _ body: (URL) async throws -> Void) async throws {
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("stage-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, data) in files { try data.write(to: directory.appendingPathComponent(name)) }
        try await body(directory)
    }

    private static func gunzip(_ url: URL) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc", url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return data
    }

    private static let csv = Data("id,name\n1,alpha\n2,beta\n".utf8)
    private static let secretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"

    // MARK: Definitions

    @Test("an internal stage gets Snowflake's defaults; encryption is accepted and never returned")
    func internalStage() async throws {
        try await withStages { stages, _, emulator in
            try await stages.create(StageModel(
                name: "landing", comment: "raw files", encryption: StageEncryption(type: .snowflakeSSE),
                directoryTable: StageDirectoryTable(enable: true)))
            let stage = try await stages["landing"].fetch()
            #expect(stage.name == "LANDING")
            #expect(stage.kind == .permanent)
            #expect(stage.url == nil)
            #expect(stage.cloud == nil)
            #expect(stage.comment == "raw files")
            #expect(stage.hasCredentials == false)
            #expect(stage.hasEncryptionKey == false)
            #expect(stage.encryption == nil && stage.credentials == nil)
            #expect(stage.directoryTable == StageDirectoryTable(enable: true, refreshOnCreate: true, autoRefresh: false))
            #expect(stage.owner == "ACCOUNTADMIN")
            #expect(stage.ownerRoleType == "ROLE")
            #expect(stage.createdOn != nil)

            try await stages.create(StageModel(name: "other", kind: .temporary))
            #expect(try await stages.list().collect().map(\.name) == ["LANDING", "OTHER"])
            #expect(try await stages.list(like: "land%").collect().map(\.name) == ["LANDING"])
            #expect(try await stages["other"].fetch().kind == .temporary)
            #expect(try await stages["other"].fetch().directoryTable == StageDirectoryTable(enable: false, refreshOnCreate: true, autoRefresh: false))
            let raw = try await RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken).send("GET", "/api/v2/databases/db/schemas/public/stages/landing")
            #expect(raw.object?["encryption"] == nil)
        }
    }

    struct ExternalCase: CustomTestStringConvertible, Sendable {
        let stage: StageModel
        let cloud: String
        let hasCredentials: Bool
        let hasKey: Bool
        let secrets: [String]
        var testDescription: String { stage.url ?? "" }
    }

    static let externalCases: [ExternalCase] = [
        ExternalCase(
            stage: StageModel(
                name: "s3_keys", url: "s3://bucket/path/", credentials: .aws(StageAwsCredentials(awsKeyId: "AKIAEXAMPLE", awsSecretKey: secretKey, awsToken: "session-token")),
                encryption: StageEncryption(type: .awsSSEKMS, kmsKeyId: "alias/stage")),
            cloud: "AWS", hasCredentials: true, hasKey: false, secrets: ["AKIAEXAMPLE", secretKey, "session-token"]),
        ExternalCase(
            stage: StageModel(
                name: "s3_cse", url: "s3://bucket/enc/", credentials: .aws(StageAwsCredentials(awsRole: "arn:aws:iam::123456789012:role/stage")),
                encryption: StageEncryption(type: .awsCSE, masterKey: Data(repeating: 7, count: 32).base64EncodedString())),
            cloud: "AWS", hasCredentials: true, hasKey: true, secrets: [Data(repeating: 7, count: 32).base64EncodedString()]),
        ExternalCase(
            stage: StageModel(name: "gcs_int", url: "gcs://bucket/data/", storageIntegration: "gcs_int", encryption: StageEncryption(type: .gcsSSEKMS, kmsKeyId: "projects/p/k")),
            cloud: "GCP", hasCredentials: false, hasKey: false, secrets: []),
        ExternalCase(
            stage: StageModel(
                name: "azure_sas", url: "azure://acct.blob.core.windows.net/container/", credentials: .azure(StageAzureCredentials(azureSasToken: "?sv=2024&sig=SECRETSIG")),
                directoryTable: StageDirectoryTable(enable: true, autoRefresh: true, notificationIntegration: "events")),
            cloud: "AZURE", hasCredentials: true, hasKey: false, secrets: ["SECRETSIG"]),
        ExternalCase(
            stage: StageModel(
                name: "compat", url: "s3compat://bucket/p/", endpoint: "minio.example.com",
                credentials: .aws(StageAwsCredentials(awsKeyId: "minio", awsSecretKey: "minio-secret"))),
            cloud: "AWS", hasCredentials: true, hasKey: false, secrets: ["minio-secret"]),
    ]

    @Test("external stages: cloud from the URL, credentials and keys accepted on create and never returned", arguments: externalCases)
    func externalStage(_ example: ExternalCase) async throws {
        try await withStages { stages, _, emulator in
            try await stages.create(example.stage)
            let stage = try await stages[example.stage.name].fetch()
            #expect(stage.url == example.stage.url)
            #expect(stage.cloud == example.cloud)
            #expect(stage.hasCredentials == example.hasCredentials)
            #expect(stage.hasEncryptionKey == example.hasKey)
            #expect(stage.credentials == nil && stage.encryption == nil)
            #expect(stage.storageIntegration == example.stage.storageIntegration)
            #expect(stage.endpoint == example.stage.endpoint)
            let http = RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken)
            for text in [
                try await http.send("GET", "/api/v2/databases/db/schemas/public/stages/\(example.stage.name)").text,
                try await http.send("GET", "/api/v2/databases/db/schemas/public/stages").text,
            ] {
                for secret in example.secrets { #expect(!text.contains(secret), "a credential was returned") }
                #expect(!text.contains(#""credentials""#) && !text.contains(#""encryption""#))
            }
            let listing = await capturedError { _ = try await stages[example.stage.name].listFiles() }
            #expect(listing?.code == .badRequest, "the emulator does not list cloud storage")
        }
    }

    static let invalid: [(StageModel, String)] = [
        (StageModel(name: "x", url: "ftp://host/p"), "must start with"),
        (StageModel(name: "x", credentials: .aws(StageAwsCredentials(awsKeyId: "k", awsSecretKey: "s"))), "only allowed for an external stage"),
        (StageModel(name: "x", url: "gcs://b/p", credentials: .aws(StageAwsCredentials(awsKeyId: "k", awsSecretKey: "s"))), "do not fit"),
        (StageModel(name: "x", url: "s3://b/p", credentials: .aws(StageAwsCredentials(awsKeyId: "k"))), "both aws_key_id and aws_secret_key"),
        (StageModel(name: "x", url: "s3://b/p", storageIntegration: "i", credentials: .aws(StageAwsCredentials(awsRole: "arn:aws:iam::123456789012:role/r"))), "both STORAGE_INTEGRATION and CREDENTIALS"),
        (StageModel(name: "x", storageIntegration: "i"), "only allowed for an external stage"),
        (StageModel(name: "x", encryption: StageEncryption(type: .awsSSES3)), "not available for an internal stage"),
        (StageModel(name: "x", url: "s3://b/p", encryption: StageEncryption(type: .awsCSE)), "needs a master_key"),
        (StageModel(name: "x", url: "s3://b/p", encryption: StageEncryption(type: .awsCSE, masterKey: "c2hvcnQ=")), "needs a master_key"),
        (StageModel(name: "x", url: "s3://b/p", encryption: StageEncryption(type: .awsSSES3, kmsKeyId: "k")), "kms_key_id is only allowed"),
        (StageModel(name: "x", url: "s3://b/p", endpoint: "e"), "only allowed for an s3compat"),
        (StageModel(name: "x", url: "s3compat://b/p"), "needs an ENDPOINT"),
        (StageModel(name: "x", directoryTable: StageDirectoryTable(autoRefresh: true)), "AUTO_REFRESH needs a directory table"),
    ]

    @Test("invalid definitions are refused with a 400 that says why, and nothing is created")
    func invalidDefinitions() async throws {
        try await withStages { stages, _, _ in
            for (model, words) in Self.invalid {
                let error = await capturedError { _ = try await stages.create(model) }
                #expect(error?.code == .badRequest, "\(model)")
                #expect(error?.message?.contains(words) == true, "\(error?.message ?? "no error"), expected '\(words)'")
            }
            let remaining = try await stages.list().collect()
            #expect(remaining.isEmpty)
        }
    }

    @Test("create modes, drop and drop if exists; stages cannot be undropped")
    func lifecycle() async throws {
        try await withStages { stages, _, _ in
            try await stages.create(StageModel(name: "s", comment: "first"))
            #expect(await capturedError { _ = try await stages.create(StageModel(name: "S")) }?.code == .conflict)
            try await stages.create(StageModel(name: "s", comment: "second"), mode: .ifNotExists)
            #expect(try await stages["s"].fetch().comment == "first")
            try await stages.create(StageModel(name: "s", comment: "third"), mode: .orReplace)
            #expect(try await stages["s"].fetch().comment == "third")
            try await stages["s"].drop()
            #expect(await capturedError { _ = try await stages["s"].fetch() }?.code == .notFound)
            #expect(await capturedError { try await stages["s"].drop() }?.code == .notFound)
            try await stages["s"].drop(ifExists: true)
            #expect(await capturedError { _ = try await stages["missing"].listFiles() }?.code == .notFound)
        }
    }

    // MARK: Files

    @Test("put gzips by default and adds .gz; auto_compress off keeps the file as is; compressed files stay as they are")
    func putCompression() async throws {
        try await withStages { stages, _, _ in
            let stage = try await stages.create(StageModel(name: "files"))
            let gzipped = Data([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00])
            try await withLocalFiles(["data.csv": Self.csv, "raw.csv": Self.csv, "ready.json.gz": gzipped]) { local in
                let put = try await stage.put(local.appendingPathComponent("data.csv").path, "/in")
                #expect(put.map(\.target) == ["data.csv.gz"])
                #expect(put.first?.status == "UPLOADED")
                #expect(put.first?.sourceCompression == "NONE" && put.first?.targetCompression == "GZIP")
                #expect(put.first?.sourceSize == Self.csv.count)
                let raw = try await stage.put(local.appendingPathComponent("raw.csv").path, "in/", autoCompress: false)
                #expect(raw.first?.target == "raw.csv" && raw.first?.targetCompression == "NONE")
                let ready = try await stage.put(local.appendingPathComponent("ready.json.gz").path, "/")
                #expect(ready.first?.target == "ready.json.gz" && ready.first?.sourceCompression == "GZIP")

                let files = try await stage.listFiles()
                #expect(files.map(\.name) == ["files/in/data.csv.gz", "files/in/raw.csv", "files/ready.json.gz"])
                #expect(files[1].size == String(Self.csv.count))
                #expect(files.allSatisfy { $0.md5?.count == 32 && $0.lastModified?.hasSuffix(" GMT") == true })

                let target = local.appendingPathComponent("out")
                let got = try await stage.get("/in", target.path)
                #expect(got.map(\.file) == ["in/data.csv.gz", "in/raw.csv"])
                #expect(try Data(contentsOf: target.appendingPathComponent("raw.csv")) == Self.csv)
                let compressed = try Data(contentsOf: target.appendingPathComponent("data.csv.gz"))
                #expect(compressed.prefix(2) == Data([0x1f, 0x8b]))
                #expect(try Self.gunzip(target.appendingPathComponent("data.csv.gz")) == Self.csv)
                #expect(try Data(contentsOf: target.appendingPathComponent("data.csv.gz")).count == Int(files[0].size ?? "") ?? -1)
            }
        }
    }

    @Test("put keeps an existing file unless overwrite; wildcards pick several local files")
    func putOverwriteAndWildcards() async throws {
        try await withStages { stages, _, _ in
            let stage = try await stages.create(StageModel(name: "files"))
            try await withLocalFiles(["a.csv": Data("a".utf8), "b.csv": Data("b".utf8), "c.txt": Data("c".utf8)]) { local in
                let first = try await stage.put(local.appendingPathComponent("*.csv").path, "/d", autoCompress: false)
                #expect(first.map(\.target) == ["a.csv", "b.csv"])
                try Data("changed".utf8).write(to: local.appendingPathComponent("a.csv"))
                let skipped = try await stage.put(local.appendingPathComponent("a.csv").path, "/d", autoCompress: false)
                #expect(skipped.first?.status == "SKIPPED")
                let out = local.appendingPathComponent("out")
                try await stage.get("d/a.csv", out.path)
                #expect(try Data(contentsOf: out.appendingPathComponent("a.csv")) == Data("a".utf8))
                let replaced = try await stage.put(local.appendingPathComponent("a.csv").path, "/d", autoCompress: false, overwrite: true)
                #expect(replaced.first?.status == "UPLOADED")
                try await stage.get("d/a.csv", out.path)
                #expect(try Data(contentsOf: out.appendingPathComponent("a.csv")) == Data("changed".utf8))
                let missing = await capturedError { try await stage.put(local.appendingPathComponent("*.parquet").path, "/") }
                #expect(missing?.code == .invalidArgument)
            }
        }
    }

    @Test("list_files and get filter with a regular expression on the whole name, as LIST PATTERN does")
    func patterns() async throws {
        try await withStages { stages, _, _ in
            let stage = try await stages.create(StageModel(name: "p"))
            try await withLocalFiles(["one.csv": Self.csv, "two.csv": Self.csv, "notes.txt": Self.csv]) { local in
                for name in ["one.csv", "two.csv", "notes.txt"] {
                    try await stage.put(local.appendingPathComponent(name).path, "/x", autoCompress: false)
                }
                try await stage.put(local.appendingPathComponent("one.csv").path, "/y", autoCompress: false)
                #expect(try await stage.listFiles(pattern: ".*[.]csv").map(\.name) == ["p/x/one.csv", "p/x/two.csv", "p/y/one.csv"])
                #expect(try await stage.listFiles(pattern: "csv").isEmpty, "the pattern matches the whole name")
                #expect(try await stage.listFiles(pattern: "p/x/.*").count == 3)
                let bad = await capturedError { _ = try await stage.listFiles(pattern: "(unclosed") }
                #expect(bad?.code == .badRequest)
                let out = local.appendingPathComponent("out")
                let got = try await stage.get("/x", out.path, pattern: ".*o.*[.]csv")
                #expect(got.map(\.file) == ["x/one.csv", "x/two.csv"])
                #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == ["one.csv", "two.csv"])
            }
        }
    }

    @Test("presigned URLs point at the emulator on loopback, carry a signed token, and stop working when they expire")
    func presignedURLs() async throws {
        let clock = ManualClock()
        try await withStages(TestEmulator.configuration(clock: clock)) { stages, _, emulator in
            let stage = try await stages.create(StageModel(name: "shared", encryption: StageEncryption(type: .snowflakeSSE)))
            try await withLocalFiles(["a b.csv": Self.csv]) { local in
                try await stage.put(local.appendingPathComponent("a b.csv").path, "/dir", autoCompress: false)
            }
            let material = try await stage.getPresignedUrl("dir/a b.csv", PresignedUrlRequest(expirationTime: 60))
            let url = try #require(material.presignedUrl)
            #expect(url.hasPrefix("http://127.0.0.1:\(emulator.port)/emulator/v1/presigned/"))
            #expect(!url.contains(emulator.adminToken))
            let path = String(url.dropFirst("http://127.0.0.1:\(emulator.port)".count))
            let anonymous = RawHTTP(baseURL: emulator.baseURL, token: nil)
            let download = try await anonymous.send("GET", path)
            #expect(download.status == 200)
            #expect(download.text == String(decoding: Self.csv, as: UTF8.self))

            var tampered = Array(path)
            let index = tampered.index(tampered.endIndex, offsetBy: -3)
            tampered[index] = tampered[index] == "A" ? "B" : "A"
            #expect(try await anonymous.send("GET", String(tampered)).status == 403)
            let missing = try await stage.getPresignedUrl("dir/none.csv")
            #expect(try await anonymous.send("GET", String(missing.presignedUrl!.dropFirst("http://127.0.0.1:\(emulator.port)".count))).status == 404)

            clock.advance(by: 61)
            #expect(try await anonymous.send("GET", path).status == 403, "expired")

            let fresh = try await stage.getPresignedUrl("dir/a b.csv")
            let freshPath = String(fresh.presignedUrl!.dropFirst("http://127.0.0.1:\(emulator.port)".count))
            clock.advance(by: 3_599)
            #expect(try await anonymous.send("GET", freshPath).status == 200, "an hour by default")
            try await stage.drop()
            #expect(try await anonymous.send("GET", freshPath).status == 404, "a dropped stage's files are gone")

            let tooLong = await capturedError { _ = try await stages["shared"].getPresignedUrl("a.csv", PresignedUrlRequest(expirationTime: 604_801)) }
            #expect(tooLong?.code == .notFound)
            let full = try await stages.create(StageModel(name: "full"))
            let refused = await capturedError { _ = try await full.getPresignedUrl("a.csv") }
            #expect(refused?.code == .badRequest)
            #expect(refused?.message?.contains("SNOWFLAKE_SSE") == true)
            let sse = try await stages.create(StageModel(name: "sse", encryption: StageEncryption(type: .snowflakeSSE)))
            #expect(await capturedError { _ = try await sse.getPresignedUrl("a.csv", PresignedUrlRequest(expirationTime: 604_801)) }?.code == .badRequest)
            #expect(await capturedError { _ = try await sse.getPresignedUrl("a.csv", PresignedUrlRequest(expirationTime: 0)) }?.code == .badRequest)
        }
    }

    @Test("external stages and missing stages take no files")
    func transferRules() async throws {
        try await withStages { stages, _, _ in
            try await stages.create(StageModel(name: "ext", url: "s3://bucket/p/", storageIntegration: "s3_int"))
            try await withLocalFiles(["a.csv": Self.csv]) { local in
                let error = await capturedError { try await stages["ext"].put(local.appendingPathComponent("a.csv").path, "/") }
                #expect(error?.code == .badRequest)
                #expect(error?.message?.contains("external") == true)
                let missing = await capturedError { try await stages["nope"].put(local.appendingPathComponent("a.csv").path, "/") }
                #expect(missing?.code == .notFound)
            }
        }
    }

    // MARK: Durability

    private static func stageDirectories(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { Int($0) != nil }
    }

    @Test("files live in the data directory, survive a restart, and go with their stage")
    func durability() async throws {
        let directory = (NSTemporaryDirectory() as NSString).appendingPathComponent("snowapi-stage-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var configuration = TestEmulator.configuration()
        configuration.dataDirectory = directory
        let stagesDirectory = (directory as NSString).appendingPathComponent("stages")
        try await withLocalFiles(["kept.csv": Self.csv]) { local in
            try await withStages(configuration) { stages, root, _ in
                let stage = try await stages.create(StageModel(name: "durable"))
                try await stage.put(local.appendingPathComponent("kept.csv").path, "/")
                let other = try await root.databases["db"].schemas.create(SchemaModel(name: "other"))
                try await other.stages.create(StageModel(name: "inner"))
                try await other.stages["inner"].put(local.appendingPathComponent("kept.csv").path, "/")
                #expect(Self.stageDirectories(stagesDirectory).count == 2)
                let incoming = (stagesDirectory as NSString).appendingPathComponent(".incoming")
                #expect(((try? FileManager.default.contentsOfDirectory(atPath: incoming)) ?? []).isEmpty, "no temporary file is left")
            }
            try await withStages(configuration) { stages, root, _ in
                #expect(try await stages["durable"].listFiles().map(\.name) == ["durable/kept.csv.gz"])
                // A stage dropped with its schema keeps its files until the schema's retention ends.
                try await root.databases["db"].schemas["other"].drop()
                try await root.databases["db"].schemas["other"].undrop()
                #expect(try await root.databases["db"].schemas["other"].stages["inner"].listFiles().count == 1)

                try await stages.create(StageModel(name: "durable"), mode: .orReplace)
                #expect(try await stages["durable"].listFiles().isEmpty, "a replaced stage starts empty")
                #expect(Self.stageDirectories(stagesDirectory).count == 1, "the replaced stage's files are gone from disk")
                try await root.databases["db"].schemas["other"].stages["inner"].drop()
                #expect(Self.stageDirectories(stagesDirectory).isEmpty)
            }
        }
    }
}
