"""Event tables through the official snowflake.core against the emulator: create modes,
Snowflake's fixed columns, retention and clustering rules, listing filters, rename, drop and
tags."""
import pytest
from snowflake.core import CreateMode
from snowflake.core.database import Database
from snowflake.core.event_table import EventTable
from snowflake.core.exceptions import APIError, ConflictError, NotFoundError
from snowflake.core.schema import Schema
from snowflake.core.tag import Tag, TagValue

COLUMNS = [
    ("TIMESTAMP", "TIMESTAMP_NTZ(9)"), ("START_TIMESTAMP", "TIMESTAMP_NTZ(9)"), ("OBSERVED_TIMESTAMP", "TIMESTAMP_NTZ(9)"),
    ("TRACE", "OBJECT"), ("RESOURCE", "OBJECT"), ("RESOURCE_ATTRIBUTES", "OBJECT"), ("SCOPE", "OBJECT"),
    ("SCOPE_ATTRIBUTES", "OBJECT"), ("RECORD_TYPE", "VARCHAR(16777216)"), ("RECORD", "OBJECT"),
    ("RECORD_ATTRIBUTES", "OBJECT"), ("VALUE", "VARIANT"), ("EXEMPLARS", "ARRAY"),
]


@pytest.fixture(scope="module")
def schema(root):
    root.databases.create(Database(name="py_event_tables"), mode=CreateMode.or_replace)
    yield root.databases["py_event_tables"].schemas["public"]
    root.databases["py_event_tables"].drop()


def test_lifecycle(schema):
    tables = schema.event_tables
    tables.create(EventTable(name="events", change_tracking=True, comment="app", cluster_by=["timestamp"]))
    with pytest.raises(ConflictError):
        tables.create(EventTable(name="events"))
    table = tables["events"].fetch()
    assert [(c.name, c.datatype) for c in table.columns] == COLUMNS
    assert (table.name, table.change_tracking, table.comment, table.cluster_by, table.automatic_clustering) == (
        "EVENTS", True, "app", ["timestamp"], True)
    assert (table.data_retention_time_in_days, table.max_data_extension_time_in_days, table.rows, table.bytes) == (1, 14, 0, 0)
    assert (table.database_name, table.schema_name, table.owner, table.owner_role_type) == (
        "PY_EVENT_TABLES", "PUBLIC", "ACCOUNTADMIN", "ROLE")
    tables.create(EventTable(name="events", comment="kept?"), mode=CreateMode.if_not_exists)
    assert tables["events"].fetch().comment == "app"
    tables.create(EventTable(name="events", comment="replaced"), mode=CreateMode.or_replace, copy_grants=True)
    assert tables["events"].fetch().comment == "replaced"
    tables["events"].drop()
    with pytest.raises(NotFoundError):
        tables["events"].fetch()
    with pytest.raises(NotFoundError):
        tables["events"].drop()
    tables["events"].drop(if_exists=True)


def test_refused_definitions(schema):
    for table in (EventTable(name="bad", data_retention_time_in_days=91), EventTable(name="bad", max_data_extension_time_in_days=-1),
                  EventTable(name="bad", cluster_by=["not_a_column"])):
        with pytest.raises(APIError) as refused:
            schema.event_tables.create(table)
        assert refused.value.status == 400
    with pytest.raises(NotFoundError):
        schema.event_tables["bad"].fetch()


def test_rename(schema, root):
    tables = schema.event_tables
    tables.create(EventTable(name="r1", comment="kept"))
    tables.create(EventTable(name="r2"))
    resource = tables["r1"]
    resource.rename("renamed")
    assert resource.name == "renamed"
    assert tables["renamed"].fetch().comment == "kept"
    # The library renames its cached reference in place, so the old name is checked by listing.
    assert [t.name for t in tables.iter(like="r%")] == ["R2", "RENAMED"]
    with pytest.raises(NotFoundError):
        tables["ghost"].rename("x")
    tables["ghost2"].rename("x", if_exists=True)
    with pytest.raises(ConflictError):
        tables["r2"].rename("renamed")
    root.databases["py_event_tables"].schemas.create(Schema(name="archive"))
    tables["r2"].rename("py_event_tables.archive.old")
    assert root.databases["py_event_tables"].schemas["archive"].event_tables["old"].fetch().schema_name == "ARCHIVE"
    tables["renamed"].drop()


def test_iter(schema):
    tables = schema.event_tables
    for name in ("it_a1", "it_a2", "it_b1"):
        tables.create(EventTable(name=name))
    assert [t.name for t in tables.iter(like="it_a%")] == ["IT_A1", "IT_A2"]
    assert [t.name for t in tables.iter(starts_with="IT_B")] == ["IT_B1"]
    assert [t.name for t in tables.iter(like="it_%", show_limit=2)] == ["IT_A1", "IT_A2"]
    assert [t.name for t in tables.iter(like="it_%", from_name="IT_A1")] == ["IT_A2", "IT_B1"]
    for name in ("it_a1", "it_a2", "it_b1"):
        tables[name].drop()


def test_tags(schema):
    schema.tags.create(Tag(name="owner"))
    schema.event_tables.create(EventTable(name="tagged"))
    table = schema.event_tables["tagged"]
    table.set_tags({schema.tags["owner"]: TagValue("ops")})
    table.rename("tagged_too")
    assert {t.name: v.value for t, v in table.get_tags().items()} == {"OWNER": "ops"}
    table.unset_tags({schema.tags["owner"]})
    assert table.get_tags() == {}
    table.drop()
