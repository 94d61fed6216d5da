import Foundation

/// The `data` of Snowflake's answer to a `PUT` or `GET` statement (the connector protocol's
/// query endpoint): what to move, where the stage's storage is, the temporary credentials for
/// it, and the encryption material. The client then moves the bytes itself.
public struct TransferAnswer: Codable, Sendable {
    /// `UPLOAD` for `PUT`, `DOWNLOAD` for `GET`.
    public var command: String
    /// `PUT`: the local file names as the statement gave them (the client expands wildcards).
    /// `GET`: the stage files, relative to ``StageInfo/location``.
    public var sourceLocations: [String]
    /// `GET`: the local directory.
    public var localLocation: String?
    /// How many files to move at once.
    public var parallel: Int?
    /// `PUT`: whether to gzip files that are not compressed.
    public var autoCompress: Bool?
    /// `PUT`: whether to replace files that exist.
    public var overwrite: Bool?
    /// `AUTO_DETECT`, `NONE`, `GZIP`, ... as the statement gave it.
    public var sourceCompression: String?
    /// Where the stage's files are, and the credentials to reach them.
    public var stageInfo: StageInfo
    /// `PUT`: one material for every file; `GET`: one per file, in ``sourceLocations``' order.
    /// Empty when the stage is not client-side encrypted.
    public var encryptionMaterial: [EncryptionMaterial]
    /// Files above this size are uploaded in parts.
    public var threshold: Int?
    /// The statement's query id.
    public var queryID: String?

    /// An answer from its parts.
    public init(
        command: String, sourceLocations: [String], localLocation: String? = nil, parallel: Int? = nil, autoCompress: Bool? = nil,
        overwrite: Bool? = nil, sourceCompression: String? = nil, stageInfo: StageInfo, encryptionMaterial: [EncryptionMaterial],
        threshold: Int? = nil, queryID: String? = nil
    ) {
        self.command = command
        self.sourceLocations = sourceLocations
        self.localLocation = localLocation
        self.parallel = parallel
        self.autoCompress = autoCompress
        self.overwrite = overwrite
        self.sourceCompression = sourceCompression
        self.stageInfo = stageInfo
        self.encryptionMaterial = encryptionMaterial
        self.threshold = threshold
        self.queryID = queryID
    }

    /// Where a stage's files are kept.
    public struct StageInfo: Codable, Sendable {
        /// `S3`, `AZURE` or `GCS`.
        public var locationType: String
        /// `bucket/path/`.
        public var location: String
        /// The location without the bucket.
        public var path: String?
        /// The storage's region.
        public var region: String?
        /// The storage endpoint: a host (`s3.us-west-2.amazonaws.com`), or a whole URL
        /// (`http://127.0.0.1:8080/emulator/s3/`), then addressed path-style.
        public var endPoint: String?
        /// Azure: the storage account.
        public var storageAccount: String?
        /// Whether files are encrypted by the client with the answer's material.
        public var isClientSideEncrypted: Bool?
        /// S3: whether to use the regional endpoint.
        public var useS3RegionalUrl: Bool?
        /// The temporary credentials: `AWS_KEY_ID`, `AWS_SECRET_KEY`, `AWS_TOKEN` (S3), `AZURE_SAS_TOKEN`, ...
        public var creds: [String: String]
        /// GCS: a presigned URL for the file.
        public var presignedUrl: String?

        /// A location from its parts.
        public init(
            locationType: String, location: String, path: String?, region: String?, endPoint: String?, storageAccount: String? = nil,
            isClientSideEncrypted: Bool?, useS3RegionalUrl: Bool? = nil, creds: [String: String], presignedUrl: String? = nil
        ) {
            self.locationType = locationType
            self.location = location
            self.path = path
            self.region = region
            self.endPoint = endPoint
            self.storageAccount = storageAccount
            self.isClientSideEncrypted = isClientSideEncrypted
            self.useS3RegionalUrl = useS3RegionalUrl
            self.creds = creds
            self.presignedUrl = presignedUrl
        }

        private enum CodingKeys: String, CodingKey {
            case locationType, location, path, region, endPoint, storageAccount, isClientSideEncrypted, useS3RegionalUrl, creds
            case presignedUrl
        }

        /// Decodes the wire form, leniently where Snowflake's answers vary.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            locationType = try c.decode(String.self, forKey: .locationType)
            location = try c.decode(String.self, forKey: .location)
            path = try c.decodeIfPresent(String.self, forKey: .path)
            region = try c.decodeIfPresent(String.self, forKey: .region)
            endPoint = try c.decodeIfPresent(String.self, forKey: .endPoint)
            storageAccount = try c.decodeIfPresent(String.self, forKey: .storageAccount)
            isClientSideEncrypted = try c.decodeIfPresent(Bool.self, forKey: .isClientSideEncrypted)
            useS3RegionalUrl = try c.decodeIfPresent(Bool.self, forKey: .useS3RegionalUrl)
            creds = (try? c.decodeIfPresent([String: String?].self, forKey: .creds))?.flatMap { $0.compactMapValues { $0 } } ?? [:]
            presignedUrl = try c.decodeIfPresent(String.self, forKey: .presignedUrl)
        }
    }

    /// One `encryptionMaterial` entry.
    public struct EncryptionMaterial: Codable, Sendable, Hashable {
        /// The stage master key, base64.
        public var queryStageMasterKey: String
        /// The statement's query id.
        public var queryId: String
        /// A string when the client says `SMK_ID_AS_STRING`, a number otherwise; read either way.
        public var smkId: String

        /// A material from its parts.
        public init(queryStageMasterKey: String, queryId: String, smkId: String) {
            self.queryStageMasterKey = queryStageMasterKey
            self.queryId = queryId
            self.smkId = smkId
        }

        /// Decodes the wire form, leniently where Snowflake's answers vary.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            queryStageMasterKey = try c.decode(String.self, forKey: .queryStageMasterKey)
            queryId = try c.decode(String.self, forKey: .queryId)
            if let text = try? c.decode(String.self, forKey: .smkId) { smkId = text } else { smkId = String(try c.decode(Int64.self, forKey: .smkId)) }
        }

        private enum CodingKeys: String, CodingKey { case queryStageMasterKey, queryId, smkId }

        /// The material as the encryption needs it; nil when the key is not base64.
        public var material: StageFileEncryption.Material? {
            Data(base64Encoded: queryStageMasterKey).map { StageFileEncryption.Material(masterKey: $0, queryID: queryId, smkID: smkId) }
        }
    }

    private enum CodingKeys: String, CodingKey {
        case command, localLocation, parallel, autoCompress, overwrite, sourceCompression, stageInfo, encryptionMaterial, threshold
        case sourceLocations = "src_locations"
        case queryID = "queryId"
    }

    /// Decodes the wire form; `encryptionMaterial` may be one object, a list or null.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        command = try c.decode(String.self, forKey: .command)
        sourceLocations = try c.decode([String].self, forKey: .sourceLocations)
        localLocation = try c.decodeIfPresent(String.self, forKey: .localLocation)
        parallel = try c.decodeIfPresent(Int.self, forKey: .parallel)
        autoCompress = try c.decodeIfPresent(Bool.self, forKey: .autoCompress)
        overwrite = try c.decodeIfPresent(Bool.self, forKey: .overwrite)
        sourceCompression = try c.decodeIfPresent(String.self, forKey: .sourceCompression)
        stageInfo = try c.decode(StageInfo.self, forKey: .stageInfo)
        if let many = try? c.decodeIfPresent([EncryptionMaterial?].self, forKey: .encryptionMaterial) {
            encryptionMaterial = many.compactMap { $0 }
        } else if let one = try c.decodeIfPresent(EncryptionMaterial.self, forKey: .encryptionMaterial) {
            encryptionMaterial = [one]
        } else {
            encryptionMaterial = []
        }
        threshold = try c.decodeIfPresent(Int.self, forKey: .threshold)
        queryID = try c.decodeIfPresent(String.self, forKey: .queryID)
    }

    /// Encodes `encryptionMaterial` as Snowflake does: one object for `UPLOAD`, a list for
    /// `DOWNLOAD`, null when there is none.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(command, forKey: .command)
        try c.encode(sourceLocations, forKey: .sourceLocations)
        try c.encodeIfPresent(localLocation, forKey: .localLocation)
        try c.encodeIfPresent(parallel, forKey: .parallel)
        try c.encodeIfPresent(autoCompress, forKey: .autoCompress)
        try c.encodeIfPresent(overwrite, forKey: .overwrite)
        try c.encodeIfPresent(sourceCompression, forKey: .sourceCompression)
        try c.encode(stageInfo, forKey: .stageInfo)
        if encryptionMaterial.isEmpty {
            try c.encodeNil(forKey: .encryptionMaterial)
        } else if command == "UPLOAD" {
            try c.encode(encryptionMaterial[0], forKey: .encryptionMaterial)
        } else {
            try c.encode(encryptionMaterial, forKey: .encryptionMaterial)
        }
        try c.encodeIfPresent(threshold, forKey: .threshold)
        try c.encodeIfPresent(queryID, forKey: .queryID)
    }
}

/// The S3 object metadata of a stage file.
public enum StageObjectMetadata {
    /// The wrapped file key.
    public static let key = "x-amz-meta-x-amz-key"
    /// The IV.
    public static let iv = "x-amz-meta-x-amz-iv"
    /// The material description.
    public static let materialDescription = "x-amz-meta-x-amz-matdesc"
    /// The SHA-256 of the file before encryption.
    public static let digest = "x-amz-meta-sfc-digest"
}
