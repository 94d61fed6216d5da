"""External volumes through the official snowflake.core against the emulator."""
import pytest
from snowflake.core import CreateMode
from snowflake.core.exceptions import APIError, ConflictError, NotFoundError
from snowflake.core.external_volume import (
    Encryption,
    ExternalVolume,
    StorageLocationAzure,
    StorageLocationGcs,
    StorageLocationS3,
    StorageLocationS3Gov,
)

ROLE = "arn:aws:iam::123456789012:role/lake"


def s3(name="us-west"):
    return StorageLocationS3(
        name=name, storage_base_url="s3://lake-bucket/iceberg/", storage_aws_role_arn=ROLE,
        encryption=Encryption(type="AWS_SSE_KMS", kms_key_id="1234abcd-12ab-34cd-56ef-1234567890ab"))


def test_every_provider(root):
    root.external_volumes.create(ExternalVolume(name="py_ev", comment="lake", allow_writes=False, storage_locations=[
        s3(),
        StorageLocationS3Gov(
            name="gov", storage_base_url="s3gov://gov-bucket/", storage_aws_role_arn="arn:aws-us-gov:iam::123456789012:role/gov",
            storage_aws_external_id="ext-1", encryption=Encryption(type="AWS_SSE_S3")),
        StorageLocationGcs(name="eu", storage_base_url="gcs://lake-eu/", encryption=Encryption(type="GCS_SSE_KMS", kms_key_id="k")),
        StorageLocationAzure(name="az", storage_base_url="azure://lake.blob.core.windows.net/c/", azure_tenant_id="tenant-1"),
    ]))
    volume = root.external_volumes["py_ev"].fetch()
    assert (volume.name, volume.comment, volume.allow_writes, volume.owner) == ("PY_EV", "lake", False, "ACCOUNTADMIN")
    first, gov, gcs, azure = volume.storage_locations
    assert isinstance(first, StorageLocationS3) and first.storage_aws_role_arn == ROLE
    assert first.encryption.type == "AWS_SSE_KMS" and first.encryption.kms_key_id == "1234abcd-12ab-34cd-56ef-1234567890ab"
    assert first.storage_aws_external_id.startswith("EMULATOR_SFCRole=2_")
    assert isinstance(gov, StorageLocationS3Gov) and gov.storage_aws_external_id == "ext-1"
    assert isinstance(gcs, StorageLocationGcs) and gcs.encryption.type == "GCS_SSE_KMS"
    assert isinstance(azure, StorageLocationAzure) and azure.azure_tenant_id == "tenant-1"
    root.external_volumes["py_ev"].drop()


def test_modes_listing_drop_and_undrop(root):
    volumes = root.external_volumes
    volumes.create(ExternalVolume(name="py_ev_a", storage_locations=[s3()], comment="first"))
    volumes.create(ExternalVolume(name="py_ev_b", storage_locations=[s3()]))
    with pytest.raises(ConflictError):
        volumes.create(ExternalVolume(name="py_ev_a", storage_locations=[s3()]))
    volumes.create(ExternalVolume(name="py_ev_a", storage_locations=[s3()], comment="kept?"), mode=CreateMode.if_not_exists)
    assert volumes["py_ev_a"].fetch().comment == "first"
    volumes.create(ExternalVolume(name="py_ev_a", storage_locations=[s3("renamed")], comment="replaced"), mode="or_replace")
    assert [location.name for location in volumes["py_ev_a"].fetch().storage_locations] == ["renamed"]
    assert [v.name for v in volumes.iter(like="py_ev_%")] == ["PY_EV_A", "PY_EV_B"]
    assert [v.name for v in volumes.iter_async(like="PY_EV_B").result()] == ["PY_EV_B"]

    volumes["py_ev_b"].drop()
    with pytest.raises(NotFoundError):
        volumes["py_ev_b"].fetch()
    with pytest.raises(NotFoundError):
        volumes["py_ev_b"].drop()
    volumes["py_ev_b"].drop(if_exists=True)
    volumes["py_ev_b"].undrop()
    assert volumes["py_ev_b"].fetch_async().result().name == "PY_EV_B"
    with pytest.raises(ConflictError):
        volumes["py_ev_b"].undrop()
    volumes["py_ev_b"].drop_async().result()
    volumes["py_ev_b"].undrop_async().result()
    volumes.create_async(ExternalVolume(name="py_ev_c", storage_locations=[s3()])).result()
    for name in ("py_ev_a", "py_ev_b", "py_ev_c"):
        volumes[name].drop()


@pytest.mark.parametrize("location", [
    StorageLocationGcs(name="bad", storage_base_url="s3://not-gcs/"),
    StorageLocationS3(name="bad", storage_base_url="s3://b/", storage_aws_role_arn="not-an-arn"),
    StorageLocationGcs(name="bad", storage_base_url="gcs://b/", encryption=Encryption(type="AWS_SSE_S3")),
])
def test_bad_location_is_a_400(root, location):
    with pytest.raises(APIError) as refused:
        root.external_volumes.create(ExternalVolume(name="py_ev_bad", storage_locations=[location]))
    assert refused.value.status == 400
    with pytest.raises(NotFoundError):
        root.external_volumes["py_ev_bad"].fetch()


def test_duplicate_location_names_are_a_400(root):
    with pytest.raises(APIError) as refused:
        root.external_volumes.create(ExternalVolume(name="py_ev_dup", storage_locations=[s3("same"), s3("same")]))
    assert refused.value.status == 400
    assert "more than once" in str(refused.value)
