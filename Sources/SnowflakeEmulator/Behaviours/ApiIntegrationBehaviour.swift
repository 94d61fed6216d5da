import Foundation
import SnowflakeModels

/// API integrations: prefixes and each provider's settings checked, the API key kept only as a
/// salted hash and shown masked (`********`) when one is set, as Snowflake's `DESCRIBE` does.
///
/// Create-or-alter behaves as Snowflake's does for this family (and as `snowflake.core`
/// documents it): the API key is never changed by it (neither set nor removed), blocked
/// prefixes left out of the definition stay as they were, and the provider (the hook's `type`
/// and `api_provider`) cannot change, as `ALTER API INTEGRATION` cannot change it. Other
/// properties left out are unset. Integrations of all kinds share one namespace.
struct ApiIntegrationBehaviour: FamilyBehaviour {
    typealias Family = ApiIntegrationModel

    func prepare(
        _ model: inout ApiIntegrationModel, serverState: inout [String: JSONValue], existing: StoredObject<ApiIntegrationModel>?,
        context: StoreContext
    ) throws {
        let name = try IntegrationRules.canonical(model.name, field: "name")
        model.createdOn = existing?.model.createdOn ?? context.now

        guard !model.apiAllowedPrefixes.isEmpty else {
            throw EmulatorError.badRequest("api_allowed_prefixes needs at least one URL prefix.")
        }
        for prefix in model.apiAllowedPrefixes { try IntegrationRules.requireHTTPS(prefix, field: "api_allowed_prefixes") }
        if model.apiBlockedPrefixes == nil, let existing { model.apiBlockedPrefixes = existing.model.apiBlockedPrefixes }
        for prefix in model.apiBlockedPrefixes ?? [] { try IntegrationRules.requireHTTPS(prefix, field: "api_blocked_prefixes") }

        if let existing, let was = Self.provider(of: existing.model.apiHook), was != Self.provider(of: model.apiHook) {
            throw EmulatorError.badRequest(
                "The provider of an API integration cannot be changed (\(Identifier.displayName(forCanonical: name)) uses \(was)).")
        }

        var key: String?
        switch model.apiHook {
        case .aws(var hook):
            try IntegrationRules.requireRoleArn(hook.apiAwsRoleArn, field: "api_aws_role_arn")
            key = hook.apiKey
            hook.apiKey = nil
            model.apiHook = .aws(hook)
        case .azure(var hook):
            _ = try IntegrationRules.require(hook.azureTenantId, field: "azure_tenant_id", for: "an Azure API integration")
            _ = try IntegrationRules.require(hook.azureAdApplicationId, field: "azure_ad_application_id", for: "an Azure API integration")
            key = hook.apiKey
            hook.apiKey = nil
            model.apiHook = .azure(hook)
        case .googleCloud(var hook):
            _ = try IntegrationRules.require(hook.googleAudience, field: "google_audience", for: "a Google Cloud API integration")
            key = hook.apiKey
            hook.apiKey = nil
            model.apiHook = .googleCloud(hook)
        case .git(var hook):
            hook.allowAnySecret = hook.allowAnySecret ?? false
            hook.allowedAuthenticationSecrets = try hook.allowedAuthenticationSecrets?.map { try Self.secretName($0, context: context) }
            hook.allowedApiAuthenticationIntegrations = try hook.allowedApiAuthenticationIntegrations?.map {
                Identifier.displayName(forCanonical: try IntegrationRules.canonical($0, field: "allowed_api_authentication_integrations"))
            }
            model.apiHook = .git(hook)
        }

        if existing == nil, let key, !key.isEmpty {
            IntegrationRules.keep(key, as: "api_key_hash", in: &serverState)
        }
        let masked = serverState["api_key_hash"] != nil ? IntegrationRules.maskedSecret : nil
        switch model.apiHook {
        case .aws(var hook): hook.apiKey = masked; model.apiHook = .aws(hook)
        case .azure(var hook): hook.apiKey = masked; model.apiHook = .azure(hook)
        case .googleCloud(var hook): hook.apiKey = masked; model.apiHook = .googleCloud(hook)
        case .git: break
        }
    }

    /// The provider a hook names (`AWS_API_GATEWAY`, ..., `GIT_HTTPS_API` for Git).
    private static func provider(of hook: ApiIntegrationHook) -> String? {
        switch hook {
        case .aws(let hook): hook.apiProvider.rawValue
        case .azure(let hook): hook.apiProvider.rawValue
        case .googleCloud(let hook): hook.apiProvider.rawValue
        case .git: "GIT_HTTPS_API"
        }
    }

    /// A fully qualified secret name (`db.schema.secret`), resolved and shown as Snowflake does.
    private static func secretName(_ text: String, context: StoreContext) throws -> String {
        guard let parsed = try? QualifiedName.parse(text), let database = parsed.database, let schema = parsed.schema else {
            throw EmulatorError.badRequest("allowed_authentication_secrets holds '\(text)', which is not a fully qualified secret name (database.schema.secret).")
        }
        let (db, sc, name) = try IntegrationRules.resolveSecret(database: database, schema: schema, name: parsed.name, context: context)
        return [db, sc, name].map(Identifier.displayName(forCanonical:)).joined(separator: ".")
    }
}
