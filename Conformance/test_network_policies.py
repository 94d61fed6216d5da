"""Network policies through the official snowflake.core against the emulator."""
import pytest
from snowflake.core import CreateMode
from snowflake.core.exceptions import APIError, ConflictError, NotFoundError
from snowflake.core.network_policy import NetworkPolicy


def test_lifecycle(root):
    policies = root.network_policies
    policies.create(NetworkPolicy(
        name="py_np", allowed_ip_list=["192.168.1.0/24", "10.0.0.1"], blocked_ip_list=["192.168.1.99"],
        allowed_network_rule_list=["py_db.py_sch.py_rule"], comment="office"))
    with pytest.raises(ConflictError):
        policies.create(NetworkPolicy(name="py_np"))
    policy = policies["py_np"].fetch()
    assert (policy.name, policy.comment, policy.owner, policy.owner_role_type) == ("PY_NP", "office", "ACCOUNTADMIN", "ROLE")
    assert policy.allowed_ip_list == ["192.168.1.0/24", "10.0.0.1"]
    assert policy.blocked_ip_list == ["192.168.1.99"]
    assert policy.allowed_network_rule_list == ["PY_DB.PY_SCH.PY_RULE"]
    assert policy.created_on is not None
    assert "PY_NP" in [p.name for p in policies.iter()]

    policies.create(NetworkPolicy(name="py_np", comment="kept?"), mode=CreateMode.if_not_exists)
    assert policies["py_np"].fetch().comment == "office"
    policies.create(NetworkPolicy(name="py_np", comment="replaced"), mode=CreateMode.or_replace)
    replaced = policies["py_np"].fetch()
    assert (replaced.comment, replaced.allowed_ip_list) == ("replaced", None)

    policies["py_np"].drop()
    with pytest.raises(NotFoundError):
        policies["py_np"].fetch()
    with pytest.raises(NotFoundError):
        policies["py_np"].drop()
    policies["py_np"].drop(if_exists=True)


def test_async_twins(root):
    policies = root.network_policies
    policies.create_async(NetworkPolicy(name="py_np_async", blocked_ip_list=["1.2.3.4"])).result()
    assert policies["py_np_async"].fetch_async().result().blocked_ip_list == ["1.2.3.4"]
    assert "PY_NP_ASYNC" in [p.name for p in policies.iter_async().result()]
    policies["py_np_async"].drop_async(if_exists=True).result()
    assert "PY_NP_ASYNC" not in [p.name for p in policies.iter()]


@pytest.mark.parametrize("address", ["300.1.1.1", "10.0.0.0/40", "not-an-ip", "::1"])
def test_bad_address_is_a_400(root, address):
    with pytest.raises(APIError) as refused:
        root.network_policies.create(NetworkPolicy(name="py_np_bad", allowed_ip_list=[address]))
    assert refused.value.status == 400
    assert address in str(refused.value)
    with pytest.raises(NotFoundError):
        root.network_policies["py_np_bad"].fetch()
