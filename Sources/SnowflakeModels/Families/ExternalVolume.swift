import Foundation

// MARK: Model

/// An external volume: named cloud storage locations Iceberg tables write to
/// (`ExternalVolume` in the REST API v2 and in `snowflake.core`).
///
/// ```swift
/// try await root.externalVolumes.create(ExternalVolumeModel(name: "lake", storageLocations: [
///     .s3(ExternalVolumeAWSLocation(
///         name: "us-west", storageBaseUrl: "s3://my-bucket/iceberg/",
///         storageAwsRoleArn: "arn:aws:iam::123456789012:role/lake", encryption: .awsSSEKMS(keyId: "1234abcd")))
/// ]))
/// ```
public struct ExternalVolumeModel: Codable, Hashable, Sendable {
    /// The volume's name.
    public var name: String
    /// Its storage locations, at least one, each with a unique name.
    public var storageLocations: [ExternalVolumeStorageLocation]
    /// Whether writes are allowed (true by default; required for Snowflake-managed Iceberg tables).
    public var allowWrites: Bool?
    /// A comment.
    public var comment: String?

    /// When the volume was created.
    @ReadOnly public var createdOn: Date?
    /// The role that owns it.
    @ReadOnly public var owner: String?
    /// The kind of the owner.
    @ReadOnly public var ownerRoleType: String?

    /// An external volume definition.
    public init(name: String, storageLocations: [ExternalVolumeStorageLocation], allowWrites: Bool? = nil, comment: String? = nil) {
        self.name = name
        self.storageLocations = storageLocations
        self.allowWrites = allowWrites
        self.comment = comment
    }

    private enum CodingKeys: String, CodingKey {
        case name
        case storageLocations = "storage_locations"
        case allowWrites = "allow_writes"
        case comment
        case createdOn = "created_on"
        case owner
        case ownerRoleType = "owner_role_type"
    }
}

// MARK: Nested types

/// One storage location of an external volume, by cloud provider (`StorageLocation`, told apart
/// on the wire by `storage_provider`).
public enum ExternalVolumeStorageLocation: Hashable, Sendable {
    /// Amazon S3 (`S3`).
    case s3(ExternalVolumeAWSLocation)
    /// Amazon S3 in AWS GovCloud (`S3GOV`).
    case s3Gov(ExternalVolumeAWSLocation)
    /// Google Cloud Storage (`GCS`).
    case gcs(ExternalVolumeGCSLocation)
    /// Microsoft Azure storage (`AZURE`).
    case azure(ExternalVolumeAzureLocation)

    /// The location's name.
    public var name: String {
        switch self {
        case .s3(let location), .s3Gov(let location): location.name
        case .gcs(let location): location.name
        case .azure(let location): location.name
        }
    }

    /// The wire discriminator: `S3`, `S3GOV`, `GCS` or `AZURE`.
    public var storageProvider: String {
        switch self {
        case .s3: "S3"
        case .s3Gov: "S3GOV"
        case .gcs: "GCS"
        case .azure: "AZURE"
        }
    }

    /// The location's base URL (`s3://bucket/path/`, `gcs://...`, `azure://...`).
    public var storageBaseUrl: String {
        switch self {
        case .s3(let location), .s3Gov(let location): location.storageBaseUrl
        case .gcs(let location): location.storageBaseUrl
        case .azure(let location): location.storageBaseUrl
        }
    }
}

extension ExternalVolumeStorageLocation: Codable {
    private enum CodingKeys: String, CodingKey {
        case storageProvider = "storage_provider"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let provider = try container.decode(String.self, forKey: .storageProvider)
        switch provider {
        case "S3": self = .s3(try ExternalVolumeAWSLocation(from: decoder))
        case "S3GOV": self = .s3Gov(try ExternalVolumeAWSLocation(from: decoder))
        case "GCS": self = .gcs(try ExternalVolumeGCSLocation(from: decoder))
        case "AZURE": self = .azure(try ExternalVolumeAzureLocation(from: decoder))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .storageProvider, in: container,
                debugDescription: "unknown storage_provider '\(provider)' (expected S3, S3GOV, GCS or AZURE)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .s3(let location), .s3Gov(let location): try location.encode(to: encoder)
        case .gcs(let location): try location.encode(to: encoder)
        case .azure(let location): try location.encode(to: encoder)
        }
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(storageProvider, forKey: .storageProvider)
    }
}

/// An Amazon S3 or S3 GovCloud location (`StorageLocationS3`, `StorageLocationS3Gov`).
public struct ExternalVolumeAWSLocation: Codable, Hashable, Sendable {
    /// The location's name, unique in its volume.
    public var name: String
    /// `s3://bucket/path/` (`s3gov://` for GovCloud).
    public var storageBaseUrl: String
    /// The IAM role Snowflake assumes to reach the bucket (`arn:aws:iam::<account>:role/<name>`).
    public var storageAwsRoleArn: String
    /// The external id of the trust relationship; Snowflake generates one when none is given.
    public var storageAwsExternalId: String?
    /// How files written to the bucket are encrypted (`NONE` when not given).
    public var encryption: ExternalVolumeEncryption?

    /// An S3 location.
    public init(
        name: String, storageBaseUrl: String, storageAwsRoleArn: String, storageAwsExternalId: String? = nil,
        encryption: ExternalVolumeEncryption? = nil
    ) {
        self.name = name
        self.storageBaseUrl = storageBaseUrl
        self.storageAwsRoleArn = storageAwsRoleArn
        self.storageAwsExternalId = storageAwsExternalId
        self.encryption = encryption
    }

    private enum CodingKeys: String, CodingKey {
        case name
        case storageBaseUrl = "storage_base_url"
        case storageAwsRoleArn = "storage_aws_role_arn"
        case storageAwsExternalId = "storage_aws_external_id"
        case encryption
    }
}

/// A Google Cloud Storage location (`StorageLocationGcs`).
public struct ExternalVolumeGCSLocation: Codable, Hashable, Sendable {
    /// The location's name, unique in its volume.
    public var name: String
    /// `gcs://bucket/path/`.
    public var storageBaseUrl: String
    /// How files written to the bucket are encrypted (`NONE` when not given).
    public var encryption: ExternalVolumeEncryption?

    /// A GCS location.
    public init(name: String, storageBaseUrl: String, encryption: ExternalVolumeEncryption? = nil) {
        self.name = name
        self.storageBaseUrl = storageBaseUrl
        self.encryption = encryption
    }

    private enum CodingKeys: String, CodingKey {
        case name
        case storageBaseUrl = "storage_base_url"
        case encryption
    }
}

/// A Microsoft Azure location (`StorageLocationAzure`).
public struct ExternalVolumeAzureLocation: Codable, Hashable, Sendable {
    /// The location's name, unique in its volume.
    public var name: String
    /// `azure://<account>.blob.core.windows.net/<container>/<path>/`.
    public var storageBaseUrl: String
    /// The Office 365 tenant the storage account belongs to.
    public var azureTenantId: String

    /// An Azure location.
    public init(name: String, storageBaseUrl: String, azureTenantId: String) {
        self.name = name
        self.storageBaseUrl = storageBaseUrl
        self.azureTenantId = azureTenantId
    }

    private enum CodingKeys: String, CodingKey {
        case name
        case storageBaseUrl = "storage_base_url"
        case azureTenantId = "azure_tenant_id"
    }
}

/// How a storage location's files are encrypted (`Encryption`).
public struct ExternalVolumeEncryption: Codable, Hashable, Sendable {
    /// The encryption types.
    public enum EncryptionType: String, Codable, Hashable, Sendable {
        /// No encryption (`NONE`; not `.none`, which would read as a missing value).
        case noEncryption = "NONE"
        /// S3 server-side encryption with S3-managed keys.
        case awsSSES3 = "AWS_SSE_S3"
        /// S3 server-side encryption with a KMS key.
        case awsSSEKMS = "AWS_SSE_KMS"
        /// GCS server-side encryption with a Cloud KMS key.
        case gcsSSEKMS = "GCS_SSE_KMS"
    }

    /// The encryption type.
    public var type: EncryptionType
    /// The KMS key, for the `*_SSE_KMS` types (an id, not a secret).
    public var kmsKeyId: String?

    /// An encryption setting.
    public init(type: EncryptionType, kmsKeyId: String? = nil) {
        self.type = type
        self.kmsKeyId = kmsKeyId
    }

    /// S3 server-side encryption with a KMS key.
    public static func awsSSEKMS(keyId: String? = nil) -> ExternalVolumeEncryption { .init(type: .awsSSEKMS, kmsKeyId: keyId) }
    /// GCS server-side encryption with a Cloud KMS key.
    public static func gcsSSEKMS(keyId: String? = nil) -> ExternalVolumeEncryption { .init(type: .gcsSSEKMS, kmsKeyId: keyId) }

    private enum CodingKeys: String, CodingKey {
        case type
        case kmsKeyId = "kms_key_id"
    }
}

// MARK: Descriptor

extension ExternalVolumeModel: AccountObject, Undroppable, ReportsOwnerRoleType {
    /// The family's descriptor.
    public static let descriptor = ResourceDescriptor(
        family: "external-volume", objectKind: "External volume", collectionPath: "external-volumes", listFilters: [.like],
        columns: ["name", "allow_writes", "comment", "owner", "created_on"])
}
