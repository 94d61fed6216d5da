import Foundation
import SnowflakeModels

/// A reference to a tag, as `snowflake.core` names it.
public typealias TagResource = ResourceReference<TagModel>
/// The tags of a schema, as `snowflake.core` names it.
public typealias TagCollection = ResourceCollection<TagModel>

extension ResourceReference where Family == SchemaModel {
    /// The schema's tags.
    public var tags: TagCollection { collection(TagModel.self) }
}
