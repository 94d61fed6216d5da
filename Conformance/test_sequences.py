"""Sequences through the official snowflake.core against the emulator: create modes, fetch,
listing with like, clone (also into another schema), rename and drop."""
import pytest
from snowflake.core import CreateMode
from snowflake.core.database import Database
from snowflake.core.exceptions import APIError, ConflictError, NotFoundError
from snowflake.core.schema import Schema
from snowflake.core.sequence import Sequence


@pytest.fixture(scope="module")
def sequences(root):
    root.databases.create(Database(name="py_sequences"), mode=CreateMode.or_replace)
    root.databases["py_sequences"].schemas.create(Schema(name="archive"))
    yield root.databases["py_sequences"].schemas["public"].sequences
    root.databases["py_sequences"].drop()


def test_lifecycle(sequences):
    sequences.create(Sequence(name="ids"))
    ids = sequences["ids"].fetch()
    assert (ids.name, ids.start, ids.increment, ids.ordered) == ("IDS", 1, 1, False)
    assert (ids.database_name, ids.schema_name, ids.owner, ids.owner_role_type) == ("PY_SEQUENCES", "PUBLIC", "ACCOUNTADMIN", "ROLE")
    assert ids.created_on is not None
    with pytest.raises(ConflictError):
        sequences.create(Sequence(name="ids"))
    sequences.create(Sequence(name="ids", start=50), mode=CreateMode.if_not_exists)
    assert sequences["ids"].fetch().start == 1
    sequences.create(Sequence(name="ids", start=50, increment=-2, ordered=True, comment="down"), mode=CreateMode.or_replace)
    replaced = sequences["ids"].fetch()
    assert (replaced.start, replaced.increment, replaced.ordered, replaced.comment) == (50, -2, True, "down")
    with pytest.raises(APIError) as zero:
        sequences.create(Sequence(name="flat", increment=0))
    assert zero.value.status == 400
    sequences["ids"].drop()
    with pytest.raises(NotFoundError):
        sequences["ids"].fetch()
    with pytest.raises(NotFoundError):
        sequences["ids"].drop()
    sequences["ids"].drop(if_exists=True)


def test_listing(sequences):
    for name in ("order_ids", "orders2", "invoice_ids"):
        sequences.create(Sequence(name=name), mode=CreateMode.or_replace)
    assert [s.name for s in sequences.iter(like="order%")] == ["ORDERS2", "ORDER_IDS"]
    assert [s.name for s in sequences.iter(like="INVOICE_IDS")] == ["INVOICE_IDS"]
    assert {"ORDERS2", "ORDER_IDS", "INVOICE_IDS"} <= {s.name for s in sequences.iter()}


def test_clone(root, sequences):
    sequences.create(Sequence(name="src", start=100, increment=7, ordered=True, comment="source"), mode=CreateMode.or_replace)
    sequences["src"].clone(Sequence(name="copy"))
    copy = sequences["copy"].fetch()
    assert (copy.start, copy.increment, copy.ordered, copy.comment) == (100, 7, True, "source")
    with pytest.raises(ConflictError):
        sequences["src"].clone(Sequence(name="copy"))
    sequences["src"].clone(Sequence(name="copy"), create_mode=CreateMode.if_not_exists)
    sequences["src"].clone(Sequence(name="copy"), create_mode=CreateMode.or_replace)
    sequences["src"].clone(Sequence(name="kept"), target_database="py_sequences", target_schema="archive")
    assert root.databases["py_sequences"].schemas["archive"].sequences["kept"].fetch().start == 100
    with pytest.raises(NotFoundError):
        sequences["absent"].clone(Sequence(name="x"))
    with pytest.raises(NotFoundError):
        sequences["src"].clone(Sequence(name="x"), target_schema="nowhere")


def test_rename(root, sequences):
    sequences.create(Sequence(name="before", start=3), mode=CreateMode.or_replace)
    sequence = sequences["before"]
    sequence.rename("after")
    assert sequence.name == "after"
    assert sequences["after"].fetch().start == 3
    with pytest.raises(NotFoundError):
        sequences["before"].fetch()
    sequence.rename("moved", target_schema="archive", target_database="py_sequences")
    assert root.databases["py_sequences"].schemas["archive"].sequences["moved"].fetch().schema_name == "ARCHIVE"
    sequences.create(Sequence(name="taken"), mode=CreateMode.or_replace)
    sequences.create(Sequence(name="other"), mode=CreateMode.or_replace)
    with pytest.raises(ConflictError):
        sequences["other"].rename("taken")
    with pytest.raises(NotFoundError):
        sequences["other"].rename("elsewhere", target_schema="nowhere")
    with pytest.raises(NotFoundError):
        sequences["absent"].rename("x")
    sequences["absent"].rename("x", if_exists=True)
