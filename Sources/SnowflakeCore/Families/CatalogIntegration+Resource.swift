import SnowflakeModels

/// A reference to a catalog integration, as `snowflake.core` names it.
public typealias CatalogIntegrationResource = ResourceReference<CatalogIntegrationModel>
/// The account's catalog integrations, as `snowflake.core` names it.
public typealias CatalogIntegrationCollection = ResourceCollection<CatalogIntegrationModel>

extension Root {
    /// The account's catalog integrations: the Glue, object-store and Polaris catalogs of
    /// Iceberg tables.
    ///
    /// Create them (`POST /api/v2/catalog-integrations`), list them with `like`, fetch and drop
    /// them; they cannot be altered through the REST API. An OAuth client secret is sent on
    /// create and comes back as `""`.
    ///
    /// ```swift
    /// try await root.catalogIntegrations.create(CatalogIntegrationModel(name: "files", catalog: .objectStore, enabled: true))
    /// ```
    /// - Remark: HTTP `GET|POST /api/v2/catalog-integrations`, `GET|DELETE /api/v2/catalog-integrations/{name}`
    public var catalogIntegrations: CatalogIntegrationCollection { collection(CatalogIntegrationModel.self) }
}
