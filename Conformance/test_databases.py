"""Databases through the official snowflake.core against the emulator."""
import pytest
from snowflake.core import Clone, CreateMode, PointOfTimeOffset
from snowflake.core.database import Database
from snowflake.core.exceptions import APIError, ConflictError, NotFoundError


def test_create_modes(root):
    root.databases.create(Database(name="py_modes", comment="first"))
    with pytest.raises(ConflictError) as conflict:
        root.databases.create(Database(name="py_modes"))
    assert "already exists" in str(conflict.value)
    root.databases.create(Database(name="py_modes", comment="second"), mode=CreateMode.if_not_exists)
    assert root.databases["py_modes"].fetch().comment == "first"
    root.databases.create(Database(name="py_modes", comment="third"), mode=CreateMode.or_replace)
    assert root.databases["py_modes"].fetch().comment == "third"
    root.databases["py_modes"].drop()


def test_fetch(root):
    root.databases.create(Database(name="py_fetch", kind="TRANSIENT", comment="c"))
    database = root.databases["py_fetch"].fetch()
    assert database.name == "PY_FETCH"
    assert database.kind == "TRANSIENT"
    assert database.owner == "ACCOUNTADMIN"
    assert database.created_on is not None
    root.databases["py_fetch"].drop()


def test_list_filters(root):
    for name in ("py_list_a", "py_list_b", "py_list_c", '"py_list_lower"'):
        root.databases.create(Database(name=name))
    names = lambda **filters: [database.name for database in root.databases.iter(**filters)]
    assert names(like="py_list%") == ["PY_LIST_A", "PY_LIST_B", "PY_LIST_C", "py_list_lower"]
    assert names(like="PY_LIST_%", starts_with="PY_LIST") == ["PY_LIST_A", "PY_LIST_B", "PY_LIST_C"]
    assert names(like="py_list%", limit=2) == ["PY_LIST_A", "PY_LIST_B"]
    assert names(like="py_list%", limit=10, from_name="PY_LIST_A") == ["PY_LIST_B", "PY_LIST_C", "py_list_lower"]
    assert names(like="") == []
    for name in ("py_list_a", "py_list_b", "py_list_c", '"py_list_lower"'):
        root.databases[name].drop()


def test_create_or_alter(root):
    database = root.databases["py_alter"]
    database.create_or_alter(Database(name="py_alter", comment="v1"))
    database.create_or_alter(Database(name="py_alter", comment="v2"))
    assert database.fetch().comment == "v2"
    database.drop()


def test_drop_and_undrop(root):
    root.databases.create(Database(name="py_undrop"))
    root.databases["py_undrop"].drop()
    with pytest.raises(NotFoundError):
        root.databases["py_undrop"].fetch()
    with pytest.raises(NotFoundError):
        root.databases["py_undrop"].drop()
    root.databases["py_undrop"].drop(if_exists=True)
    root.databases["py_undrop"].undrop()
    assert root.databases["py_undrop"].fetch().name == "PY_UNDROP"
    with pytest.raises(ConflictError):
        root.databases["py_undrop"].undrop()
    root.databases["py_undrop"].drop()


def test_clone(root):
    root.databases.create(Database(name="py_clone_src"))
    root.databases.create(Database(name="py_clone_dst"), clone="py_clone_src")
    assert [schema.name for schema in root.databases["py_clone_dst"].schemas.iter()] == ["PUBLIC"]
    root.databases.create(
        Database(name="py_clone_at"), clone=Clone(source="py_clone_src", point_of_time=PointOfTimeOffset(reference="at", when="0")))
    with pytest.raises(APIError) as refused:
        root.databases.create(
            Database(name="py_clone_old"), clone=Clone(source="py_clone_src", point_of_time=PointOfTimeOffset(reference="before", when="-86400")))
    assert refused.value.status == 400
    for name in ("py_clone_src", "py_clone_dst", "py_clone_at"):
        root.databases[name].drop()
