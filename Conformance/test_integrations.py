"""Notification, catalog and API integrations through the official snowflake.core against the
emulator: every method of the three families (and its async twin), every polymorphic variant."""
import pytest
from snowflake.core import CreateMode
from snowflake.core.api_integration import ApiIntegration, AwsHook, AzureHook, GitHook, GoogleCloudHook
from snowflake.core.catalog_integration import CatalogIntegration, Glue, OAuth, ObjectStore, Polaris, RestConfig
from snowflake.core.exceptions import APIError, ConflictError, NotFoundError
from snowflake.core.notification_integration import (
    NotificationEmail,
    NotificationIntegration,
    NotificationQueueAwsSnsOutbound,
    NotificationQueueAzureEventGridInbound,
    NotificationQueueAzureEventGridOutbound,
    NotificationQueueGcpPubsubInbound,
    NotificationQueueGcpPubsubOutbound,
    NotificationWebhook,
    WebhookSecret,
)
from snowflake.core.user import User


# Notification integrations

QUEUES = [
    ("py_ni_sns", NotificationQueueAwsSnsOutbound(
        aws_sns_topic_arn="arn:aws:sns:us-west-1:234567812345:sns-test-topic",
        aws_sns_role_arn="arn:aws:iam::234567812345:role/sns-test-topic"),
     ["aws_sns_topic_arn", "aws_sns_role_arn"], ["sf_aws_iam_user_arn", "sf_aws_external_id"]),
    ("py_ni_grid_out", NotificationQueueAzureEventGridOutbound(
        azure_event_grid_topic_endpoint="https://topic.westus-1.eventgrid.azure.net/api/events",
        azure_tenant_id="fake.onmicrosoft.com"),
     ["azure_event_grid_topic_endpoint", "azure_tenant_id"], ["azure_consent_url", "azure_multi_tenant_app_name"]),
    ("py_ni_pubsub_out", NotificationQueueGcpPubsubOutbound(gcp_pubsub_topic_name="projects/fake-project/topics/t1"),
     ["gcp_pubsub_topic_name"], ["gcp_pubsub_service_account"]),
    ("py_ni_grid_in", NotificationQueueAzureEventGridInbound(
        azure_storage_queue_primary_uri="https://fake.queue.core.windows.net/snowapi_queue",
        azure_tenant_id="fake.onmicrosoft.com"),
     ["azure_storage_queue_primary_uri", "azure_tenant_id"], ["azure_consent_url", "azure_multi_tenant_app_name"]),
    ("py_ni_pubsub_in", NotificationQueueGcpPubsubInbound(gcp_pubsub_subscription_name="projects/fake-project/subscriptions/s1"),
     ["gcp_pubsub_subscription_name"], ["gcp_pubsub_service_account"]),
]


@pytest.mark.parametrize("name,hook,given,filled", QUEUES, ids=[queue[0] for queue in QUEUES])
def test_notification_queue_variants(root, name, hook, given, filled):
    integrations = root.notification_integrations
    before = len(list(integrations.iter()))
    reference = integrations.create(NotificationIntegration(name=name, enabled=False, notification_hook=hook))
    fetched = reference.fetch()
    assert (fetched.name, fetched.enabled, fetched.comment) == (name.upper(), False, None)
    assert fetched.created_on is not None
    assert type(fetched.notification_hook) is type(hook)
    for field in given:
        assert getattr(fetched.notification_hook, field) == getattr(hook, field)
    for field in filled:
        assert getattr(fetched.notification_hook, field), f"{field} is filled by the server"
    assert fetched.notification_hook.to_dict() == reference.fetch().notification_hook.to_dict(), "stable for the object"
    assert len(list(integrations.iter())) == before + 1
    reference.drop(if_exists=False)
    with pytest.raises(NotFoundError):
        reference.fetch()
    reference.drop(if_exists=True)
    with pytest.raises(NotFoundError):
        reference.drop(if_exists=False)
    assert len(list(integrations.iter())) == before


def test_notification_email_and_create_modes(root):
    root.users.create(User(name="py_ni_mail_user", email="ni-ops@example.com"), mode=CreateMode.or_replace)
    integrations = root.notification_integrations
    email = NotificationEmail(allowed_recipients=["ni-ops@example.com"], default_recipients=["ni-ops@example.com"],
                              default_subject="test default subject")
    integrations.create(NotificationIntegration(name="py_ni_email", notification_hook=email, enabled=True))
    with pytest.raises(ConflictError):
        integrations.create(NotificationIntegration(name="py_ni_email", notification_hook=email, enabled=True),
                            mode=CreateMode.error_if_exists)
    integrations.create(NotificationIntegration(name="py_ni_email", notification_hook=email, enabled=False, comment="kept?"),
                        mode=CreateMode.if_not_exists)
    fetched = integrations["py_ni_email"].fetch()
    assert (fetched.enabled, fetched.comment) == (True, None)
    assert isinstance(fetched.notification_hook, NotificationEmail)
    assert fetched.notification_hook.allowed_recipients == ["ni-ops@example.com"]
    assert fetched.notification_hook.default_recipients == ["ni-ops@example.com"]
    assert fetched.notification_hook.default_subject == "test default subject"
    integrations.create(NotificationIntegration(name="py_ni_email", notification_hook=email, enabled=False, comment="replaced"),
                        mode=CreateMode.or_replace)
    assert integrations["py_ni_email"].fetch().comment == "replaced"
    assert [i.name for i in integrations.iter(like="py_ni_em%")] == ["PY_NI_EMAIL"]
    with pytest.raises(APIError) as refused:
        integrations.create(NotificationIntegration(
            name="py_ni_stranger", enabled=True, notification_hook=NotificationEmail(allowed_recipients=["who@example.com"])))
    assert refused.value.status == 400
    integrations["py_ni_email"].drop()
    root.users["py_ni_mail_user"].drop()


def test_notification_webhook(root):
    integrations = root.notification_integrations
    hook = NotificationWebhook(
        webhook_url="https://events.pagerduty.com/v2/enqueue",
        webhook_secret=WebhookSecret(name="MYSECRET", database_name="PY_DB", schema_name="PUBLIC"),
        webhook_body_template='{"key": "SNOWFLAKE_WEBHOOK_SECRET", "msg": "SNOWFLAKE_WEBHOOK_MESSAGE"}',
        webhook_headers={"content-type": "application/json", "user-content": "chrome"})
    integrations.create(NotificationIntegration(name="py_ni_webhook", enabled=False, notification_hook=hook))
    integrations.create(NotificationIntegration(name="py_ni_webhook", enabled=False, notification_hook=hook), mode=CreateMode.or_replace)
    fetched = integrations["py_ni_webhook"].fetch().notification_hook
    assert isinstance(fetched, NotificationWebhook)
    assert (fetched.webhook_url, fetched.webhook_body_template, fetched.webhook_headers) == (
        hook.webhook_url, hook.webhook_body_template, hook.webhook_headers)
    assert (fetched.webhook_secret.name, fetched.webhook_secret.database_name, fetched.webhook_secret.schema_name) == (
        "MYSECRET", "PY_DB", "PUBLIC")
    with pytest.raises(APIError) as refused:
        integrations.create(NotificationIntegration(
            name="py_ni_plain", enabled=True, notification_hook=NotificationWebhook(webhook_url="http://example.com")))
    assert refused.value.status == 400
    integrations["py_ni_webhook"].drop()


def test_notification_async_twins(root):
    integrations = root.notification_integrations
    hook = NotificationQueueGcpPubsubOutbound(gcp_pubsub_topic_name="projects/p/topics/async")
    reference = integrations.create_async(NotificationIntegration(name="py_ni_async", enabled=True, notification_hook=hook)).result()
    assert reference.fetch_async().result().notification_hook.gcp_pubsub_topic_name == "projects/p/topics/async"
    assert [i.name for i in integrations.iter_async(like="py_ni_async").result()] == ["PY_NI_ASYNC"]
    reference.drop_async().result()
    assert list(integrations.iter(like="py_ni_async")) == []


# Catalog integrations

POLARIS = Polaris(
    catalog_namespace="abcd-ns",
    rest_config=RestConfig(catalog_uri="https://my_account.snowflakecomputing.com/polaris/api/catalog", warehouse="my-warehouse"),
    rest_authentication=OAuth(type="OAUTH", oauth_client_id="my_client_id", oauth_client_secret="my_client_secret",
                              oauth_allowed_scopes=["PRINCIPAL_ROLE:ALL"]))


def test_catalog_variants(root):
    integrations = root.catalog_integrations
    glue = Glue(catalog_namespace="abcd-ns", glue_aws_role_arn="arn:aws:iam::123456789012:role/sqsAccess", glue_catalog_id="1234567")
    for name, catalog in [("py_ci_glue", glue), ("py_ci_files", ObjectStore()), ("py_ci_polaris", POLARIS)]:
        integrations.create(CatalogIntegration(name=name, catalog=catalog, table_format="ICEBERG", enabled=True))
        fetched = integrations[name].fetch()
        assert fetched.name == name.upper()
        assert type(fetched.catalog) is type(catalog)
        assert (fetched.table_format, fetched.enabled, fetched.type, fetched.category) == ("ICEBERG", True, "CATALOG", "CATALOG")
    fetched = integrations["py_ci_glue"].fetch().catalog
    assert (fetched.catalog_namespace, fetched.glue_aws_role_arn, fetched.glue_catalog_id) == (
        glue.catalog_namespace, glue.glue_aws_role_arn, glue.glue_catalog_id)
    polaris = integrations["py_ci_polaris"].fetch().catalog
    assert polaris.catalog_namespace == "abcd-ns"
    assert (polaris.rest_config.catalog_uri, polaris.rest_config.warehouse) == (
        POLARIS.rest_config.catalog_uri, POLARIS.rest_config.warehouse)
    assert polaris.rest_authentication.oauth_client_id == "my_client_id"
    assert polaris.rest_authentication.oauth_client_secret == "", "the secret is never returned"
    assert polaris.rest_authentication.oauth_allowed_scopes == ["PRINCIPAL_ROLE:ALL"]
    listed = {i.name: i for i in integrations.iter(like="py_ci_%")}
    assert sorted(listed) == ["PY_CI_FILES", "PY_CI_GLUE", "PY_CI_POLARIS"]
    assert listed["PY_CI_POLARIS"].catalog.rest_authentication.oauth_client_secret == ""
    for name in listed:
        integrations[name].drop()
    assert list(integrations.iter(like="py_ci_%")) == []


def test_catalog_create_modes_and_errors(root):
    integrations = root.catalog_integrations
    definition = CatalogIntegration(name="py_ci_modes", catalog=ObjectStore(), table_format="ICEBERG", enabled=True)
    integrations.create(definition)
    with pytest.raises(ConflictError):
        integrations.create(definition)
    integrations.create(CatalogIntegration(name="py_ci_modes", catalog=ObjectStore(), table_format="ICEBERG", enabled=False,
                                           comment="kept?"), mode=CreateMode.if_not_exists)
    assert integrations["py_ci_modes"].fetch().comment is None
    integrations.create(CatalogIntegration(name="py_ci_modes", catalog=ObjectStore(), table_format="ICEBERG", enabled=False,
                                           comment="replaced"), mode=CreateMode.or_replace)
    assert (integrations["py_ci_modes"].fetch().comment, integrations["py_ci_modes"].fetch().enabled) == ("replaced", False)
    with pytest.raises(APIError) as refused:
        integrations.create(CatalogIntegration(name="py_ci_bad", catalog=ObjectStore(), table_format="ICE", enabled=True))
    assert refused.value.status == 400
    integrations["py_ci_modes"].drop()
    with pytest.raises(NotFoundError):
        integrations["py_ci_modes"].fetch()
    with pytest.raises(NotFoundError):
        integrations["py_ci_modes"].drop()
    integrations["py_ci_modes"].drop(if_exists=True)


def test_catalog_async_twins(root):
    integrations = root.catalog_integrations
    reference = integrations.create_async(
        CatalogIntegration(name="py_ci_async", catalog=ObjectStore(), table_format="ICEBERG", enabled=True)).result()
    assert isinstance(reference.fetch_async().result().catalog, ObjectStore)
    assert [i.name for i in integrations.iter_async(like="py_ci_async").result()] == ["PY_CI_ASYNC"]
    reference.drop_async().result()
    assert list(integrations.iter(like="py_ci_async")) == []


# API integrations

def test_api_providers(root):
    integrations = root.api_integrations
    definitions = [
        ApiIntegration(name="py_ai_aws", api_hook=AwsHook(api_provider="AWS_API_GATEWAY",
                                                          api_aws_role_arn="arn:aws:iam::123456789012:role/fake_role", api_key="secret"),
                       api_allowed_prefixes=["https://xyz.execute-api.us-west-2.amazonaws.com/test"], enabled=True, comment="aws"),
        ApiIntegration(name="py_ai_azure", api_hook=AzureHook(api_provider="AZURE_API_MANAGEMENT",
                                                              azure_tenant_id="azsnowtestoutlook.onmicrosoft.com",
                                                              azure_ad_application_id="dummy_app_id"),
                       api_allowed_prefixes=["https://ext-func-test.azure-api.net/echo"], enabled=True, comment="azure"),
        ApiIntegration(name="py_ai_gc", api_hook=GoogleCloudHook(api_provider="GOOGLE_API_GATEWAY", google_audience="dummy_aud"),
                       api_allowed_prefixes=["https://fake.uc.gateway.dev"], enabled=True, comment="gc"),
        ApiIntegration(name="py_ai_git", api_hook=GitHook(allow_any_secret=True), api_allowed_prefixes=["https://github.com"],
                       enabled=False, api_blocked_prefixes=["https://github.com/snowflakedb/snowpy"], comment="git"),
    ]
    for definition in definitions:
        integrations.create(definition)
        fetched = integrations[definition.name].fetch()
        assert fetched.name == definition.name.upper()
        assert type(fetched.api_hook) is type(definition.api_hook)
        assert (fetched.api_allowed_prefixes, fetched.api_blocked_prefixes, fetched.enabled, fetched.comment) == (
            definition.api_allowed_prefixes, definition.api_blocked_prefixes, definition.enabled, definition.comment)
    aws = integrations["py_ai_aws"].fetch().api_hook
    assert (aws.api_provider, aws.api_aws_role_arn) == ("AWS_API_GATEWAY", "arn:aws:iam::123456789012:role/fake_role")
    assert aws.api_key is not None and aws.api_key != "secret", "the key is masked"
    azure = integrations["py_ai_azure"].fetch().api_hook
    assert (azure.api_provider, azure.azure_tenant_id, azure.azure_ad_application_id, azure.api_key) == (
        "AZURE_API_MANAGEMENT", "azsnowtestoutlook.onmicrosoft.com", "dummy_app_id", None)
    gc = integrations["py_ai_gc"].fetch().api_hook
    assert (gc.api_provider, gc.google_audience, gc.api_key) == ("GOOGLE_API_GATEWAY", "dummy_aud", None)
    git = integrations["py_ai_git"].fetch().api_hook
    assert (git.allow_any_secret, git.allowed_authentication_secrets, git.allowed_api_authentication_integrations) == (True, None, None)
    listed = [i.name for i in integrations.iter(like="py_ai_%")]
    assert listed == ["PY_AI_AWS", "PY_AI_AZURE", "PY_AI_GC", "PY_AI_GIT"]
    assert all(i.api_hook.api_key != "secret" for i in integrations.iter(like="py_ai_aws"))
    for name in listed:
        integrations[name].drop()


def test_api_create_or_alter_modes_and_errors(root):
    integrations = root.api_integrations
    definition = ApiIntegration(name="py_ai_alter", api_hook=AwsHook(api_provider="AWS_PRIVATE_API_GATEWAY",
                                                                    api_aws_role_arn="arn:aws:iam::123456789012:role/r", api_key="k1"),
                                api_allowed_prefixes=["https://a.execute-api.us-west-2.amazonaws.com/prod"],
                                api_blocked_prefixes=["https://a.execute-api.us-west-2.amazonaws.com/prod/admin"], enabled=True,
                                comment="first")
    integrations["py_ai_alter"].create_or_alter(definition)
    with pytest.raises(ConflictError):
        integrations.create(definition)
    integrations.create(ApiIntegration(name="py_ai_alter", api_hook=GitHook(), api_allowed_prefixes=["https://github.com"], enabled=True),
                        mode=CreateMode.if_not_exists)
    assert isinstance(integrations["py_ai_alter"].fetch().api_hook, AwsHook)
    integrations["py_ai_alter"].create_or_alter(ApiIntegration(
        name="py_ai_alter", api_hook=AwsHook(api_provider="AWS_PRIVATE_API_GATEWAY", api_aws_role_arn="arn:aws:iam::123456789012:role/r2"),
        api_allowed_prefixes=["https://b.execute-api.us-west-2.amazonaws.com/prod"], enabled=False))
    altered = integrations["py_ai_alter"].fetch()
    assert (altered.api_hook.api_aws_role_arn, altered.api_allowed_prefixes, altered.enabled, altered.comment) == (
        "arn:aws:iam::123456789012:role/r2", ["https://b.execute-api.us-west-2.amazonaws.com/prod"], False, None)
    assert altered.api_blocked_prefixes == definition.api_blocked_prefixes, "blocked prefixes cannot be unset"
    assert altered.api_hook.api_key is not None, "the key is not changed by create_or_alter"
    integrations["py_ai_alter"].create_or_alter_async(definition).result()
    assert integrations["py_ai_alter"].fetch_async().result().comment == "first"
    with pytest.raises(APIError) as refused:
        integrations["py_ai_alter"].create_or_alter(ApiIntegration(
            name="py_ai_alter", api_hook=GitHook(), api_allowed_prefixes=["https://github.com"], enabled=True))
    assert refused.value.status == 400
    integrations.create(ApiIntegration(name="py_ai_alter", api_hook=GitHook(), api_allowed_prefixes=["https://github.com"], enabled=True),
                        mode=CreateMode.or_replace)
    assert isinstance(integrations["py_ai_alter"].fetch().api_hook, GitHook)
    with pytest.raises(APIError) as refused:
        integrations.create(ApiIntegration(name="py_ai_http", api_hook=GitHook(), api_allowed_prefixes=["http://github.com"], enabled=True))
    assert refused.value.status == 400
    with pytest.raises(ConflictError):
        root.notification_integrations.create(NotificationIntegration(
            name="py_ai_alter", enabled=True, notification_hook=NotificationQueueGcpPubsubOutbound(gcp_pubsub_topic_name="projects/p/topics/t")))
    reference = integrations.create_async(ApiIntegration(
        name="py_ai_async", api_hook=GitHook(), api_allowed_prefixes=["https://github.com"], enabled=True)).result()
    assert [i.name for i in integrations.iter_async(like="py_ai_a%").result()] == ["PY_AI_ALTER", "PY_AI_ASYNC"]
    reference.drop_async().result()
    integrations["py_ai_alter"].drop()
    with pytest.raises(NotFoundError):
        integrations["py_ai_alter"].fetch()
    with pytest.raises(NotFoundError):
        integrations["py_ai_alter"].drop()
    integrations["py_ai_alter"].drop(if_exists=True)
