import Foundation
import SnowflakeCore
import SnowflakeEmulator
import SnowflakeTestSupport
import Testing

@Suite("API integrations end to end")
struct ApiIntegrationTests {
    static let roleArn = "arn:aws:iam::123456789012:role/gateway-caller"
    static let awsPrefix = "https://xyz.execute-api.us-west-2.amazonaws.com/test"

    static func aws(_ name: String = "gateway", key: String? = "the-api-key", blocked: [String]? = nil, comment: String? = nil) -> ApiIntegrationModel {
        ApiIntegrationModel(
            name: name, apiHook: .aws(ApiIntegrationAwsHook(apiAwsRoleArn: roleArn, apiKey: key)), apiAllowedPrefixes: [awsPrefix],
            apiBlockedPrefixes: blocked, enabled: true, comment: comment)
    }

    @Test("every provider round-trips; an API key comes back masked, never in clear")
    func providers() async throws {
        try await TestEmulator.withRoot { root, emulator in
            let integrations: [ApiIntegrationModel] = [
                Self.aws(),
                ApiIntegrationModel(
                    name: "private_gov", apiHook: .aws(ApiIntegrationAwsHook(apiProvider: .awsGovPrivateAPIGateway, apiAwsRoleArn: "arn:aws-us-gov:iam::123456789012:role/r")),
                    apiAllowedPrefixes: ["https://abc.execute-api.us-gov-west-1.amazonaws.com/prod"], enabled: true),
                ApiIntegrationModel(
                    name: "azure", apiHook: .azure(ApiIntegrationAzureHook(azureTenantId: "tenant.onmicrosoft.com", azureAdApplicationId: "app-id", apiKey: "azure-key")),
                    apiAllowedPrefixes: ["https://ext-func.azure-api.net/echo"], enabled: false, comment: "azure"),
                ApiIntegrationModel(
                    name: "google", apiHook: .googleCloud(ApiIntegrationGoogleCloudHook(googleAudience: "aud")),
                    apiAllowedPrefixes: ["https://fake.uc.gateway.dev"], enabled: true),
                ApiIntegrationModel(
                    name: "git", apiHook: .git(ApiIntegrationGitHook(allowAnySecret: true)), apiAllowedPrefixes: ["https://github.com"],
                    apiBlockedPrefixes: ["https://github.com/snowflakedb/private"], enabled: false),
            ]
            for integration in integrations {
                try await root.apiIntegrations.create(integration)
                let fetched = try await root.apiIntegrations[integration.name].fetch()
                #expect(fetched.name == integration.name.uppercased())
                #expect(fetched.apiAllowedPrefixes == integration.apiAllowedPrefixes)
                #expect(fetched.apiBlockedPrefixes == integration.apiBlockedPrefixes)
                #expect(fetched.enabled == integration.enabled)
                #expect(fetched.comment == integration.comment)
                #expect(fetched.createdOn != nil)
                switch (fetched.apiHook, integration.apiHook) {
                case (.aws(let got), .aws(let sent)):
                    #expect(got.apiProvider == sent.apiProvider && got.apiAwsRoleArn == sent.apiAwsRoleArn)
                    #expect(got.apiKey == (sent.apiKey == nil ? nil : "********"))
                case (.azure(let got), .azure(let sent)):
                    #expect(got.azureTenantId == sent.azureTenantId && got.azureAdApplicationId == sent.azureAdApplicationId)
                    #expect(got.apiKey == "********")
                case (.googleCloud(let got), .googleCloud(let sent)):
                    #expect(got.googleAudience == sent.googleAudience && got.apiProvider == .googleAPIGateway)
                    #expect(got.apiKey == nil)
                case (.git(let got), .git):
                    #expect(got == ApiIntegrationGitHook(allowAnySecret: true))
                default:
                    Issue.record("\(integration.name) came back as \(fetched.apiHook.type)")
                }
            }
            let http = RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken)
            for path in ["/api/v2/api-integrations/gateway", "/api/v2/api-integrations/azure", "/api/v2/api-integrations"] {
                let answer = try await http.send("GET", path)
                #expect(answer.status == 200)
                #expect(!answer.text.contains("the-api-key") && !answer.text.contains("azure-key"), "\(path)")
            }
            #expect(try await root.apiIntegrations.list(like: "g%").collect().map(\.name) == ["GATEWAY", "GIT", "GOOGLE"])
        }
    }

    @Test("git: allow_any_secret defaults to false; secrets and integrations are resolved names")
    func git() async throws {
        try await TestEmulator.withRoot { root, _ in
            let hook = ApiIntegrationGitHook(allowedAuthenticationSecrets: ["db.public.git_token", "\"Db\".s.\"tok\""], allowedApiAuthenticationIntegrations: ["gh_oauth"])
            try await root.apiIntegrations.create(ApiIntegrationModel(name: "git", apiHook: .git(hook), apiAllowedPrefixes: ["https://github.com/org"], enabled: true))
            guard case .git(let fetched) = try await root.apiIntegrations["git"].fetch().apiHook else {
                Issue.record("not a Git hook")
                return
            }
            #expect(fetched.allowAnySecret == false)
            #expect(fetched.allowedAuthenticationSecrets == ["DB.PUBLIC.GIT_TOKEN", "Db.S.tok"])
            #expect(fetched.allowedApiAuthenticationIntegrations == ["GH_OAUTH"])
            let unqualified = await capturedError {
                try await root.apiIntegrations.create(ApiIntegrationModel(
                    name: "git2", apiHook: .git(ApiIntegrationGitHook(allowedAuthenticationSecrets: ["token"])), apiAllowedPrefixes: ["https://github.com"], enabled: true))
            }
            #expect(unqualified?.code == .badRequest)
        }
    }

    @Test("create-or-alter: alters what it may, never changes the key, keeps omitted blocked prefixes, refuses a new provider")
    func createOrAlter() async throws {
        try await TestEmulator.withRoot { root, emulator in
            let gateway = root.apiIntegrations["gateway"]
            try await gateway.createOrAlter(Self.aws(key: nil, blocked: ["https://xyz.execute-api.us-west-2.amazonaws.com/test/admin"], comment: "made by PUT"))
            let created = try await gateway.fetch()
            #expect(created.comment == "made by PUT")
            guard case .aws(let hook) = created.apiHook else { throw SnowflakeError(code: .invalidResponse, detail: "not AWS") }
            #expect(hook.apiKey == nil)

            var altered = Self.aws(key: "new-key")
            altered.enabled = false
            altered.apiAllowedPrefixes.append("https://other.execute-api.us-west-2.amazonaws.com/prod")
            try await gateway.createOrAlter(altered)
            let after = try await gateway.fetch()
            #expect(after.enabled == false)
            #expect(after.apiAllowedPrefixes == altered.apiAllowedPrefixes)
            #expect(after.apiBlockedPrefixes == created.apiBlockedPrefixes, "blocked prefixes cannot be unset by create-or-alter")
            #expect(after.comment == nil, "an omitted comment is unset")
            #expect(after.createdOn == created.createdOn)
            guard case .aws(let afterHook) = after.apiHook else { throw SnowflakeError(code: .invalidResponse, detail: "not AWS") }
            #expect(afterHook.apiKey == nil, "create-or-alter does not set an API key")

            try await root.apiIntegrations.create(Self.aws("keyed"))
            try await root.apiIntegrations["keyed"].createOrAlter(Self.aws("keyed", key: nil))
            guard case .aws(let kept) = try await root.apiIntegrations["keyed"].fetch().apiHook else { throw SnowflakeError(code: .invalidResponse, detail: "not AWS") }
            #expect(kept.apiKey == "********", "create-or-alter does not remove an API key")

            let newProvider = await capturedError {
                try await gateway.createOrAlter(ApiIntegrationModel(
                    name: "gateway", apiHook: .googleCloud(ApiIntegrationGoogleCloudHook(googleAudience: "a")), apiAllowedPrefixes: ["https://x.gateway.dev"], enabled: true))
            }
            #expect(newProvider?.code == .badRequest)
            #expect(newProvider?.message?.contains("cannot be changed") == true)
            let mismatch = try await RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken).send(
                "PUT", "/api/v2/api-integrations/gateway",
                body: #"{"name":"other","api_hook":{"type":"GIT"},"api_allowed_prefixes":["https://github.com"],"enabled":true}"#)
            #expect(mismatch.status == 400)
        }
    }

    @Test("bad definitions are 400s naming the field")
    func validation() async throws {
        try await TestEmulator.withRoot { root, emulator in
            let refused: [(ApiIntegrationModel, String)] = [
                (ApiIntegrationModel(name: "a", apiHook: .git(ApiIntegrationGitHook()), apiAllowedPrefixes: [], enabled: true), "needs at least one URL prefix"),
                (ApiIntegrationModel(name: "a", apiHook: .git(ApiIntegrationGitHook()), apiAllowedPrefixes: ["http://github.com"], enabled: true),
                 "api_allowed_prefixes must be an https:// URL"),
                (ApiIntegrationModel(name: "a", apiHook: .git(ApiIntegrationGitHook()), apiAllowedPrefixes: ["https://github.com"], apiBlockedPrefixes: ["github"], enabled: true),
                 "api_blocked_prefixes must be an https:// URL"),
                (ApiIntegrationModel(name: "a", apiHook: .aws(ApiIntegrationAwsHook(apiAwsRoleArn: "my-role")), apiAllowedPrefixes: [Self.awsPrefix], enabled: true),
                 "api_aws_role_arn must be an IAM role ARN"),
                (ApiIntegrationModel(name: "a", apiHook: .azure(ApiIntegrationAzureHook(azureTenantId: "", azureAdApplicationId: "x")), apiAllowedPrefixes: ["https://x.azure-api.net"], enabled: true),
                 "azure_tenant_id is required"),
            ]
            for (model, message) in refused {
                let error = await capturedError { try await root.apiIntegrations.create(model) }
                #expect(error?.code == .badRequest)
                #expect(error?.message?.contains(message) == true, "\(error?.message ?? "no error")")
            }
            let http = RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken)
            let bodies: [(String, String)] = [
                (#"{"name":"a","api_hook":{"type":"AWS","api_provider":"AZURE_API_MANAGEMENT","api_aws_role_arn":"arn:aws:iam::123456789012:role/r"},"api_allowed_prefixes":["https://x"],"enabled":true}"#,
                 "'api_hook.api_provider' is invalid"),
                (#"{"name":"a","api_hook":{"type":"GC","api_provider":"GOOGLE_API_GATEWAY"},"api_allowed_prefixes":["https://x"],"enabled":true}"#,
                 "missing required field 'google_audience'"),
                (#"{"name":"a","api_hook":{"type":"SLACK"},"api_allowed_prefixes":["https://x"],"enabled":true}"#, "unknown api hook type 'SLACK'"),
                (#"{"name":"a","api_hook":{"type":"GIT"},"enabled":true}"#, "missing required field 'api_allowed_prefixes'"),
            ]
            for (body, message) in bodies {
                let answer = try await http.send("POST", "/api/v2/api-integrations", body: body)
                #expect(answer.status == 400, "\(body)")
                #expect((answer.object?["message"] as? String)?.contains(message) == true, "\(body): \(answer.text)")
            }
            #expect(try await root.apiIntegrations.list().collect().isEmpty)
        }
    }

    @Test("create modes, drop and ifExists; the namespace is shared with other integrations")
    func lifecycle() async throws {
        try await TestEmulator.withRoot { root, _ in
            try await root.apiIntegrations.create(Self.aws(comment: "first"))
            #expect(await capturedError { try await root.apiIntegrations.create(Self.aws()) }?.code == .conflict)
            try await root.apiIntegrations.create(Self.aws(comment: "second"), mode: .ifNotExists)
            #expect(try await root.apiIntegrations["gateway"].fetch().comment == "first")
            try await root.apiIntegrations.create(Self.aws(key: nil, comment: "third"), mode: .orReplace)
            let replaced = try await root.apiIntegrations["gateway"].fetch()
            #expect(replaced.comment == "third")
            guard case .aws(let hook) = replaced.apiHook else { throw SnowflakeError(code: .invalidResponse, detail: "not AWS") }
            #expect(hook.apiKey == nil, "the replacement is a new integration without the old key")

            try await root.catalogIntegrations.create(CatalogIntegrationModel(name: "lake", catalog: .objectStore, enabled: true))
            #expect(await capturedError { try await root.apiIntegrations.create(Self.aws("lake")) }?.code == .conflict)
            #expect(await capturedError { try await root.apiIntegrations["lake"].createOrAlter(Self.aws("lake")) }?.code == .badRequest)

            try await root.apiIntegrations["gateway"].drop()
            #expect(await capturedError { _ = try await root.apiIntegrations["gateway"].fetch() }?.code == .notFound)
            #expect(await capturedError { try await root.apiIntegrations["gateway"].drop() }?.code == .notFound)
            try await root.apiIntegrations["gateway"].drop(ifExists: true)
            #expect(try await root.apiIntegrations.list().collect().isEmpty)
        }
    }
}
