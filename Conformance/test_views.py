"""Views through the official snowflake.core against the emulator: create modes, copy_grants,
columns and query, secure and recursive flags, a query naming a missing object, listing
filters (columns only with deep), fetch, drop and tags."""
import pytest
from snowflake.core import CreateMode
from snowflake.core.database import Database
from snowflake.core.event_table import EventTable
from snowflake.core.exceptions import APIError, ConflictError, NotFoundError
from snowflake.core.tag import Tag, TagValue
from snowflake.core.view import View, ViewColumn


@pytest.fixture(scope="module")
def schema(root):
    root.databases.create(Database(name="py_views"), mode=CreateMode.or_replace)
    schema = root.databases["py_views"].schemas["public"]
    schema.event_tables.create(EventTable(name="events"))
    yield schema
    root.databases["py_views"].drop()


def test_lifecycle(schema):
    views = schema.views
    views.create(View(name="v1", secure=True, columns=[ViewColumn(name="a", comment="first")], query="select value from events",
                      comment="mine"))
    with pytest.raises(ConflictError):
        views.create(View(name="v1", columns=[ViewColumn(name="a")], query="select 1"))
    view = views["v1"].fetch()
    assert (view.name, view.secure, view.recursive, view.kind, view.query, view.comment) == (
        "V1", True, False, "PERMANENT", "select value from events", "mine")
    assert [(c.name, c.comment) for c in view.columns] == [("A", "first")]
    assert (view.database_name, view.schema_name, view.owner, view.owner_role_type) == ("PY_VIEWS", "PUBLIC", "ACCOUNTADMIN", "ROLE")
    assert view.created_on is not None
    views.create(View(name="v1", columns=[ViewColumn(name="a")], query="select 1", comment="kept?"), mode=CreateMode.if_not_exists)
    assert views["v1"].fetch().comment == "mine"
    views.create(View(name="v1", columns=[ViewColumn(name="b")], query="select 2 b"), mode=CreateMode.or_replace, copy_grants=True)
    assert [c.name for c in views["v1"].fetch().columns] == ["B"]
    views["v1"].drop()
    with pytest.raises(NotFoundError):
        views["v1"].fetch()
    with pytest.raises(NotFoundError):
        views["v1"].drop()
    views["v1"].drop(if_exists=True)


def test_select_star_takes_the_source_columns(schema):
    schema.views.create(View(name="all_events", columns=[], query="SELECT * FROM py_views.public.events"))
    columns = schema.views["all_events"].fetch().columns
    assert [c.name for c in columns][:3] == ["TIMESTAMP", "START_TIMESTAMP", "OBSERVED_TIMESTAMP"]
    assert columns[-1].datatype == "ARRAY"
    schema.views["all_events"].drop()


def test_missing_source_and_recursion(schema):
    with pytest.raises(NotFoundError) as refused:
        schema.views.create(View(name="bad", columns=[ViewColumn(name="a")], query="select a from ghost"))
    assert "object 'py_views.public.ghost' does not exist or not authorized." in refused.value.body
    query = "select 1 as n union all select n + 1 from numbers where n < 3"
    with pytest.raises(NotFoundError):
        schema.views.create(View(name="numbers", columns=[ViewColumn(name="n")], query=query))
    schema.views.create(View(name="numbers", recursive=True, columns=[ViewColumn(name="n")], query=query))
    assert schema.views["numbers"].fetch().recursive is True
    with pytest.raises(ConflictError):
        schema.views.create(View(name="events", columns=[], query="select 1"))
    with pytest.raises(APIError) as bad:
        schema.views.create(View(name="bad", columns=[ViewColumn(name="a"), ViewColumn(name="A")], query="select 1, 2"))
    assert bad.value.status == 400
    schema.views["numbers"].drop()


def test_iter(schema):
    views = schema.views
    for name in ("it_a1", "it_a2", "it_b1"):
        views.create(View(name=name, columns=[ViewColumn(name="x")], query="select value from events"))
    assert [v.name for v in views.iter(like="it_a%")] == ["IT_A1", "IT_A2"]
    assert [v.name for v in views.iter(starts_with="IT_B")] == ["IT_B1"]
    assert [v.name for v in views.iter(like="it_%", limit=2)] == ["IT_A1", "IT_A2"]
    assert [v.name for v in views.iter(like="it_%", from_name="IT_A1")] == ["IT_A2", "IT_B1"]
    assert all(v.columns == [] for v in views.iter(like="it_%"))
    assert all([c.name for c in v.columns] == ["X"] for v in views.iter(like="it_%", deep=True))
    for name in ("it_a1", "it_a2", "it_b1"):
        views[name].drop()


def test_tags(schema, root):
    schema.tags.create(Tag(name="owner"))
    schema.views.create(View(name="tagged", columns=[], query="select 1"))
    view = schema.views["tagged"]
    view.set_tags({schema.tags["owner"]: TagValue("ana")})
    assert {t.name: (v.value, v.level) for t, v in view.get_tags().items()} == {"OWNER": ("ana", "VIEW")}
    view.unset_tags({schema.tags["owner"]})
    assert view.get_tags() == {}
    view.drop()
