import Foundation

// MARK: Model

/// A catalog integration: the external catalog (AWS Glue, object storage, Polaris) that Iceberg
/// tables read their metadata from (`CatalogIntegration` in the REST API v2 and in
/// `snowflake.core`).
///
/// ```swift
/// let glue = CatalogIntegrationModel(
///     name: "glue_catalog",
///     catalog: .glue(CatalogIntegrationGlue(glueAwsRoleArn: "arn:aws:iam::123456789012:role/glue",
///                                           glueCatalogId: "123456789012", catalogNamespace: "analytics")),
///     enabled: true)
/// try await root.catalogIntegrations.create(glue)
/// ```
public struct CatalogIntegrationModel: Codable, Hashable, Sendable {
    /// The integration's name.
    public var name: String
    /// The catalog and its settings, chosen by `catalog_source`.
    public var catalog: CatalogIntegrationCatalog
    /// The table format of the catalog's tables: `ICEBERG`.
    public var tableFormat: String
    /// Whether Iceberg tables may use the integration.
    public var enabled: Bool
    /// A comment.
    public var comment: String?

    /// The kind of integration: always `CATALOG`.
    @ReadOnly public var type: String?
    /// The category of integration: always `CATALOG`.
    @ReadOnly public var category: String?
    /// When the integration was created.
    @ReadOnly public var createdOn: Date?

    /// A catalog integration definition.
    public init(
        name: String, catalog: CatalogIntegrationCatalog, tableFormat: String = "ICEBERG", enabled: Bool, comment: String? = nil
    ) {
        self.name = name
        self.catalog = catalog
        self.tableFormat = tableFormat
        self.enabled = enabled
        self.comment = comment
    }

    private enum CodingKeys: String, CodingKey {
        case name, catalog
        case tableFormat = "table_format"
        case enabled, comment, type, category
        case createdOn = "created_on"
    }
}

// MARK: Nested types

/// The external catalog of a catalog integration (`Catalog`), told apart on the wire by
/// `catalog_source`.
public enum CatalogIntegrationCatalog: Hashable, Sendable {
    /// An AWS Glue Data Catalog (`GLUE`).
    case glue(CatalogIntegrationGlue)
    /// Iceberg metadata files in object storage, no catalog service (`OBJECT_STORE`).
    case objectStore
    /// A Polaris (Snowflake Open Catalog) catalog reached over the Iceberg REST protocol (`POLARIS`).
    case polaris(CatalogIntegrationPolaris)

    /// The wire discriminator: `GLUE`, `OBJECT_STORE` or `POLARIS`.
    public var catalogSource: String {
        switch self {
        case .glue: "GLUE"
        case .objectStore: "OBJECT_STORE"
        case .polaris: "POLARIS"
        }
    }
}

extension CatalogIntegrationCatalog: Codable {
    private enum CodingKeys: String, CodingKey {
        case catalogSource = "catalog_source"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let source = try container.decode(String.self, forKey: .catalogSource)
        switch source {
        case "GLUE": self = .glue(try CatalogIntegrationGlue(from: decoder))
        case "OBJECT_STORE": self = .objectStore
        case "POLARIS": self = .polaris(try CatalogIntegrationPolaris(from: decoder))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .catalogSource, in: container,
                debugDescription: "unknown catalog_source '\(source)' (expected GLUE, OBJECT_STORE or POLARIS)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .glue(let catalog): try catalog.encode(to: encoder)
        case .objectStore: break
        case .polaris(let catalog): try catalog.encode(to: encoder)
        }
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(catalogSource, forKey: .catalogSource)
    }
}

/// An AWS Glue Data Catalog (`Glue`, catalog source `GLUE`).
public struct CatalogIntegrationGlue: Codable, Hashable, Sendable {
    /// The ARN of the IAM role Snowflake assumes to read the catalog.
    public var glueAwsRoleArn: String
    /// The id of the Glue catalog (the AWS account id).
    public var glueCatalogId: String
    /// The AWS region of the catalog; needed when the account is not on AWS.
    public var glueRegion: String?
    /// The Glue database that tables of this integration use by default.
    public var catalogNamespace: String

    /// A Glue catalog.
    public init(glueAwsRoleArn: String, glueCatalogId: String, glueRegion: String? = nil, catalogNamespace: String) {
        self.glueAwsRoleArn = glueAwsRoleArn
        self.glueCatalogId = glueCatalogId
        self.glueRegion = glueRegion
        self.catalogNamespace = catalogNamespace
    }

    private enum CodingKeys: String, CodingKey {
        case glueAwsRoleArn = "glue_aws_role_arn"
        case glueCatalogId = "glue_catalog_id"
        case glueRegion = "glue_region"
        case catalogNamespace = "catalog_namespace"
    }
}

/// A Polaris catalog (`Polaris`, catalog source `POLARIS`).
public struct CatalogIntegrationPolaris: Codable, Hashable, Sendable {
    /// The namespace that tables of this integration use by default.
    public var catalogNamespace: String
    /// Where the catalog is.
    public var restConfig: CatalogIntegrationRestConfig
    /// How Snowflake authenticates to the catalog.
    public var restAuthentication: CatalogIntegrationRestAuthentication

    /// A Polaris catalog.
    public init(
        catalogNamespace: String, restConfig: CatalogIntegrationRestConfig, restAuthentication: CatalogIntegrationRestAuthentication
    ) {
        self.catalogNamespace = catalogNamespace
        self.restConfig = restConfig
        self.restAuthentication = restAuthentication
    }

    private enum CodingKeys: String, CodingKey {
        case catalogNamespace = "catalog_namespace"
        case restConfig = "rest_config"
        case restAuthentication = "rest_authentication"
    }
}

/// Where a REST catalog is (`RestConfig`).
public struct CatalogIntegrationRestConfig: Codable, Hashable, Sendable {
    /// The catalog service's URL (`https://<account>.snowflakecomputing.com/polaris/api/catalog`).
    public var catalogUri: String
    /// The name of the catalog in the service.
    public var warehouse: String

    /// A catalog location.
    public init(catalogUri: String, warehouse: String) {
        self.catalogUri = catalogUri
        self.warehouse = warehouse
    }

    private enum CodingKeys: String, CodingKey {
        case catalogUri = "catalog_uri"
        case warehouse
    }
}

/// How Snowflake authenticates to a REST catalog (`RestAuthentication`), told apart on the
/// wire by `type`.
public enum CatalogIntegrationRestAuthentication: Hashable, Sendable {
    /// OAuth 2 client credentials (`OAUTH`).
    case oauth(CatalogIntegrationOAuth)

    /// The wire discriminator: `OAUTH`.
    public var type: String {
        switch self {
        case .oauth: "OAUTH"
        }
    }
}

extension CatalogIntegrationRestAuthentication: Codable {
    private enum CodingKeys: String, CodingKey {
        case type
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        switch type {
        case "OAUTH": self = .oauth(try CatalogIntegrationOAuth(from: decoder))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: container, debugDescription: "unknown rest_authentication type '\(type)' (expected OAUTH)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .oauth(let oauth): try oauth.encode(to: encoder)
        }
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
    }
}

/// OAuth 2 client credentials for a REST catalog (`OAuth`, type `OAUTH`).
public struct CatalogIntegrationOAuth: Codable, Hashable, Sendable {
    /// The OAuth client id.
    public var oauthClientId: String
    /// The OAuth client secret: sent on create, never returned (answers carry `""`).
    public var oauthClientSecret: String
    /// The scopes asked for (`PRINCIPAL_ROLE:ALL`).
    public var oauthAllowedScopes: [String]

    /// OAuth client credentials.
    public init(oauthClientId: String, oauthClientSecret: String, oauthAllowedScopes: [String]) {
        self.oauthClientId = oauthClientId
        self.oauthClientSecret = oauthClientSecret
        self.oauthAllowedScopes = oauthAllowedScopes
    }

    private enum CodingKeys: String, CodingKey {
        case oauthClientId = "oauth_client_id"
        case oauthClientSecret = "oauth_client_secret"
        case oauthAllowedScopes = "oauth_allowed_scopes"
    }
}

// MARK: Descriptor

extension CatalogIntegrationModel: AccountObject, Taggable {
    /// The family's descriptor.
    public static let descriptor = ResourceDescriptor(
        family: "catalog-integration", objectKind: "Integration", collectionPath: "catalog-integrations",
        listFilters: [.like], nameSpace: "integration", columns: ["name", "table_format", "enabled", "comment", "created_on"])
}
