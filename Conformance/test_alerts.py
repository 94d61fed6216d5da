"""Alerts through the official snowflake.core against the emulator: both schedule kinds, the
warehouse that must exist, create modes, listing filters, execute, clone and tags."""
import pytest
from snowflake.core import Clone, CreateMode, PointOfTimeOffset
from snowflake.core.alert import Alert, CronSchedule, MinutesSchedule
from snowflake.core.database import Database
from snowflake.core.exceptions import APIError, ConflictError, NotFoundError
from snowflake.core.schema import Schema
from snowflake.core.tag import Tag, TagValue
from snowflake.core.warehouse import Warehouse


@pytest.fixture(scope="module")
def alerts(root):
    root.databases.create(Database(name="py_alerts"), mode=CreateMode.or_replace)
    root.databases["py_alerts"].schemas.create(Schema(name="eu"))
    root.warehouses.create(Warehouse(name="py_alerts_wh"), mode=CreateMode.or_replace)
    yield root.databases["py_alerts"].schemas["public"].alerts
    root.databases["py_alerts"].drop()
    root.warehouses["py_alerts_wh"].drop(if_exists=True)


def alert(name, schedule=None, warehouse="py_alerts_wh", comment=None):
    return Alert(name=name, schedule=schedule or MinutesSchedule(minutes=5), warehouse=warehouse,
                 condition="select 1 from stock where qty < 10", action="select 2", comment=comment)


def test_lifecycle(alerts):
    alerts.create(alert("low_stock", comment="stock"))
    fetched = alerts["low_stock"].fetch()
    assert (fetched.name, fetched.state, fetched.warehouse, fetched.comment) == ("LOW_STOCK", "suspended", "PY_ALERTS_WH", "stock")
    assert isinstance(fetched.schedule, MinutesSchedule) and fetched.schedule.minutes == 5
    assert (fetched.condition, fetched.action) == ("select 1 from stock where qty < 10", "select 2")
    assert (fetched.database_name, fetched.schema_name, fetched.owner, fetched.owner_role_type) == ("PY_ALERTS", "PUBLIC", "ACCOUNTADMIN", "ROLE")
    alerts.create(alert("nightly", schedule=CronSchedule(cron_expr="0 3 * * *", timezone="Europe/Paris"), warehouse=None))
    nightly = alerts["nightly"].fetch()
    assert isinstance(nightly.schedule, CronSchedule)
    assert (nightly.schedule.cron_expr, nightly.schedule.timezone, nightly.warehouse) == ("0 3 * * *", "Europe/Paris", None)
    with pytest.raises(ConflictError):
        alerts.create(alert("low_stock"))
    alerts.create(alert("low_stock", comment="second"), mode=CreateMode.if_not_exists)
    assert alerts["low_stock"].fetch().comment == "stock"
    alerts.create(alert("low_stock", comment="third"), mode=CreateMode.or_replace)
    assert alerts["low_stock"].fetch().comment == "third"
    alerts["nightly"].drop()
    with pytest.raises(NotFoundError):
        alerts["nightly"].fetch()
    with pytest.raises(NotFoundError):
        alerts["nightly"].drop()
    alerts["nightly"].drop(if_exists=True)


@pytest.mark.parametrize("definition, status", [
    (alert("bad", schedule=MinutesSchedule(minutes=0)), 400),
    (alert("bad", schedule=MinutesSchedule(minutes=11521)), 400),
    (alert("bad", schedule=CronSchedule(cron_expr="61 * * * *", timezone="UTC")), 400),
    (alert("bad", warehouse="absent_wh"), 404),
], ids=["zero", "too-long", "bad-cron", "no-warehouse"])
def test_refused(alerts, definition, status):
    with pytest.raises(APIError) as refused:
        alerts.create(definition)
    assert refused.value.status == status
    with pytest.raises(NotFoundError):
        alerts["bad"].fetch()


def test_listing(alerts):
    for name in ("a1", "a2", "b1", "b2"):
        alerts.create(alert(name), mode=CreateMode.or_replace)
    assert [a.name for a in alerts.iter(like="a_")] == ["A1", "A2"]
    assert [a.name for a in alerts.iter(starts_with="B")] == ["B1", "B2"]
    assert len(list(alerts.iter(show_limit=3))) == 3
    assert [a.name for a in alerts.iter(like="b%", from_name="B1")] == ["B2"]


def test_execute(alerts):
    alerts.create(alert("run_me"), mode=CreateMode.or_replace)
    alerts["run_me"].execute()
    assert alerts["run_me"].fetch().state == "suspended"
    with pytest.raises(NotFoundError):
        alerts["absent"].execute()


def test_clone(root, alerts):
    alerts.create(alert("src", schedule=CronSchedule(cron_expr="*/15 * * * *", timezone="UTC"), comment="source"), mode=CreateMode.or_replace)
    alerts.create("copy", clone_alert="src")
    copy = alerts["copy"].fetch()
    assert (copy.state, copy.comment, copy.warehouse, copy.schedule.cron_expr) == ("suspended", "source", "PY_ALERTS_WH", "*/15 * * * *")
    with pytest.raises(ConflictError):
        alerts.create("copy", clone_alert="src")
    alerts.create("copy", clone_alert=Clone(source="src", point_of_time=PointOfTimeOffset(reference="at", when="0")),
                  mode=CreateMode.or_replace)
    eu = root.databases["py_alerts"].schemas["eu"].alerts
    eu.create("eu_copy", clone_alert="py_alerts.public.src")
    assert eu["eu_copy"].fetch().schema_name == "EU"
    with pytest.raises(APIError) as early:
        alerts.create("early", clone_alert=Clone(source="src", point_of_time=PointOfTimeOffset(reference="before", when="-86400")))
    assert early.value.status == 400
    with pytest.raises(NotFoundError):
        alerts.create("x", clone_alert="absent")


def test_tags(root, alerts):
    tags = root.databases["py_alerts"].schemas["public"].tags
    tags.create(Tag(name="owner"), mode=CreateMode.or_replace)
    alerts.create(alert("tagged"), mode=CreateMode.or_replace)
    alerts["tagged"].set_tags({tags["owner"]: TagValue("ana")})
    assert {tag.name: value.value for tag, value in alerts["tagged"].get_tags().items()} == {"OWNER": "ana"}
    alerts["tagged"].unset_tags({tags["owner"]})
    assert alerts["tagged"].get_tags() == {}
