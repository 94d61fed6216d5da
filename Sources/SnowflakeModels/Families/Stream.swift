import Foundation

// MARK: Model

/// A stream: a record of the changes made to a table, view or stage since a point, read
/// with SQL (`Stream` in the REST API v2 and in `snowflake.core`).
///
/// ```swift
/// try await schema.streams.create(StreamModel(name: "orders_changes", streamSource: .onTable("orders", appendOnly: true)))
/// ```
public struct StreamModel: Codable, Hashable, Sendable {
    /// The stream's name.
    public var name: String
    /// What the stream tracks.
    public var streamSource: StreamSource
    /// A comment.
    public var comment: String?

    /// When the stream was created.
    @ReadOnly public var createdOn: Date?
    /// The containing database.
    @ReadOnly public var databaseName: String?
    /// The containing schema.
    @ReadOnly public var schemaName: String?
    /// The role that owns it.
    @ReadOnly public var owner: String?
    /// The tracked object's name (its database and schema are in ``streamSource``).
    @ReadOnly public var tableName: String?
    /// Whether the stream's offset has left the source's retention, so it can no longer be read.
    @ReadOnly public var stale: Bool?
    /// `DEFAULT`, `APPEND_ONLY` or `INSERT_ONLY`.
    @ReadOnly public var mode: String?
    /// When the stream becomes (or became) stale unless it is consumed.
    @ReadOnly public var staleAfter: Date?
    /// Why the stream cannot be read; `N/A` when it can.
    @ReadOnly public var invalidReason: String?
    /// The kind of the owner.
    @ReadOnly public var ownerRoleType: String?
    /// The kind of stream: `DELTA`.
    @ReadOnly public var type: String?

    /// A stream definition.
    public init(name: String, streamSource: StreamSource, comment: String? = nil) {
        self.name = name
        self.streamSource = streamSource
        self.comment = comment
    }

    private enum CodingKeys: String, CodingKey {
        case name
        case streamSource = "stream_source"
        case comment
        case createdOn = "created_on"
        case databaseName = "database_name"
        case schemaName = "schema_name"
        case owner
        case tableName = "table_name"
        case stale, mode
        case staleAfter = "stale_after"
        case invalidReason = "invalid_reason"
        case ownerRoleType = "owner_role_type"
        case type
    }
}

// MARK: Nested types

/// What a stream tracks, by `src_type`: a table, an external table, a view or a stage.
/// The source's database and schema default to the stream's.
public enum StreamSource: Hashable, Sendable {
    /// Changes to a table (`src_type` `table`).
    case table(StreamSourceTable)
    /// Files added to an external table (`external_table`).
    case externalTable(StreamSourceExternalTable)
    /// Changes to the tables under a view (`view`).
    case view(StreamSourceView)
    /// Files in a stage's directory table (`stage`).
    case stage(StreamSourceStage)

    /// A table source.
    public static func onTable(
        _ name: String, database: String? = nil, schema: String? = nil, appendOnly: Bool? = nil, showInitialRows: Bool? = nil,
        at pointOfTime: StreamPointOfTime? = nil
    ) -> StreamSource {
        .table(StreamSourceTable(name: name, databaseName: database, schemaName: schema, appendOnly: appendOnly,
                                 showInitialRows: showInitialRows, pointOfTime: pointOfTime))
    }

    /// A view source.
    public static func onView(
        _ name: String, database: String? = nil, schema: String? = nil, appendOnly: Bool? = nil, showInitialRows: Bool? = nil,
        at pointOfTime: StreamPointOfTime? = nil
    ) -> StreamSource {
        .view(StreamSourceView(name: name, databaseName: database, schemaName: schema, appendOnly: appendOnly,
                               showInitialRows: showInitialRows, pointOfTime: pointOfTime))
    }

    /// A stage source.
    public static func onStage(_ name: String, database: String? = nil, schema: String? = nil) -> StreamSource {
        .stage(StreamSourceStage(name: name, databaseName: database, schemaName: schema))
    }

    /// An external-table source; Snowflake tracks external tables insert-only.
    public static func onExternalTable(
        _ name: String, database: String? = nil, schema: String? = nil, insertOnly: Bool? = true, at pointOfTime: StreamPointOfTime? = nil
    ) -> StreamSource {
        .externalTable(StreamSourceExternalTable(name: name, databaseName: database, schemaName: schema, insertOnly: insertOnly,
                                                 pointOfTime: pointOfTime))
    }

    /// The wire's `src_type`.
    public var sourceType: String {
        switch self {
        case .table: StreamSourceTable.sourceType
        case .externalTable: StreamSourceExternalTable.sourceType
        case .view: StreamSourceView.sourceType
        case .stage: StreamSourceStage.sourceType
        }
    }

    /// The source's name as given.
    public var name: String {
        switch self {
        case .table(let source): source.name
        case .externalTable(let source): source.name
        case .view(let source): source.name
        case .stage(let source): source.name
        }
    }

    /// The source's database as given; nil means the stream's.
    public var databaseName: String? {
        switch self {
        case .table(let source): source.databaseName
        case .externalTable(let source): source.databaseName
        case .view(let source): source.databaseName
        case .stage(let source): source.databaseName
        }
    }

    /// The source's schema as given; nil means the stream's.
    public var schemaName: String? {
        switch self {
        case .table(let source): source.schemaName
        case .externalTable(let source): source.schemaName
        case .view(let source): source.schemaName
        case .stage(let source): source.schemaName
        }
    }
}

extension StreamSource: Codable {
    private enum CodingKeys: String, CodingKey {
        case sourceType = "src_type"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .sourceType)
        switch type {
        case StreamSourceTable.sourceType: self = .table(try StreamSourceTable(from: decoder))
        case StreamSourceExternalTable.sourceType: self = .externalTable(try StreamSourceExternalTable(from: decoder))
        case StreamSourceView.sourceType: self = .view(try StreamSourceView(from: decoder))
        case StreamSourceStage.sourceType: self = .stage(try StreamSourceStage(from: decoder))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .sourceType, in: container,
                debugDescription: "unknown src_type '\(type)' (expected table, external_table, view or stage)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .table(let source): try source.encode(to: encoder)
        case .externalTable(let source): try source.encode(to: encoder)
        case .view(let source): try source.encode(to: encoder)
        case .stage(let source): try source.encode(to: encoder)
        }
    }
}

/// The keys every stream source shares.
private enum StreamSourceKeys: String, CodingKey {
    case sourceType = "src_type"
    case name
    case databaseName = "database_name"
    case schemaName = "schema_name"
    case appendOnly = "append_only"
    case showInitialRows = "show_initial_rows"
    case pointOfTime = "point_of_time"
    case insertOnly = "insert_only"
    case baseTables = "base_tables"
}

/// A table a stream tracks (`StreamSourceTable`).
public struct StreamSourceTable: Hashable, Sendable {
    /// The wire discriminator.
    public static let sourceType = "table"
    /// The table's name.
    public var name: String
    /// Its database; the stream's when nil.
    public var databaseName: String?
    /// Its schema; the stream's when nil.
    public var schemaName: String?
    /// Track inserts only (`APPEND_ONLY = TRUE`).
    public var appendOnly: Bool?
    /// Return the rows present at creation on first read.
    public var showInitialRows: Bool?
    /// Where the stream's offset starts; now when nil.
    public var pointOfTime: StreamPointOfTime?

    /// A table source.
    public init(
        name: String, databaseName: String? = nil, schemaName: String? = nil, appendOnly: Bool? = nil,
        showInitialRows: Bool? = nil, pointOfTime: StreamPointOfTime? = nil
    ) {
        self.name = name
        self.databaseName = databaseName
        self.schemaName = schemaName
        self.appendOnly = appendOnly
        self.showInitialRows = showInitialRows
        self.pointOfTime = pointOfTime
    }
}

extension StreamSourceTable: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: StreamSourceKeys.self)
        name = try container.decode(String.self, forKey: .name)
        databaseName = try container.decodeIfPresent(String.self, forKey: .databaseName)
        schemaName = try container.decodeIfPresent(String.self, forKey: .schemaName)
        appendOnly = try container.decodeIfPresent(Bool.self, forKey: .appendOnly)
        showInitialRows = try container.decodeIfPresent(Bool.self, forKey: .showInitialRows)
        pointOfTime = try container.decodeIfPresent(StreamPointOfTime.self, forKey: .pointOfTime)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: StreamSourceKeys.self)
        try container.encode(Self.sourceType, forKey: .sourceType)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(databaseName, forKey: .databaseName)
        try container.encodeIfPresent(schemaName, forKey: .schemaName)
        try container.encodeIfPresent(appendOnly, forKey: .appendOnly)
        try container.encodeIfPresent(showInitialRows, forKey: .showInitialRows)
        try container.encodeIfPresent(pointOfTime, forKey: .pointOfTime)
    }
}

/// An external table a stream tracks (`StreamSourceExternalTable`).
public struct StreamSourceExternalTable: Hashable, Sendable {
    /// The wire discriminator.
    public static let sourceType = "external_table"
    /// The external table's name.
    public var name: String
    /// Its database; the stream's when nil.
    public var databaseName: String?
    /// Its schema; the stream's when nil.
    public var schemaName: String?
    /// Track added files only (`INSERT_ONLY = TRUE`, which Snowflake requires here).
    public var insertOnly: Bool?
    /// Where the stream's offset starts; now when nil.
    public var pointOfTime: StreamPointOfTime?

    /// An external-table source.
    public init(
        name: String, databaseName: String? = nil, schemaName: String? = nil, insertOnly: Bool? = nil, pointOfTime: StreamPointOfTime? = nil
    ) {
        self.name = name
        self.databaseName = databaseName
        self.schemaName = schemaName
        self.insertOnly = insertOnly
        self.pointOfTime = pointOfTime
    }
}

extension StreamSourceExternalTable: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: StreamSourceKeys.self)
        name = try container.decode(String.self, forKey: .name)
        databaseName = try container.decodeIfPresent(String.self, forKey: .databaseName)
        schemaName = try container.decodeIfPresent(String.self, forKey: .schemaName)
        insertOnly = try container.decodeIfPresent(Bool.self, forKey: .insertOnly)
        pointOfTime = try container.decodeIfPresent(StreamPointOfTime.self, forKey: .pointOfTime)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: StreamSourceKeys.self)
        try container.encode(Self.sourceType, forKey: .sourceType)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(databaseName, forKey: .databaseName)
        try container.encodeIfPresent(schemaName, forKey: .schemaName)
        try container.encodeIfPresent(insertOnly, forKey: .insertOnly)
        try container.encodeIfPresent(pointOfTime, forKey: .pointOfTime)
    }
}

/// A view a stream tracks (`StreamSourceView`).
public struct StreamSourceView: Hashable, Sendable {
    /// The wire discriminator.
    public static let sourceType = "view"
    /// The view's name.
    public var name: String
    /// Its database; the stream's when nil.
    public var databaseName: String?
    /// Its schema; the stream's when nil.
    public var schemaName: String?
    /// Track inserts only (`APPEND_ONLY = TRUE`).
    public var appendOnly: Bool?
    /// Return the rows present at creation on first read.
    public var showInitialRows: Bool?
    /// Where the stream's offset starts; now when nil.
    public var pointOfTime: StreamPointOfTime?
    /// The tables under the view, as the server reports them.
    @ReadOnly public var baseTables: [String]?

    /// A view source.
    public init(
        name: String, databaseName: String? = nil, schemaName: String? = nil, appendOnly: Bool? = nil,
        showInitialRows: Bool? = nil, pointOfTime: StreamPointOfTime? = nil
    ) {
        self.name = name
        self.databaseName = databaseName
        self.schemaName = schemaName
        self.appendOnly = appendOnly
        self.showInitialRows = showInitialRows
        self.pointOfTime = pointOfTime
    }
}

extension StreamSourceView: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: StreamSourceKeys.self)
        name = try container.decode(String.self, forKey: .name)
        databaseName = try container.decodeIfPresent(String.self, forKey: .databaseName)
        schemaName = try container.decodeIfPresent(String.self, forKey: .schemaName)
        appendOnly = try container.decodeIfPresent(Bool.self, forKey: .appendOnly)
        showInitialRows = try container.decodeIfPresent(Bool.self, forKey: .showInitialRows)
        pointOfTime = try container.decodeIfPresent(StreamPointOfTime.self, forKey: .pointOfTime)
        _baseTables = try container.decode(ReadOnly<[String]>.self, forKey: .baseTables)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: StreamSourceKeys.self)
        try container.encode(Self.sourceType, forKey: .sourceType)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(databaseName, forKey: .databaseName)
        try container.encodeIfPresent(schemaName, forKey: .schemaName)
        try container.encodeIfPresent(appendOnly, forKey: .appendOnly)
        try container.encodeIfPresent(showInitialRows, forKey: .showInitialRows)
        try container.encodeIfPresent(pointOfTime, forKey: .pointOfTime)
        try container.encode(_baseTables, forKey: .baseTables)
    }
}

/// A stage whose directory table a stream tracks (`StreamSourceStage`).
public struct StreamSourceStage: Hashable, Sendable {
    /// The wire discriminator.
    public static let sourceType = "stage"
    /// The stage's name.
    public var name: String
    /// Its database; the stream's when nil.
    public var databaseName: String?
    /// Its schema; the stream's when nil.
    public var schemaName: String?

    /// A stage source.
    public init(name: String, databaseName: String? = nil, schemaName: String? = nil) {
        self.name = name
        self.databaseName = databaseName
        self.schemaName = schemaName
    }
}

extension StreamSourceStage: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: StreamSourceKeys.self)
        name = try container.decode(String.self, forKey: .name)
        databaseName = try container.decodeIfPresent(String.self, forKey: .databaseName)
        schemaName = try container.decodeIfPresent(String.self, forKey: .schemaName)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: StreamSourceKeys.self)
        try container.encode(Self.sourceType, forKey: .sourceType)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(databaseName, forKey: .databaseName)
        try container.encodeIfPresent(schemaName, forKey: .schemaName)
    }
}

/// Where a stream's offset starts: a moment (as for clones) or another stream's offset
/// (`point_of_time_type` `stream`).
public enum StreamPointOfTime: Hashable, Sendable {
    /// A moment given by offset, timestamp or statement.
    case moment(PointOfTime)
    /// The offset of another stream (`AT(STREAM => 'name')`).
    case stream(String, reference: PointOfTime.Reference = .at)

    /// The wire discriminator of a stream's offset.
    public static let streamType = "stream"
}

extension StreamPointOfTime: Codable {
    private enum CodingKeys: String, CodingKey {
        case pointOfTimeType = "point_of_time_type"
        case reference, stream
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if try container.decode(String.self, forKey: .pointOfTimeType) == Self.streamType {
            self = .stream(
                try container.decode(String.self, forKey: .stream),
                reference: try container.decodeIfPresent(PointOfTime.Reference.self, forKey: .reference) ?? .at)
        } else {
            self = .moment(try PointOfTime(from: decoder))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .moment(let point): try point.encode(to: encoder)
        case .stream(let name, let reference):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(Self.streamType, forKey: .pointOfTimeType)
            try container.encode(reference, forKey: .reference)
            try container.encode(name, forKey: .stream)
        }
    }
}

/// The body of a stream clone (`StreamClone`): the copy's name and comment. A copy tracks
/// the same source from the same offset.
public struct StreamClone: Codable, Hashable, Sendable {
    /// The copy's name.
    public var name: String
    /// The copy's comment.
    public var comment: String?

    /// A clone request.
    public init(name: String, comment: String? = nil) {
        self.name = name
        self.comment = comment
    }
}

// MARK: Descriptor

extension StreamModel: SchemaObject, Cloneable, Taggable, ReportsOwnerRoleType, ReportsSchemaName {
    /// The family's descriptor.
    public static let descriptor = ResourceDescriptor(
        family: "stream", objectKind: "Stream", collectionPath: "streams", listFilters: .show,
        columns: ["name", "table_name", "mode", "stale", "stale_after", "owner", "created_on"])
}
