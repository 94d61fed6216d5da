import Foundation
import SnowflakeFileTransfer
import Testing

@Suite("File transfer: SigV4, stage file encryption, transfer answers")
struct FileTransferTests {
    /// AWS's published example of a signed S3 GetObject (Signature Version 4 documentation,
    /// "Example: GET Object").
    @Test("SigV4 signs AWS's GET Object example as AWS does")
    func getObjectExample() {
        let signature = SignatureV4.signature(
            method: "GET", path: "/test.txt", query: [],
            headers: [
                ("Host", "examplebucket.s3.amazonaws.com"), ("Range", "bytes=0-9"),
                ("x-amz-content-sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
                ("x-amz-date", "20130524T000000Z"),
            ],
            signedHeaders: ["host", "range", "x-amz-content-sha256", "x-amz-date"],
            payloadHash: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            secret: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", timestamp: "20130524T000000Z", region: "us-east-1", service: "s3")
        #expect(signature == "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
    }

    /// AWS's published example of a signed S3 PutObject ("Example: PUT Object").
    @Test("SigV4 adds x-amz-date, the payload hash and Authorization, as in AWS's PUT Object example")
    func putObjectExample() throws {
        let body = Data("Welcome to Amazon S3.".utf8)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let date = try #require(calendar.date(from: DateComponents(year: 2013, month: 5, day: 24)))
        let added = SignatureV4.sign(
            method: "PUT", path: "/" + SignatureV4.encode("test$file.text"), query: [],
            headers: [
                ("Host", "examplebucket.s3.amazonaws.com"), ("Date", "Fri, 24 May 2013 00:00:00 GMT"),
                ("x-amz-storage-class", "REDUCED_REDUNDANCY"),
            ],
            payloadHash: SignatureV4.payloadHash(body),
            credentials: SignatureV4.Credentials(keyID: "AKIAIOSFODNN7EXAMPLE", secret: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", sessionToken: nil),
            region: "us-east-1", date: date)
        let headers = Dictionary(uniqueKeysWithValues: added.map { ($0.0, $0.1) })
        #expect(headers["x-amz-date"] == "20130524T000000Z")
        #expect(headers["x-amz-content-sha256"] == "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072")
        #expect(headers["x-amz-security-token"] == nil)
        #expect(
            headers["Authorization"]
                == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class, Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd")
        let parsed = try #require(SignatureV4.Authorization(header: headers["Authorization"]!))
        #expect(parsed.keyID == "AKIAIOSFODNN7EXAMPLE" && parsed.region == "us-east-1" && parsed.signedHeaders.count == 5)
        #expect(SignatureV4.Authorization(header: "Bearer abc") == nil)
    }

    @Test("a stage file encrypted with a material decrypts with its master key only; the envelope is Snowflake's")
    func encryptionRoundTrip() throws {
        for size in [16, 32] {
            let masterKey = Data((0..<size).map { UInt8($0) })
            let material = StageFileEncryption.Material(masterKey: masterKey, queryID: "q-1", smkID: "42")
            for length in [0, 1, 15, 16, 17, 1000] {
                let plaintext = Data((0..<length).map { UInt8(truncatingIfNeeded: $0 * 7) })
                let (ciphertext, envelope) = try StageFileEncryption.encrypt(plaintext, with: material)
                #expect(ciphertext.count == StageFileEncryption.encryptedSize(of: length), "PKCS#7 always pads")
                #expect(ciphertext.count == (length / 16 + 1) * 16)
                #expect(Data(base64Encoded: envelope.key)?.count == size + 16, "the wrapped key carries a padding block")
                #expect(Data(base64Encoded: envelope.iv)?.count == 16)
                #expect(envelope.materialDescription == #"{"queryId":"q-1","smkId":"42","keySize":"\#(size * 8)"}"#)
                #expect(envelope.smkID == "42")
                #expect(try StageFileEncryption.decrypt(ciphertext, envelope: envelope, masterKey: masterKey) == plaintext)
                let other = Data(repeating: 9, count: size)
                #expect(throws: StageFileEncryption.Failure.self) { _ = try StageFileEncryption.decrypt(ciphertext, envelope: envelope, masterKey: other) }
            }
        }
        let fixed = StageFileEncryption.Material(masterKey: Data(repeating: 1, count: 16), queryID: "q", smkID: "1")
        let key = Data(repeating: 2, count: 16), iv = Data(repeating: 3, count: 16)
        let first = try StageFileEncryption.encrypt(Data("same".utf8), with: fixed, fileKey: key, iv: iv)
        let second = try StageFileEncryption.encrypt(Data("same".utf8), with: fixed, fileKey: key, iv: iv)
        #expect(first.0 == second.0 && first.1 == second.1, "a given key and IV give the same bytes")
        #expect(try StageFileEncryption.encrypt(Data("same".utf8), with: fixed).0 != first.0, "fresh keys otherwise")
        #expect(StageFileEncryption.digest(Data("abc".utf8)) == "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=")
    }

    @Test("transfer answers read encryption material as one object, a list, or null, and smkId as a number or a string")
    func answers() throws {
        let info = #""stageInfo":{"locationType":"S3","location":"b/p/","region":"us-west-2","creds":{"AWS_KEY_ID":"k","AWS_SECRET_KEY":"s","AWS_TOKEN":null}}"#
        let upload = try JSONDecoder().decode(TransferAnswer.self, from: Data(
            #"{"command":"UPLOAD","src_locations":["/tmp/a.csv"],\#(info),"encryptionMaterial":{"queryStageMasterKey":"AAAAAAAAAAAAAAAAAAAAAA==","queryId":"q","smkId":7}}"#.utf8))
        #expect(upload.encryptionMaterial.map(\.smkId) == ["7"] && upload.stageInfo.creds == ["AWS_KEY_ID": "k", "AWS_SECRET_KEY": "s"])
        #expect(upload.encryptionMaterial.first?.material?.masterKey.count == 16)
        let download = try JSONDecoder().decode(TransferAnswer.self, from: Data(
            #"{"command":"DOWNLOAD","src_locations":["a","b"],\#(info),"encryptionMaterial":[{"queryStageMasterKey":"AA==","queryId":"q","smkId":"1"},null]}"#.utf8))
        #expect(download.encryptionMaterial.count == 1)
        let none = try JSONDecoder().decode(TransferAnswer.self, from: Data(#"{"command":"DOWNLOAD","src_locations":[],\#(info),"encryptionMaterial":null}"#.utf8))
        #expect(none.encryptionMaterial.isEmpty)

        let encoded = try JSONSerialization.jsonObject(with: JSONEncoder().encode(upload)) as? [String: Any]
        #expect(encoded?["encryptionMaterial"] is [String: Any], "UPLOAD carries one material")
        #expect(encoded?["src_locations"] as? [String] == ["/tmp/a.csv"])
        let listed = try JSONSerialization.jsonObject(with: JSONEncoder().encode(download)) as? [String: Any]
        #expect(listed?["encryptionMaterial"] is [Any], "DOWNLOAD carries a list")
        let empty = try JSONSerialization.jsonObject(with: JSONEncoder().encode(none)) as? [String: Any]
        #expect(empty?["encryptionMaterial"] is NSNull)
    }
}
