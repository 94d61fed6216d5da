import Foundation
import SnowflakeModels

/// Views: one namespace with the schema's other table-like objects, a query whose plain
/// `FROM`/`JOIN` objects must exist (a recursive view may name itself), columns with names
/// folded as Snowflake shows them and data types taken from the source of a
/// `SELECT * FROM <object>`, and listings that show columns only with `deep`, as `SHOW VIEWS`
/// has none.
struct ViewBehaviour: FamilyBehaviour {
    typealias Family = ViewModel

    func prepare(_ model: inout ViewModel, serverState: inout [String: JSONValue], existing: StoredObject<ViewModel>?, context: StoreContext) throws {
        let name = try canonical(model.name)
        let kind = (model.kind ?? "PERMANENT").uppercased()
        guard kind == "PERMANENT" || kind == "TEMPORARY" else {
            throw EmulatorError.badRequest("Invalid value '\(model.kind ?? "")' for property 'kind': use PERMANENT or TEMPORARY.")
        }
        model.kind = kind
        model.secure = model.secure ?? false
        model.recursive = model.recursive ?? false
        guard !model.query.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw EmulatorError.badRequest("A view needs a query.")
        }
        let sourceColumns = try TableLikeRules.checkSources(of: model.query, ownName: model.recursive == true ? name : nil, context: context)
        var seen = Set<String>()
        model.columns = try model.columns.map { column in
            let columnName = try canonical(column.name)
            guard seen.insert(columnName).inserted else {
                throw EmulatorError.badRequest("SQL compilation error: duplicate column name '\(Identifier.displayName(forCanonical: columnName))'")
            }
            var shown = column
            shown.name = Identifier.displayName(forCanonical: columnName)
            shown.datatype = nil
            return shown
        }
        if let sourceColumns {
            if model.columns.isEmpty {
                model.columns = sourceColumns.compactMap { Self.column(from: $0) }
            } else if sourceColumns.count == model.columns.count {
                for index in model.columns.indices { model.columns[index].datatype = Self.column(from: sourceColumns[index])?.datatype }
            }
        }
    }

    // MARK: Listings

    var changesWithTime: Bool { true }

    /// A listing shows the columns only with `deep=true`; a fetch always shows them.
    func present(_ object: StoredObject<ViewModel>, context: StoreContext) throws -> ViewModel {
        var model = object.model
        if Self.isListing(context.request), try context.request.flag("deep") != true { model.columns = [] }
        return model
    }

    /// True for `GET .../views` (a listing), false for `GET .../views/{name}`.
    static func isListing(_ request: APIRequest) -> Bool {
        let segments = request.path.split(separator: " ", maxSplits: 1).last?.split(separator: "/") ?? []
        return segments.last.map(String.init) == Family.descriptor.collectionPath && segments.count % 2 == 1
    }

    /// A view column from a source's stored column (`{"name": ..., "datatype": ...}`).
    static func column(from value: JSONValue) -> ViewColumn? {
        guard case .object(let fields) = value, case .string(let name)? = fields["name"] else { return nil }
        var column = ViewColumn(name: name)
        if case .string(let type)? = fields["datatype"] { column.datatype = type }
        return column
    }

    private func canonical(_ name: String) throws -> String {
        do { return try Identifier.resolve(name) } catch { throw EmulatorError.invalidIdentifier(name) }
    }
}
