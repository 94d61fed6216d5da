"""Dynamic tables through the official snowflake.core against the emulator: create modes, target
lags, the warehouse and source rules, scheduling_state through suspend and resume, refresh
(recorded, no rows computed), recluster, swap_with, clone (by create and by the resource),
undrop, listing filters and tags."""
import pytest
from snowflake.core import Clone, CreateMode, PointOfTimeOffset
from snowflake.core.database import Database
from snowflake.core.dynamic_table import DownstreamLag, DynamicTable, DynamicTableClone, DynamicTableColumn, UserDefinedLag
from snowflake.core.event_table import EventTable
from snowflake.core.exceptions import APIError, ConflictError, NotFoundError
from snowflake.core.tag import Tag, TagValue
from snowflake.core.warehouse import Warehouse


@pytest.fixture(scope="module")
def schema(root):
    root.databases.create(Database(name="py_dynamic_tables"), mode=CreateMode.or_replace)
    root.warehouses.create(Warehouse(name="py_dt_wh"), mode=CreateMode.or_replace)
    schema = root.databases["py_dynamic_tables"].schemas["public"]
    schema.event_tables.create(EventTable(name="events"))
    yield schema
    root.databases["py_dynamic_tables"].drop()
    root.warehouses["py_dt_wh"].drop()


def table(name, lag=None, **fields):
    return DynamicTable(
        name=name, target_lag=lag or UserDefinedLag(seconds=3600), warehouse="py_dt_wh",
        columns=[DynamicTableColumn(name="a"), DynamicTableColumn(name="b", datatype="varchar", comment="comment")],
        query="select value, record_type from events", **fields)


def test_lifecycle(schema):
    tables = schema.dynamic_tables
    tables.create(table("dt1", initialize="ON_SCHEDULE", cluster_by=["b"], data_retention_time_in_days=1,
                        max_data_extension_time_in_days=2, comment="test table", initialization_warehouse="py_dt_wh"),
                  mode=CreateMode.error_if_exists)
    with pytest.raises(ConflictError):
        tables.create(table("dt1"))
    dt = tables["dt1"].fetch()
    assert (dt.name, dt.warehouse, dt.scheduling_state, dt.kind, dt.refresh_mode, dt.initialize) == (
        "DT1", "PY_DT_WH", "RUNNING", "PERMANENT", "AUTO", "ON_SCHEDULE")
    assert dt.target_lag.to_dict() == {"type": "USER_DEFINED", "seconds": 3600}
    assert [(c.name, c.datatype, c.comment) for c in dt.columns] == [("A", None, None), ("B", "varchar", "comment")]
    assert (dt.cluster_by, dt.automatic_clustering, dt.rows, dt.bytes) == (["b"], True, 0, 0)
    assert (dt.data_retention_time_in_days, dt.max_data_extension_time_in_days, dt.comment) == (1, 2, "test table")
    assert dt.initialization_warehouse == "PY_DT_WH"
    assert (dt.database_name, dt.schema_name, dt.owner, dt.owner_role_type) == ("PY_DYNAMIC_TABLES", "PUBLIC", "ACCOUNTADMIN", "ROLE")
    tables.create(table("dt1", comment="kept?"), mode=CreateMode.if_not_exists)
    assert tables["dt1"].fetch().comment == "test table"
    tables.create(table("dt1", lag=DownstreamLag()), mode=CreateMode.or_replace)
    assert tables["dt1"].fetch().target_lag.to_dict() == {"type": "DOWNSTREAM"}
    tables["dt1"].drop()
    with pytest.raises(NotFoundError):
        tables["dt1"].fetch()
    tables["dt1"].undrop()
    assert tables["dt1"].fetch().name == "DT1"
    tables["dt1"].drop()
    with pytest.raises(NotFoundError):
        tables["dt1"].drop()
    tables["dt1"].drop(if_exists=True)


def test_refused_definitions(schema):
    with pytest.raises(NotFoundError):
        schema.dynamic_tables.create(DynamicTable(name="bad", target_lag=DownstreamLag(), warehouse="ghost_wh", query="select 1"))
    with pytest.raises(NotFoundError) as missing:
        schema.dynamic_tables.create(DynamicTable(name="bad", target_lag=DownstreamLag(), warehouse="py_dt_wh", query="select * from ghost"))
    assert "object 'py_dynamic_tables.public.ghost' does not exist or not authorized." in missing.value.body
    for bad in (table("bad", lag=UserDefinedLag(seconds=10)), table("bad", lag=UserDefinedLag(seconds=59)),
                table("bad", kind="TRANSIENT", data_retention_time_in_days=5)):
        with pytest.raises(APIError) as refused:
            schema.dynamic_tables.create(bad)
        assert refused.value.status == 400
    with pytest.raises(ConflictError):
        schema.dynamic_tables.create(table("events"))
    with pytest.raises(ValueError):
        schema.dynamic_tables.create(DynamicTableClone(name="bad"))


def test_actions(schema):
    tables = schema.dynamic_tables
    handle = tables.create(table("acts", cluster_by=["b"]))
    tables["dummy___table"].suspend(if_exists=True)
    tables["dummy___table"].resume(if_exists=True)
    assert handle.fetch().scheduling_state == "RUNNING"
    handle.suspend()
    assert handle.fetch().scheduling_state == "SUSPENDED"
    handle.resume()
    assert handle.fetch().scheduling_state == "RUNNING"
    tables["dummy___table"].refresh(if_exists=True)
    handle.refresh()
    assert handle.fetch().rows == 0
    with pytest.raises(NotFoundError):
        tables["dummy___table"].refresh()
    tables["dummy___table"].suspend_recluster(if_exists=True)
    tables["dummy___table"].resume_recluster(if_exists=True)
    assert handle.fetch().automatic_clustering is True
    handle.suspend_recluster()
    assert handle.fetch().automatic_clustering is False
    handle.resume_recluster()
    assert handle.fetch().automatic_clustering is True
    handle.drop()


def test_swap_with(schema):
    tables = schema.dynamic_tables
    tables.create(table("sw_a", lag=UserDefinedLag(seconds=60)))
    tables.create(table("sw_b", lag=DownstreamLag()))
    tables["sw_a"].swap_with("sw_b")
    assert tables["sw_a"].fetch().target_lag.to_dict() == {"type": "DOWNSTREAM"}
    assert tables["sw_b"].fetch().target_lag.to_dict() == {"type": "USER_DEFINED", "seconds": 60}
    with pytest.raises(NotFoundError):
        tables["sw_a"].swap_with("ghost")
    tables["ghost"].swap_with("sw_a", if_exists=True)
    tables["sw_a"].drop()
    tables["sw_b"].drop()


def test_clone(schema, root):
    tables = schema.dynamic_tables
    root.warehouses.create(Warehouse(name="py_dt_wh2"), mode=CreateMode.or_replace)
    tables.create(table("src"))
    tables.create("copy1", clone_table="src")
    copy = tables["copy1"].fetch()
    assert (copy.query, copy.warehouse, copy.target_lag.to_dict()) == (
        "select value, record_type from events", "PY_DT_WH", {"type": "USER_DEFINED", "seconds": 3600})
    tables.create(DynamicTableClone(name="copy2", target_lag=DownstreamLag(), warehouse="py_dt_wh2"),
                  clone_table=Clone(source="src", point_of_time=PointOfTimeOffset(reference="at", when="0")), copy_grants=True)
    copy = tables["copy2"].fetch()
    assert (copy.warehouse, copy.target_lag.to_dict()) == ("PY_DT_WH2", {"type": "DOWNSTREAM"})
    tables["src"].clone(DynamicTableClone(name="copy3"), create_mode=CreateMode.or_replace, copy_grants=False)
    assert tables["copy3"].fetch().query == "select value, record_type from events"
    with pytest.raises(ConflictError):
        tables["src"].clone(DynamicTableClone(name="copy3"))
    with pytest.raises(NotFoundError):
        tables["ghost"].clone(DynamicTableClone(name="copy4"))
    with pytest.raises(NotFoundError):
        tables["src"].clone(DynamicTableClone(name="copy4", warehouse="ghost_wh"))
    for name in ("src", "copy1", "copy2", "copy3"):
        tables[name].drop()
    root.warehouses["py_dt_wh2"].drop()


def test_iter(schema):
    tables = schema.dynamic_tables
    for name in ("it_a1", "it_a2", "it_b1"):
        tables.create(table(name))
    assert [t.name for t in tables.iter(like="it_a%")] == ["IT_A1", "IT_A2"]
    assert [t.name for t in tables.iter(starts_with="IT_B")] == ["IT_B1"]
    assert [t.name for t in tables.iter(like="it_%", limit=2)] == ["IT_A1", "IT_A2"]
    assert [t.name for t in tables.iter(like="it_%", from_name="IT_A1")] == ["IT_A2", "IT_B1"]
    assert all(t.columns is None for t in tables.iter(like="it_%"))
    assert all(len(t.columns) == 2 for t in tables.iter(like="it_%", deep=True))
    for name in ("it_a1", "it_a2", "it_b1"):
        tables[name].drop()


def test_tags(schema):
    schema.tags.create(Tag(name="owner"))
    schema.dynamic_tables.create(table("tagged"))
    dt = schema.dynamic_tables["tagged"]
    dt.set_tags({schema.tags["owner"]: TagValue("etl")})
    assert {t.name: (v.value, v.level) for t, v in dt.get_tags().items()} == {"OWNER": ("etl", "DYNAMIC TABLE")}
    dt.unset_tags({schema.tags["owner"]})
    assert dt.get_tags() == {}
    dt.drop()
