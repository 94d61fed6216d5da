import Foundation
import SnowflakeCore
import SnowflakeEmulator
import SnowflakeFileTransfer
import SnowflakeTestSupport
import Testing

/// The emulator's stage storage as a client other than ours would meet it: `PUT`/`GET`
/// statements through the connector's query endpoint, then signed S3 requests.
@Suite("Stage storage end to end")
struct StageStorageTests {
    /// A connector session of the administrator that runs transfer statements and sends signed
    /// storage requests.
    struct Probe {
        let emulator: RunningEmulator
        let token: String
        let transport = AsyncHTTPClientTransport()

        static func open(_ emulator: RunningEmulator) async throws -> Probe {
            let login = try await RawHTTP(baseURL: emulator.baseURL, token: nil).send(
                "POST", "/session/v1/login-request",
                body: #"{"data":{"ACCOUNT_NAME":"emulator","LOGIN_NAME":"\#(emulator.adminUser)","AUTHENTICATOR":"PROGRAMMATIC_ACCESS_TOKEN","TOKEN":"\#(emulator.adminToken)"}}"#)
            let token = try #require((login.object?["data"] as? [String: Any])?["token"] as? String)
            return Probe(emulator: emulator, token: token)
        }

        /// The statement's answer: a transfer, or the refusal's message.
        func run(_ sql: String) async throws -> Result<TransferAnswer, RefusedStatement> {
            let body = try JSONSerialization.data(withJSONObject: ["sqlText": sql, "sequenceId": 1])
            let response = try await transport.send(TransportRequest(
                method: "POST", url: emulator.baseURL + "/queries/v1/query-request?requestId=\(UUID())",
                headers: [("Authorization", "Snowflake Token=\"\(token)\""), ("Content-Type", "application/json")], body: body,
                isIdempotent: false))
            let object = try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: Any])
            guard object["success"] as? Bool == true else {
                return .failure(RefusedStatement(code: object["code"] as? String ?? "", message: object["message"] as? String ?? ""))
            }
            let data = try JSONSerialization.data(withJSONObject: try #require(object["data"]))
            return .success(try JSONDecoder().decode(TransferAnswer.self, from: data))
        }

        func answer(_ sql: String) async throws -> TransferAnswer {
            try await run(sql).get()
        }

        /// A storage request for `file` under the answer's location, signed with `credentials`
        /// (the answer's by default), or not signed.
        func storage(
            _ method: String, _ answer: TransferAnswer, _ file: String, query: [(String, String)] = [], body: Data? = nil,
            headers: [(String, String)] = [], credentials: SignatureV4.Credentials? = nil, signed: Bool = true, rawKey: String? = nil
        ) async throws -> TransportResponse {
            let info = answer.stageInfo
            let key = rawKey ?? SignatureV4.encode(info.location.split(separator: "/", maxSplits: 1).last.map(String.init)! + file, keepingSlashes: true)
            let bucket = String(info.location.split(separator: "/").first!)
            let path = "/emulator/s3/\(bucket)/\(key)"
            let host = "\(emulator.host):\(emulator.port)"
            var all = [("host", host)] + headers
            if signed {
                let creds = credentials ?? SignatureV4.Credentials(
                    keyID: info.creds["AWS_KEY_ID"]!, secret: info.creds["AWS_SECRET_KEY"]!, sessionToken: info.creds["AWS_TOKEN"])
                all += SignatureV4.sign(
                    method: method, path: path, query: query, headers: all, payloadHash: SignatureV4.payloadHash(body ?? Data()),
                    credentials: creds, region: info.region ?? "us-east-1", date: Date())
            }
            let queryText = query.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
            return try await transport.send(TransportRequest(
                method: method, url: "http://\(host)\(path)" + (queryText.isEmpty ? "" : "?" + queryText),
                headers: all.map { (name: $0.0, value: $0.1) }, body: body, isIdempotent: true))
        }
    }

    struct RefusedStatement: Error {
        var code: String
        var message: String
    }

    private static func s3Code(_ response: TransportResponse) -> String? {
        let text = String(decoding: response.body, as: UTF8.self)
        guard let start = text.range(of: "<Code>"), let end = text.range(of: "</Code>") else { return nil }
        return String(text[start.upperBound..<end.lowerBound])
    }

    private func withStages(clock: ManualClock = ManualClock(), _ body: @Sendable (StageCollection, Probe) async throws -> Void) async throws {
        try await TestEmulator.withRoot(TestEmulator.configuration(clock: clock)) { root, emulator in
            try await root.databases.create(DatabaseModel(name: "db"))
            try await body(root.databases["db"].schemas["public"].stages, try await Probe.open(emulator))
        }
    }

    @Test("storage requests must carry a valid signature of unexpired credentials for that stage, with write access to write")
    func credentials() async throws {
        let clock = ManualClock()
        try await withStages(clock: clock) { stages, probe in
            try await stages.create(StageModel(name: "a", encryption: StageEncryption(type: .snowflakeSSE)))
            try await stages.create(StageModel(name: "b", encryption: StageEncryption(type: .snowflakeSSE)))
            let put = try await probe.answer("PUT 'file:///tmp/x.csv' @db.public.a/in")
            #expect(put.stageInfo.locationType == "S3" && put.stageInfo.isClientSideEncrypted == false && put.encryptionMaterial.isEmpty)
            #expect(put.stageInfo.endPoint == "http://127.0.0.1:\(probe.emulator.port)/emulator/s3/")
            let data = Data("1,2\n".utf8)
            #expect(try await probe.storage("PUT", put, "x.csv", body: data).status == 200)
            #expect(try await stages["a"].listFiles().map(\.name) == ["a/in/x.csv"])

            let unsigned = try await probe.storage("PUT", put, "y.csv", body: data, signed: false)
            #expect(unsigned.status == 403)
            var forged = SignatureV4.Credentials(
                keyID: put.stageInfo.creds["AWS_KEY_ID"]!, secret: "not-the-secret", sessionToken: put.stageInfo.creds["AWS_TOKEN"])
            let badSignature = try await probe.storage("PUT", put, "y.csv", body: data, credentials: forged)
            #expect(badSignature.status == 403 && Self.s3Code(badSignature) == "SignatureDoesNotMatch")
            forged.secret = put.stageInfo.creds["AWS_SECRET_KEY"]!
            var token = Array(forged.sessionToken!)
            token[5] = token[5] == "A" ? "B" : "A"  // inside the payload: a different grant, the same MAC
            forged.sessionToken = String(token)
            #expect(Self.s3Code(try await probe.storage("PUT", put, "y.csv", body: data, credentials: forged)) == "InvalidToken")
            let other = try await probe.answer("PUT 'file:///tmp/x.csv' @db.public.b")
            let crossed = try await probe.storage("PUT", put, "y.csv", body: data, headers: [], rawKey: "\(other.stageInfo.path!)y.csv")
            #expect(crossed.status == 403, "credentials name one stage")

            let get = try await probe.answer("GET @db.public.a/in 'file:///tmp/out'")
            #expect(get.sourceLocations == ["in/x.csv"])
            let readOnly = try await probe.storage("PUT", get, "in/z.csv", body: data)
            #expect(readOnly.status == 403 && Self.s3Code(readOnly) == "AccessDenied")
            let read = try await probe.storage("GET", get, "in/x.csv")
            #expect(read.status == 200 && read.body == data)
            #expect(try await probe.storage("HEAD", get, "in/none.csv").status == 404)
            let ranged = try await probe.storage("GET", get, "in/x.csv", headers: [("range", "bytes=2-")])
            #expect(ranged.status == 206 && ranged.body == Data("2\n".utf8))

            clock.advance(by: 3601)
            let expired = try await probe.storage("GET", get, "in/x.csv")
            #expect(expired.status == 400 && Self.s3Code(expired) == "ExpiredToken")
            try await stages["a"].drop()
            let fresh = try await probe.run("GET @db.public.a 'file:///tmp/out'")
            #expect((try? fresh.get()) == nil, "a dropped stage takes no statements")
        }
    }

    @Test("SNOWFLAKE_FULL stages take only files encrypted with the statement's material; damaged files are refused and nothing is stored")
    func encryption() async throws {
        try await withStages { stages, probe in
            try await stages.create(StageModel(name: "full"))
            let put = try await probe.answer("PUT 'file:///tmp/x.csv' '@db.public.full/'")
            #expect(put.stageInfo.isClientSideEncrypted == true)
            let material = try #require(put.encryptionMaterial.first?.material)
            let data = Data("secret rows\n".utf8)

            let plain = try await probe.storage("PUT", put, "plain.csv", body: data)
            #expect(plain.status == 400)
            let (ciphertext, envelope) = try StageFileEncryption.encrypt(data, with: material)
            let metadata = [
                (StageObjectMetadata.key, envelope.key), (StageObjectMetadata.iv, envelope.iv),
                (StageObjectMetadata.materialDescription, envelope.materialDescription),
            ]
            var damaged = ciphertext
            damaged[damaged.startIndex] ^= 0xff
            let broken = try await probe.storage("PUT", put, "damaged.csv", body: damaged, headers: metadata + [(StageObjectMetadata.digest, StageFileEncryption.digest(data))])
            #expect(broken.status == 400)
            let lying = try await probe.storage("PUT", put, "lying.csv", body: ciphertext, headers: metadata + [(StageObjectMetadata.digest, StageFileEncryption.digest(Data("other".utf8)))])
            #expect(lying.status == 400 && Self.s3Code(lying) == "BadDigest")
            #expect(try await stages["full"].listFiles().isEmpty)

            #expect(try await probe.storage("PUT", put, "good.csv", body: ciphertext, headers: metadata).status == 200)
            let files = try await stages["full"].listFiles()
            #expect(files.map(\.name) == ["full/good.csv"] && files.first?.size == String(data.count), "kept decrypted")
            let get = try await probe.answer("GET '@db.public.full/good.csv' 'file:///tmp/out'")
            let read = try await probe.storage("GET", get, "good.csv")
            var headers: [String: String] = [:]
            for header in read.headers { headers[header.name.lowercased()] = header.value }
            let readEnvelope = StageFileEncryption.Envelope(
                key: try #require(headers[StageObjectMetadata.key]), iv: headers[StageObjectMetadata.iv] ?? "",
                materialDescription: headers[StageObjectMetadata.materialDescription] ?? "")
            #expect(read.body != data, "files leave encrypted")
            let masterKey = try #require(get.encryptionMaterial.first?.material?.masterKey)
            #expect(try StageFileEncryption.decrypt(read.body, envelope: readEnvelope, masterKey: masterKey) == data)
            let head = try await probe.storage("HEAD", get, "good.csv")
            #expect(head.headers.first { $0.name.lowercased() == StageObjectMetadata.key }?.value == readEnvelope.key, "HEAD and GET agree")
            #expect(head.headers.first { $0.name.lowercased() == "content-length" }?.value == String(read.body.count))

            // Ranges of an encrypted file are slices of the whole (the second one from the kept
            // encrypted copy), and a rewritten file of the same size is never served stale.
            for _ in 0..<2 {
                let part = try await probe.storage("GET", get, "good.csv", headers: [("range", "bytes=4-")])
                #expect(part.status == 206 && part.body == read.body.dropFirst(4))
            }
            let kept = (try? FileManager.default.contentsOfDirectory(atPath: probe.emulator.dataDirectory + "/stages/.cache")) ?? []
            #expect(kept.filter { $0.hasSuffix(".bin") }.count == 1, "the first range kept the encrypted copy")
            let rewritten = Data("SECRET ROWS\n".utf8)
            let (other, otherEnvelope) = try StageFileEncryption.encrypt(rewritten, with: material)
            let otherMetadata = [
                (StageObjectMetadata.key, otherEnvelope.key), (StageObjectMetadata.iv, otherEnvelope.iv),
                (StageObjectMetadata.materialDescription, otherEnvelope.materialDescription),
            ]
            #expect(try await probe.storage("PUT", put, "good.csv", body: other, headers: otherMetadata).status == 200)
            let fresh = try await probe.storage("GET", get, "good.csv")
            let freshRange = try await probe.storage("GET", get, "good.csv", headers: [("range", "bytes=0-")])
            #expect(freshRange.body == fresh.body && fresh.body != read.body)
        }
    }

    @Test("files above the answer's threshold go up in parts; a multipart upload is checked like a single one")
    func multipart() async throws {
        var configuration = TestEmulator.configuration()
        configuration.multipartThreshold = 10 << 20  // a single request of the 17 MiB file would be refused
        try await TestEmulator.withRoot(configuration) { root, emulator in
            try await root.databases.create(DatabaseModel(name: "db"))
            let stages = root.databases["db"].schemas["public"].stages
            let stage = try await stages.create(StageModel(name: "big"))
            // 17 MiB: three parts of 8 MiB; each word holds its index, so parts out of order would show.
            var data = Data(count: 17 << 20)
            data.withUnsafeMutableBytes { bytes in
                let words = bytes.bindMemory(to: UInt32.self)
                for index in words.indices { words[index] = UInt32(index) }
            }
            let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("multipart-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let local = directory.appendingPathComponent("big.bin")
            try data.write(to: local)
            let put = try await stage.put(local.path, "/", autoCompress: false)
            #expect(put.first?.status == "UPLOADED" && put.first?.targetSize == data.count + 16, "encrypted: one block of padding")
            #expect(try await stage.put(local.path, "/", autoCompress: false).first?.status == "SKIPPED")
            #expect(try await stage.put(local.path, "/", autoCompress: false, overwrite: true).first?.status == "UPLOADED")
            let out = directory.appendingPathComponent("out")
            try await stage.get("/big.bin", out.path)
            #expect(try Data(contentsOf: out.appendingPathComponent("big.bin")) == data)
            let uploads = (emulator.dataDirectory as NSString).appendingPathComponent("stages/.uploads")
            #expect(((try? FileManager.default.contentsOfDirectory(atPath: uploads)) ?? []).isEmpty, "completed uploads leave no parts")

            let probe = try await Probe.open(emulator)
            try await stages.create(StageModel(name: "plain", encryption: StageEncryption(type: .snowflakeSSE)))
            let answer = try await probe.answer("PUT 'file:///tmp/x' @db.public.plain")
            #expect(answer.threshold == 10 << 20)
            let tooLarge = try await probe.storage("PUT", answer, "whole.bin", body: Data(count: (10 << 20) + 1))
            #expect(tooLarge.status == 400 && Self.s3Code(tooLarge) == "EntityTooLarge")
            func upload() async throws -> String {
                let created = try await probe.storage("POST", answer, "x.bin", query: [("uploads", "")])
                let text = String(decoding: created.body, as: UTF8.self)
                return try #require(text.firstMatch(of: /<UploadId>([0-9a-f]+)<\/UploadId>/).map { String($0.output.1) })
            }
            func complete(_ id: String, _ parts: [Int]) async throws -> TransportResponse {
                let list = parts.map { "<Part><PartNumber>\($0)</PartNumber><ETag>x</ETag></Part>" }.joined()
                return try await probe.storage("POST", answer, "x.bin", query: [("uploadId", id)], body: Data("<CompleteMultipartUpload>\(list)</CompleteMultipartUpload>".utf8))
            }
            let id = try await upload()
            #expect(try await probe.storage("PUT", answer, "x.bin", query: [("partNumber", "1"), ("uploadId", id)], body: Data("ab".utf8)).status == 200)
            #expect(try await probe.storage("PUT", answer, "x.bin", query: [("partNumber", "2"), ("uploadId", id)], body: Data("cd".utf8)).status == 200)
            #expect(Self.s3Code(try await complete(id, [2, 1])) == "InvalidPartOrder")
            #expect(Self.s3Code(try await complete(id, [1, 3])) == "InvalidPart")
            #expect(Self.s3Code(try await probe.storage("PUT", answer, "y.bin", query: [("partNumber", "1"), ("uploadId", id)], body: Data())) == "NoSuchUpload", "an upload is for one key")
            #expect(try await complete(id, [1, 2]).status == 200)
            #expect(try await stages["plain"].listFiles().map(\.size) == ["4"])
            let aborted = try await upload()
            #expect(try await probe.storage("DELETE", answer, "x.bin", query: [("uploadId", aborted)]).status == 204)
            #expect(Self.s3Code(try await complete(aborted, [1])) == "NoSuchUpload")
            let get = try await probe.answer("GET @db.public.plain 'file:///tmp/out'")
            #expect(try await probe.storage("POST", get, "x.bin", query: [("uploads", "")]).status == 403, "read-only credentials start no upload")
        }
    }

    static let escapingPaths = ["..%2Fescape.csv", "dir%2F..%2F..%2Fescape.csv", "a%2F%2Fb.csv", ".%2Fa.csv"]

    @Test("paths that leave the stage are refused, and nothing is written outside it", arguments: escapingPaths)
    func pathEscapes(_ path: String) async throws {
        try await withStages { stages, probe in
            try await stages.create(StageModel(name: "jail", encryption: StageEncryption(type: .snowflakeSSE)))
            let put = try await probe.answer("PUT 'file:///tmp/x.csv' @db.public.jail")
            let response = try await probe.storage("PUT", put, "", body: Data("x".utf8), rawKey: "\(put.stageInfo.path!)\(path)")
            #expect(response.status == 400)
            let statement = try await probe.run("PUT 'file:///tmp/x.csv' '@db.public.jail/\(path.removingPercentEncoding!)'")
            #expect((try? statement.get()) == nil)
            let presign = try await RawHTTP(baseURL: probe.emulator.baseURL, token: probe.emulator.adminToken).send(
                "POST", "/api/v2/databases/db/schemas/public/stages/jail/files/\(path):presigned-url", body: "{}")
            #expect(presign.status == 400)
            let everything = FileManager.default.subpaths(atPath: probe.emulator.dataDirectory) ?? []
            #expect(!everything.contains { $0.hasSuffix("escape.csv") })
            #expect(try await stages["jail"].listFiles().isEmpty)
        }
    }

    @Test("statements name an existing internal stage and valid options, or are refused with Snowflake's error and nothing happens")
    func statementErrors() async throws {
        try await withStages { stages, probe in
            try await stages.create(StageModel(name: "ext", url: "s3://bucket/p/", storageIntegration: "s3_int"))
            let refusals: [(String, String)] = [
                ("PUT 'file:///tmp/x.csv' @db.public.nope", "002003"),
                ("PUT 'file:///tmp/x.csv' @db.public.ext", "0A000"),
                ("PUT 'file:///tmp/x.csv' @~/in", "0A000"),
                ("PUT 'file:///tmp/x.csv' @%table", "0A000"),
                ("PUT '/tmp/x.csv' @db.public.ext", "001003"),
                ("PUT 'file:///tmp/x.csv' @db.public.ext OVERWRITE = MAYBE", "001003"),
                ("PUT 'file:///tmp/x.csv' @db.public.ext PATTERN = 'x'", "001003"),
                ("GET @db.public.ext 'file:///tmp' PARALLEL = 0", "001003"),
                ("GET @db.public.ext", "001003"),
                ("PUT 'file:///tmp/x.csv' @nope", "090105"),
            ]
            for (sql, code) in refusals {
                let result = try await probe.run(sql)
                guard case .failure(let refused) = result else {
                    Issue.record("\(sql) was not refused")
                    continue
                }
                #expect(refused.code == code, "\(sql): \(refused.message)")
            }
            try await stages.create(StageModel(name: "in_session"))
            #expect(try await probe.run("PUT /* a comment */ file:///tmp/x.csv @db.public.in_session/d;").get().sourceLocations == ["/tmp/x.csv"])
        }
    }
}
