import SnowflakeModels

/// A reference to an API integration, as `snowflake.core` names it.
public typealias ApiIntegrationResource = ResourceReference<ApiIntegrationModel>
/// The account's API integrations, as `snowflake.core` names it.
public typealias ApiIntegrationCollection = ResourceCollection<ApiIntegrationModel>

extension Root {
    /// The account's API integrations: cloud API gateways for external functions and Git
    /// servers for Git repositories.
    ///
    /// Create them (`POST /api/v2/api-integrations`), list them with `like`, fetch them, alter
    /// them with `createOrAlter(_:)` (`PUT`) and drop them. An API key is sent on create and
    /// comes back masked; create-or-alter never changes it, and leaves the blocked prefixes as
    /// they are when the definition has none.
    ///
    /// ```swift
    /// let gateway = ApiIntegrationModel(
    ///     name: "gateway",
    ///     apiHook: .aws(ApiIntegrationAwsHook(apiAwsRoleArn: "arn:aws:iam::123456789012:role/gateway")),
    ///     apiAllowedPrefixes: ["https://abc123.execute-api.us-west-2.amazonaws.com/prod"], enabled: true)
    /// try await root.apiIntegrations.create(gateway)
    /// try await root.apiIntegrations["gateway"].createOrAlter(gateway)
    /// ```
    /// - Remark: HTTP `GET|POST /api/v2/api-integrations`, `GET|DELETE|PUT /api/v2/api-integrations/{name}`
    public var apiIntegrations: ApiIntegrationCollection { collection(ApiIntegrationModel.self) }
}
