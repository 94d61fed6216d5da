import Foundation

// MARK: Model

/// An API integration: the HTTPS endpoints (a cloud API gateway, a Git server) that external
/// functions and Git repositories may reach, and how Snowflake authenticates to them
/// (`ApiIntegration` in the REST API v2 and in `snowflake.core`).
///
/// ```swift
/// let git = ApiIntegrationModel(
///     name: "github", apiHook: .git(ApiIntegrationGitHook(allowAnySecret: true)),
///     apiAllowedPrefixes: ["https://github.com/my-org"], enabled: true)
/// try await root.apiIntegrations.create(git)
/// ```
public struct ApiIntegrationModel: Codable, Hashable, Sendable {
    /// The integration's name.
    public var name: String
    /// The provider and its settings, chosen by `type`.
    public var apiHook: ApiIntegrationHook
    /// URL prefixes that may be called through the integration.
    public var apiAllowedPrefixes: [String]
    /// URL prefixes that may not be called, even under an allowed prefix.
    public var apiBlockedPrefixes: [String]?
    /// Whether the integration can be used.
    public var enabled: Bool
    /// A comment.
    public var comment: String?

    /// When the integration was created.
    @ReadOnly public var createdOn: Date?

    /// An API integration definition.
    public init(
        name: String, apiHook: ApiIntegrationHook, apiAllowedPrefixes: [String], apiBlockedPrefixes: [String]? = nil,
        enabled: Bool, comment: String? = nil
    ) {
        self.name = name
        self.apiHook = apiHook
        self.apiAllowedPrefixes = apiAllowedPrefixes
        self.apiBlockedPrefixes = apiBlockedPrefixes
        self.enabled = enabled
        self.comment = comment
    }

    private enum CodingKeys: String, CodingKey {
        case name
        case apiHook = "api_hook"
        case apiAllowedPrefixes = "api_allowed_prefixes"
        case apiBlockedPrefixes = "api_blocked_prefixes"
        case enabled, comment
        case createdOn = "created_on"
    }
}

// MARK: Nested types

/// The provider of an API integration (`ApiHook`), told apart on the wire by `type`.
public enum ApiIntegrationHook: Hashable, Sendable {
    /// Amazon API Gateway (`AWS`).
    case aws(ApiIntegrationAwsHook)
    /// Azure API Management (`AZURE`).
    case azure(ApiIntegrationAzureHook)
    /// Google Cloud API Gateway (`GC`).
    case googleCloud(ApiIntegrationGoogleCloudHook)
    /// A Git server over HTTPS (`GIT`).
    case git(ApiIntegrationGitHook)

    /// The wire discriminator: `AWS`, `AZURE`, `GC` or `GIT`.
    public var type: String {
        switch self {
        case .aws: "AWS"
        case .azure: "AZURE"
        case .googleCloud: "GC"
        case .git: "GIT"
        }
    }
}

extension ApiIntegrationHook: Codable {
    private enum CodingKeys: String, CodingKey {
        case type
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        switch type {
        case "AWS": self = .aws(try ApiIntegrationAwsHook(from: decoder))
        case "AZURE": self = .azure(try ApiIntegrationAzureHook(from: decoder))
        case "GC": self = .googleCloud(try ApiIntegrationGoogleCloudHook(from: decoder))
        case "GIT": self = .git(try ApiIntegrationGitHook(from: decoder))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: container, debugDescription: "unknown api hook type '\(type)' (expected AWS, AZURE, GC or GIT)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .aws(let hook): try hook.encode(to: encoder)
        case .azure(let hook): try hook.encode(to: encoder)
        case .googleCloud(let hook): try hook.encode(to: encoder)
        case .git(let hook): try hook.encode(to: encoder)
        }
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
    }
}

/// Amazon API Gateway (`AwsHook`, type `AWS`).
public struct ApiIntegrationAwsHook: Codable, Hashable, Sendable {
    /// Which kind of Amazon API Gateway.
    public enum Provider: String, Codable, Hashable, Sendable {
        /// A regional or edge-optimised gateway.
        case awsAPIGateway = "AWS_API_GATEWAY"
        /// A private gateway.
        case awsPrivateAPIGateway = "AWS_PRIVATE_API_GATEWAY"
        /// A gateway in AWS GovCloud.
        case awsGovAPIGateway = "AWS_GOV_API_GATEWAY"
        /// A private gateway in AWS GovCloud.
        case awsGovPrivateAPIGateway = "AWS_GOV_PRIVATE_API_GATEWAY"
    }

    /// Which kind of gateway.
    public var apiProvider: Provider
    /// The ARN of the IAM role Snowflake assumes to call the gateway.
    public var apiAwsRoleArn: String
    /// The gateway's API key: sent on create, shown masked afterwards.
    public var apiKey: String?

    /// An Amazon API Gateway hook.
    public init(apiProvider: Provider = .awsAPIGateway, apiAwsRoleArn: String, apiKey: String? = nil) {
        self.apiProvider = apiProvider
        self.apiAwsRoleArn = apiAwsRoleArn
        self.apiKey = apiKey
    }

    private enum CodingKeys: String, CodingKey {
        case apiProvider = "api_provider"
        case apiAwsRoleArn = "api_aws_role_arn"
        case apiKey = "api_key"
    }
}

/// Azure API Management (`AzureHook`, type `AZURE`).
public struct ApiIntegrationAzureHook: Codable, Hashable, Sendable {
    /// Which kind of Azure API Management.
    public enum Provider: String, Codable, Hashable, Sendable {
        /// A public API Management instance.
        case azureAPIManagement = "AZURE_API_MANAGEMENT"
        /// A private API Management instance.
        case azurePrivateAPIManagement = "AZURE_PRIVATE_API_MANAGEMENT"
    }

    /// Which kind of API Management.
    public var apiProvider: Provider
    /// The Office 365 tenant of the API Management instances.
    public var azureTenantId: String
    /// The application id of the Azure Active Directory application.
    public var azureAdApplicationId: String
    /// The subscription key: sent on create, shown masked afterwards.
    public var apiKey: String?

    /// An Azure API Management hook.
    public init(apiProvider: Provider = .azureAPIManagement, azureTenantId: String, azureAdApplicationId: String, apiKey: String? = nil) {
        self.apiProvider = apiProvider
        self.azureTenantId = azureTenantId
        self.azureAdApplicationId = azureAdApplicationId
        self.apiKey = apiKey
    }

    private enum CodingKeys: String, CodingKey {
        case apiProvider = "api_provider"
        case azureTenantId = "azure_tenant_id"
        case azureAdApplicationId = "azure_ad_application_id"
        case apiKey = "api_key"
    }
}

/// Google Cloud API Gateway (`GoogleCloudHook`, type `GC`).
public struct ApiIntegrationGoogleCloudHook: Codable, Hashable, Sendable {
    /// The Google provider.
    public enum Provider: String, Codable, Hashable, Sendable {
        /// Google Cloud API Gateway.
        case googleAPIGateway = "GOOGLE_API_GATEWAY"
    }

    /// The provider: Google Cloud API Gateway.
    public var apiProvider: Provider
    /// The audience claim of the JWT Snowflake sends to the gateway.
    public var googleAudience: String
    /// The gateway's API key: sent on create, shown masked afterwards.
    public var apiKey: String?

    /// A Google Cloud API Gateway hook.
    public init(apiProvider: Provider = .googleAPIGateway, googleAudience: String, apiKey: String? = nil) {
        self.apiProvider = apiProvider
        self.googleAudience = googleAudience
        self.apiKey = apiKey
    }

    private enum CodingKeys: String, CodingKey {
        case apiProvider = "api_provider"
        case googleAudience = "google_audience"
        case apiKey = "api_key"
    }
}

/// A Git server over HTTPS (`GitHook`, type `GIT`).
public struct ApiIntegrationGitHook: Codable, Hashable, Sendable {
    /// Whether any secret may be used to reach the repository; ignored when
    /// ``allowedAuthenticationSecrets`` is set. False when not given.
    public var allowAnySecret: Bool?
    /// The fully qualified secrets (`db.schema.secret`) code may use to reach the repository.
    public var allowedAuthenticationSecrets: [String]?
    /// The security integrations code may use to reach the repository; empty allows none.
    public var allowedApiAuthenticationIntegrations: [String]?

    /// A Git hook.
    public init(
        allowAnySecret: Bool? = nil, allowedAuthenticationSecrets: [String]? = nil, allowedApiAuthenticationIntegrations: [String]? = nil
    ) {
        self.allowAnySecret = allowAnySecret
        self.allowedAuthenticationSecrets = allowedAuthenticationSecrets
        self.allowedApiAuthenticationIntegrations = allowedApiAuthenticationIntegrations
    }

    private enum CodingKeys: String, CodingKey {
        case allowAnySecret = "allow_any_secret"
        case allowedAuthenticationSecrets = "allowed_authentication_secrets"
        case allowedApiAuthenticationIntegrations = "allowed_api_authentication_integrations"
    }
}

// MARK: Descriptor

extension ApiIntegrationModel: AccountObject, SupportsCreateOrAlter, Taggable {
    /// The family's descriptor.
    public static let descriptor = ResourceDescriptor(
        family: "api-integration", objectKind: "Integration", collectionPath: "api-integrations",
        listFilters: [.like], nameSpace: "integration", columns: ["name", "api_allowed_prefixes", "enabled", "comment", "created_on"])
}
