import Foundation
import Yams

/// Reads the official OpenAPI specs from `../shared/snowflake-rest-api-specs/specifications`
/// (beside the repository; never copied into it) and answers what tests ask of them: a
/// schema's properties, sample bodies, and a family's operations.
public final class SpecCatalog: @unchecked Sendable {
    /// The folder of the spec files.
    public let directory: URL
    private var documents: [String: [String: Any]] = [:]
    private let lock = NSLock()

    /// The catalog at its standard place beside the repository.
    public static let shared = SpecCatalog(
        directory: URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/snowflake-rest-api-specs/specifications"))

    /// A catalog of the specs in `directory`.
    public init(directory: URL) {
        self.directory = directory
    }

    /// One spec file, parsed.
    public func document(_ file: String) throws -> [String: Any] {
        try lock.withLock {
            if let document = documents[file] { return document }
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            guard let document = try Yams.load(yaml: text) as? [String: Any] else {
                throw SpecError("\(file) is not a YAML mapping")
            }
            documents[file] = document
            return document
        }
    }

    // MARK: Schemas

    /// A schema with `$ref` and `allOf` resolved one level: its properties, required names and
    /// discriminator.
    public struct Schema {
        /// Property name → (schema, file it was found in).
        public var properties: [String: (schema: [String: Any], file: String)] = [:]
        /// Required property names.
        public var required: Set<String> = []
        /// `propertyName` and mapping of a polymorphic schema.
        public var discriminator: (property: String, mapping: [String: String])?
    }

    /// The named schema of a spec file.
    public func schema(_ name: String, in file: String) throws -> Schema {
        try resolveObject(["$ref": "#/components/schemas/\(name)"], file: file)
    }

    /// The read-only flag of a property schema (directly or on its `$ref` target).
    public func isReadOnly(_ property: [String: Any]) -> Bool {
        property["readOnly"] as? Bool ?? false
    }

    private func resolveObject(_ node: [String: Any], file: String) throws -> Schema {
        let (resolved, resolvedFile) = try dereference(node, file: file)
        var schema = Schema()
        for part in resolved["allOf"] as? [[String: Any]] ?? [] {
            let inner = try resolveObject(part, file: resolvedFile)
            schema.properties.merge(inner.properties) { _, new in new }
            schema.required.formUnion(inner.required)
        }
        for (name, property) in resolved["properties"] as? [String: Any] ?? [:] {
            if let property = property as? [String: Any] { schema.properties[name] = (property, resolvedFile) }
        }
        schema.required.formUnion(resolved["required"] as? [String] ?? [])
        if let discriminator = resolved["discriminator"] as? [String: Any], let property = discriminator["propertyName"] as? String {
            schema.discriminator = (property, discriminator["mapping"] as? [String: String] ?? [:])
        }
        return schema
    }

    /// Follows `$ref` (local or `other.yaml#/...`) until a schema without one.
    public func dereference(_ node: [String: Any], file: String) throws -> ([String: Any], String) {
        var current = node
        var currentFile = file
        while let reference = current["$ref"] as? String {
            let parts = reference.split(separator: "#", maxSplits: 1).map(String.init)
            let targetFile = reference.hasPrefix("#") ? currentFile : URL(fileURLWithPath: parts[0]).lastPathComponent
            let pointer = reference.hasPrefix("#") ? parts[0] : (parts.count > 1 ? parts[1] : "")
            var target: Any = try document(targetFile)
            for key in pointer.split(separator: "/") {
                guard let next = (target as? [String: Any])?[String(key)] else { throw SpecError("unresolvable $ref \(reference) in \(currentFile)") }
                target = next
            }
            guard let object = target as? [String: Any] else { throw SpecError("$ref \(reference) is not a schema") }
            current = object
            currentFile = targetFile
        }
        return (current, currentFile)
    }

    // MARK: Samples

    /// A sample JSON value for a schema: every property present, enums at their first value,
    /// polymorphic schemas as their first variant.
    public func sample(_ node: [String: Any], file: String, depth: Int = 0) throws -> Any {
        guard depth < 12 else { return NSNull() }
        let (resolved, resolvedFile) = try dereference(node, file: file)
        if let values = resolved["enum"] as? [Any], let first = values.first { return first }
        let object = try resolveObject(resolved, file: resolvedFile)
        if let discriminator = object.discriminator, let (key, target) = discriminator.mapping.sorted(by: { $0.key < $1.key }).first {
            let name = target.split(separator: "/").last.map(String.init) ?? target
            var variant = try sample(["$ref": "#/components/schemas/\(name)"], file: resolvedFile, depth: depth + 1) as? [String: Any] ?? [:]
            variant[discriminator.property] = key
            return variant
        }
        let type = resolved["type"] as? String
        if !object.properties.isEmpty || type == "object" || resolved["allOf"] != nil {
            if object.properties.isEmpty, resolved["additionalProperties"] != nil { return ["key": "value"] }
            var result: [String: Any] = [:]
            for (name, property) in object.properties {
                result[name] = try sample(property.schema, file: property.file, depth: depth + 1)
            }
            return result
        }
        switch type {
        case "string":
            if resolved["format"] as? String == "date-time" { return "2026-01-02T03:04:05.000Z" }
            if resolved["pattern"] != nil { return "SAMPLE_NAME" }
            return "sample"
        case "integer": return (resolved["minimum"] as? Int).map { max($0, 1) } ?? 1
        case "number": return 1.5
        case "boolean": return true
        case "array":
            guard let items = resolved["items"] as? [String: Any] else { return [Any]() }
            return [try sample(items, file: resolvedFile, depth: depth + 1)]
        default: return "sample"
        }
    }

    // MARK: Operations

    /// The operations of a spec file: (method, path) pairs such as `("put", "/api/v2/databases/{name}")`.
    public func operations(in file: String) throws -> [(method: String, path: String)] {
        let paths = try document(file)["paths"] as? [String: Any] ?? [:]
        var result: [(String, String)] = []
        for (path, item) in paths {
            for method in (item as? [String: Any] ?? [:]).keys where ["get", "put", "post", "delete"].contains(method) {
                result.append((method, path))
            }
        }
        return result.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
    }

    /// The query parameter names of one operation, `$ref`s resolved.
    public func queryParameters(_ method: String, _ path: String, in file: String) throws -> Set<String> {
        let paths = try document(file)["paths"] as? [String: Any] ?? [:]
        let operation = (paths[path] as? [String: Any])?[method] as? [String: Any] ?? [:]
        var names: Set<String> = []
        for parameter in operation["parameters"] as? [[String: Any]] ?? [] {
            let (resolved, _) = try dereference(parameter, file: file)
            if resolved["in"] as? String == "query", let name = resolved["name"] as? String { names.insert(name) }
        }
        return names
    }
}

/// A problem reading the specs.
public struct SpecError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
