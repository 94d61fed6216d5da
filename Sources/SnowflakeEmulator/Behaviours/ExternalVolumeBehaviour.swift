import Crypto
import Foundation
import SnowflakeModels

/// External volumes: at least one storage location, unique location names, each location's URL,
/// role and encryption checked for its provider, and the defaults Snowflake fills in (writes
/// allowed, encryption `NONE`, a generated AWS external id). Dropped volumes can be undropped
/// for a day.
struct ExternalVolumeBehaviour: FamilyBehaviour {
    typealias Family = ExternalVolumeModel

    func prepare(_ model: inout ExternalVolumeModel, serverState: inout [String: JSONValue], existing: StoredObject<ExternalVolumeModel>?, context: StoreContext) throws {
        guard !model.storageLocations.isEmpty else {
            throw EmulatorError.badRequest("An external volume needs at least one storage location (storage_locations is empty).")
        }
        var seen: Set<String> = []
        let volume = try Identifier.resolve(model.name)
        model.storageLocations = try model.storageLocations.map { location in
            guard !location.name.isEmpty else { throw EmulatorError.badRequest("A storage location needs a name.") }
            guard seen.insert(location.name).inserted else {
                throw EmulatorError.badRequest("Storage location name '\(location.name)' is used more than once; each location needs its own name.")
            }
            return try Self.checked(location, volume: volume, account: context.services.configuration.accountName)
        }
        model.allowWrites = model.allowWrites ?? true
    }

    /// A location checked for its provider, with Snowflake's defaults filled in.
    static func checked(_ location: ExternalVolumeStorageLocation, volume: String, account: String) throws -> ExternalVolumeStorageLocation {
        let scheme = ["S3": "s3://", "S3GOV": "s3gov://", "GCS": "gcs://", "AZURE": "azure://"][location.storageProvider]!
        guard location.storageBaseUrl.lowercased().hasPrefix(scheme), location.storageBaseUrl.count > scheme.count else {
            throw EmulatorError.badRequest(
                "Invalid storage_base_url '\(location.storageBaseUrl)' for \(location.storageProvider) location '\(location.name)': it must start with \(scheme).")
        }
        switch location {
        case .s3(var aws), .s3Gov(var aws):
            guard aws.storageAwsRoleArn.wholeMatch(of: /arn:aws(-[a-z]+)*:iam::[0-9]{12}:role\/.+/) != nil else {
                throw EmulatorError.badRequest(
                    "Invalid storage_aws_role_arn '\(aws.storageAwsRoleArn)' for location '\(aws.name)': expected arn:aws:iam::<12-digit account>:role/<role name>.")
            }
            aws.encryption = try encryption(aws.encryption, allowed: [.noEncryption, .awsSSES3, .awsSSEKMS], location: aws.name)
            aws.storageAwsExternalId = aws.storageAwsExternalId ?? externalID(account: account, volume: volume, location: aws.name)
            if case .s3 = location { return .s3(aws) }
            return .s3Gov(aws)
        case .gcs(var gcs):
            gcs.encryption = try encryption(gcs.encryption, allowed: [.noEncryption, .gcsSSEKMS], location: gcs.name)
            return .gcs(gcs)
        case .azure(let azure):
            guard !azure.azureTenantId.isEmpty else {
                throw EmulatorError.badRequest("Azure location '\(azure.name)' needs an azure_tenant_id.")
            }
            return .azure(azure)
        }
    }

    /// The encryption setting checked against the provider's types; `NONE` when not given.
    private static func encryption(
        _ encryption: ExternalVolumeEncryption?, allowed: [ExternalVolumeEncryption.EncryptionType], location: String
    ) throws -> ExternalVolumeEncryption {
        guard let encryption else { return ExternalVolumeEncryption(type: .noEncryption) }
        guard allowed.contains(encryption.type) else {
            throw EmulatorError.badRequest(
                "Encryption type \(encryption.type.rawValue) is not available for location '\(location)': use \(allowed.map(\.rawValue).joined(separator: ", ")).")
        }
        if encryption.kmsKeyId != nil, encryption.type != .awsSSEKMS, encryption.type != .gcsSSEKMS {
            throw EmulatorError.badRequest("kms_key_id is only allowed with AWS_SSE_KMS or GCS_SSE_KMS encryption (location '\(location)').")
        }
        return encryption
    }

    /// The external id Snowflake would generate for a location: `<ACCOUNT>_SFCRole=2_<28
    /// base64 characters>`, here derived from the account, volume and location names so it is
    /// the same every time.
    static func externalID(account: String, volume: String, location: String) -> String {
        let digest = SHA256.hash(data: Data("\(account.uppercased())|\(volume)|\(location)".utf8))
        return "\(account.uppercased())_SFCRole=2_" + Data(digest).base64EncodedString().prefix(28)
    }
}
