import Foundation
import GRDB
import SnowflakeModels

/// Notification integrations: each kind of hook checked for what Snowflake needs to create it,
/// and the cloud identities Snowflake hands out filled in.
///
/// - `enabled` must be given (Snowflake's `ENABLED` is a required property).
/// - Email: every allowed and default recipient must be the email of a user of the account
///   (the emulator counts every user's email as verified), and default recipients must be
///   among the allowed ones when those are given.
/// - Webhook: an `https://` URL; the secret is a reference to a secret object (its database,
///   schema and name, upper-cased as identifiers), checked to exist once secrets are served.
///   The secret's value is never part of the integration.
/// - Queues: the topic, role, endpoint, queue or subscription each kind needs, in its shape.
///   The identities a cloud gives Snowflake are made up and marked as the emulator's, stable
///   for the object: the IAM user, Azure application and Google service account are one per
///   account (as in Snowflake), the AWS external id one per integration, and the consent URL
///   names the integration's tenant.
/// - Integrations of all kinds share one namespace.
struct NotificationIntegrationBehaviour: FamilyBehaviour {
    typealias Family = NotificationIntegrationModel

    func prepare(
        _ model: inout NotificationIntegrationModel, serverState: inout [String: JSONValue],
        existing: StoredObject<NotificationIntegrationModel>?, context: StoreContext
    ) throws {
        let name = try IntegrationRules.canonical(model.name, field: "name")
        guard model.enabled != nil else {
            throw EmulatorError.badRequest("enabled is required: a notification integration is created enabled (true) or disabled (false).")
        }
        let createdOn = existing?.model.createdOn ?? context.now
        model.createdOn = createdOn
        let account = context.services.configuration.accountName
        let seed = IntegrationRules.objectSeed("notification", name: name, createdOn: createdOn)
        switch model.notificationHook {
        case .email(let email):
            try checkRecipients(email, context: context)
        case .webhook(var webhook):
            try IntegrationRules.requireHTTPS(webhook.webhookUrl, field: "webhook_url")
            if let secret = webhook.webhookSecret {
                let (database, schema, secretName) = try IntegrationRules.resolveSecret(
                    database: secret.databaseName, schema: secret.schemaName, name: secret.name, context: context)
                webhook.webhookSecret = NotificationWebhookSecret(
                    name: Identifier.displayName(forCanonical: secretName), databaseName: Identifier.displayName(forCanonical: database),
                    schemaName: Identifier.displayName(forCanonical: schema))
            }
            model.notificationHook = .webhook(webhook)
        case .awsSnsOutbound(var sns):
            let what = "an AWS SNS notification integration"
            let topic = try IntegrationRules.require(sns.awsSnsTopicArn, field: "aws_sns_topic_arn", for: what)
            let parts = topic.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 6, parts[0] == "arn", parts[1].hasPrefix("aws"), parts[2] == "sns", !parts[3].isEmpty,
                parts[4].count == 12, parts[4].allSatisfy(\.isNumber), !parts[5].isEmpty
            else {
                throw EmulatorError.badRequest("aws_sns_topic_arn must be an SNS topic ARN (arn:aws:sns:<region>:<account id>:<topic>), not '\(topic)'.")
            }
            try IntegrationRules.requireRoleArn(try IntegrationRules.require(sns.awsSnsRoleArn, field: "aws_sns_role_arn", for: what), field: "aws_sns_role_arn")
            sns.sfAwsIamUserArn = IntegrationRules.awsIamUserArn(account: account)
            sns.sfAwsExternalId = IntegrationRules.awsExternalId(account: account, seed: seed)
            model.notificationHook = .awsSnsOutbound(sns)
        case .azureEventGridOutbound(var grid):
            let what = "an Azure Event Grid outbound notification integration"
            let endpoint = try IntegrationRules.require(grid.azureEventGridTopicEndpoint, field: "azure_event_grid_topic_endpoint", for: what)
            try IntegrationRules.requireHTTPS(endpoint, field: "azure_event_grid_topic_endpoint")
            let tenant = try IntegrationRules.require(grid.azureTenantId, field: "azure_tenant_id", for: what)
            grid.azureConsentUrl = IntegrationRules.azureConsentUrl(account: account, tenant: tenant)
            grid.azureMultiTenantAppName = IntegrationRules.azureAppName(account: account)
            model.notificationHook = .azureEventGridOutbound(grid)
        case .gcpPubsubOutbound(var pubsub):
            let topic = try IntegrationRules.require(pubsub.gcpPubsubTopicName, field: "gcp_pubsub_topic_name", for: "a Google Pub/Sub outbound notification integration")
            try Self.requireGooglePath(topic, collection: "topics", field: "gcp_pubsub_topic_name")
            pubsub.gcpPubsubServiceAccount = IntegrationRules.gcpServiceAccount(account: account)
            model.notificationHook = .gcpPubsubOutbound(pubsub)
        case .azureEventGridInbound(var grid):
            let what = "an Azure Event Grid inbound notification integration"
            let queue = try IntegrationRules.require(grid.azureStorageQueuePrimaryUri, field: "azure_storage_queue_primary_uri", for: what)
            try IntegrationRules.requireHTTPS(queue, field: "azure_storage_queue_primary_uri")
            let tenant = try IntegrationRules.require(grid.azureTenantId, field: "azure_tenant_id", for: what)
            grid.azureConsentUrl = IntegrationRules.azureConsentUrl(account: account, tenant: tenant)
            grid.azureMultiTenantAppName = IntegrationRules.azureAppName(account: account)
            model.notificationHook = .azureEventGridInbound(grid)
        case .gcpPubsubInbound(var pubsub):
            let subscription = try IntegrationRules.require(
                pubsub.gcpPubsubSubscriptionName, field: "gcp_pubsub_subscription_name", for: "a Google Pub/Sub inbound notification integration")
            try Self.requireGooglePath(subscription, collection: "subscriptions", field: "gcp_pubsub_subscription_name")
            pubsub.gcpPubsubServiceAccount = IntegrationRules.gcpServiceAccount(account: account)
            model.notificationHook = .gcpPubsubInbound(pubsub)
        }
    }

    /// Recipients must be emails of users of the account; default ones must also be allowed.
    private func checkRecipients(_ email: NotificationEmail, context: StoreContext) throws {
        let allowed = email.allowedRecipients ?? [], defaults = email.defaultRecipients ?? []
        guard !allowed.isEmpty || !defaults.isEmpty else { return }
        var known: Set<String> = []
        let rows = try Row.fetchCursor(context.db, sql: "SELECT body FROM objects WHERE family = 'user' AND dropped_on IS NULL")
        while let row = try rows.next() {
            let body: String = row["body"]
            if let user = try? WireCoding.sharedDecoder.decode(UserModel.self, from: Data(body.utf8)), let address = user.email {
                known.insert(address.lowercased())
            }
        }
        for (field, list) in [("allowed_recipients", allowed), ("default_recipients", defaults)] {
            let malformed = list.filter { !Self.isEmailAddress($0) }
            if !malformed.isEmpty {
                throw EmulatorError.badRequest("\(field) holds values that are not email addresses: \(malformed.joined(separator: ", ")).")
            }
            let unknown = list.indices.filter { !known.contains(list[$0].lowercased()) }
            if !unknown.isEmpty {
                throw EmulatorError.badRequest(
                    "Email recipients in \(field) at indexes [\(unknown.map(String.init).joined(separator: ", "))] are not allowed. "
                        + "Either these email addresses are not yet validated or do not belong to any user in the current account.")
            }
        }
        if !allowed.isEmpty {
            let permitted = Set(allowed.map { $0.lowercased() })
            let outside = defaults.filter { !permitted.contains($0.lowercased()) }
            if !outside.isEmpty {
                throw EmulatorError.badRequest("default_recipients must be among allowed_recipients; these are not: \(outside.joined(separator: ", ")).")
            }
        }
    }

    private static func isEmailAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty && !text.contains(where: \.isWhitespace)
    }

    /// Checks `projects/<project>/<collection>/<name>`.
    private static func requireGooglePath(_ value: String, collection: String, field: String) throws {
        let parts = value.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "projects", !parts[1].isEmpty, parts[2] == collection, !parts[3].isEmpty else {
            throw EmulatorError.badRequest("\(field) must be projects/<project>/\(collection)/<name>, not '\(value)'.")
        }
    }
}
