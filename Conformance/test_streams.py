"""Streams through the official snowflake.core against the emulator: sources (table, view,
stage) that must exist, the fields SHOW STREAMS shows, create modes, clone both ways,
listing filters, drop and tags."""
import pytest
from snowflake.core import Clone, CreateMode
from snowflake.core.database import Database
from snowflake.core.exceptions import APIError, ConflictError, NotFoundError
from snowflake.core.schema import Schema
from snowflake.core.stream import (
    PointOfTimeOffset,
    PointOfTimeStream,
    Stream,
    StreamClone,
    StreamSourceStage,
    StreamSourceTable,
    StreamSourceView,
)
from snowflake.core.tag import Tag, TagValue

BASE = "/api/v2/databases/py_streams/schemas/public"


@pytest.fixture(scope="module")
def streams(root, emulator):
    root.databases.create(Database(name="py_streams"), mode=CreateMode.or_replace)
    root.databases["py_streams"].schemas.create(Schema(name="audit"))
    emulator.rest("POST", BASE + "/tables", {"name": "orders", "columns": [{"name": "id", "datatype": "NUMBER"}]})
    emulator.rest("POST", BASE + "/stages", {"name": "landing"})
    yield root.databases["py_streams"].schemas["public"].streams
    root.databases["py_streams"].drop()


def test_on_table(streams):
    streams.create(Stream(name="changes", stream_source=StreamSourceTable(name="orders"), comment="cdc"))
    stream = streams["changes"].fetch()
    assert (stream.name, stream.table_name, stream.mode, stream.type, stream.stale, stream.invalid_reason) == (
        "CHANGES", "ORDERS", "DEFAULT", "DELTA", False, "N/A")
    assert stream.stale_after > stream.created_on
    assert isinstance(stream.stream_source, StreamSourceTable)
    assert (stream.stream_source.name, stream.stream_source.database_name, stream.stream_source.schema_name) == ("ORDERS", "PY_STREAMS", "PUBLIC")
    assert (stream.owner, stream.owner_role_type, stream.comment) == ("ACCOUNTADMIN", "ROLE", "cdc")
    streams.create(Stream(name="inserts", stream_source=StreamSourceTable(
        name="orders", append_only=True, show_initial_rows=False,
        point_of_time=PointOfTimeOffset(reference="at", offset="0"))), mode=CreateMode.or_replace)
    assert streams["inserts"].fetch().mode == "APPEND_ONLY"
    streams.create(Stream(name="same", stream_source=StreamSourceTable(
        name="orders", point_of_time=PointOfTimeStream(reference="at", stream="inserts"))), mode=CreateMode.or_replace)
    assert streams["same"].fetch().table_name == "ORDERS"


def test_on_stage(streams):
    streams.create(Stream(name="files", stream_source=StreamSourceStage(name="landing")), mode=CreateMode.or_replace)
    stream = streams["files"].fetch()
    assert stream.table_name == "LANDING" and isinstance(stream.stream_source, StreamSourceStage)


def test_on_view(streams, emulator):
    emulator.rest("POST", BASE + "/views", {"name": "recent_orders", "columns": [], "query": "select * from orders"})
    streams.create(Stream(name="on_view", stream_source=StreamSourceView(name="recent_orders", append_only=True)))
    stream = streams["on_view"].fetch()
    assert (stream.table_name, stream.mode) == ("RECENT_ORDERS", "APPEND_ONLY")
    assert isinstance(stream.stream_source, StreamSourceView)


@pytest.mark.parametrize("source", [
    StreamSourceTable(name="absent"),
    StreamSourceView(name="absent_view"),
    StreamSourceStage(name="absent_stage"),
    StreamSourceTable(name="orders", schema_name="nowhere"),
], ids=["table", "view", "stage", "schema"])
def test_missing_source(streams, source):
    with pytest.raises(NotFoundError):
        streams.create(Stream(name="orphan", stream_source=source))
    with pytest.raises(NotFoundError):
        streams["orphan"].fetch()


def test_refused_point_of_time(streams):
    with pytest.raises(APIError) as early:
        streams.create(Stream(name="early", stream_source=StreamSourceTable(
            name="orders", point_of_time=PointOfTimeOffset(reference="before", offset="-86400"))))
    assert early.value.status == 400


def test_modes_listing_drop(streams):
    streams.create(Stream(name="s1", stream_source=StreamSourceTable(name="orders"), comment="first"), mode=CreateMode.or_replace)
    with pytest.raises(ConflictError):
        streams.create(Stream(name="s1", stream_source=StreamSourceStage(name="landing")))
    streams.create(Stream(name="s1", stream_source=StreamSourceStage(name="landing")), mode=CreateMode.if_not_exists)
    assert streams["s1"].fetch().comment == "first"
    streams.create(Stream(name="s1", stream_source=StreamSourceStage(name="landing")), mode=CreateMode.or_replace, copy_grants=True)
    assert isinstance(streams["s1"].fetch().stream_source, StreamSourceStage)
    for name in ("s2", "t1", "t2"):
        streams.create(Stream(name=name, stream_source=StreamSourceTable(name="orders")), mode=CreateMode.or_replace)
    assert [s.name for s in streams.iter(like="s_")] == ["S1", "S2"]
    assert [s.name for s in streams.iter(starts_with="T")] == ["T1", "T2"]
    assert len(list(streams.iter(show_limit=2))) == 2
    assert [s.name for s in streams.iter(from_name="T1")] == ["T2"]
    streams["t2"].drop()
    with pytest.raises(NotFoundError):
        streams["t2"].fetch()
    with pytest.raises(NotFoundError):
        streams["t2"].drop()
    streams["t2"].drop(if_exists=True)


def test_clone(root, streams):
    streams.create(Stream(name="src", stream_source=StreamSourceTable(name="orders", append_only=True), comment="source"),
                   mode=CreateMode.or_replace)
    audit = root.databases["py_streams"].schemas["audit"].streams
    audit.create("copy", clone_stream="py_streams.public.src")
    copy = audit["copy"].fetch()
    assert (copy.schema_name, copy.table_name, copy.mode, copy.comment) == ("AUDIT", "ORDERS", "APPEND_ONLY", "source")
    with pytest.raises(ConflictError):
        audit.create("copy", clone_stream=Clone(source="py_streams.public.src"))
    audit.create("copy", clone_stream="py_streams.public.src", mode=CreateMode.if_not_exists)
    streams["src"].clone("py_streams", "public", StreamClone(name="here", comment="cloned"), create_mode=CreateMode.or_replace, copy_grants=False)
    assert streams["here"].fetch().comment == "cloned"
    with pytest.raises(NotFoundError):
        streams["absent"].clone("py_streams", "public", StreamClone(name="x"))
    with pytest.raises(NotFoundError):
        streams["src"].clone("py_streams", "nowhere", StreamClone(name="x"))


def test_tags(root, streams):
    tags = root.databases["py_streams"].schemas["public"].tags
    tags.create(Tag(name="owner"), mode=CreateMode.or_replace)
    streams.create(Stream(name="tagged", stream_source=StreamSourceTable(name="orders")), mode=CreateMode.or_replace)
    streams["tagged"].set_tags({tags["owner"]: TagValue("ana")})
    assert {tag.name: value.value for tag, value in streams["tagged"].get_tags().items()} == {"OWNER": "ana"}
    streams["tagged"].unset_tags({tags["owner"]})
    assert streams["tagged"].get_tags() == {}
