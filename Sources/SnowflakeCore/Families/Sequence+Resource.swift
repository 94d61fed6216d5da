import Foundation
import SnowflakeModels

/// A reference to a sequence, as `snowflake.core` names it.
public typealias SequenceResource = ResourceReference<SequenceModel>
/// The sequences of a schema, as `snowflake.core` names it.
public typealias SequenceCollection = ResourceCollection<SequenceModel>

extension ResourceReference where Family == SchemaModel {
    /// The schema's sequences.
    public var sequences: SequenceCollection { collection(SequenceModel.self) }
}
