import Foundation
import SnowflakeModels

/// Names shared by several families in a container (a descriptor's `nameSpace`): a view
/// cannot take a table's name, an API integration a notification integration's, a managed
/// account an account's. The generic controller checks it for every new or restored object;
/// renames check it through ``requireFree(_:for:in:context:)``.
enum NameSpace {
    /// Throws Snowflake's already-exists error (409 `002002`) when an object of another family
    /// of the same name space holds `name` in `container`. A create-or-alter (`PUT`, whose
    /// answers have no 409) gets a 400 saying the object found is of another type, as
    /// `CREATE OR ALTER` says it.
    static func requireFree(_ name: String, for descriptor: ResourceDescriptor, in container: ResolvedContainer, context: StoreContext) throws {
        guard let space = descriptor.nameSpace else { return }
        for other in context.registry.descriptors where other.nameSpace == space && other.family != descriptor.family {
            let key = ObjectKey(family: other.family, database: container.database, schema: container.schema, name: name)
            guard try context.db.liveObjectExists(key) else { continue }
            if context.request.method == "PUT" {
                throw EmulatorError.badRequest(
                    "Object found is of type '\(other.securableType)', not specified type '\(descriptor.securableType)'.", code: "002002")
            }
            throw EmulatorError.alreadyExists(Identifier.displayName(forCanonical: name))
        }
    }

    /// The live objects whose family is in `space`, of this name in a container: their family
    /// and stored body.
    static func object(named name: String, in space: String, container: ResolvedContainer, context: StoreContext) throws -> (family: String, body: String)? {
        for descriptor in context.registry.descriptors where descriptor.nameSpace == space {
            let key = ObjectKey(family: descriptor.family, database: container.database, schema: container.schema, name: name)
            if let body = try context.db.liveBody(key) { return (descriptor.family, body) }
        }
        return nil
    }
}
