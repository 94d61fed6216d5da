import Foundation
import SnowflakeCore
import SnowflakeEmulator
import SnowflakeTestSupport
import Testing

@Suite("Catalog integrations end to end")
struct CatalogIntegrationTests {
    static let glue = CatalogIntegrationGlue(
        glueAwsRoleArn: "arn:aws:iam::123456789012:role/glue-reader", glueCatalogId: "1234567", glueRegion: "us-west-2", catalogNamespace: "abcd-ns")
    static let polaris = CatalogIntegrationPolaris(
        catalogNamespace: "analytics",
        restConfig: CatalogIntegrationRestConfig(catalogUri: "https://acct.snowflakecomputing.com/polaris/api/catalog", warehouse: "lake"),
        restAuthentication: .oauth(CatalogIntegrationOAuth(
            oauthClientId: "client-id", oauthClientSecret: "client-secret-value", oauthAllowedScopes: ["PRINCIPAL_ROLE:ALL"])))

    @Test("every catalog source round-trips, with type and category CATALOG")
    func sources() async throws {
        try await TestEmulator.withRoot { root, _ in
            let catalogs: [(String, CatalogIntegrationCatalog)] = [("glue", .glue(Self.glue)), ("files", .objectStore), ("polaris", .polaris(Self.polaris))]
            for (name, catalog) in catalogs {
                try await root.catalogIntegrations.create(CatalogIntegrationModel(name: name, catalog: catalog, enabled: name != "files", comment: name))
                let fetched = try await root.catalogIntegrations[name].fetch()
                #expect(fetched.name == name.uppercased())
                #expect(fetched.tableFormat == "ICEBERG")
                #expect(fetched.enabled == (name != "files"))
                #expect(fetched.comment == name)
                #expect(fetched.type == "CATALOG")
                #expect(fetched.category == "CATALOG")
                #expect(fetched.createdOn != nil)
                #expect(fetched.catalog.catalogSource == catalog.catalogSource)
                if case .polaris = catalog { continue }
                #expect(fetched.catalog == catalog)
            }
            #expect(try await root.catalogIntegrations.list(like: "%s").collect().map(\.name) == ["FILES", "POLARIS"])
        }
    }

    @Test("the OAuth client secret is kept, never returned: fetch and list show \"\"")
    func secret() async throws {
        try await TestEmulator.withRoot { root, emulator in
            try await root.catalogIntegrations.create(CatalogIntegrationModel(name: "polaris", catalog: .polaris(Self.polaris), enabled: true))
            guard case .polaris(let fetched) = try await root.catalogIntegrations["polaris"].fetch().catalog,
                case .oauth(let oauth) = fetched.restAuthentication
            else {
                Issue.record("not a Polaris catalog with OAuth")
                return
            }
            #expect(fetched.catalogNamespace == "analytics")
            #expect(fetched.restConfig == Self.polaris.restConfig)
            #expect(oauth.oauthClientId == "client-id")
            #expect(oauth.oauthClientSecret == "")
            #expect(oauth.oauthAllowedScopes == ["PRINCIPAL_ROLE:ALL"])
            let http = RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken)
            for path in ["/api/v2/catalog-integrations/polaris", "/api/v2/catalog-integrations"] {
                let answer = try await http.send("GET", path)
                #expect(answer.status == 200)
                #expect(!answer.text.contains("client-secret-value"), "\(path)")
            }
        }
    }

    @Test("bad definitions are 400s naming the field, and nothing is written")
    func validation() async throws {
        try await TestEmulator.withRoot { root, emulator in
            let refused: [(CatalogIntegrationModel, String)] = [
                (CatalogIntegrationModel(name: "c", catalog: .glue(CatalogIntegrationGlue(glueAwsRoleArn: "role", glueCatalogId: "1", catalogNamespace: "n")), enabled: true),
                 "glue_aws_role_arn must be an IAM role ARN"),
                (CatalogIntegrationModel(name: "c", catalog: .polaris(CatalogIntegrationPolaris(
                    catalogNamespace: "n", restConfig: CatalogIntegrationRestConfig(catalogUri: "http://plain/catalog", warehouse: "w"),
                    restAuthentication: .oauth(CatalogIntegrationOAuth(oauthClientId: "i", oauthClientSecret: "s", oauthAllowedScopes: ["all"])))), enabled: true),
                 "rest_config.catalog_uri must be an https:// URL"),
                (CatalogIntegrationModel(name: "c", catalog: .polaris(CatalogIntegrationPolaris(
                    catalogNamespace: "n", restConfig: Self.polaris.restConfig,
                    restAuthentication: .oauth(CatalogIntegrationOAuth(oauthClientId: "i", oauthClientSecret: "", oauthAllowedScopes: ["all"])))), enabled: true),
                 "rest_authentication.oauth_client_secret is required"),
                (CatalogIntegrationModel(name: "c", catalog: .polaris(CatalogIntegrationPolaris(
                    catalogNamespace: "n", restConfig: Self.polaris.restConfig,
                    restAuthentication: .oauth(CatalogIntegrationOAuth(oauthClientId: "i", oauthClientSecret: "s", oauthAllowedScopes: [])))), enabled: true),
                 "oauth_allowed_scopes needs at least one scope"),
            ]
            for (model, message) in refused {
                let error = await capturedError { try await root.catalogIntegrations.create(model) }
                #expect(error?.code == .badRequest)
                #expect(error?.message?.contains(message) == true, "\(error?.message ?? "no error")")
            }
            let http = RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken)
            let bodies: [(String, String)] = [
                (#"{"name":"c","catalog":{"catalog_source":"OBJECT_STORE"},"table_format":"DELTA","enabled":true}"#, "table_format must be ICEBERG"),
                (#"{"name":"c","catalog":{"catalog_source":"ICEBERG_REST"},"table_format":"ICEBERG","enabled":true}"#, "unknown catalog_source 'ICEBERG_REST'"),
                (#"{"name":"c","catalog":{"catalog_source":"GLUE","glue_catalog_id":"1","catalog_namespace":"n"},"table_format":"ICEBERG","enabled":true}"#,
                 "missing required field 'glue_aws_role_arn'"),
                (#"{"name":"c","catalog":{"catalog_source":"OBJECT_STORE"},"table_format":"ICEBERG"}"#, "missing required field 'enabled'"),
                (#"{"name":"c","catalog":{"catalog_source":"POLARIS","catalog_namespace":"n","rest_config":{"catalog_uri":"https://x","warehouse":"w"},"rest_authentication":{"type":"BEARER"}},"table_format":"ICEBERG","enabled":true}"#,
                 "unknown rest_authentication type 'BEARER'"),
            ]
            for (body, message) in bodies {
                let answer = try await http.send("POST", "/api/v2/catalog-integrations", body: body)
                #expect(answer.status == 400, "\(body)")
                #expect((answer.object?["message"] as? String)?.contains(message) == true, "\(body): \(answer.text)")
            }
            #expect(try await root.catalogIntegrations.list().collect().isEmpty)
        }
    }

    @Test("create modes, like, drop and ifExists")
    func lifecycle() async throws {
        let clock = ManualClock()
        try await TestEmulator.withRoot(TestEmulator.configuration(clock: clock)) { root, emulator in
            try await root.catalogIntegrations.create(CatalogIntegrationModel(name: "c1", catalog: .objectStore, enabled: true, comment: "first"))
            let first = try await root.catalogIntegrations["c1"].fetch()
            #expect(await capturedError { try await root.catalogIntegrations.create(first) }?.code == .conflict)
            try await root.catalogIntegrations.create(CatalogIntegrationModel(name: "c1", catalog: .glue(Self.glue), enabled: true), mode: .ifNotExists)
            #expect(try await root.catalogIntegrations["c1"].fetch().catalog == .objectStore)
            clock.advance(by: 5)
            try await root.catalogIntegrations.create(CatalogIntegrationModel(name: "c1", catalog: .glue(Self.glue), enabled: false), mode: .orReplace)
            let replaced = try await root.catalogIntegrations["c1"].fetch()
            #expect(replaced.catalog == .glue(Self.glue))
            #expect(replaced.comment == nil)
            #expect(replaced.createdOn! > first.createdOn!)
            let put = try await RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken)
                .send("PUT", "/api/v2/catalog-integrations/c1", body: #"{"name":"c1","catalog":{"catalog_source":"OBJECT_STORE"},"table_format":"ICEBERG","enabled":true}"#)
            #expect(put.status == 405, "catalog integrations cannot be altered through the REST API")
            try await root.catalogIntegrations["c1"].drop()
            #expect(await capturedError { _ = try await root.catalogIntegrations["c1"].fetch() }?.code == .notFound)
            #expect(await capturedError { try await root.catalogIntegrations["c1"].drop() }?.code == .notFound)
            try await root.catalogIntegrations["c1"].drop(ifExists: true)
        }
    }
}
