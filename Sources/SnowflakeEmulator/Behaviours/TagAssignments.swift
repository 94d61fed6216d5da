import Foundation
import SnowflakeModels

/// The tag endpoints every ``Taggable`` family shares, driven by the family's descriptor:
/// `POST …/{name}:set-tags`, `POST …/{name}:unset-tags` and `GET …/{name}:get-tags`.
///
/// Snowflake's rules: the tag must exist; a tag with allowed values takes only one of them; a
/// value has at most 256 characters; an object has at most 50 tags; setting a tag that is set
/// replaces its value; unsetting one that is not set does nothing. `get-tags` reports each tag
/// with the kind of object it was set on (`level`), and with `withLineage` also the tags the
/// object inherits from its schema and database, the nearest setting winning.
///
/// Assignments are kept by object ids (see `TagAssignmentStore.swift`): they follow a rename,
/// are hidden while the object or the tag is dropped and back after an undrop, and are deleted
/// when either is purged. A call is answered inside the request's transaction.
struct TagAssignments: Sendable {
    /// The three calls.
    enum Verb: String, Sendable {
        case set = "set-tags"
        case unset = "unset-tags"
        case get = "get-tags"

        /// True for the read, `get-tags`.
        var isRead: Bool { self == .get }
    }

    /// The most tags one object may have.
    static let maximumTagsPerObject = 50
    /// The longest tag value, in characters.
    static let maximumValueLength = 256

    let verb: Verb
    /// The family of the object the tags are set on.
    let family: any ResourceFamily.Type
    let ifExists: Bool
    let withLineage: Bool
    /// `set-tags`: the tags and values, as sent.
    let assignments: [TagAssignment]
    /// `unset-tags`: the tags, as sent.
    let references: [TagReference]

    /// Checks the method and reads the query and body, before any transaction.
    init(_ verb: Verb, of family: any ResourceFamily.Type, request: APIRequest) throws {
        let method = verb.isRead ? "GET" : "POST"
        guard request.method == method else { throw EmulatorError.methodNotAllowed(request.method, request.path) }
        self.verb = verb
        self.family = family
        switch verb {
        case .get:
            ifExists = false
            withLineage = try request.flag("withLineage") ?? false
            assignments = []
            references = []
        case .set:
            ifExists = try request.flag("ifExists") ?? false
            withLineage = false
            assignments = try Self.decode([TagAssignment].self, request.body, what: "TagAssignment objects (tag_name and tag_value required)")
            references = []
        case .unset:
            ifExists = try request.flag("ifExists") ?? false
            withLineage = false
            assignments = []
            references = try Self.decode([TagReference].self, request.body, what: "TagReference objects (tag_name required)")
        }
    }

    /// Answers the call for `object`, the live object the path names (nil when there is none,
    /// `name` being its canonical name).
    func answer(for object: ObjectRecord?, named name: String, context: StoreContext) throws -> APIResponse {
        guard let object else {
            if ifExists { return .success("Statement executed successfully.") }
            throw EmulatorError.doesNotExist(family.descriptor.objectKind, context.container.qualified(name))
        }
        switch verb {
        case .get:
            return try .encoded(tags(of: object, context: context))
        case .set:
            try set(on: object, context: context)
            return .success("Statement executed successfully.")
        case .unset:
            var seen = Set<Int64>()
            for reference in references {
                let tag = try liveTag(reference.tagDatabase, reference.tagSchema, reference.tagName, for: object, context: context)
                guard seen.insert(tag.record.id).inserted else { throw Self.repeated(tag) }
                try context.db.unsetTag(tag.record.id, on: object.id)
            }
            return .success("Statement executed successfully.")
        }
    }

    // MARK: Steps

    private func set(on object: ObjectRecord, context: StoreContext) throws {
        var seen = Set<Int64>()
        for assignment in assignments {
            let tag = try liveTag(assignment.tagDatabase, assignment.tagSchema, assignment.tagName, for: object, context: context)
            let tagName = Self.qualified(tag.record)
            guard seen.insert(tag.record.id).inserted else { throw Self.repeated(tag) }
            let length = assignment.tagValue.unicodeScalars.count
            guard length <= Self.maximumValueLength else {
                throw EmulatorError.badRequest(
                    "The value for tag \(tagName) is \(length) characters long: a tag value has at most \(Self.maximumValueLength).")
            }
            if let allowed = tag.model.allowedValues, !allowed.contains(assignment.tagValue) {
                throw EmulatorError.badRequest(
                    "Tag \(tagName) does not allow the value '\(assignment.tagValue)': its allowed values are \(allowed.map { "'\($0)'" }.joined(separator: ", ")).")
            }
            try context.db.setTagValue(assignment.tagValue, tag: tag.record.id, on: object.id, at: context.now)
        }
        let count = try context.db.liveTagAssignments(on: object.id).count
        guard count <= Self.maximumTagsPerObject else {
            throw EmulatorError.badRequest(
                "\(family.descriptor.objectKind) \(Self.qualified(object)) would have \(count) tags: an object has at most \(Self.maximumTagsPerObject).")
        }
    }

    /// The object's own tags at its level, then (with lineage) those of its schema and database
    /// that it does not set itself.
    private func tags(of object: ObjectRecord, context: StoreContext) throws -> [TagAssignment] {
        var levels: [(record: ObjectRecord, level: String)] = [(object, Self.level(family.descriptor))]
        if withLineage {
            let scopes: [ResourceScope] = switch family.scope {
            case .account: []
            case .database: [.database]
            case .schema: [.schema, .database]
            }
            for scope in scopes {
                guard let container = context.registry.container(holding: scope) else { continue }
                let key = scope == .schema
                    ? ObjectKey(family: container.family, database: object.databaseName, name: object.schemaName)
                    : ObjectKey(family: container.family, name: object.databaseName)
                if let record = try context.db.liveObject(key) { levels.append((record, Self.level(container))) }
            }
        }
        var seen = Set<Int64>()
        var result: [TagAssignment] = []
        for (record, level) in levels {
            for stored in try context.db.liveTagAssignments(on: record.id) where seen.insert(stored.tagID).inserted {
                var assignment = TagAssignment(
                    tagDatabase: Identifier.displayName(forCanonical: stored.tagDatabase),
                    tagSchema: Identifier.displayName(forCanonical: stored.tagSchema),
                    tagName: Identifier.displayName(forCanonical: stored.tagName), tagValue: stored.value)
                assignment.level = level
                result.append(assignment)
            }
        }
        return result
    }

    /// The live tag a reference names; a missing database or schema defaults to the object's own.
    private func liveTag(
        _ database: String?, _ schema: String?, _ name: String, for object: ObjectRecord, context: StoreContext
    ) throws -> StoredObject<TagModel> {
        let tagName = try Self.canonical(name)
        guard let database = try database.map(Self.canonical) ?? (object.databaseName.isEmpty ? nil : object.databaseName),
            let schema = try schema.map(Self.canonical) ?? (object.schemaName.isEmpty ? nil : object.schemaName)
        else {
            throw EmulatorError.badRequest("The tag '\(name)' needs its tag_database and tag_schema.")
        }
        let key = ObjectKey(family: TagModel.descriptor.family, database: database, schema: schema, name: tagName)
        guard let record = try context.db.liveObject(key) else {
            throw EmulatorError.doesNotExist(TagModel.descriptor.objectKind, ResolvedContainer(database: database, schema: schema).qualified(tagName))
        }
        return try StoredObject<TagModel>(record: record)
    }

    // MARK: Helpers

    /// The kind of object as the level of a tag set on it (`DATABASE`, `TASK`, `INTEGRATION`):
    /// the family's securable type.
    static func level(_ descriptor: ResourceDescriptor) -> String { descriptor.securableType }

    private static func qualified(_ record: ObjectRecord) -> String {
        ResolvedContainer(database: record.databaseName, schema: record.schemaName).qualified(record.name)
    }

    private static func repeated(_ tag: StoredObject<TagModel>) -> EmulatorError {
        EmulatorError.badRequest("Tag \(qualified(tag.record)) is named more than once in the request.")
    }

    private static func canonical(_ name: String) throws -> String {
        do { return try Identifier.resolve(name) } catch { throw EmulatorError.invalidIdentifier(name) }
    }

    private static func decode<T: Decodable>(_ type: [T].Type, _ body: Data, what: String) throws -> [T] {
        guard !body.isEmpty else { throw EmulatorError.badRequest("The request needs a JSON body: an array of \(what).") }
        let items: [T]
        do {
            items = try WireCoding.sharedDecoder.decode([T].self, from: body)
        } catch {
            throw EmulatorError.badRequest("The body must be a JSON array of \(what).")
        }
        guard !items.isEmpty else { throw EmulatorError.badRequest("The body names no tag: send at least one.") }
        return items
    }
}
