import Foundation
import SnowflakeCore
import SnowflakeEmulator
import SnowflakeTestSupport
import Testing

@Suite("Notification integrations end to end")
struct NotificationIntegrationTests {
    static let topicArn = "arn:aws:sns:us-west-1:234567812345:alerts"
    static let roleArn = "arn:aws:iam::234567812345:role/sns-publisher"

    @Test("each queue kind round-trips and gets the cloud identities Snowflake would hand out")
    func queues() async throws {
        try await TestEmulator.withRoot { root, _ in
            let hooks: [(String, NotificationHook)] = [
                ("sns", .awsSnsOutbound(NotificationQueueAwsSnsOutbound(awsSnsTopicArn: Self.topicArn, awsSnsRoleArn: Self.roleArn))),
                ("grid_out", .azureEventGridOutbound(NotificationQueueAzureEventGridOutbound(
                    azureEventGridTopicEndpoint: "https://topic.westus-1.eventgrid.azure.net/api/events", azureTenantId: "tenant.onmicrosoft.com"))),
                ("pubsub_out", .gcpPubsubOutbound(NotificationQueueGcpPubsubOutbound(gcpPubsubTopicName: "projects/p1/topics/t1"))),
                ("grid_in", .azureEventGridInbound(NotificationQueueAzureEventGridInbound(
                    azureStorageQueuePrimaryUri: "https://acct.queue.core.windows.net/q1", azureTenantId: "tenant.onmicrosoft.com"))),
                ("pubsub_in", .gcpPubsubInbound(NotificationQueueGcpPubsubInbound(gcpPubsubSubscriptionName: "projects/p1/subscriptions/s1"))),
            ]
            for (name, hook) in hooks {
                try await root.notificationIntegrations.create(NotificationIntegrationModel(name: name, enabled: false, notificationHook: hook))
                let fetched = try await root.notificationIntegrations[name].fetch()
                #expect(fetched.name == name.uppercased())
                #expect(fetched.enabled == false)
                #expect(fetched.comment == nil)
                #expect(fetched.createdOn != nil)
                #expect(fetched.notificationHook.type == hook.type)
                switch (fetched.notificationHook, hook) {
                case (.awsSnsOutbound(let got), .awsSnsOutbound(let sent)):
                    #expect(got.awsSnsTopicArn == sent.awsSnsTopicArn && got.awsSnsRoleArn == sent.awsSnsRoleArn)
                    #expect(got.sfAwsIamUserArn?.hasPrefix("arn:aws:iam::000000000000:user/snowapi-emulator-") == true)
                    #expect(got.sfAwsExternalId?.hasPrefix("EMULATOR_SFCRole=1_") == true)
                case (.azureEventGridOutbound(let got), .azureEventGridOutbound(let sent)):
                    #expect(got.azureEventGridTopicEndpoint == sent.azureEventGridTopicEndpoint && got.azureTenantId == sent.azureTenantId)
                    #expect(got.azureConsentUrl?.hasPrefix("https://login.microsoftonline.com/tenant.onmicrosoft.com/oauth2/authorize?client_id=") == true)
                    #expect(got.azureMultiTenantAppName?.hasPrefix("emulatorsnowflakepacint_") == true)
                case (.gcpPubsubOutbound(let got), .gcpPubsubOutbound(let sent)):
                    #expect(got.gcpPubsubTopicName == sent.gcpPubsubTopicName)
                    #expect(got.gcpPubsubServiceAccount?.hasSuffix("@snowapi-emulator.iam.gserviceaccount.com") == true)
                case (.azureEventGridInbound(let got), .azureEventGridInbound(let sent)):
                    #expect(got.azureStorageQueuePrimaryUri == sent.azureStorageQueuePrimaryUri && got.azureTenantId == sent.azureTenantId)
                    #expect(got.azureConsentUrl != nil && got.azureMultiTenantAppName != nil)
                case (.gcpPubsubInbound(let got), .gcpPubsubInbound(let sent)):
                    #expect(got.gcpPubsubSubscriptionName == sent.gcpPubsubSubscriptionName)
                    #expect(got.gcpPubsubServiceAccount?.hasSuffix("@snowapi-emulator.iam.gserviceaccount.com") == true)
                default:
                    Issue.record("\(name) came back as \(fetched.notificationHook.type)")
                }
            }
            #expect(try await root.notificationIntegrations.list().collect().map(\.name) == ["GRID_IN", "GRID_OUT", "PUBSUB_IN", "PUBSUB_OUT", "SNS"])
        }
    }

    @Test("cloud identities are stable for an object: one IAM user per account, one external id per integration")
    func identities() async throws {
        let clock = ManualClock()
        try await TestEmulator.withRoot(TestEmulator.configuration(clock: clock)) { root, _ in
            let hook = NotificationHook.awsSnsOutbound(NotificationQueueAwsSnsOutbound(awsSnsTopicArn: Self.topicArn, awsSnsRoleArn: Self.roleArn))
            try await root.notificationIntegrations.create(NotificationIntegrationModel(name: "a", notificationHook: hook))
            try await root.notificationIntegrations.create(NotificationIntegrationModel(name: "b", notificationHook: hook))
            func sns(_ name: String) async throws -> NotificationQueueAwsSnsOutbound {
                guard case .awsSnsOutbound(let sns) = try await root.notificationIntegrations[name].fetch().notificationHook else {
                    throw SnowflakeError(code: .invalidResponse, detail: "not an SNS hook")
                }
                return sns
            }
            let a = try await sns("a"), b = try await sns("b")
            #expect(try await sns("a") == a, "the same object shows the same identities")
            #expect(a.sfAwsIamUserArn == b.sfAwsIamUserArn)
            #expect(a.sfAwsExternalId != b.sfAwsExternalId)
            clock.advance(by: 60)
            try await root.notificationIntegrations.create(NotificationIntegrationModel(name: "a", notificationHook: hook), mode: .orReplace)
            let replaced = try await sns("a")
            #expect(replaced.sfAwsExternalId != a.sfAwsExternalId, "a replaced integration is a new object")
            #expect(replaced.sfAwsIamUserArn == a.sfAwsIamUserArn)
        }
    }

    @Test("email: recipients must be emails of users of the account, defaults among the allowed")
    func email() async throws {
        try await TestEmulator.withRoot { root, _ in
            try await root.users.create(UserModel(name: "ops", email: "Ops@Example.com"))
            try await root.users.create(UserModel(name: "dev", email: "dev@example.com"))
            let hook = NotificationEmail(
                allowedRecipients: ["ops@example.com", "dev@example.com"], defaultRecipients: ["ops@example.com"], defaultSubject: "Alert")
            try await root.notificationIntegrations.create(NotificationIntegrationModel(name: "mail", comment: "c", notificationHook: .email(hook)))
            let fetched = try await root.notificationIntegrations["mail"].fetch()
            #expect(fetched.notificationHook == .email(hook))
            #expect(fetched.enabled == true)
            #expect(fetched.comment == "c")

            let refused: [(NotificationEmail, String)] = [
                (NotificationEmail(allowedRecipients: ["stranger@example.com"]), "do not belong to any user in the current account"),
                (NotificationEmail(allowedRecipients: ["ops@example.com"], defaultRecipients: ["dev@example.com"]), "must be among allowed_recipients"),
                (NotificationEmail(allowedRecipients: ["not an address"]), "not email addresses"),
            ]
            for (email, message) in refused {
                let error = await capturedError {
                    try await root.notificationIntegrations.create(NotificationIntegrationModel(name: "bad", notificationHook: .email(email)))
                }
                #expect(error?.code == .badRequest)
                #expect(error?.message?.contains(message) == true, "\(error?.message ?? "no error")")
            }
            #expect(await capturedError { _ = try await root.notificationIntegrations["bad"].fetch() }?.code == .notFound)
        }
    }

    @Test("webhook: https only; the secret is a reference, upper-cased as identifiers, never a value")
    func webhook() async throws {
        try await TestEmulator.withRoot { root, emulator in
            let hook = NotificationWebhook(
                webhookUrl: "https://events.pagerduty.com/v2/enqueue",
                webhookSecret: NotificationWebhookSecret(name: "my_secret", databaseName: "db", schemaName: "\"Mixed\""),
                webhookBodyTemplate: #"{"key": "SNOWFLAKE_WEBHOOK_SECRET", "msg": "SNOWFLAKE_WEBHOOK_MESSAGE"}"#,
                webhookHeaders: ["content-type": "application/json"])
            try await root.notificationIntegrations.create(NotificationIntegrationModel(name: "hook", notificationHook: .webhook(hook)))
            guard case .webhook(let fetched) = try await root.notificationIntegrations["hook"].fetch().notificationHook else {
                Issue.record("not a webhook")
                return
            }
            #expect(fetched.webhookUrl == hook.webhookUrl)
            #expect(fetched.webhookSecret == NotificationWebhookSecret(name: "MY_SECRET", databaseName: "DB", schemaName: "Mixed"))
            #expect(fetched.webhookBodyTemplate == hook.webhookBodyTemplate)
            #expect(fetched.webhookHeaders == hook.webhookHeaders)
            let raw = try await RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken).send("GET", "/api/v2/notification-integrations/hook")
            #expect((raw.object?["notification_hook"] as? [String: Any])?["type"] as? String == "WEBHOOK")

            let insecure = await capturedError {
                try await root.notificationIntegrations.create(
                    NotificationIntegrationModel(name: "plain", notificationHook: .webhook(NotificationWebhook(webhookUrl: "http://example.com/hook"))))
            }
            #expect(insecure?.code == .badRequest)
            #expect(insecure?.message?.contains("webhook_url must be an https:// URL") == true)
        }
    }

    @Test("each kind's required settings and Snowflake's required enabled are 400s naming the field")
    func requiredFields() async throws {
        try await TestEmulator.withRoot { root, emulator in
            let http = RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken)
            let bodies: [(String, String)] = [
                (#"{"name":"n","notification_hook":{"type":"EMAIL"}}"#, "enabled is required"),
                (#"{"name":"n","enabled":true,"notification_hook":{"type":"WEBHOOK"}}"#, "missing required field 'webhook_url'"),
                (#"{"name":"n","enabled":true,"notification_hook":{"type":"QUEUE_AWS_SNS_OUTBOUND","aws_sns_role_arn":"arn:aws:iam::234567812345:role/r"}}"#,
                 "aws_sns_topic_arn is required"),
                (#"{"name":"n","enabled":true,"notification_hook":{"type":"QUEUE_AWS_SNS_OUTBOUND","aws_sns_topic_arn":"arn:aws:sns:us-west-1:234567812345:t"}}"#,
                 "aws_sns_role_arn is required"),
                (#"{"name":"n","enabled":true,"notification_hook":{"type":"QUEUE_AWS_SNS_OUTBOUND","aws_sns_topic_arn":"topic","aws_sns_role_arn":"arn:aws:iam::234567812345:role/r"}}"#,
                 "must be an SNS topic ARN"),
                (#"{"name":"n","enabled":true,"notification_hook":{"type":"QUEUE_AZURE_EVENT_GRID_OUTBOUND","azure_event_grid_topic_endpoint":"https://t.eventgrid.azure.net/api/events"}}"#,
                 "azure_tenant_id is required"),
                (#"{"name":"n","enabled":true,"notification_hook":{"type":"QUEUE_AZURE_EVENT_GRID_INBOUND","azure_tenant_id":"t"}}"#,
                 "azure_storage_queue_primary_uri is required"),
                (#"{"name":"n","enabled":true,"notification_hook":{"type":"QUEUE_GCP_PUBSUB_OUTBOUND","gcp_pubsub_topic_name":"t1"}}"#,
                 "projects/<project>/topics/<name>"),
                (#"{"name":"n","enabled":true,"notification_hook":{"type":"QUEUE_GCP_PUBSUB_INBOUND"}}"#, "gcp_pubsub_subscription_name is required"),
                (#"{"name":"n","enabled":true,"notification_hook":{"type":"QUEUE"}}"#, "unknown notification hook type 'QUEUE'"),
                (#"{"name":"n","enabled":true}"#, "missing required field 'notification_hook'"),
            ]
            for (body, message) in bodies {
                let answer = try await http.send("POST", "/api/v2/notification-integrations", body: body)
                #expect(answer.status == 400, "\(body)")
                #expect((answer.object?["message"] as? String)?.contains(message) == true, "\(body): \(answer.text)")
            }
            #expect(try await root.notificationIntegrations.list().collect().isEmpty, "nothing was written")
        }
    }

    @Test("create modes, like, drop and ifExists; integrations of every kind share one namespace")
    func lifecycle() async throws {
        try await TestEmulator.withRoot { root, _ in
            let gcp = NotificationHook.gcpPubsubOutbound(NotificationQueueGcpPubsubOutbound(gcpPubsubTopicName: "projects/p/topics/t"))
            try await root.notificationIntegrations.create(NotificationIntegrationModel(name: "n1", comment: "first", notificationHook: gcp))
            let conflict = await capturedError {
                try await root.notificationIntegrations.create(NotificationIntegrationModel(name: "N1", notificationHook: gcp))
            }
            #expect(conflict?.code == .conflict)
            #expect(conflict?.snowflakeCode == "002002")
            try await root.notificationIntegrations.create(NotificationIntegrationModel(name: "n1", comment: "second", notificationHook: gcp), mode: .ifNotExists)
            #expect(try await root.notificationIntegrations["n1"].fetch().comment == "first")
            try await root.notificationIntegrations.create(NotificationIntegrationModel(name: "n1", comment: "third", notificationHook: gcp), mode: .orReplace)
            #expect(try await root.notificationIntegrations["n1"].fetch().comment == "third")
            try await root.notificationIntegrations.create(NotificationIntegrationModel(name: "other", notificationHook: gcp))
            #expect(try await root.notificationIntegrations.list(like: "n%").collect().map(\.name) == ["N1"])

            try await root.apiIntegrations.create(ApiIntegrationModel(
                name: "shared", apiHook: .git(ApiIntegrationGitHook()), apiAllowedPrefixes: ["https://github.com"], enabled: true))
            let taken = await capturedError {
                try await root.notificationIntegrations.create(NotificationIntegrationModel(name: "shared", notificationHook: gcp))
            }
            #expect(taken?.code == .conflict)
            #expect(taken?.message == "object 'shared' already exists.")

            try await root.notificationIntegrations["n1"].drop()
            let gone = await capturedError { _ = try await root.notificationIntegrations["n1"].fetch() }
            #expect(gone?.code == .notFound)
            #expect(gone?.message == "integration 'n1' does not exist or not authorized.")
            #expect(await capturedError { try await root.notificationIntegrations["n1"].drop() }?.code == .notFound)
            try await root.notificationIntegrations["n1"].drop(ifExists: true)
            #expect(try await root.notificationIntegrations.list().collect().map(\.name) == ["OTHER"])
        }
    }
}
