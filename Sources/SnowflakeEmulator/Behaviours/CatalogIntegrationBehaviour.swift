import Foundation
import SnowflakeModels

/// Catalog integrations: the table format and each catalog's settings checked, `type` and
/// `category` filled in (`CATALOG`), and the OAuth client secret of a Polaris catalog kept only
/// as a salted hash: answers show it as `""`, as Snowflake's do.
///
/// The emulator does not reach the catalog (Snowflake can check a Polaris catalog's
/// credentials on create); integrations of all kinds share one namespace.
struct CatalogIntegrationBehaviour: FamilyBehaviour {
    typealias Family = CatalogIntegrationModel

    func prepare(
        _ model: inout CatalogIntegrationModel, serverState: inout [String: JSONValue],
        existing: StoredObject<CatalogIntegrationModel>?, context: StoreContext
    ) throws {
        _ = try IntegrationRules.canonical(model.name, field: "name")  // a valid identifier
        guard model.tableFormat.uppercased() == "ICEBERG" else {
            throw EmulatorError.badRequest("table_format must be ICEBERG, not '\(model.tableFormat)'.")
        }
        model.tableFormat = "ICEBERG"
        model.type = "CATALOG"
        model.category = "CATALOG"
        model.createdOn = existing?.model.createdOn ?? context.now
        switch model.catalog {
        case .objectStore:
            break
        case .glue(let glue):
            let what = "a Glue catalog integration"
            try IntegrationRules.requireRoleArn(glue.glueAwsRoleArn, field: "glue_aws_role_arn")
            _ = try IntegrationRules.require(glue.glueCatalogId, field: "glue_catalog_id", for: what)
            _ = try IntegrationRules.require(glue.catalogNamespace, field: "catalog_namespace", for: what)
            if let region = glue.glueRegion {
                _ = try IntegrationRules.require(region, field: "glue_region", for: what)
            }
        case .polaris(var polaris):
            let what = "a Polaris catalog integration"
            _ = try IntegrationRules.require(polaris.catalogNamespace, field: "catalog_namespace", for: what)
            try IntegrationRules.requireHTTPS(polaris.restConfig.catalogUri, field: "rest_config.catalog_uri")
            _ = try IntegrationRules.require(polaris.restConfig.warehouse, field: "rest_config.warehouse", for: what)
            switch polaris.restAuthentication {
            case .oauth(var oauth):
                _ = try IntegrationRules.require(oauth.oauthClientId, field: "rest_authentication.oauth_client_id", for: what)
                let secret = try IntegrationRules.require(oauth.oauthClientSecret, field: "rest_authentication.oauth_client_secret", for: what)
                guard !oauth.oauthAllowedScopes.isEmpty, oauth.oauthAllowedScopes.allSatisfy({ !$0.isEmpty }) else {
                    throw EmulatorError.badRequest("rest_authentication.oauth_allowed_scopes needs at least one scope (such as PRINCIPAL_ROLE:ALL).")
                }
                IntegrationRules.keep(secret, as: "oauth_client_secret_hash", in: &serverState)
                oauth.oauthClientSecret = ""
                polaris.restAuthentication = .oauth(oauth)
            }
            model.catalog = .polaris(polaris)
        }
    }
}
