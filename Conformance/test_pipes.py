"""Pipes through the official snowflake.core against the emulator: create modes, the copy
statement's shape and the objects it names, fetch, listing with like, refresh and tags."""
import datetime

import pytest
from snowflake.core import CreateMode
from snowflake.core.database import Database
from snowflake.core.exceptions import APIError, ConflictError, NotFoundError
from snowflake.core.pipe import Pipe
from snowflake.core.tag import Tag, TagValue

BASE = "/api/v2/databases/py_pipes/schemas/public"


@pytest.fixture(scope="module")
def pipes(root, emulator):
    root.databases.create(Database(name="py_pipes"), mode=CreateMode.or_replace)
    emulator.rest("POST", BASE + "/tables", {"name": "events", "columns": [{"name": "payload", "datatype": "VARIANT"}]})
    emulator.rest("POST", BASE + "/stages", {"name": "landing"})
    yield root.databases["py_pipes"].schemas["public"].pipes
    root.databases["py_pipes"].drop()


def test_lifecycle(pipes):
    statement = "COPY INTO events FROM @landing/2026/ FILE_FORMAT = (TYPE = 'JSON') PATTERN = '.*[.]json'"
    pipes.create(Pipe(name="load", copy_statement=statement, comment="events"))
    pipe = pipes["load"].fetch()
    assert (pipe.name, pipe.copy_statement, pipe.pattern, pipe.comment) == ("LOAD", statement, ".*[.]json", "events")
    assert (pipe.database_name, pipe.schema_name, pipe.owner) == ("PY_PIPES", "PUBLIC", "ACCOUNTADMIN")
    with pytest.raises(ConflictError):
        pipes.create(Pipe(name="load", copy_statement="COPY INTO events FROM @landing"))
    pipes.create(Pipe(name="load", copy_statement="COPY INTO events FROM @landing"), mode=CreateMode.if_not_exists)
    assert pipes["load"].fetch().comment == "events"
    pipes.create(Pipe(name="load", copy_statement="COPY INTO events FROM (SELECT $1 FROM @landing)"), mode=CreateMode.or_replace)
    assert pipes["load"].fetch().pattern is None
    pipes.create(Pipe(name="other", copy_statement="COPY INTO events FROM @~"))
    assert [p.name for p in pipes.iter(like="lo%")] == ["LOAD"]
    assert [p.name for p in pipes.iter()] == ["LOAD", "OTHER"]
    pipes["other"].drop()
    with pytest.raises(NotFoundError):
        pipes["other"].fetch()
    with pytest.raises(NotFoundError):
        pipes["other"].drop()
    pipes["other"].drop(if_exists=True)


@pytest.mark.parametrize("statement, status", [
    ("COPY INTO @landing FROM events", 400),
    ("COPY INTO events FROM landing", 400),
    ("COPY INTO events FROM (SELECT 1)", 400),
    ("COPY INTO absent FROM @landing", 404),
    ("COPY INTO events FROM @absent_stage", 404),
])
def test_refused_statements(pipes, statement, status):
    with pytest.raises(APIError) as refused:
        pipes.create(Pipe(name="bad", copy_statement=statement))
    assert refused.value.status == status
    with pytest.raises(NotFoundError):
        pipes["bad"].fetch()


def test_refresh(pipes, emulator):
    pipes.create(Pipe(name="refreshed", copy_statement="COPY INTO events FROM @landing"), mode=CreateMode.or_replace)
    pipes["refreshed"].refresh()
    pipes["refreshed"].refresh(prefix="2026/12/", modified_after=datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(hours=1))
    with pytest.raises(NotFoundError):
        pipes["absent"].refresh()
    pipes["absent"].refresh(if_exists=True)


def test_tags(root, pipes):
    tags = root.databases["py_pipes"].schemas["public"].tags
    tags.create(Tag(name="owner"), mode=CreateMode.or_replace)
    pipes.create(Pipe(name="tagged", copy_statement="COPY INTO events FROM @landing"), mode=CreateMode.or_replace)
    pipes["tagged"].set_tags({tags["owner"]: TagValue("ana")})
    assert {tag.name: value.value for tag, value in pipes["tagged"].get_tags().items()} == {"OWNER": "ana"}
    pipes["tagged"].unset_tags({tags["owner"]})
    assert pipes["tagged"].get_tags() == {}
