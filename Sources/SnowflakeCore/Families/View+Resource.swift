import Foundation
import SnowflakeModels

/// A reference to a view, as `snowflake.core` names it.
public typealias ViewResource = ResourceReference<ViewModel>
/// The views of a schema, as `snowflake.core` names it.
public typealias ViewCollection = ResourceCollection<ViewModel>

extension ResourceReference where Family == SchemaModel {
    /// The schema's views.
    public var views: ViewCollection { collection(ViewModel.self) }
}

extension ResourceCollection where Family == ViewModel {
    /// Creates a view and returns a reference to it.
    ///
    /// ```swift
    /// try await schema.views.create(ViewModel(name: "v", columns: [ViewColumn(name: "id")],
    ///                                         query: "select id from orders"), mode: .orReplace, copyGrants: true)
    /// ```
    /// - Parameters:
    ///   - mode: what to do when an object of that name exists.
    ///   - copyGrants: with `.orReplace`, keep the grants of the view replaced.
    /// - Remark: HTTP `POST /api/v2/databases/{database}/schemas/{schema}/views?createMode=&copyGrants=`
    @discardableResult
    public func create(_ model: ViewModel, mode: CreateMode = .errorIfExists, copyGrants: Bool) async throws -> ViewResource {
        try await sendCreate(path, body: model, mode: mode, copyGrants: copyGrants)
        return self[model.name]
    }

    /// The schema's views; with `deep`, each view comes with its columns (without, `columns`
    /// is empty, as `SHOW VIEWS` has none).
    /// - Remark: HTTP `GET /api/v2/databases/{database}/schemas/{schema}/views?deep=`
    public func list(
        like: String? = nil, startsWith: String? = nil, showLimit: Int? = nil, fromName: String? = nil, deep: Bool
    ) -> ResourceListing<ViewModel> {
        list(ListOptions(like: like, startsWith: startsWith, showLimit: showLimit, fromName: fromName, deep: deep))
    }
}
