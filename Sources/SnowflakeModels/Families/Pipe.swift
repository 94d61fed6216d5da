import Foundation

// MARK: Model

/// A pipe: a `COPY INTO <table>` statement Snowpipe runs on files arriving in a stage (`Pipe`
/// in the REST API v2 and in `snowflake.core`).
///
/// ```swift
/// try await schema.pipes.create(PipeModel(name: "load_events", copyStatement: "COPY INTO events FROM @landing"))
/// ```
public struct PipeModel: Codable, Hashable, Sendable {
    /// The pipe's name.
    public var name: String
    /// The `COPY INTO <table> FROM <@stage | (SELECT ... FROM @stage)>` statement the pipe runs.
    public var copyStatement: String
    /// A comment.
    public var comment: String?
    /// Whether files are loaded when the cloud storage announces them.
    public var autoIngest: Bool?
    /// The notification integration told about load errors.
    public var errorIntegration: String?
    /// The SNS topic an auto-ingest pipe listens to (Amazon S3).
    public var awsSnsTopic: String?
    /// The notification integration with the storage queue (Azure, Google Cloud).
    public var integration: String?

    /// When the pipe was created.
    @ReadOnly public var createdOn: Date?
    /// The containing database.
    @ReadOnly public var databaseName: String?
    /// The containing schema.
    @ReadOnly public var schemaName: String?
    /// The role that owns it.
    @ReadOnly public var owner: String?
    /// The `PATTERN` copy option of the statement, when it has one.
    @ReadOnly public var pattern: String?
    /// The kind of the owner.
    @ReadOnly public var ownerRoleType: String?
    /// What is wrong with the pipe, when something is.
    @ReadOnly public var invalidReason: String?
    /// The budget monitoring the pipe.
    @ReadOnly public var budget: String?

    /// A pipe definition.
    public init(
        name: String, copyStatement: String, comment: String? = nil, autoIngest: Bool? = nil, errorIntegration: String? = nil,
        awsSnsTopic: String? = nil, integration: String? = nil
    ) {
        self.name = name
        self.copyStatement = copyStatement
        self.comment = comment
        self.autoIngest = autoIngest
        self.errorIntegration = errorIntegration
        self.awsSnsTopic = awsSnsTopic
        self.integration = integration
    }

    private enum CodingKeys: String, CodingKey {
        case name
        case copyStatement = "copy_statement"
        case comment
        case autoIngest = "auto_ingest"
        case errorIntegration = "error_integration"
        case awsSnsTopic = "aws_sns_topic"
        case integration
        case createdOn = "created_on"
        case databaseName = "database_name"
        case schemaName = "schema_name"
        case owner, pattern
        case ownerRoleType = "owner_role_type"
        case invalidReason = "invalid_reason"
        case budget
    }
}

// MARK: Descriptor

extension PipeModel: SchemaObject, Taggable, ReportsOwnerRoleType, ReportsSchemaName {
    /// The family's descriptor.
    public static let descriptor = ResourceDescriptor(
        family: "pipe", objectKind: "Pipe", collectionPath: "pipes", listFilters: .like,
        columns: ["name", "copy_statement", "auto_ingest", "pattern", "owner", "created_on"])
}
