"""Tags, and tags set on databases, schemas, tasks and users, through the official
snowflake.core against the emulator."""
import pytest
from snowflake.core import CreateMode
from snowflake.core.database import Database
from snowflake.core.exceptions import APIError, ConflictError, NotFoundError
from snowflake.core.schema import Schema
from snowflake.core.tag import Tag, TagValue
from snowflake.core.task import Task
from snowflake.core.user import User


@pytest.fixture(scope="module")
def tags(root):
    root.databases.create(Database(name="py_tags"), mode=CreateMode.or_replace)
    root.databases["py_tags"].schemas.create(Schema(name="gov"))
    yield root.databases["py_tags"].schemas["gov"].tags
    root.databases["py_tags"].drop()


def shown(tag_map):
    """A get_tags answer as {"DB.SC.NAME": (value, level)}."""
    return {f"{tag.database.name}.{tag.schema.name}.{tag.name}": (value.value, value.level) for tag, value in tag_map.items()}


def test_lifecycle(tags):
    tags.create(Tag(name="cost_center", allowed_values=["finance", "engineering"], comment="who pays"))
    with pytest.raises(ConflictError):
        tags.create(Tag(name="cost_center"))
    tag = tags["cost_center"].fetch()
    assert (tag.name, tag.database_name, tag.schema_name, tag.allowed_values, tag.comment) == (
        "COST_CENTER", "PY_TAGS", "GOV", ["finance", "engineering"], "who pays")
    assert tag.owner == "ACCOUNTADMIN" and tag.created_on is not None
    tags.create(Tag(name="cost_center", comment="kept?"), mode=CreateMode.if_not_exists)
    assert tags["cost_center"].fetch().comment == "who pays"
    tags.create(Tag(name="scratch", propagate="ON_DEPENDENCY", on_conflict="ALLOWED_VALUES_SEQUENCE"))
    assert (tags["scratch"].fetch().propagate, tags["scratch"].fetch().on_conflict) == ("ON_DEPENDENCY", "ALLOWED_VALUES_SEQUENCE")
    tags.create(Tag(name="scratch", comment="replaced"), mode=CreateMode.or_replace)
    assert tags["scratch"].fetch().propagate is None
    assert [t.name for t in tags.iter(like="scr%")] == ["SCRATCH"]
    tags["scratch"].create_or_alter(Tag(name="scratch", allowed_values=["a"]))
    assert (tags["scratch"].fetch().allowed_values, tags["scratch"].fetch().comment) == (["a"], None)
    tags["scratch"].drop()
    with pytest.raises(NotFoundError):
        tags["scratch"].fetch()
    with pytest.raises(NotFoundError):
        tags["scratch"].drop()
    tags["scratch"].drop(if_exists=True)
    tags["scratch"].undrop()
    assert tags["scratch"].fetch().comment is None
    tags["scratch"].drop()


def test_refused_definitions(tags):
    for tag in (Tag(name="bad", propagate="sometimes"), Tag(name="bad", on_conflict="x"),
                Tag(name="bad", allowed_values=[str(n) for n in range(301)])):
        with pytest.raises(APIError) as refused:
            tags.create(tag)
        assert refused.value.status == 400
    with pytest.raises(NotFoundError):
        tags["bad"].fetch()


def test_rename(root, tags):
    tags.create(Tag(name="before"))
    tag = tags["before"]
    tag.rename("after")
    assert tag.name == "after"
    assert tags["after"].fetch().name == "AFTER"
    with pytest.raises(NotFoundError):
        tags["before"].fetch()
    root.databases["py_tags"].schemas.create(Schema(name="archive"))
    tag.rename("moved", target_schema="archive")
    assert root.databases["py_tags"].schemas["archive"].tags["moved"].fetch().schema_name == "ARCHIVE"
    tags.create(Tag(name="taken"))
    with pytest.raises(ConflictError):
        tags["taken"].rename("taken")
    with pytest.raises(NotFoundError):
        tags["taken"].rename("elsewhere", target_schema="nowhere")
    with pytest.raises(NotFoundError):
        tags["absent"].rename("x")
    tags["absent"].rename("x", if_exists=True)


def objects(root):
    """One object of each taggable family with the endpoints, and the level its tags show."""
    database = root.databases["py_tags_obj"]
    schema = database.schemas["sc"]
    return [
        (database, "DATABASE"),
        (schema, "SCHEMA"),
        (schema.tasks["tk"], "TASK"),
        (root.users["py_tags_user"], "USER"),
    ]


@pytest.fixture(scope="module")
def tagged(root, tags):
    root.databases.create(Database(name="py_tags_obj"), mode=CreateMode.or_replace)
    root.databases["py_tags_obj"].schemas.create(Schema(name="sc"))
    root.databases["py_tags_obj"].schemas["sc"].tasks.create(Task(name="tk", definition="select 1"))
    root.users.create(User(name="py_tags_user"), mode=CreateMode.or_replace)
    tags.create(Tag(name="owner"), mode=CreateMode.if_not_exists)
    tags.create(Tag(name="env", allowed_values=["dev", "prod"]), mode=CreateMode.or_replace)
    yield objects(root)
    root.users["py_tags_user"].drop(if_exists=True)
    root.databases["py_tags_obj"].drop(if_exists=True)


@pytest.mark.parametrize("index", range(4), ids=["database", "schema", "task", "user"])
def test_set_get_unset(tags, tagged, index):
    obj, level = tagged[index]
    obj.set_tags({tags["owner"]: TagValue("ana"), tags["env"]: TagValue("dev")})
    assert shown(obj.get_tags()) == {"PY_TAGS.GOV.OWNER": ("ana", level), "PY_TAGS.GOV.ENV": ("dev", level)}
    obj.set_tags({tags["env"]: TagValue("prod", level="ignored")})
    assert shown(obj.get_tags(with_lineage=False))["PY_TAGS.GOV.ENV"] == ("prod", level)
    with pytest.raises(APIError) as not_allowed:
        obj.set_tags({tags["env"]: TagValue("staging")})
    assert not_allowed.value.status == 400
    with pytest.raises(NotFoundError):
        obj.set_tags({tags["nope"]: TagValue("x")})
    obj.unset_tags({tags["owner"]})
    obj.unset_tags({tags["owner"]})
    assert shown(obj.get_tags()) == {"PY_TAGS.GOV.ENV": ("prod", level)}
    obj.unset_tags({tags["env"]})
    assert obj.get_tags() == {}


def test_lineage(root, tags, tagged):
    database, schema, task = tagged[0][0], tagged[1][0], tagged[2][0]
    database.set_tags({tags["owner"]: TagValue("dba"), tags["env"]: TagValue("prod")})
    schema.set_tags({tags["owner"]: TagValue("etl")})
    assert shown(task.get_tags()) == {}
    assert shown(task.get_tags(with_lineage=True)) == {
        "PY_TAGS.GOV.OWNER": ("etl", "SCHEMA"), "PY_TAGS.GOV.ENV": ("prod", "DATABASE")}
    assert shown(schema.get_tags(with_lineage=True)) == {
        "PY_TAGS.GOV.OWNER": ("etl", "SCHEMA"), "PY_TAGS.GOV.ENV": ("prod", "DATABASE")}
    database.unset_tags({tags["owner"], tags["env"]})
    schema.unset_tags({tags["owner"]})


def test_missing_objects(root, tags):
    missing = [root.databases["py_tags_none"], root.databases["py_tags_obj"].schemas["none"],
               root.databases["py_tags_obj"].schemas["sc"].tasks["none"], root.users["py_tags_none"]]
    for obj in missing:
        with pytest.raises(NotFoundError):
            obj.set_tags({tags["owner"]: TagValue("x")})
        with pytest.raises(NotFoundError):
            obj.get_tags()
        obj.set_tags({tags["owner"]: TagValue("x")}, if_exists=True)
        obj.unset_tags({tags["owner"]}, if_exists=True)
