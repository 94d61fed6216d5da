import Foundation
import SnowflakeCore
import SnowflakeEmulator
import SnowflakeTestSupport
import Testing

@Suite("External volumes end to end")
struct ExternalVolumeTests {
    static let role = "arn:aws:iam::123456789012:role/lake"

    static func s3(_ name: String = "us-west", encryption: ExternalVolumeEncryption? = nil, externalId: String? = nil) -> ExternalVolumeStorageLocation {
        .s3(ExternalVolumeAWSLocation(
            name: name, storageBaseUrl: "s3://lake-bucket/iceberg/", storageAwsRoleArn: role, storageAwsExternalId: externalId,
            encryption: encryption))
    }

    @Test("every provider round-trips with its fields; the server fills writes, encryption and the AWS external id")
    func providers() async throws {
        try await TestEmulator.withRoot { root, _ in
            let locations: [ExternalVolumeStorageLocation] = [
                Self.s3(encryption: .awsSSEKMS(keyId: "1234abcd-12ab-34cd-56ef-1234567890ab")),
                .s3Gov(ExternalVolumeAWSLocation(
                    name: "gov", storageBaseUrl: "s3gov://gov-bucket/", storageAwsRoleArn: "arn:aws-us-gov:iam::123456789012:role/gov",
                    storageAwsExternalId: "my-external-id", encryption: ExternalVolumeEncryption(type: .awsSSES3))),
                .gcs(ExternalVolumeGCSLocation(name: "eu", storageBaseUrl: "gcs://lake-eu/data/", encryption: .gcsSSEKMS(keyId: "projects/p/keys/k"))),
                .gcs(ExternalVolumeGCSLocation(name: "eu-plain", storageBaseUrl: "gcs://lake-eu/plain/")),
                .azure(ExternalVolumeAzureLocation(
                    name: "azure", storageBaseUrl: "azure://lake.blob.core.windows.net/iceberg/", azureTenantId: "a123b4c5-1234-123a-a12b-1a23b45678c9")),
            ]
            try await root.externalVolumes.create(ExternalVolumeModel(name: "lake", storageLocations: locations, comment: "iceberg"))
            let volume = try await root.externalVolumes["lake"].fetch()
            #expect(volume.name == "LAKE")
            #expect(volume.allowWrites == true)
            #expect(volume.comment == "iceberg")
            #expect(volume.owner == "ACCOUNTADMIN")
            #expect(volume.ownerRoleType == "ROLE")
            #expect(volume.createdOn != nil)
            #expect(volume.storageLocations.map(\.storageProvider) == ["S3", "S3GOV", "GCS", "GCS", "AZURE"])
            guard case .s3(let s3) = volume.storageLocations[0], case .s3Gov(let gov) = volume.storageLocations[1],
                case .gcs(let gcs) = volume.storageLocations[2], case .gcs(let plain) = volume.storageLocations[3],
                case .azure(let azure) = volume.storageLocations[4]
            else { Issue.record("providers changed: \(volume.storageLocations)"); return }
            #expect(s3.encryption == .awsSSEKMS(keyId: "1234abcd-12ab-34cd-56ef-1234567890ab"))
            #expect(s3.storageAwsRoleArn == Self.role)
            #expect(s3.storageAwsExternalId?.hasPrefix("EMULATOR_SFCRole=2_") == true)
            #expect(gov.storageAwsExternalId == "my-external-id")
            #expect(gov.encryption?.type == .awsSSES3)
            #expect(gcs.encryption == .gcsSSEKMS(keyId: "projects/p/keys/k"))
            #expect(plain.encryption == ExternalVolumeEncryption(type: .noEncryption))
            #expect(azure.azureTenantId == "a123b4c5-1234-123a-a12b-1a23b45678c9")

            try await root.externalVolumes.create(ExternalVolumeModel(name: "lake2", storageLocations: [Self.s3()], allowWrites: false))
            let second = try await root.externalVolumes["lake2"].fetch()
            #expect(second.allowWrites == false)
            guard case .s3(let again) = second.storageLocations[0] else { return }
            #expect(again.storageAwsExternalId != s3.storageAwsExternalId, "the generated id depends on the volume")
        }
    }

    @Test("the generated AWS external id is the same for the same account, volume and location")
    func externalIdIsDeterministic() async throws {
        var ids: [String?] = []
        for _ in 0..<2 {
            ids.append(try await TestEmulator.withRoot { root, _ -> String? in
                try await root.externalVolumes.create(ExternalVolumeModel(name: "lake", storageLocations: [Self.s3()]))
                guard case .s3(let location) = try await root.externalVolumes["lake"].fetch().storageLocations[0] else { return nil }
                return location.storageAwsExternalId
            })
        }
        #expect(ids.count == 2 && ids[0] != nil && ids[0] == ids[1])
    }

    static let invalid: [(String, String)] = [
        (#"{"name":"v","storage_locations":[]}"#, "at least one storage location"),
        (#"{"name":"v"}"#, "storage_locations"),
        (#"{"name":"v","storage_locations":[{"name":"a","storage_provider":"S3","storage_base_url":"s3://b/"}]}"#, "storage_aws_role_arn"),
        (#"{"name":"v","storage_locations":[{"name":"a","storage_provider":"AZURE","storage_base_url":"azure://x/"}]}"#, "azure_tenant_id"),
        (#"{"name":"v","storage_locations":[{"name":"a","storage_base_url":"s3://b/"}]}"#, "storage_provider"),
        (#"{"name":"v","storage_locations":[{"name":"a","storage_provider":"R2","storage_base_url":"r2://b/"}]}"#, "R2"),
        (#"{"name":"v","storage_locations":[{"name":"a","storage_provider":"GCS","storage_base_url":"s3://b/"}]}"#, "gcs://"),
        (#"{"name":"v","storage_locations":[{"name":"a","storage_provider":"S3","storage_base_url":"s3://b/","storage_aws_role_arn":"arn"}]}"#, "storage_aws_role_arn"),
        (#"{"name":"v","storage_locations":[{"name":"a","storage_provider":"GCS","storage_base_url":"gcs://b/","encryption":{"type":"AWS_SSE_S3"}}]}"#, "AWS_SSE_S3"),
        (#"{"name":"v","storage_locations":[{"name":"a","storage_provider":"GCS","storage_base_url":"gcs://b/","encryption":{"type":"NONE","kms_key_id":"k"}}]}"#, "kms_key_id"),
        (#"{"name":"v","storage_locations":[{"name":"a","storage_provider":"GCS","storage_base_url":"gcs://b/","encryption":{"type":"ROT13"}}]}"#, "encryption"),
        (#"{"name":"v","storage_locations":[{"name":"a","storage_provider":"GCS","storage_base_url":"gcs://b/"},{"name":"a","storage_provider":"GCS","storage_base_url":"gcs://c/"}]}"#, "more than once"),
    ]

    @Test("a bad definition is a 400 that says what is wrong, and nothing is created", arguments: invalid)
    func validation(_ body: String, _ mentioned: String) async throws {
        try await TestEmulator.withRoot { root, emulator in
            let answer = try await RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken).send("POST", "/api/v2/external-volumes", body: body)
            #expect(answer.status == 400)
            #expect((answer.object?["message"] as? String)?.contains(mentioned) == true, "\(answer.text)")
            let created = try await root.externalVolumes.list().collect()
            #expect(created.isEmpty)
        }
    }

    @Test("create modes and like; drop then undrop within a day, not after")
    func lifecycle() async throws {
        let clock = ManualClock()
        try await TestEmulator.withRoot(TestEmulator.configuration(clock: clock)) { root, _ in
            let volumes = root.externalVolumes
            try await volumes.create(ExternalVolumeModel(name: "ev_a", storageLocations: [Self.s3()], comment: "first"))
            try await volumes.create(ExternalVolumeModel(name: "ev_b", storageLocations: [Self.s3()]))
            try await volumes.create(ExternalVolumeModel(name: "other", storageLocations: [Self.s3()]))
            #expect(await capturedError { try await volumes.create(ExternalVolumeModel(name: "EV_A", storageLocations: [Self.s3()])) }?.code == .conflict)
            try await volumes.create(ExternalVolumeModel(name: "ev_a", storageLocations: [Self.s3()], comment: "second"), mode: .ifNotExists)
            #expect(try await volumes["ev_a"].fetch().comment == "first")
            try await volumes.create(ExternalVolumeModel(name: "ev_a", storageLocations: [Self.s3("other-loc")], comment: "third"), mode: .orReplace)
            #expect(try await volumes["ev_a"].fetch().storageLocations.map(\.name) == ["other-loc"])
            #expect(try await volumes.list(like: "EV%").collect().map(\.name) == ["EV_A", "EV_B"])
            #expect(await capturedError { _ = try await volumes.list(startsWith: "EV").collect() }?.code == .invalidArgument)

            try await volumes["ev_b"].drop()
            #expect(await capturedError { _ = try await volumes["ev_b"].fetch() }?.code == .notFound)
            #expect(await capturedError { try await volumes["ev_b"].drop() }?.code == .notFound)
            try await volumes["ev_b"].drop(ifExists: true)
            try await volumes["ev_b"].undrop()
            #expect(try await volumes["ev_b"].fetch().name == "EV_B")
            #expect(await capturedError { try await volumes["ev_b"].undrop() }?.code == .conflict)

            try await volumes["ev_b"].drop()
            clock.advance(by: 86_400 + 1)
            let purged = await capturedError { try await volumes["ev_b"].undrop() }
            #expect(purged?.code == .badRequest)
            #expect(purged?.snowflakeCode == "090025")
        }
    }
}
