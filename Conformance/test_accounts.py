"""Accounts and managed accounts through the official snowflake.core against the emulator."""
import pytest
from snowflake.core.account import Account
from snowflake.core.account._generated.api.account_api_base import AccountCollectionBase
from snowflake.core.exceptions import APIError, ConflictError, NotFoundError
from snowflake.core.managed_account import ManagedAccount

PASSWORD = "Str0ngPassw0rd"


def account(name, **fields):
    return Account(name=name, edition="ENTERPRISE", admin_name="admin", email="ops@example.com", admin_password=PASSWORD, **fields)


def listed(accounts, **filters):
    """`accounts.iter(...)` as its generated base class does it. In snowflake.core 1.14.0 the
    hand-written `AccountCollection.iter` rebuilds each row with `Account(**row.to_dict())`, and
    `to_dict()` always carries the alias `organization_URL_expiration_on`, which the wrapper's
    constructor does not take: any non-empty listing raises TypeError, whatever the server
    sends (`test_the_library_wrapper_cannot_list_accounts` pins this)."""
    return list(AccountCollectionBase.iter(accounts, **filters))


def names(accounts, **filters):
    return [a.name for a in listed(accounts, **filters)]


def test_account_lifecycle(root):
    accounts = root.accounts
    accounts.create(account("py_acct", comment="team", first_name="Ada", last_name="Lovelace", must_change_password=True))
    with pytest.raises(ConflictError):
        accounts.create(account("py_acct"))
    created = listed(accounts, like="py_acct")[0]
    assert (created.name, created.edition, created.comment, created.region) == ("PY_ACCT", "ENTERPRISE", "team", "AWS_US_WEST_2")
    assert created.account_locator and created.account_url.endswith(".snowflakecomputing.com")
    assert created.created_on is not None and created.organization_name == "EMULATOR_ORG"
    assert (created.admin_name, created.email, created.admin_password, created.first_name) == (None, None, None, None)

    accounts.create(account("py_acct_b", region="AWS_US_EAST_1"))
    assert names(accounts, like="py_acct%") == ["PY_ACCT", "PY_ACCT_B"]
    assert names(accounts, like="py_acct%", limit=1) == ["PY_ACCT"]

    accounts["py_acct"].drop(grace_period_in_days=3)
    assert names(accounts, like="py_acct%") == ["PY_ACCT_B"]
    dropped = [a for a in listed(accounts, like="py_acct%", history=True) if a.dropped_on is not None]
    assert [a.name for a in dropped] == ["PY_ACCT"]
    assert dropped[0].scheduled_deletion_time is not None
    with pytest.raises(ConflictError):
        accounts.create(account("py_acct"))
    accounts["py_acct"].undrop()
    assert listed(accounts, like="py_acct")[0].restored_on is not None
    with pytest.raises(ConflictError):
        accounts["py_acct"].undrop()

    with pytest.raises(NotFoundError):
        accounts["py_acct_missing"].drop(grace_period_in_days=3)
    accounts["py_acct_missing"].drop(grace_period_in_days=3, if_exists=True)
    with pytest.raises(APIError) as refused:
        accounts["py_acct"].drop(grace_period_in_days=1)
    assert refused.value.status == 400
    for name in ("py_acct", "py_acct_b"):
        accounts[name].drop(grace_period_in_days=3)


def test_account_async_twins(root):
    accounts = root.accounts
    accounts.create_async(account("py_acct_async")).result()
    assert [a.name for a in AccountCollectionBase.iter_async(accounts, like="py_acct_async").result()] == ["PY_ACCT_ASYNC"]
    accounts["py_acct_async"].drop_async(grace_period_in_days=5).result()
    accounts["py_acct_async"].undrop_async().result()
    accounts["py_acct_async"].drop(grace_period_in_days=3)


def test_the_library_wrapper_cannot_list_accounts(root):
    root.accounts.create(account("py_acct_wrapper"))
    assert list(root.accounts.iter(like="py_acct_nothing")) == []
    with pytest.raises(TypeError, match="organization_URL_expiration_on"):
        list(root.accounts.iter(like="py_acct_wrapper"))
    with pytest.raises(TypeError, match="organization_URL_expiration_on"):
        list(root.accounts.iter_async(like="py_acct_wrapper").result())
    root.accounts["py_acct_wrapper"].drop(grace_period_in_days=3)


@pytest.mark.parametrize("fields", [
    dict(edition="PLATINUM"),
    dict(admin_password="weak"),
    dict(email="not-an-address"),
    dict(region="moon-1"),
])
def test_bad_account_is_a_400(root, fields):
    definition = dict(name="py_acct_bad", edition="STANDARD", admin_name="admin", email="a@b.co", admin_password=PASSWORD)
    definition.update(fields)
    with pytest.raises(APIError) as refused:
        root.accounts.create(Account(**definition))
    assert refused.value.status == 400
    assert names(root.accounts, like="py_acct_bad", history=True) == []


def test_managed_account_lifecycle(root):
    managed = root.managed_accounts
    managed.create(ManagedAccount(name="py_reader", admin_name="reader_admin", admin_password=PASSWORD, account_type="READER", comment="c"))
    with pytest.raises(ConflictError):
        managed.create(ManagedAccount(name="py_reader", admin_name="a", admin_password=PASSWORD))
    reader = next(managed.iter(like="py_reader"))
    assert (reader.name, reader.comment, reader.account_type, reader.cloud, reader.region) == ("PY_READER", "c", "READER", "AWS", "US_WEST_2")
    assert reader.locator and reader.url.endswith(".snowflakecomputing.com") and reader.created_on is not None
    assert (reader.admin_name, reader.admin_password) == (None, None)
    managed.create_async(ManagedAccount(name="py_reader_async", admin_name="a", admin_password=PASSWORD)).result()
    assert [m.name for m in managed.iter_async(like="py_reader%").result()] == ["PY_READER", "PY_READER_ASYNC"]
    managed["py_reader_async"].drop_async().result()
    managed["py_reader"].drop()
    assert list(managed.iter(like="py_reader%")) == []
    with pytest.raises(NotFoundError):
        managed["py_reader"].drop()


def test_managed_account_weak_password_is_a_400(root):
    with pytest.raises(APIError) as refused:
        root.managed_accounts.create(ManagedAccount(name="py_reader_bad", admin_name="a", admin_password="weak"))
    assert refused.value.status == 400
    assert list(root.managed_accounts.iter(like="py_reader_bad")) == []
