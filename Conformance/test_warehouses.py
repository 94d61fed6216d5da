"""Warehouses through the official snowflake.core against the emulator."""
import json

import pytest
from snowflake.core import CreateMode
from snowflake.core.exceptions import APIError, ConflictError, NotFoundError
from snowflake.core.warehouse import Warehouse


def test_lifecycle_and_defaults(root):
    warehouses = root.warehouses
    reference = warehouses.create(Warehouse(name="py_wh", warehouse_size="SMALL", auto_suspend=500, comment="c"))
    assert reference.name == "py_wh"
    with pytest.raises(ConflictError):
        warehouses.create(Warehouse(name="py_wh"))
    warehouse = reference.fetch()
    assert (warehouse.name, warehouse.state, warehouse.warehouse_size, warehouse.size) == ("PY_WH", "STARTED", "Small", "Small")
    assert (warehouse.warehouse_type, warehouse.type, warehouse.scaling_policy) == ("STANDARD", "STANDARD", "STANDARD")
    assert (warehouse.auto_suspend, warehouse.auto_resume, warehouse.comment) == (500, "true", "c")
    assert (warehouse.min_cluster_count, warehouse.max_cluster_count, warehouse.started_clusters) == (1, 1, 1)
    assert (warehouse.owner, warehouse.owner_role_type) == ("ACCOUNTADMIN", "ROLE")
    assert warehouse.created_on is not None and warehouse.resumed_on == warehouse.created_on
    assert [w.name for w in warehouses.iter(like="py_w%")] == ["PY_WH"]

    warehouses.create(Warehouse(name="py_wh", comment="kept?"), mode=CreateMode.if_not_exists)
    assert reference.fetch().comment == "c"
    warehouses.create(Warehouse(name="py_wh", comment="replaced", initially_suspended="true"), mode=CreateMode.or_replace)
    replaced = reference.fetch()
    assert (replaced.comment, replaced.state, replaced.warehouse_size) == ("replaced", "SUSPENDED", "X-Small")

    reference.drop()
    with pytest.raises(NotFoundError):
        reference.fetch()
    with pytest.raises(NotFoundError):
        reference.drop()
    reference.drop(if_exists=True)


def test_suspend_and_resume(root):
    """Snowflake's own rules: resume uses IF SUSPENDED, a second suspend fails."""
    reference = root.warehouses.create(Warehouse(name="py_wh_state"))
    reference.suspend()
    assert next(root.warehouses.iter(like="py_wh_state")).state == "SUSPENDED"
    with pytest.raises(APIError) as again:
        reference.suspend()
    assert again.value.status == 400
    assert "invalid state. warehouse 'py_wh_state' cannot be suspended." in json.loads(again.value.body)["message"]
    reference.resume()
    reference.resume()
    assert reference.fetch().state == "STARTED"
    reference.drop()
    reference.suspend(if_exists=True)
    reference.resume(if_exists=True)
    with pytest.raises(NotFoundError):
        reference.resume()


def test_create_or_alter(root):
    """The core library's own create-or-alter scenario: omitted properties go back to their defaults."""
    reference = root.warehouses["py_wh_alter"]
    reference.create_or_alter(Warehouse(name="py_wh_alter"))
    reference.create_or_alter(Warehouse(name="py_wh_alter"))
    reference.create_or_alter(Warehouse(name="py_wh_alter", warehouse_size="LARGE", comment="Hey"))
    result = next(root.warehouses.iter(like="py_wh_alter"))
    assert (result.warehouse_size.upper(), result.comment) == ("LARGE", "Hey")
    reference.create_or_update(Warehouse(name="py_wh_alter", warehouse_type="STANDARD"))
    result = next(root.warehouses.iter(like="py_wh_alter"))
    assert (result.comment, result.warehouse_type) == (None, "STANDARD")
    reference.create_or_alter(Warehouse(name="py_wh_alter", initially_suspended="true"))
    result = reference.fetch()
    assert (result.warehouse_size.upper(), result.state) == ("X-SMALL", "STARTED")

    # A fetched warehouse sent back whole (read-only fields are dropped by the client).
    fetched = reference.fetch()
    fetched.warehouse_size = "MEDIUM"
    reference.create_or_alter(fetched)
    assert reference.fetch().warehouse_size == "Medium"
    reference.drop()


def test_invalid_properties(root):
    with pytest.raises(APIError) as size:
        root.warehouses.create(Warehouse(name="py_wh_bad", warehouse_size="f"))
    assert "Error Message: invalid type of property 'f' for 'warehouse_size'" in str(size.value)
    with pytest.raises(APIError) as policy:
        root.warehouses.create(Warehouse(name="py_wh_bad", scaling_policy="LAVISH"))
    assert policy.value.status == 400
    with pytest.raises(NotFoundError):
        root.warehouses["py_wh_bad"].fetch()


def test_rename_use_abort(root):
    reference = root.warehouses.create(Warehouse(name="py_wh_old", auto_resume="false", initially_suspended="true"))
    reference.rename("py_wh_new")
    with pytest.raises(NotFoundError):
        reference.fetch()
    renamed = root.warehouses["py_wh_new"]
    assert (renamed.fetch().name, renamed.fetch().auto_resume) == ("PY_WH_NEW", "false")
    reference.rename("py_wh_other", if_exists=True)
    with pytest.raises(NotFoundError):
        reference.rename("py_wh_other")
    root.warehouses.create(Warehouse(name="py_wh_taken"))
    with pytest.raises(ConflictError):
        renamed.rename("py_wh_taken")

    root.warehouses.create(Warehouse(name="py_wh_newest"))
    session = root._snowapi_session._api
    assert session.get_default_warehouse().session_default == "PY_WH_NEWEST", "a new warehouse is the session's current one"
    renamed.use_warehouse()
    assert session.get_default_warehouse().session_default == "PY_WH_NEW"
    assert renamed.fetch().state == "SUSPENDED", "use does not resume a warehouse whose auto_resume is false"
    root.warehouses["py_wh_newest"].drop()
    renamed.abort_all_queries()
    fetched = renamed.fetch()
    assert (fetched.running, fetched.queued) == (0, 0)
    renamed.drop()
    renamed.abort_all_queries(if_exists=True)
    with pytest.raises(NotFoundError):
        renamed.abort_all_queries()
    with pytest.raises(NotFoundError):
        renamed.use_warehouse()
    root.warehouses["py_wh_taken"].delete()


def test_enable_and_disable(root):
    """Not wrapped by snowflake.core: its generated API sends them."""
    root.warehouses.create(Warehouse(name="py_wh_adaptive"))
    api = root.warehouses._api
    api.disable_warehouse("py_wh_adaptive")
    api.enable_warehouse("py_wh_adaptive")
    api.enable_warehouse("py_wh_missing", if_exists=True)
    with pytest.raises(NotFoundError):
        api.disable_warehouse("py_wh_missing")
    root.warehouses["py_wh_adaptive"].drop()


def test_async_twins(root):
    warehouses = root.warehouses
    reference = warehouses.create_async(Warehouse(name="py_wh_async", warehouse_size="XSMALL")).result()
    assert reference.fetch_async().result().warehouse_size == "X-Small"
    assert [w.name for w in warehouses.iter_async(like="py_wh_async").result()] == ["PY_WH_ASYNC"]
    reference.suspend_async().result()
    reference.resume_async().result()
    reference.create_or_alter_async(Warehouse(name="py_wh_async", warehouse_size="SMALL")).result()
    reference.abort_all_queries_async().result()
    reference.use_warehouse_async().result()
    reference.rename_async("py_wh_async2").result()
    warehouses["py_wh_async2"].drop_async().result()
    assert list(warehouses.iter(like="py_wh_async%")) == []
