import SnowflakeModels

/// A reference to a notification integration, as `snowflake.core` names it.
public typealias NotificationIntegrationResource = ResourceReference<NotificationIntegrationModel>
/// The account's notification integrations, as `snowflake.core` names it.
public typealias NotificationIntegrationCollection = ResourceCollection<NotificationIntegrationModel>

extension Root {
    /// The account's notification integrations: email, webhooks and cloud queues.
    ///
    /// Create them (`POST /api/v2/notification-integrations`), list them with `like`, fetch and
    /// drop them; they cannot be altered through the REST API.
    ///
    /// ```swift
    /// try await root.notificationIntegrations.create(NotificationIntegrationModel(
    ///     name: "ops_mail", enabled: true,
    ///     notificationHook: .email(NotificationEmail(allowedRecipients: ["ops@example.com"]))))
    /// for try await integration in root.notificationIntegrations.list(like: "ops%") { print(integration.name) }
    /// ```
    /// - Remark: HTTP `GET|POST /api/v2/notification-integrations`, `GET|DELETE /api/v2/notification-integrations/{name}`
    public var notificationIntegrations: NotificationIntegrationCollection { collection(NotificationIntegrationModel.self) }
}
