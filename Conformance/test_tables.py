"""Tables through the official snowflake.core against the emulator: every method of
TableCollection and TableResource (create and its variants, iter with its filters, fetch,
create_or_alter, drop, undrop, swap_with, suspend/resume recluster, tags) and the errors."""
import pytest
from snowflake.core import Clone, CreateMode, PointOfTimeOffset
from snowflake.core.database import Database
from snowflake.core.exceptions import APIError, ConflictError, NotFoundError
from snowflake.core.schema import Schema
from snowflake.core.table import ForeignKey, PrimaryKey, Table, TableColumn, UniqueKey
from snowflake.core.tag import Tag, TagValue


@pytest.fixture(scope="module")
def schema(root):
    root.databases.create(Database(name="py_tables"), mode=CreateMode.or_replace)
    root.databases["py_tables"].schemas.create(Schema(name="other"))
    yield root.databases["py_tables"].schemas["public"]
    root.databases["py_tables"].drop()


def orders(name="orders", **fields):
    return Table(
        name=name,
        columns=[
            TableColumn(name="id", datatype="int", nullable=False, autoincrement=True, autoincrement_start=0, autoincrement_increment=1),
            TableColumn(name="amount", datatype="number(10,2)", default="0"),
            TableColumn(name="note", datatype="string", comment="free text"),
            TableColumn(name="at", datatype="timestamp"),
        ],
        constraints=[PrimaryKey(name="pk_orders", column_names=["id"])],
        cluster_by=["id"],
        **fields,
    )


def test_create_fetch_and_types(schema):
    tables = schema.tables
    tables.create(orders(comment="all orders"))
    table = tables["orders"].fetch()
    assert (table.name, table.kind, table.database_name, table.schema_name) == ("ORDERS", "PERMANENT", "PY_TABLES", "PUBLIC")
    assert (table.rows, table.bytes, table.owner, table.owner_role_type) == (0, 0, "ACCOUNTADMIN", "ROLE")
    assert (table.automatic_clustering, table.change_tracking, table.data_retention_time_in_days) == (True, False, 1)
    assert table.comment == "all orders" and table.created_on is not None and table.table_type == "NORMAL"
    assert [(c.name, c.datatype, c.nullable) for c in table.columns] == [
        ("ID", "NUMBER(38,0)", False), ("AMOUNT", "NUMBER(10,2)", True), ("NOTE", "VARCHAR(16777216)", True),
        ("AT", "TIMESTAMP_NTZ(9)", True)]
    assert (table.columns[0].autoincrement, table.columns[0].autoincrement_start, table.columns[1].default) == (True, 0, "0")
    assert table.columns[2].comment == "free text"
    assert [(type(c).__name__, c.name, c.column_names) for c in table.constraints] == [("PrimaryKey", "PK_ORDERS", ["ID"])]
    assert table.cluster_by == ["ID"]

    with pytest.raises(APIError) as unknown:
        tables.create(Table(name="bad", columns=[TableColumn(name="c", datatype="nonsense")]))
    assert unknown.value.status == 400 and "unsupported data type" in unknown.value.body
    with pytest.raises(NotFoundError):
        tables["bad"].fetch()


def test_modes_drop_undrop(schema):
    tables = schema.tables
    tables.create(Table(name="modes", columns=[TableColumn(name="a", datatype="int")], comment="one"))
    with pytest.raises(ConflictError):
        tables.create(Table(name="modes", columns=[TableColumn(name="a", datatype="int")]))
    tables.create(Table(name="modes", columns=[TableColumn(name="a", datatype="int")], comment="two"), mode=CreateMode.if_not_exists)
    assert tables["modes"].fetch().comment == "one"
    tables.create(Table(name="modes", columns=[TableColumn(name="a", datatype="int")], comment="three"),
                  mode=CreateMode.or_replace, copy_grants=True)
    assert tables["modes"].fetch().comment == "three"
    tables["modes"].drop()
    with pytest.raises(NotFoundError):
        tables["modes"].fetch()
    with pytest.raises(NotFoundError):
        tables["modes"].drop()
    tables["modes"].drop(if_exists=True)
    tables["modes"].undrop()
    assert tables["modes"].fetch().comment == "three"


def test_kinds(schema):
    tables = schema.tables
    tables.create(Table(name="tr", kind="TRANSIENT", columns=[TableColumn(name="a", datatype="int")]))
    tables.create(Table(name="tmp", kind="TEMPORARY", columns=[TableColumn(name="a", datatype="int")]))
    assert (tables["tr"].fetch().kind, tables["tmp"].fetch().kind) == ("TRANSIENT", "TEMPORARY")
    with pytest.raises(APIError) as changed:
        tables["tr"].create_or_alter(Table(name="tr", kind="PERMANENT", columns=[TableColumn(name="a", datatype="int")]))
    assert changed.value.status == 400
    with pytest.raises(APIError) as cloned:
        tables.create("tr_permanent", clone_table="tr")
    assert cloned.value.status == 400 and "transient object cannot be cloned" in cloned.value.body


def test_constraints(schema):
    tables = schema.tables
    tables.create(Table(
        name="customers",
        columns=[TableColumn(name="id", datatype="int"), TableColumn(name="email", datatype="varchar(200)")],
        constraints=[PrimaryKey(column_names=["id"]), UniqueKey(name="uq_email", column_names=["email"])]))
    tables.create(Table(
        name="invoices",
        columns=[TableColumn(name="id", datatype="int"), TableColumn(name="customer", datatype="int")],
        constraints=[ForeignKey(name="fk_customer", column_names=["customer"], referenced_table_name="customers",
                                referenced_column_names=["id"])]))
    foreign = tables["invoices"].fetch().constraints[0]
    assert isinstance(foreign, ForeignKey)
    assert (foreign.referenced_table_name, foreign.referenced_column_names) == ("PY_TABLES.PUBLIC.CUSTOMERS", ["ID"])
    customers = tables["customers"].fetch()
    assert customers.columns[0].nullable is False
    assert [type(c).__name__ for c in customers.constraints] == ["PrimaryKey", "UniqueKey"]
    for refused in (
        ForeignKey(column_names=["customer"], referenced_table_name="nowhere", referenced_column_names=["id"]),
        ForeignKey(column_names=["customer"], referenced_table_name="customers", referenced_column_names=["missing"]),
    ):
        with pytest.raises((APIError, NotFoundError)) as error:
            tables.create(Table(name="bad_fk", columns=[TableColumn(name="customer", datatype="int")], constraints=[refused]))
        assert error.value.status in (400, 404)
    with pytest.raises(NotFoundError):
        tables["bad_fk"].fetch()


def test_iter(schema):
    tables = schema.tables
    for name in ("list_a", "list_b", "list_c"):
        tables.create(orders(name))
    shallow = list(tables.iter(like="list_%"))
    assert [t.name for t in shallow] == ["LIST_A", "LIST_B", "LIST_C"]
    assert all(t.columns is None and t.constraints is None for t in shallow)
    deep = list(tables.iter(like="list_a", deep=True))
    assert len(deep[0].columns) == 4 and len(deep[0].constraints) == 1
    assert [t.name for t in tables.iter(starts_with="LIST_", limit=2)] == ["LIST_A", "LIST_B"]
    assert [t.name for t in tables.iter(like="list_%", from_name="LIST_A")] == ["LIST_B", "LIST_C"]
    tables["list_c"].drop()
    history = list(tables.iter(like="list_c", history=True))
    assert len(history) == 1 and history[0].dropped_on is not None


def test_create_or_alter(schema):
    tables = schema.tables
    tables["evolving"].create_or_alter(Table(
        name="evolving", change_tracking=True,
        columns=[TableColumn(name="a", datatype="varchar(10)"), TableColumn(name="b", datatype="number(10,2)"),
                 TableColumn(name="c", datatype="int")]))
    tables["evolving"].create_or_alter(Table(
        name="evolving",
        columns=[TableColumn(name="a", datatype="varchar(20)"), TableColumn(name="b", datatype="number(12,2)"),
                 TableColumn(name="d", datatype="boolean")]))
    table = tables["evolving"].fetch()
    assert [(c.name, c.datatype) for c in table.columns] == [("A", "VARCHAR(20)"), ("B", "NUMBER(12,2)"), ("D", "BOOLEAN")]
    assert table.change_tracking is True
    for refused in (TableColumn(name="a", datatype="varchar(5)"), TableColumn(name="a", datatype="int")):
        with pytest.raises(APIError) as error:
            tables["evolving"].create_or_alter(Table(
                name="evolving", columns=[refused, TableColumn(name="b", datatype="number(12,2)"), TableColumn(name="d", datatype="boolean")]))
        assert error.value.status == 400
    with pytest.raises(APIError) as scale:
        tables["evolving"].create_or_alter(Table(
            name="evolving", columns=[TableColumn(name="a", datatype="varchar(20)"), TableColumn(name="b", datatype="number(12,4)")]))
    assert scale.value.status == 400
    assert [(c.name, c.datatype) for c in tables["evolving"].fetch().columns] == [
        ("A", "VARCHAR(20)"), ("B", "NUMBER(12,2)"), ("D", "BOOLEAN")]


def test_create_variants(schema):
    tables = schema.tables
    tables.create(orders("source", comment="source"))
    tables.create("like_copy", like_table="source")
    like = tables["like_copy"].fetch()
    assert [c.datatype for c in like.columns] == [c.datatype for c in tables["source"].fetch().columns]
    assert like.comment is None and like.cluster_by == ["ID"]

    tables.create("clone_now", clone_table="source")
    assert tables["clone_now"].fetch().comment == "source"
    tables.create("clone_at", clone_table=Clone(source="source", point_of_time=PointOfTimeOffset(reference="at", when="0")))
    assert len(tables["clone_at"].fetch().columns) == 4
    other = schema.database.schemas["other"].tables
    other.create("clone_far", clone_table="py_tables.public.source")
    assert other["clone_far"].fetch().schema_name == "OTHER"
    with pytest.raises(APIError) as early:
        tables.create("clone_old", clone_table=Clone(source="source", point_of_time=PointOfTimeOffset(reference="before", when="-86400")))
    assert early.value.status == 400
    with pytest.raises(NotFoundError):
        tables.create("clone_missing", clone_table="missing")

    for variant in ({"as_select": "select 1 as a"}, {"template": "select * from table(infer_schema(location => '@s'))"}):
        with pytest.raises(APIError) as error:
            tables.create("from_sql", **variant)
        assert error.value.status == 400 and "does not run sql" in error.value.body.lower()
    with pytest.raises(NotFoundError):
        tables["from_sql"].fetch()


def test_swap_and_recluster(schema):
    tables = schema.tables
    tables.create(orders("swap_a", comment="a"))
    tables.create(Table(name="swap_b", columns=[TableColumn(name="x", datatype="date")], comment="b"))
    tables["swap_a"].swap_with("swap_b")
    assert (tables["swap_a"].fetch().comment, tables["swap_b"].fetch().comment) == ("b", "a")
    schema.database.schemas["other"].tables.create(Table(name="swap_c", columns=[TableColumn(name="y", datatype="int")], comment="c"))
    tables["swap_a"].swap_with("swap_c", target_schema="other")
    assert schema.database.schemas["other"].tables["swap_c"].fetch().comment == "b"
    with pytest.raises(NotFoundError):
        tables["swap_a"].swap_with("missing")

    tables["swap_b"].suspend_recluster()
    assert tables["swap_b"].fetch().automatic_clustering is False
    tables["swap_b"].resume_recluster()
    assert tables["swap_b"].fetch().automatic_clustering is True
    with pytest.raises(APIError) as unclustered:
        tables["swap_a"].resume_recluster()
    assert unclustered.value.status == 400
    with pytest.raises(NotFoundError):
        tables["missing"].suspend_recluster()
    tables["missing"].suspend_recluster(if_exists=True)
    tables["missing"].resume_recluster(if_exists=True)


def test_tags(root, schema):
    schema.tags.create(Tag(name="table_owner"))
    tables = schema.tables
    tables.create(Table(name="tagged", columns=[TableColumn(name="a", datatype="int")]))
    tag = schema.tags["table_owner"]
    tables["tagged"].set_tags({tag: TagValue(value="ana")})
    assert [value.value for value in tables["tagged"].get_tags().values()] == ["ana"]
    tables["tagged"].unset_tags({tag})
    assert tables["tagged"].get_tags() == {}
