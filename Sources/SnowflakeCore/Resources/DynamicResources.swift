import Foundation
import SnowflakeModels

/// Operations on a family chosen at run time (`snowapi object list database`), with objects as
/// their wire JSON. Typed code uses ``ResourceCollection`` and ``ResourceReference`` instead.
extension Root {
    /// The objects of a family in a container, as wire JSON objects.
    public func listObjects(
        _ family: any ResourceFamily.Type, in container: ContainerPath, options: ListOptions
    ) async throws -> [[String: JSONValue]] {
        try await listObjects(family, container: container, options: options)
    }

    /// One object as its wire JSON.
    public func describeObject(_ family: any ResourceFamily.Type, in container: ContainerPath, name: String) async throws -> [String: JSONValue] {
        try await describeObject(family, container: container, name: name)
    }

    /// Creates an object from its wire JSON definition.
    public func createObject(
        _ family: any ResourceFamily.Type, in container: ContainerPath, definition: Data, mode: CreateMode
    ) async throws -> String {
        try await createObject(family, container: container, definition: definition, mode: mode)
    }

    /// Drops an object.
    public func dropObject(_ family: any ResourceFamily.Type, in container: ContainerPath, name: String, ifExists: Bool) async throws {
        try await dropObject(family, container: container, name: name, ifExists: ifExists)
    }

    /// The actions a family offers (`resume`, `suspend`, `execute`, `undrop`), from its capabilities.
    public static func actions(of family: any ResourceFamily.Type) -> [String] {
        var actions: [String] = []
        if family is any Resumable.Type { actions += ["resume", "suspend"] }
        if family is any Executable.Type { actions.append("execute") }
        if family is any Undroppable.Type { actions.append("undrop") }
        return actions
    }

    /// Performs one of ``actions(of:)`` on an object.
    public func performAction(_ verb: String, on family: any ResourceFamily.Type, in container: ContainerPath, name: String) async throws {
        guard Self.actions(of: family).contains(verb) else {
            throw SnowflakeError(code: .invalidArgument, detail: "\(family.descriptor.family) has no action '\(verb)'")
        }
        try await performAction(verb, family, container: container, name: name)
    }

    // MARK: Generic bodies (the existential opens here)

    private func listObjects<Family: ResourceFamily>(
        _ family: Family.Type, container: ContainerPath, options: ListOptions
    ) async throws -> [[String: JSONValue]] {
        let objects = try await ResourceCollection<Family>(client: client, container: container).list(options).collect()
        return try objects.map(Self.json)
    }

    private func describeObject<Family: ResourceFamily>(_ family: Family.Type, container: ContainerPath, name: String) async throws -> [String: JSONValue] {
        try Self.json(try await ResourceReference<Family>(client: client, container: container, name: name).fetch())
    }

    private func createObject<Family: ResourceFamily>(
        _ family: Family.Type, container: ContainerPath, definition: Data, mode: CreateMode
    ) async throws -> String {
        let model: Family
        do {
            model = try WireCoding.decoder().decode(Family.self, from: definition)
        } catch {
            throw SnowflakeError(code: .invalidArgument, detail: "not a valid \(Family.descriptor.family) definition: \(error)")
        }
        return try await ResourceCollection<Family>(client: client, container: container).create(model, mode: mode).name
    }

    private func dropObject<Family: ResourceFamily>(_ family: Family.Type, container: ContainerPath, name: String, ifExists: Bool) async throws {
        try await ResourceReference<Family>(client: client, container: container, name: name).drop(ifExists: ifExists ? true : nil)
    }

    private func performAction<Family: ResourceFamily>(_ verb: String, _ family: Family.Type, container: ContainerPath, name: String) async throws {
        try await ResourceReference<Family>(client: client, container: container, name: name).perform(verb, idempotent: verb != "execute")
    }

    private static func json(_ model: some Encodable) throws -> [String: JSONValue] {
        try WireCoding.decoder().decode([String: JSONValue].self, from: WireCoding.encoder().encode(model))
    }
}
