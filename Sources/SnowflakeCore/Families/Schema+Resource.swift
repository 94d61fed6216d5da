import SnowflakeModels

/// A reference to a schema, as `snowflake.core` names it.
public typealias SchemaResource = ResourceReference<SchemaModel>
/// The schemas of a database, as `snowflake.core` names it.
public typealias SchemaCollection = ResourceCollection<SchemaModel>

extension ResourceReference where Family == DatabaseModel {
    /// The database's schemas.
    public var schemas: SchemaCollection { collection(SchemaModel.self) }
}
