import Foundation
import GRDB
import SnowflakeModels

/// One stored object: its identity columns, its wire JSON as served, and the family's private
/// server state. Dropped versions stay (with `droppedOn`) until their retention ends.
struct ObjectRecord: Sendable, Hashable {
    var id: Int64
    var family: String
    var databaseName: String
    var schemaName: String
    var name: String
    var body: String
    var serverState: String
    var createdOn: Date
    var droppedOn: Date?
    var droppedWith: Int64?
    var purgeAfter: Date?

    init(
        id: Int64, family: String, databaseName: String, schemaName: String, name: String, body: String, serverState: String,
        createdOn: Date
    ) {
        self.id = id
        self.family = family
        self.databaseName = databaseName
        self.schemaName = schemaName
        self.name = name
        self.body = body
        self.serverState = serverState
        self.createdOn = createdOn
    }

    init(row: Row) {
        id = row["id"]
        family = row["family"]
        databaseName = row["database_name"]
        schemaName = row["schema_name"]
        name = row["name"]
        body = row["body"]
        serverState = row["internal"]
        createdOn = Date(timeIntervalSince1970: row["created_on"])
        droppedOn = row.date("dropped_on")
        droppedWith = row["dropped_with"]
        purgeAfter = row.date("purge_after")
    }
}

extension Row {
    /// A time stored as seconds since 1970, or nil.
    func date(_ column: String) -> Date? { (self[column] as Double?).map(Date.init(timeIntervalSince1970:)) }
}

/// The key of an object's name in its container: canonical names throughout.
struct ObjectKey: Sendable, Hashable {
    var family: String
    var database: String = ""
    var schema: String = ""
    var name: String
}

extension Database {
    func liveObject(_ key: ObjectKey) throws -> ObjectRecord? {
        let statement = try cachedStatement(
            sql: """
                SELECT * FROM objects WHERE family = ? AND database_name = ? AND schema_name = ? AND name = ?
                AND dropped_on IS NULL
                """)
        return try Row.fetchOne(statement, arguments: [key.family, key.database, key.schema, key.name]).map(ObjectRecord.init(row:))
    }

    /// Whether a live object has the key.
    func liveObjectExists(_ key: ObjectKey) throws -> Bool {
        let statement = try cachedStatement(
            sql: """
                SELECT 1 FROM objects WHERE family = ? AND database_name = ? AND schema_name = ? AND name = ?
                AND dropped_on IS NULL
                """)
        return try Int.fetchOne(statement, arguments: [key.family, key.database, key.schema, key.name]) != nil
    }

    func liveBody(_ key: ObjectKey) throws -> String? {
        let statement = try cachedStatement(
            sql: """
                SELECT body FROM objects WHERE family = ? AND database_name = ? AND schema_name = ? AND name = ?
                AND dropped_on IS NULL
                """)
        return try String.fetchOne(statement, arguments: [key.family, key.database, key.schema, key.name])
    }

    func object(id: Int64) throws -> ObjectRecord? {
        try Row.fetchOne(cachedStatement(sql: "SELECT * FROM objects WHERE id = ?"), arguments: [id]).map(ObjectRecord.init(row:))
    }

    /// The newest dropped version of a name that was dropped on its own and is not yet purged.
    func newestDroppedObject(_ key: ObjectKey, now: Date) throws -> ObjectRecord? {
        try Row.fetchOne(
            cachedStatement(sql: """
                SELECT * FROM objects WHERE family = ? AND database_name = ? AND schema_name = ? AND name = ?
                AND dropped_on IS NOT NULL AND dropped_with IS NULL AND purge_after > ?
                ORDER BY dropped_on DESC, id DESC LIMIT 1
                """), arguments: [key.family, key.database, key.schema, key.name, now.timeIntervalSince1970]
        ).map(ObjectRecord.init(row:))
    }

    @discardableResult
    func insertObject(_ key: ObjectKey, body: String, serverState: String = "{}", createdOn: Date) throws -> Int64 {
        try cachedStatement(sql: """
                INSERT INTO objects (family, database_name, schema_name, name, body, internal, created_on)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [key.family, key.database, key.schema, key.name, body, serverState, createdOn.timeIntervalSince1970])
        return lastInsertedRowID
    }

    func updateObject(id: Int64, body: String, serverState: String? = nil) throws {
        if let serverState {
            try cachedStatement(sql: "UPDATE objects SET body = ?, internal = ? WHERE id = ?").execute(arguments: [body, serverState, id])
        } else {
            try cachedStatement(sql: "UPDATE objects SET body = ? WHERE id = ?").execute(arguments: [body, id])
        }
    }

    /// Gives a live object a new canonical name (and container), leaving its body to the caller.
    /// Throws the already-exists error when a live object of the family has the new name there.
    func renameObject(id: Int64, to key: ObjectKey) throws {
        if try liveObjectExists(key) { throw EmulatorError.alreadyExists(Identifier.displayName(forCanonical: key.name)) }
        try execute(
            sql: "UPDATE objects SET name = ?, database_name = ?, schema_name = ? WHERE id = ?",
            arguments: [key.name, key.database, key.schema, id])
    }

    /// Marks an object dropped; it can be undropped until `purgeAfter`.
    func markDropped(id: Int64, at now: Date, purgeAfter: Date, with container: Int64? = nil) throws {
        try cachedStatement(sql: "UPDATE objects SET dropped_on = ?, purge_after = ?, dropped_with = ? WHERE id = ?").execute(arguments: [now.timeIntervalSince1970, purgeAfter.timeIntervalSince1970, container, id])
    }

    func markUndropped(id: Int64) throws {
        try cachedStatement(sql: "UPDATE objects SET dropped_on = NULL, purge_after = NULL, dropped_with = NULL WHERE id = ?").execute(arguments: [id])
    }

    func deleteObject(id: Int64) throws {
        try cachedStatement(sql: "DELETE FROM objects WHERE id = ?").execute(arguments: [id])
    }

    /// Live objects inside a database (all schemas) or inside one schema.
    func liveDescendants(database: String, schema: String? = nil) throws -> [ObjectRecord] {
        if let schema {
            return try Row.fetchAll(
                cachedStatement(sql: "SELECT * FROM objects WHERE database_name = ? AND schema_name = ? AND dropped_on IS NULL"),
                arguments: [database, schema]
            ).map(ObjectRecord.init(row:))
        }
        return try Row.fetchAll(
            cachedStatement(sql: "SELECT * FROM objects WHERE database_name = ? AND dropped_on IS NULL"), arguments: [database]
        ).map(ObjectRecord.init(row:))
    }

    /// Objects that existed inside a database (or one of its schemas) at `moment`.
    func descendants(database: String, schema: String? = nil, existingAt moment: Date) throws -> [ObjectRecord] {
        let time = moment.timeIntervalSince1970
        var sql = "SELECT * FROM objects WHERE database_name = ? AND created_on <= ? AND (dropped_on IS NULL OR dropped_on > ?)"
        var arguments: StatementArguments = [database, time, time]
        if let schema {
            sql += " AND schema_name = ?"
            arguments += [schema]
        }
        return try Row.fetchAll(cachedStatement(sql: sql), arguments: arguments).map(ObjectRecord.init(row:))
    }

    /// Drops every live object inside a container along with it.
    func cascadeDrop(database: String, schema: String? = nil, container: Int64, at now: Date, purgeAfter: Date) throws {
        var sql = "UPDATE objects SET dropped_on = ?, purge_after = ?, dropped_with = ? WHERE database_name = ? AND dropped_on IS NULL"
        var arguments: StatementArguments = [now.timeIntervalSince1970, purgeAfter.timeIntervalSince1970, container, database]
        if let schema {
            sql += " AND schema_name = ?"
            arguments += [schema]
        }
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }

    /// Restores the objects that were dropped along with a container.
    func cascadeUndrop(container: Int64) throws {
        try execute(
            sql: "UPDATE objects SET dropped_on = NULL, purge_after = NULL, dropped_with = NULL WHERE dropped_with = ?",
            arguments: [container])
    }

    /// Removes dropped objects whose retention has ended.
    func purgeExpired(now: Date) throws {
        try cachedStatement(sql: "DELETE FROM objects WHERE purge_after IS NOT NULL AND purge_after <= ?").execute(arguments: [now.timeIntervalSince1970])
    }
}
