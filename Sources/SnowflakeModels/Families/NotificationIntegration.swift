import Foundation

// MARK: Model

/// A notification integration: how Snowflake sends email, calls a webhook or reaches a cloud
/// message queue (`NotificationIntegration` in the REST API v2 and in `snowflake.core`).
///
/// ```swift
/// let slack = NotificationIntegrationModel(
///     name: "alerts", enabled: true,
///     notificationHook: .webhook(NotificationWebhook(webhookUrl: "https://hooks.slack.com/services/SNOWFLAKE_WEBHOOK_SECRET")))
/// try await root.notificationIntegrations.create(slack)
/// ```
public struct NotificationIntegrationModel: Codable, Hashable, Sendable {
    /// The integration's name.
    public var name: String
    /// Whether the integration can be used. Snowflake needs a value on create.
    public var enabled: Bool?
    /// A comment.
    public var comment: String?
    /// Where notifications go: email, a webhook or a queue, chosen by its `type`.
    public var notificationHook: NotificationHook

    /// When the integration was created.
    @ReadOnly public var createdOn: Date?

    /// A notification integration definition.
    public init(name: String, enabled: Bool? = true, comment: String? = nil, notificationHook: NotificationHook) {
        self.name = name
        self.enabled = enabled
        self.comment = comment
        self.notificationHook = notificationHook
    }

    private enum CodingKeys: String, CodingKey {
        case name, enabled, comment
        case createdOn = "created_on"
        case notificationHook = "notification_hook"
    }
}

// MARK: Nested types

/// Where a notification integration delivers (`NotificationHook`), told apart on the wire by
/// `type`.
public enum NotificationHook: Hashable, Sendable {
    /// Email to users of the account (`EMAIL`).
    case email(NotificationEmail)
    /// An HTTPS webhook (`WEBHOOK`).
    case webhook(NotificationWebhook)
    /// Messages pushed to an Amazon SNS topic (`QUEUE_AWS_SNS_OUTBOUND`).
    case awsSnsOutbound(NotificationQueueAwsSnsOutbound)
    /// Events pushed to an Azure Event Grid topic (`QUEUE_AZURE_EVENT_GRID_OUTBOUND`).
    case azureEventGridOutbound(NotificationQueueAzureEventGridOutbound)
    /// Messages pushed to a Google Pub/Sub topic (`QUEUE_GCP_PUBSUB_OUTBOUND`).
    case gcpPubsubOutbound(NotificationQueueGcpPubsubOutbound)
    /// Event Grid notifications read from an Azure storage queue (`QUEUE_AZURE_EVENT_GRID_INBOUND`).
    case azureEventGridInbound(NotificationQueueAzureEventGridInbound)
    /// Messages read from a Google Pub/Sub subscription (`QUEUE_GCP_PUBSUB_INBOUND`).
    case gcpPubsubInbound(NotificationQueueGcpPubsubInbound)

    /// The wire discriminator of this hook (`EMAIL`, `WEBHOOK`, `QUEUE_AWS_SNS_OUTBOUND`, ...).
    public var type: String {
        switch self {
        case .email: "EMAIL"
        case .webhook: "WEBHOOK"
        case .awsSnsOutbound: "QUEUE_AWS_SNS_OUTBOUND"
        case .azureEventGridOutbound: "QUEUE_AZURE_EVENT_GRID_OUTBOUND"
        case .gcpPubsubOutbound: "QUEUE_GCP_PUBSUB_OUTBOUND"
        case .azureEventGridInbound: "QUEUE_AZURE_EVENT_GRID_INBOUND"
        case .gcpPubsubInbound: "QUEUE_GCP_PUBSUB_INBOUND"
        }
    }
}

extension NotificationHook: Codable {
    private enum CodingKeys: String, CodingKey {
        case type
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        switch type {
        case "EMAIL": self = .email(try NotificationEmail(from: decoder))
        case "WEBHOOK": self = .webhook(try NotificationWebhook(from: decoder))
        case "QUEUE_AWS_SNS_OUTBOUND": self = .awsSnsOutbound(try NotificationQueueAwsSnsOutbound(from: decoder))
        case "QUEUE_AZURE_EVENT_GRID_OUTBOUND": self = .azureEventGridOutbound(try NotificationQueueAzureEventGridOutbound(from: decoder))
        case "QUEUE_GCP_PUBSUB_OUTBOUND": self = .gcpPubsubOutbound(try NotificationQueueGcpPubsubOutbound(from: decoder))
        case "QUEUE_AZURE_EVENT_GRID_INBOUND": self = .azureEventGridInbound(try NotificationQueueAzureEventGridInbound(from: decoder))
        case "QUEUE_GCP_PUBSUB_INBOUND": self = .gcpPubsubInbound(try NotificationQueueGcpPubsubInbound(from: decoder))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: container,
                debugDescription: "unknown notification hook type '\(type)' (expected EMAIL, WEBHOOK, QUEUE_AWS_SNS_OUTBOUND, "
                    + "QUEUE_AZURE_EVENT_GRID_OUTBOUND, QUEUE_GCP_PUBSUB_OUTBOUND, QUEUE_AZURE_EVENT_GRID_INBOUND or QUEUE_GCP_PUBSUB_INBOUND)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .email(let hook): try hook.encode(to: encoder)
        case .webhook(let hook): try hook.encode(to: encoder)
        case .awsSnsOutbound(let hook): try hook.encode(to: encoder)
        case .azureEventGridOutbound(let hook): try hook.encode(to: encoder)
        case .gcpPubsubOutbound(let hook): try hook.encode(to: encoder)
        case .azureEventGridInbound(let hook): try hook.encode(to: encoder)
        case .gcpPubsubInbound(let hook): try hook.encode(to: encoder)
        }
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
    }
}

/// Email notifications (`NotificationEmail`, type `EMAIL`).
public struct NotificationEmail: Codable, Hashable, Sendable {
    /// The addresses this integration may send to (verified emails of users of the account).
    public var allowedRecipients: [String]?
    /// The addresses a message goes to when the sender names none.
    public var defaultRecipients: [String]?
    /// The subject of a message whose sender gives none.
    public var defaultSubject: String?

    /// An email hook.
    public init(allowedRecipients: [String]? = nil, defaultRecipients: [String]? = nil, defaultSubject: String? = nil) {
        self.allowedRecipients = allowedRecipients
        self.defaultRecipients = defaultRecipients
        self.defaultSubject = defaultSubject
    }

    private enum CodingKeys: String, CodingKey {
        case allowedRecipients = "allowed_recipients"
        case defaultRecipients = "default_recipients"
        case defaultSubject = "default_subject"
    }
}

/// Webhook notifications (`NotificationWebhook`, type `WEBHOOK`).
public struct NotificationWebhook: Codable, Hashable, Sendable {
    /// The `https://` URL called; `SNOWFLAKE_WEBHOOK_SECRET` in it stands for the secret.
    public var webhookUrl: String
    /// The secret object whose value replaces `SNOWFLAKE_WEBHOOK_SECRET`.
    public var webhookSecret: NotificationWebhookSecret?
    /// The request body; `SNOWFLAKE_WEBHOOK_MESSAGE` stands for the message.
    public var webhookBodyTemplate: String?
    /// HTTP headers sent with each call.
    public var webhookHeaders: [String: String]?

    /// A webhook hook.
    public init(
        webhookUrl: String, webhookSecret: NotificationWebhookSecret? = nil, webhookBodyTemplate: String? = nil,
        webhookHeaders: [String: String]? = nil
    ) {
        self.webhookUrl = webhookUrl
        self.webhookSecret = webhookSecret
        self.webhookBodyTemplate = webhookBodyTemplate
        self.webhookHeaders = webhookHeaders
    }

    private enum CodingKeys: String, CodingKey {
        case webhookUrl = "webhook_url"
        case webhookSecret = "webhook_secret"
        case webhookBodyTemplate = "webhook_body_template"
        case webhookHeaders = "webhook_headers"
    }
}

/// The secret object a webhook uses, by name (`WebhookSecret`): the secret's value itself is
/// never part of the integration.
public struct NotificationWebhookSecret: Codable, Hashable, Sendable {
    /// The secret's name.
    public var name: String
    /// The database of the secret.
    public var databaseName: String
    /// The schema of the secret.
    public var schemaName: String

    /// A reference to the secret `databaseName.schemaName.name`.
    public init(name: String, databaseName: String, schemaName: String) {
        self.name = name
        self.databaseName = databaseName
        self.schemaName = schemaName
    }

    private enum CodingKeys: String, CodingKey {
        case name
        case databaseName = "database_name"
        case schemaName = "schema_name"
    }
}

/// Messages pushed to an Amazon SNS topic (`NotificationQueueAwsSnsOutbound`).
public struct NotificationQueueAwsSnsOutbound: Codable, Hashable, Sendable {
    /// The ARN of the SNS topic.
    public var awsSnsTopicArn: String?
    /// The ARN of the IAM role allowed to publish to the topic.
    public var awsSnsRoleArn: String?

    /// The ARN of the IAM user Snowflake created for the account (to trust in the role).
    @ReadOnly public var sfAwsIamUserArn: String?
    /// The external id Snowflake presents when it assumes the role.
    @ReadOnly public var sfAwsExternalId: String?

    /// An SNS hook.
    public init(awsSnsTopicArn: String? = nil, awsSnsRoleArn: String? = nil) {
        self.awsSnsTopicArn = awsSnsTopicArn
        self.awsSnsRoleArn = awsSnsRoleArn
    }

    private enum CodingKeys: String, CodingKey {
        case awsSnsTopicArn = "aws_sns_topic_arn"
        case awsSnsRoleArn = "aws_sns_role_arn"
        case sfAwsIamUserArn = "sf_aws_iam_user_arn"
        case sfAwsExternalId = "sf_aws_external_id"
    }
}

/// Events pushed to an Azure Event Grid topic (`NotificationQueueAzureEventGridOutbound`).
public struct NotificationQueueAzureEventGridOutbound: Codable, Hashable, Sendable {
    /// The Event Grid topic endpoint.
    public var azureEventGridTopicEndpoint: String?
    /// The Azure Active Directory tenant.
    public var azureTenantId: String?

    /// The Microsoft page where an administrator consents to Snowflake's application.
    @ReadOnly public var azureConsentUrl: String?
    /// The name of Snowflake's application for the account.
    @ReadOnly public var azureMultiTenantAppName: String?

    /// An Event Grid outbound hook.
    public init(azureEventGridTopicEndpoint: String? = nil, azureTenantId: String? = nil) {
        self.azureEventGridTopicEndpoint = azureEventGridTopicEndpoint
        self.azureTenantId = azureTenantId
    }

    private enum CodingKeys: String, CodingKey {
        case azureEventGridTopicEndpoint = "azure_event_grid_topic_endpoint"
        case azureTenantId = "azure_tenant_id"
        case azureConsentUrl = "azure_consent_url"
        case azureMultiTenantAppName = "azure_multi_tenant_app_name"
    }
}

/// Messages pushed to a Google Pub/Sub topic (`NotificationQueueGcpPubsubOutbound`).
public struct NotificationQueueGcpPubsubOutbound: Codable, Hashable, Sendable {
    /// The topic, `projects/<project>/topics/<topic>`.
    public var gcpPubsubTopicName: String?

    /// The Google service account Snowflake created for the account.
    @ReadOnly public var gcpPubsubServiceAccount: String?

    /// A Pub/Sub outbound hook.
    public init(gcpPubsubTopicName: String? = nil) {
        self.gcpPubsubTopicName = gcpPubsubTopicName
    }

    private enum CodingKeys: String, CodingKey {
        case gcpPubsubTopicName = "gcp_pubsub_topic_name"
        case gcpPubsubServiceAccount = "gcp_pubsub_service_account"
    }
}

/// Event Grid notifications read from an Azure storage queue (`NotificationQueueAzureEventGridInbound`).
public struct NotificationQueueAzureEventGridInbound: Codable, Hashable, Sendable {
    /// The storage queue's URI, `https://<account>.queue.core.windows.net/<queue>`.
    public var azureStorageQueuePrimaryUri: String?
    /// The Azure Active Directory tenant.
    public var azureTenantId: String?

    /// The Microsoft page where an administrator consents to Snowflake's application.
    @ReadOnly public var azureConsentUrl: String?
    /// The name of Snowflake's application for the account.
    @ReadOnly public var azureMultiTenantAppName: String?

    /// An Event Grid inbound hook.
    public init(azureStorageQueuePrimaryUri: String? = nil, azureTenantId: String? = nil) {
        self.azureStorageQueuePrimaryUri = azureStorageQueuePrimaryUri
        self.azureTenantId = azureTenantId
    }

    private enum CodingKeys: String, CodingKey {
        case azureStorageQueuePrimaryUri = "azure_storage_queue_primary_uri"
        case azureTenantId = "azure_tenant_id"
        case azureConsentUrl = "azure_consent_url"
        case azureMultiTenantAppName = "azure_multi_tenant_app_name"
    }
}

/// Messages read from a Google Pub/Sub subscription (`NotificationQueueGcpPubsubInbound`).
public struct NotificationQueueGcpPubsubInbound: Codable, Hashable, Sendable {
    /// The subscription, `projects/<project>/subscriptions/<subscription>`.
    public var gcpPubsubSubscriptionName: String?

    /// The Google service account Snowflake created for the account.
    @ReadOnly public var gcpPubsubServiceAccount: String?

    /// A Pub/Sub inbound hook.
    public init(gcpPubsubSubscriptionName: String? = nil) {
        self.gcpPubsubSubscriptionName = gcpPubsubSubscriptionName
    }

    private enum CodingKeys: String, CodingKey {
        case gcpPubsubSubscriptionName = "gcp_pubsub_subscription_name"
        case gcpPubsubServiceAccount = "gcp_pubsub_service_account"
    }
}

// MARK: Descriptor

extension NotificationIntegrationModel: AccountObject, Taggable {
    /// The family's descriptor.
    public static let descriptor = ResourceDescriptor(
        family: "notification-integration", objectKind: "Integration", collectionPath: "notification-integrations",
        listFilters: [.like], nameSpace: "integration", columns: ["name", "enabled", "comment", "created_on"])
}
