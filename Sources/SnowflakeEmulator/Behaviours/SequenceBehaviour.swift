import Foundation
import SnowflakeModels

/// Sequences: Snowflake's defaults (start 1, increment 1, `NOORDER`), a step that is never
/// 0, clones that continue the source, and rename within or across schemas. Values are handed
/// out only by SQL (`seq.NEXTVAL`), which the REST API has no endpoint for.
struct SequenceBehaviour: FamilyBehaviour {
    typealias Family = SequenceModel

    func prepare(_ model: inout SequenceModel, serverState: inout [String: JSONValue], existing: StoredObject<SequenceModel>?, context: StoreContext) throws {
        model.start = model.start ?? 1
        model.increment = model.increment ?? 1
        guard model.increment != 0 else {
            throw EmulatorError.badRequest("A sequence's increment cannot be 0: use a positive or negative step.")
        }
        // NOORDER is Snowflake's default (NOORDER_SEQUENCE_AS_DEFAULT is true).
        model.ordered = model.ordered ?? false
    }

    /// A clone continues where the source is: the same start, step and order. A comment in
    /// the body replaces the source's.
    func prepareClone(_ model: inout SequenceModel, source: StoredObject<SequenceModel>, context: StoreContext) throws {
        model.start = source.model.start
        model.increment = source.model.increment
        model.ordered = source.model.ordered
        model.comment = model.comment ?? source.model.comment
    }

    func perform(_ verb: String, on object: StoredObject<SequenceModel>, context: StoreContext) throws -> APIResponse? {
        guard verb == "rename" else { return nil }
        try SchemaObjectRename.rename(object, context: context)
        return .success("Statement executed successfully.")
    }
}
