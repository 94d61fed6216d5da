import Foundation

// MARK: Model

/// A stage: a named place for data files, either internal (the files live in Snowflake) or
/// external (an `s3://`, `gcs://` or `azure://` location) (`Stage` in the REST API v2 and in
/// `snowflake.core`).
///
/// ```swift
/// let stages = root.databases["db"].schemas["public"].stages
/// try await stages.create(StageModel(name: "landing", encryption: StageEncryption(type: .snowflakeSSE)))
/// try await stages["landing"].put("/tmp/data.csv", "/in")        // stored as in/data.csv.gz
/// ```
public struct StageModel: Codable, Hashable, Sendable {
    /// The stage's name.
    public var name: String
    /// `PERMANENT` (default) or `TEMPORARY`.
    public var kind: StageKind?
    /// The external location (`s3://bucket/path/`); nil for an internal stage.
    public var url: String?
    /// The S3-compatible API endpoint (`s3compat://` stages only).
    public var endpoint: String?
    /// The storage integration that grants access to the external location.
    public var storageIntegration: String?
    /// A comment.
    public var comment: String?
    /// Credentials for the external location. Sent on create, never returned.
    public var credentials: StageCredentials?
    /// How the files are encrypted. Sent on create, never returned.
    public var encryption: StageEncryption?
    /// The stage's directory table settings.
    public var directoryTable: StageDirectoryTable?

    /// When the stage was created.
    @ReadOnly public var createdOn: Date?
    /// Whether the external stage was given credentials (always false for an internal stage).
    @ReadOnly public var hasCredentials: Bool?
    /// Whether the external stage has a client-side master key (always false for an internal stage).
    @ReadOnly public var hasEncryptionKey: Bool?
    /// The role that owns it.
    @ReadOnly public var owner: String?
    /// The kind of the owner.
    @ReadOnly public var ownerRoleType: String?
    /// The region of the stage's storage.
    @ReadOnly public var region: String?
    /// The cloud provider (`AWS`, `GCP`, `AZURE`); nil for an internal stage.
    @ReadOnly public var cloud: String?

    /// A stage definition; without `url` it is an internal stage.
    public init(
        name: String, kind: StageKind? = nil, url: String? = nil, endpoint: String? = nil, storageIntegration: String? = nil,
        comment: String? = nil, credentials: StageCredentials? = nil, encryption: StageEncryption? = nil,
        directoryTable: StageDirectoryTable? = nil
    ) {
        self.name = name
        self.kind = kind
        self.url = url
        self.endpoint = endpoint
        self.storageIntegration = storageIntegration
        self.comment = comment
        self.credentials = credentials
        self.encryption = encryption
        self.directoryTable = directoryTable
    }

    private enum CodingKeys: String, CodingKey {
        case name, kind, url, endpoint
        case storageIntegration = "storage_integration"
        case comment, credentials, encryption
        case directoryTable = "directory_table"
        case createdOn = "created_on"
        case hasCredentials = "has_credentials"
        case hasEncryptionKey = "has_encryption_key"
        case owner
        case ownerRoleType = "owner_role_type"
        case region, cloud
    }
}

// MARK: Nested types

/// Whether a stage outlives the session that created it.
public enum StageKind: String, Codable, Hashable, Sendable {
    /// Kept until dropped (the default).
    case permanent = "PERMANENT"
    /// Dropped at the end of the session that created it.
    case temporary = "TEMPORARY"
}

/// Credentials of an external stage, by cloud (`Credentials`, told apart on the wire by
/// `credential_type`). Write-only: Snowflake never returns them.
public enum StageCredentials: Hashable, Sendable {
    /// AWS keys or role (`AWS`).
    case aws(StageAwsCredentials)
    /// An Azure shared access signature (`AZURE`).
    case azure(StageAzureCredentials)

    /// The wire discriminator: `AWS` or `AZURE`.
    public var credentialType: String {
        switch self {
        case .aws: "AWS"
        case .azure: "AZURE"
        }
    }
}

extension StageCredentials: Codable {
    private enum CodingKeys: String, CodingKey {
        case credentialType = "credential_type"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .credentialType)
        switch type {
        case "AWS": self = .aws(try StageAwsCredentials(from: decoder))
        case "AZURE": self = .azure(try StageAzureCredentials(from: decoder))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .credentialType, in: container, debugDescription: "unknown credential_type '\(type)' (expected AWS or AZURE)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .aws(let credentials): try credentials.encode(to: encoder)
        case .azure(let credentials): try credentials.encode(to: encoder)
        }
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(credentialType, forKey: .credentialType)
    }
}

/// AWS credentials of an S3 stage (`AwsCredentials`): keys (with an optional session token) or
/// an IAM role.
public struct StageAwsCredentials: Codable, Hashable, Sendable {
    /// The access key id.
    public var awsKeyId: String?
    /// The secret access key.
    public var awsSecretKey: String?
    /// A session token from AWS STS.
    public var awsToken: String?
    /// The ARN of the IAM role to assume instead of keys.
    public var awsRole: String?

    /// AWS credentials.
    public init(awsKeyId: String? = nil, awsSecretKey: String? = nil, awsToken: String? = nil, awsRole: String? = nil) {
        self.awsKeyId = awsKeyId
        self.awsSecretKey = awsSecretKey
        self.awsToken = awsToken
        self.awsRole = awsRole
    }

    private enum CodingKeys: String, CodingKey {
        case awsKeyId = "aws_key_id"
        case awsSecretKey = "aws_secret_key"
        case awsToken = "aws_token"
        case awsRole = "aws_role"
    }
}

/// Azure credentials of an Azure stage (`AzureCredentials`).
public struct StageAzureCredentials: Codable, Hashable, Sendable {
    /// The shared access signature token.
    public var azureSasToken: String?

    /// Azure credentials.
    public init(azureSasToken: String? = nil) {
        self.azureSasToken = azureSasToken
    }

    private enum CodingKeys: String, CodingKey {
        case azureSasToken = "azure_sas_token"
    }
}

/// How a stage's files are encrypted (the spec's inline `encryption` object). Write-only.
public struct StageEncryption: Codable, Hashable, Sendable {
    /// The encryption type.
    public var type: EncryptionType?
    /// The client-side master key, 128 or 256 bits in Base64 (`AWS_CSE`, `AZURE_CSE`).
    public var masterKey: String?
    /// The KMS key (`AWS_SSE_KMS`, `GCS_SSE_KMS`).
    public var kmsKeyId: String?

    /// An encryption setting.
    public init(type: EncryptionType? = nil, masterKey: String? = nil, kmsKeyId: String? = nil) {
        self.type = type
        self.masterKey = masterKey
        self.kmsKeyId = kmsKeyId
    }

    /// The encryption types Snowflake knows.
    public enum EncryptionType: String, Codable, Hashable, Sendable {
        /// Client-side and server-side encryption by Snowflake (internal stages' default).
        case snowflakeFull = "SNOWFLAKE_FULL"
        /// Server-side encryption only (internal stages; needed for presigned URLs).
        case snowflakeSSE = "SNOWFLAKE_SSE"
        /// Client-side encryption with a master key (S3).
        case awsCSE = "AWS_CSE"
        /// S3-managed server-side encryption.
        case awsSSES3 = "AWS_SSE_S3"
        /// KMS-managed server-side encryption (S3).
        case awsSSEKMS = "AWS_SSE_KMS"
        /// KMS-managed server-side encryption (GCS).
        case gcsSSEKMS = "GCS_SSE_KMS"
        /// Client-side encryption with a master key (Azure).
        case azureCSE = "AZURE_CSE"
        /// No encryption.
        case none = "NONE"
    }

    private enum CodingKeys: String, CodingKey {
        case type
        case masterKey = "master_key"
        case kmsKeyId = "kms_key_id"
    }
}

/// A stage's directory table settings (the spec's inline `directory_table` object).
public struct StageDirectoryTable: Codable, Hashable, Sendable {
    /// Whether the stage has a directory table (false by default).
    public var enable: Bool?
    /// Whether the directory table is refreshed once when the stage is created (true by default).
    public var refreshOnCreate: Bool?
    /// Whether cloud events refresh the directory table (external stages; false by default).
    public var autoRefresh: Bool?
    /// The notification integration that delivers those events.
    public var notificationIntegration: String?

    /// Directory table settings.
    public init(enable: Bool? = nil, refreshOnCreate: Bool? = nil, autoRefresh: Bool? = nil, notificationIntegration: String? = nil) {
        self.enable = enable
        self.refreshOnCreate = refreshOnCreate
        self.autoRefresh = autoRefresh
        self.notificationIntegration = notificationIntegration
    }

    private enum CodingKeys: String, CodingKey {
        case enable
        case refreshOnCreate = "refresh_on_create"
        case autoRefresh = "auto_refresh"
        case notificationIntegration = "notification_integration"
    }
}

/// A file on a stage, as listing shows it (`StageFile`).
public struct StageFile: Codable, Hashable, Sendable {
    /// The file's name with the stage's name in front (`my_stage/dir/data.csv.gz`).
    public var name: String?
    /// The size in bytes, as a decimal string.
    @ReadOnly public var size: String?
    /// The MD5 digest of the stored bytes, in hex.
    @ReadOnly public var md5: String?
    /// When the file was last written (`Tue, 1 Dec 2026 20:28:21 GMT`).
    @ReadOnly public var lastModified: String?

    /// A file reference by name.
    public init(name: String? = nil) {
        self.name = name
    }

    private enum CodingKeys: String, CodingKey {
        case name, size, md5
        case lastModified = "last_modified"
    }
}

/// The body of a presigned URL request (`PresignedUrlRequest`).
public struct PresignedUrlRequest: Codable, Hashable, Sendable {
    /// How long the URL works, in seconds.
    public var expirationTime: Int?

    /// A request for a URL valid for `expirationTime` seconds (the server's default when nil).
    public init(expirationTime: Int? = nil) {
        self.expirationTime = expirationTime
    }

    private enum CodingKeys: String, CodingKey {
        case expirationTime = "expiration_time"
    }
}

/// What a presigned URL request returns (`FileTransferMaterial`).
public struct FileTransferMaterial: Codable, Hashable, Sendable {
    /// A URL that downloads the file without other credentials until it expires. Never log it.
    public var presignedUrl: String?

    /// Transfer material.
    public init(presignedUrl: String? = nil) {
        self.presignedUrl = presignedUrl
    }

    private enum CodingKeys: String, CodingKey {
        case presignedUrl = "presigned_url"
    }
}

// MARK: Descriptor

extension StageModel: SchemaObject, ReportsOwnerRoleType {
    /// The family's descriptor.
    public static let descriptor = ResourceDescriptor(
        family: "stage", objectKind: "Stage", collectionPath: "stages", listFilters: [.like],
        columns: ["name", "kind", "url", "cloud", "comment", "owner", "created_on"])
}
