import Foundation
import SnowflakeModels

/// Tags: allowed values and propagation checked as Snowflake does, and rename within or across
/// schemas. Where a tag is set is kept by object ids (``TagAssignments``), so renaming a tag
/// keeps its assignments, dropping it hides them and undropping it brings them back.
struct TagBehaviour: FamilyBehaviour {
    typealias Family = TagModel

    /// The most values a tag may allow.
    static let maximumAllowedValues = 300
    /// The ways a tag may propagate.
    static let propagations = ["ON_DEPENDENCY_AND_DATA_MOVEMENT", "ON_DEPENDENCY", "ON_DATA_MOVEMENT"]

    func prepare(_ model: inout TagModel, serverState: inout [String: JSONValue], existing: StoredObject<TagModel>?, context: StoreContext) throws {
        if let values = model.allowedValues {
            guard !values.isEmpty else {
                throw EmulatorError.badRequest("allowed_values needs at least one value; leave it out to allow any value.")
            }
            var seen = Set<String>()
            let distinct = values.filter { seen.insert($0).inserted }
            guard distinct.count <= Self.maximumAllowedValues else {
                throw EmulatorError.badRequest(
                    "allowed_values has \(distinct.count) distinct values: a tag allows at most \(Self.maximumAllowedValues).")
            }
            if let long = distinct.first(where: { $0.unicodeScalars.count > TagAssignments.maximumValueLength }) {
                throw EmulatorError.badRequest(
                    "The allowed value '\(long.prefix(40))...' is \(long.unicodeScalars.count) characters long: a tag value has at most \(TagAssignments.maximumValueLength).")
            }
            model.allowedValues = distinct
        }
        if let propagate = model.propagate {
            guard let known = Self.propagations.first(where: { $0 == propagate.uppercased() }) else {
                throw EmulatorError.badRequest(
                    "Invalid value '\(propagate)' for property 'propagate': use \(Self.propagations.joined(separator: ", ")).")
            }
            model.propagate = known
        }
        if let onConflict = model.onConflict {
            guard model.propagate != nil else {
                throw EmulatorError.badRequest("on_conflict applies only to a tag that propagates: set propagate as well.")
            }
            if onConflict.uppercased() == "ALLOWED_VALUES_SEQUENCE" { model.onConflict = "ALLOWED_VALUES_SEQUENCE" }
        }
    }

    func perform(_ verb: String, on object: StoredObject<TagModel>, context: StoreContext) throws -> APIResponse? {
        guard verb == "rename" else { return nil }
        try SchemaObjectRename.rename(object, context: context)
        return .success("Statement executed successfully.")
    }
}
