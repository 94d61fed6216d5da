import Foundation

/// A tag named by its database, schema and name (`TagReference` in the specs): the body items
/// of `:unset-tags`.
public struct TagReference: Codable, Hashable, Sendable {
    /// The tag's database.
    public var tagDatabase: String?
    /// The tag's schema.
    public var tagSchema: String?
    /// The tag's name.
    public var tagName: String

    /// A reference to the tag `database.schema.name`.
    public init(tagDatabase: String?, tagSchema: String?, tagName: String) {
        self.tagDatabase = tagDatabase
        self.tagSchema = tagSchema
        self.tagName = tagName
    }

    private enum CodingKeys: String, CodingKey {
        case tagDatabase = "tag_database"
        case tagSchema = "tag_schema"
        case tagName = "tag_name"
    }
}

/// A tag with its value on an object (`TagAssignment` in the specs): the body items of
/// `:set-tags` and the answer of `:get-tags`.
public struct TagAssignment: Codable, Hashable, Sendable {
    /// The tag's database.
    public var tagDatabase: String?
    /// The tag's schema.
    public var tagSchema: String?
    /// The tag's name.
    public var tagName: String
    /// The value.
    public var tagValue: String
    /// The kind of object the tag is set on (`DATABASE`, `SCHEMA`, `TASK`, ...): the object
    /// itself, or a container it inherits the tag from.
    @ReadOnly public var level: String?

    /// An assignment of `value` to the tag `database.schema.name`.
    public init(tagDatabase: String?, tagSchema: String?, tagName: String, tagValue: String) {
        self.tagDatabase = tagDatabase
        self.tagSchema = tagSchema
        self.tagName = tagName
        self.tagValue = tagValue
    }

    private enum CodingKeys: String, CodingKey {
        case tagDatabase = "tag_database"
        case tagSchema = "tag_schema"
        case tagName = "tag_name"
        case tagValue = "tag_value"
        case level
    }
}

/// A tag's value on an object, and where it was set (`TagValue` in `snowflake.core`).
///
/// A string literal is a value: `[costCenter: "finance"]`.
public struct TagValue: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The value.
    public var value: String
    /// The kind of object the value was set on (read only: reported by the server, ignored
    /// when setting tags).
    public var level: String?

    /// A value (and, as reported, its level).
    public init(_ value: String, level: String? = nil) {
        self.value = value
        self.level = level
    }

    /// A value from a string literal.
    public init(stringLiteral value: String) {
        self.init(value)
    }

    public var description: String { value }
}
