"""Iceberg tables through the official snowflake.core against the emulator."""
import pytest
from snowflake.core import Clone, CreateMode, PointOfTimeOffset
from snowflake.core.catalog_integration import CatalogIntegration, Glue, OAuth, ObjectStore, Polaris, RestConfig
from snowflake.core.database import Database
from snowflake.core.exceptions import APIError, ConflictError, NotFoundError
from snowflake.core.external_volume import ExternalVolume, StorageLocationS3
from snowflake.core.iceberg_table import IcebergTable, IcebergTableColumn, PrimaryKey
from snowflake.core.schema import Schema
from snowflake.core.tag import Tag, TagValue


@pytest.fixture(scope="module")
def tables(root):
    root.databases.create(Database(name="py_ib"), mode=CreateMode.or_replace)
    root.databases["py_ib"].schemas.create(Schema(name="sc"))
    root.databases["py_ib"].schemas.create(Schema(name="other"))
    location = StorageLocationS3(
        name="s3", storage_base_url="s3://lake-bucket/iceberg/", storage_aws_role_arn="arn:aws:iam::123456789012:role/lake")
    root.external_volumes.create(ExternalVolume(name="py_ib_vol", storage_locations=[location]), mode=CreateMode.or_replace)
    integrations = root.catalog_integrations
    glue = Glue(catalog_namespace="glue-ns", glue_aws_role_arn="arn:aws:iam::123456789012:role/glue", glue_catalog_id="1234567")
    polaris = Polaris(
        catalog_namespace="rest-ns",
        rest_config=RestConfig(catalog_uri="https://acct.snowflakecomputing.com/polaris/api/catalog", warehouse="lake"),
        rest_authentication=OAuth(type="OAUTH", oauth_client_id="id", oauth_client_secret="secret", oauth_allowed_scopes=["PRINCIPAL_ROLE:ALL"]))
    for name, catalog in [("py_ib_glue", glue), ("py_ib_rest", polaris), ("py_ib_files", ObjectStore())]:
        integrations.create(CatalogIntegration(name=name, catalog=catalog, table_format="ICEBERG", enabled=True), mode=CreateMode.or_replace)
    yield root.databases["py_ib"].schemas["sc"].iceberg_tables
    root.databases["py_ib"].drop(if_exists=True)
    root.external_volumes["py_ib_vol"].drop(if_exists=True)
    for name in ("py_ib_glue", "py_ib_rest", "py_ib_files"):
        integrations[name].drop(if_exists=True)


def managed(name, **extra):
    return IcebergTable(
        name=name, external_volume="py_ib_vol", catalog="SNOWFLAKE", base_location=f"{name}/",
        columns=[IcebergTableColumn(name="id", datatype="long"), IcebergTableColumn(name="label", datatype="string", nullable=False)],
        **extra)


def test_managed_round_trip_modes_listing(tables):
    tables.create(managed("ib_a", comment="first", cluster_by=["id"], constraints=[PrimaryKey(name="pk", column_names=["id"])]))
    table = tables["ib_a"].fetch()
    assert (table.name, table.catalog, table.external_volume, table.base_location) == ("IB_A", "SNOWFLAKE", "PY_IB_VOL", "ib_a/")
    assert (table.iceberg_table_type, table.can_write_metadata, table.storage_serialization_policy) == ("MANAGED", "Y", "OPTIMIZED")
    assert [(c.name, c.datatype, c.nullable) for c in table.columns] == [
        ("ID", "NUMBER(19,0)", True), ("LABEL", "VARCHAR(134217728)", False)]
    assert isinstance(table.constraints[0], PrimaryKey) and table.constraints[0].column_names == ["id"]
    assert (table.database_name, table.schema_name, table.owner, table.owner_role_type) == ("PY_IB", "SC", "ACCOUNTADMIN", "ROLE")
    assert table.cluster_by == ["id"] and table.comment == "first" and table.created_on is not None

    with pytest.raises(ConflictError):
        tables.create(managed("ib_a"))
    tables.create(managed("ib_a", comment="kept?"), mode=CreateMode.if_not_exists)
    assert tables["ib_a"].fetch().comment == "first"
    tables.create(managed("ib_a", comment="replaced"), mode=CreateMode.or_replace, copy_grants=True)
    assert tables["ib_a"].fetch().comment == "replaced"
    tables.create_async(managed("ib_b")).result()
    assert [t.name for t in tables.iter()] == ["IB_A", "IB_B"]
    assert [t.name for t in tables.iter(like="ib_b")] == ["IB_B"]
    assert [t.name for t in tables.iter(starts_with="IB_A")] == ["IB_A"]
    assert [t.name for t in tables.iter(show_limit=1)] == ["IB_A"]
    assert [t.name for t in tables.iter(from_name="IB_A")] == ["IB_B"]
    assert [t.name for t in tables.iter_async(like="IB_%").result()] == ["IB_A", "IB_B"]
    assert all(t.columns is None for t in tables.iter()), "SHOW lists no columns"


def test_references_are_checked(tables):
    with pytest.raises(NotFoundError):
        tables.create(IcebergTable(name="ib_bad", external_volume="nowhere", columns=[IcebergTableColumn(name="a", datatype="int")]))
    with pytest.raises(APIError) as unsupported:
        tables.create(IcebergTable(name="ib_bad", external_volume="py_ib_vol", columns=[IcebergTableColumn(name="a", datatype="variant")]))
    assert unsupported.value.status == 400
    with pytest.raises(NotFoundError):
        tables.create(IcebergTable(name="ib_bad", external_volume="py_ib_vol", catalog="nope", catalog_table_name="t"), from_aws_glue_catalog=True)
    with pytest.raises(NotFoundError):
        tables["ib_bad"].fetch()


def test_drop_undrop_and_actions(tables):
    tables.create(managed("ib_drop", cluster_by=["id"]))
    table = tables["ib_drop"]
    table.suspend_recluster()
    table.resume_recluster_async().result()
    table.suspend_recluster_async().result()
    with pytest.raises(APIError) as refused:
        table.refresh()
    assert refused.value.status == 400, "refresh is for tables with an external catalog"
    with pytest.raises(APIError):
        table.convert_to_managed()
    table.drop()
    with pytest.raises(NotFoundError):
        table.fetch()
    with pytest.raises(NotFoundError):
        table.drop()
    table.drop(if_exists=True)
    table.undrop()
    assert table.fetch_async().result().name == "IB_DROP"
    with pytest.raises(ConflictError):
        table.undrop()
    table.drop_async().result()
    table.undrop_async().result()
    for action in (table.refresh, table.convert_to_managed, table.resume_recluster, table.suspend_recluster):
        tables["ib_missing"].__getattribute__(action.__name__)(if_exists=True)
        with pytest.raises(NotFoundError):
            tables["ib_missing"].__getattribute__(action.__name__)()


def test_unmanaged_from_catalogs_refresh_and_convert(tables):
    tables.create(IcebergTable(
        name="ib_glue", external_volume="py_ib_vol", catalog="py_ib_glue", catalog_table_name="orders", comment="g"),
        from_aws_glue_catalog=True)
    glue = tables["ib_glue"].fetch()
    assert (glue.catalog, glue.catalog_table_name, glue.catalog_namespace) == ("PY_IB_GLUE", "orders", "glue-ns")
    assert (glue.iceberg_table_type, glue.can_write_metadata, glue.columns) == ("UNMANAGED", "N", None)
    with pytest.raises(ConflictError):
        tables.create(IcebergTable(name="ib_glue", external_volume="py_ib_vol", catalog="py_ib_glue", catalog_table_name="x"),
                      from_aws_glue_catalog=True)
    tables.create(IcebergTable(name="ib_rest", external_volume="py_ib_vol", catalog="py_ib_rest", catalog_table_name="sales",
                               catalog_namespace="ns2"), from_iceberg_rest=True, mode=CreateMode.or_replace)
    rest = tables["ib_rest"].fetch()
    assert (rest.catalog, rest.catalog_namespace, rest.iceberg_table_type) == ("PY_IB_REST", "ns2", "UNMANAGED")

    with pytest.raises(APIError) as clustering:
        tables["ib_glue"].resume_recluster()
    assert clustering.value.status == 400
    tables["ib_glue"].refresh()
    tables["ib_glue"].refresh(metadata_file_relative_path="metadata/v3.metadata.json")
    assert tables["ib_glue"].fetch().metadata_file_path == "metadata/v3.metadata.json"
    tables["ib_glue"].refresh_async().result()
    with pytest.raises(APIError) as no_location:
        tables["ib_glue"].convert_to_managed()
    assert no_location.value.status == 400
    tables["ib_glue"].convert_to_managed(base_location="glue/", storage_serialization_policy="COMPATIBLE")
    converted = tables["ib_glue"].fetch()
    assert (converted.catalog, converted.iceberg_table_type, converted.base_location, converted.storage_serialization_policy) == (
        "SNOWFLAKE", "MANAGED", "glue/", "COMPATIBLE")
    tables["ib_rest"].convert_to_managed_async(base_location="rest/").result()
    assert tables["ib_rest"].fetch().iceberg_table_type == "MANAGED"


@pytest.mark.parametrize("variant", ["as_select", "from_delta", "from_iceberg_files"])
def test_variants_needing_data_are_refused(tables, variant):
    definition = IcebergTable(name="ib_variant", external_volume="py_ib_vol", catalog="py_ib_files", base_location="delta/",
                              metadata_file_path="m/v1.metadata.json")
    options = {"as_select": {"as_select": "select 1 as a"}, "from_delta": {"from_delta": True},
               "from_iceberg_files": {"from_iceberg_files": True}}[variant]
    if variant == "as_select":
        definition = IcebergTable(name="ib_variant", external_volume="py_ib_vol")
    with pytest.raises(APIError) as refused:
        tables.create(definition, **options)
    assert refused.value.status == 400
    assert "emulator" in refused.value.body
    with pytest.raises(NotFoundError):
        tables["ib_variant"].fetch()


def test_clone_and_like(tables):
    tables.create(managed("ib_src", comment="source"), mode=CreateMode.or_replace)
    other = tables.schema.database.schemas["other"].iceberg_tables
    other.create(IcebergTable(name="ib_copy"), clone_iceberg_table="py_ib.sc.ib_src")
    copy = other["ib_copy"].fetch()
    assert (copy.schema_name, copy.comment, [c.datatype for c in copy.columns]) == ("OTHER", "source", ["NUMBER(19,0)", "VARCHAR(134217728)"])
    other.create(IcebergTable(name="ib_copy"), mode=CreateMode.or_replace, copy_grants=True,
                 clone_iceberg_table=Clone(source="py_ib.sc.ib_src", point_of_time=PointOfTimeOffset(reference="at", when="0")))
    with pytest.raises(APIError) as too_early:
        tables.create(IcebergTable(name="ib_old"),
                      clone_iceberg_table=Clone(source="ib_src", point_of_time=PointOfTimeOffset(reference="before", when="-86400")))
    assert too_early.value.status == 400
    with pytest.raises(NotFoundError):
        tables.create(IcebergTable(name="ib_x"), clone_iceberg_table="ib_nothing")

    tables.create(IcebergTable(name="ib_like", base_location="like/", comment="empty"), like="ib_src")
    like = tables["ib_like"].fetch()
    assert (like.base_location, like.comment, [c.name for c in like.columns]) == ("like/", "empty", ["ID", "LABEL"])
    with pytest.raises(ConflictError):
        tables.create(IcebergTable(name="ib_like"), like="ib_src")
    tables.create(IcebergTable(name="ib_like", comment="again"), like="ib_src", mode=CreateMode.or_replace)
    assert tables["ib_like"].fetch().comment == "again"


def test_tags(tables, root):
    root.databases["py_ib"].schemas["sc"].tags.create(Tag(name="owner"), mode=CreateMode.or_replace)
    tag = root.databases["py_ib"].schemas["sc"].tags["owner"]
    tables.create(managed("ib_tagged"), mode=CreateMode.or_replace)
    table = tables["ib_tagged"]
    table.set_tags({tag: TagValue("ana")})
    assert [value.value for value in table.get_tags().values()] == ["ana"]
    table.unset_tags({tag})
    assert table.get_tags() == {}
