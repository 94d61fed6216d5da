import Foundation
import GRDB

/// A tag set on an object, with the tag's identity as stored.
struct StoredTagAssignment: Sendable, Hashable {
    /// The tag object's id.
    var tagID: Int64
    /// The tag's canonical database, schema and name.
    var tagDatabase: String
    var tagSchema: String
    var tagName: String
    /// The value.
    var value: String
}

// Tag assignments join two objects by id (`tag_assignments.object_id` and `tag_id` reference
// `objects.id`, deleted with them), so they follow renames, stay with a dropped object or tag
// for its undrop, and never pass to a new object that reuses a name.
extension Database {
    /// Sets a tag's value on an object, replacing the value it had.
    func setTagValue(_ value: String, tag tagID: Int64, on objectID: Int64, at now: Date) throws {
        try cachedStatement(sql: """
                INSERT INTO tag_assignments (object_id, tag_id, tag_value, created_on) VALUES (?, ?, ?, ?)
                ON CONFLICT(object_id, tag_id) DO UPDATE SET tag_value = excluded.tag_value
                """).execute(arguments: [objectID, tagID, value, now.timeIntervalSince1970])
    }

    /// Removes a tag from an object; nothing happens when it was not set.
    func unsetTag(_ tagID: Int64, on objectID: Int64) throws {
        try cachedStatement(sql: "DELETE FROM tag_assignments WHERE object_id = ? AND tag_id = ?").execute(arguments: [objectID, tagID])
    }

    /// The tags set on an object whose tag objects are live, by tag name.
    func liveTagAssignments(on objectID: Int64) throws -> [StoredTagAssignment] {
        try Row.fetchAll(
            cachedStatement(sql: """
                SELECT a.tag_id, a.tag_value, t.database_name, t.schema_name, t.name
                FROM tag_assignments a JOIN objects t ON t.id = a.tag_id AND t.dropped_on IS NULL
                WHERE a.object_id = ?
                ORDER BY t.database_name, t.schema_name, t.name
                """), arguments: [objectID]
        ).map { row in
            StoredTagAssignment(
                tagID: row["tag_id"], tagDatabase: row["database_name"], tagSchema: row["schema_name"], tagName: row["name"],
                value: row["tag_value"])
        }
    }
}
