"""Schemas through the official snowflake.core against the emulator."""
import pytest
from snowflake.core import CreateMode
from snowflake.core.database import Database
from snowflake.core.exceptions import ConflictError, NotFoundError
from snowflake.core.schema import Schema


@pytest.fixture(scope="module")
def database(root):
    root.databases.create(Database(name="py_schemas"), mode=CreateMode.or_replace)
    yield root.databases["py_schemas"]
    root.databases["py_schemas"].drop()


def test_lifecycle(database):
    database.schemas.create(Schema(name="s1", comment="c", managed_access=True))
    with pytest.raises(ConflictError):
        database.schemas.create(Schema(name="s1"))
    schema = database.schemas["s1"].fetch()
    assert (schema.name, schema.database_name, schema.managed_access) == ("S1", "PY_SCHEMAS", True)
    assert [s.name for s in database.schemas.iter(like="s%")] == ["S1"]
    database.schemas["s1"].create_or_alter(Schema(name="s1"))
    assert database.schemas["s1"].fetch().managed_access is False
    database.schemas["s1"].drop()
    with pytest.raises(NotFoundError):
        database.schemas["s1"].fetch()
    database.schemas["s1"].undrop()
    database.schemas["s1"].drop()


def test_list_filters_and_modes(database):
    for name in ("f_a", "f_b", "f_c"):
        database.schemas.create(Schema(name=name))
    names = lambda **filters: [schema.name for schema in database.schemas.iter(**filters)]
    assert names(starts_with="F_") == ["F_A", "F_B", "F_C"]
    assert names(like="f%", limit=2) == ["F_A", "F_B"]
    assert names(like="f%", limit=5, from_name="F_A") == ["F_B", "F_C"]
    database.schemas.create(Schema(name="f_a", comment="kept"), mode=CreateMode.if_not_exists)
    assert database.schemas["f_a"].fetch().comment is None
    database.schemas.create(Schema(name="f_a", comment="new"), mode=CreateMode.or_replace)
    assert database.schemas["f_a"].fetch().comment == "new"
    for name in ("f_a", "f_b", "f_c"):
        database.schemas[name].drop()
    database.schemas["f_a"].drop(if_exists=True)


def test_clone(database):
    database.schemas.create(Schema(name="src"))
    database.schemas.create(Schema(name="copy"), clone="src")
    assert database.schemas["copy"].fetch().name == "COPY"
    for name in ("src", "copy"):
        database.schemas[name].drop(if_exists=True)


def test_missing_database(root):
    with pytest.raises(NotFoundError) as missing:
        list(root.databases["py_nowhere"].schemas.iter())
    assert "does not exist or not authorized" in str(missing.value)
