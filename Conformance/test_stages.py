"""Stages through the official snowflake.core against the emulator: definitions, listing,
list_files, presigned URLs, and put/get, which run PUT/GET statements through the connector:
the connector then moves the files to and from the emulator's S3-compatible stage storage."""
import gzip
import os
import re
import signal
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from types import SimpleNamespace

import pytest
from snowflake.connector.errors import ProgrammingError
from snowflake.core import CreateMode
from snowflake.core.exceptions import APIError, ConflictError, NotFoundError
from snowflake.core.database import Database
from conftest import connect
from snowflake.core.stage import (
    AwsCredentials,
    AzureCredentials,
    PresignedUrlRequest,
    Stage,
    StageDirectoryTable,
    StageEncryption,
)

CSV = b"id,name\n1,alpha\n2,beta\n"


@pytest.fixture(scope="module")
def stages(root):
    root.databases.create(Database(name="py_stage_db"), mode=CreateMode.or_replace)
    yield root.databases["py_stage_db"].schemas["public"].stages
    root.databases["py_stage_db"].drop()


def put(stage, tmp_path, path, data, **options):
    """Writes `data` to a local file named as `path`'s last part and puts it in `path`'s folder."""
    folder, _, name = path.rpartition("/")
    local = tmp_path / name
    local.write_bytes(data)
    stage.put(str(local), "/" + folder, **options)


def test_internal_stage_definition(stages):
    stages.create(Stage(
        name="py_internal", comment="raw", encryption=StageEncryption(type="SNOWFLAKE_SSE"),
        directory_table=StageDirectoryTable(enable=True)))
    stage = stages["py_internal"].fetch()
    assert (stage.name, stage.kind, stage.comment, stage.owner) == ("PY_INTERNAL", "PERMANENT", "raw", "ACCOUNTADMIN")
    assert stage.url is None and stage.cloud is None
    assert stage.has_credentials is False and stage.has_encryption_key is False
    assert stage.encryption is None and stage.credentials is None
    table = stage.directory_table
    assert (table.enable, table.refresh_on_create, table.auto_refresh) == (True, True, False)
    assert stage.created_on is not None
    stages["py_internal"].drop()


@pytest.mark.parametrize("definition, cloud, has_key", [
    (Stage(name="py_s3", url="s3://bucket/p/", credentials=AwsCredentials(aws_key_id="AKIAPY", aws_secret_key="py-secret"),
           encryption=StageEncryption(type="AWS_SSE_S3")), "AWS", False),
    (Stage(name="py_s3_cse", url="s3://bucket/e/", credentials=AwsCredentials(aws_role="arn:aws:iam::123456789012:role/r"),
           encryption=StageEncryption(type="AWS_CSE", master_key="AAAAAAAAAAAAAAAAAAAAAA==")), "AWS", True),
    (Stage(name="py_azure", url="azure://acct.blob.core.windows.net/c/", credentials=AzureCredentials(azure_sas_token="py-sas")),
     "AZURE", False),
    (Stage(name="py_gcs", url="gcs://bucket/d/", storage_integration="gcs_int"), "GCP", False),
])
def test_external_stages_keep_credentials_secret(stages, emulator, definition, cloud, has_key):
    stages.create(definition)
    stage = stages[definition.name].fetch()
    assert stage.url == definition.url and stage.cloud == cloud
    assert stage.has_credentials is (definition.credentials is not None)
    assert stage.has_encryption_key is has_key
    assert stage.credentials is None and stage.encryption is None
    raw = emulator.rest("GET", f"/api/v2/databases/py_stage_db/schemas/public/stages/{definition.name}")
    assert "credentials" not in raw and "encryption" not in raw
    for secret in ("py-secret", "py-sas", "AAAAAAAAAAAAAAAAAAAAAA=="):
        assert secret not in str(raw)
    with pytest.raises(APIError) as refused:
        stages[definition.name].list_files()
    assert refused.value.status == 400
    stages[definition.name].drop()


def test_modes_iter_and_drop(stages):
    stages.create(Stage(name="py_st_a", comment="first"))
    stages.create(Stage(name="py_st_b", kind="TEMPORARY"))
    with pytest.raises(ConflictError):
        stages.create(Stage(name="py_st_a"))
    stages.create(Stage(name="py_st_a", comment="kept?"), mode=CreateMode.if_not_exists)
    assert stages["py_st_a"].fetch().comment == "first"
    stages.create(Stage(name="py_st_a", comment="replaced"), mode="or_replace")
    assert stages["py_st_a"].fetch().comment == "replaced"
    assert [s.name for s in stages.iter(like="py_st_%")] == ["PY_ST_A", "PY_ST_B"]
    assert [s.name for s in stages.iter_async(like="PY_ST_B").result()] == ["PY_ST_B"]
    assert stages["py_st_b"].fetch_async().result().kind == "TEMPORARY"
    stages["py_st_b"].drop()
    with pytest.raises(NotFoundError):
        stages["py_st_b"].fetch()
    with pytest.raises(NotFoundError):
        stages["py_st_b"].drop()
    stages["py_st_b"].drop(if_exists=True)
    stages["py_st_a"].drop_async().result()
    stages.create_async(Stage(name="py_st_c")).result()
    stages["py_st_c"].delete()


@pytest.mark.parametrize("definition", [
    Stage(name="py_bad", url="ftp://host/p"),
    Stage(name="py_bad", credentials=AwsCredentials(aws_key_id="k", aws_secret_key="s")),
    Stage(name="py_bad", encryption=StageEncryption(type="AWS_SSE_S3")),
    Stage(name="py_bad", url="s3://b/p", encryption=StageEncryption(type="AWS_CSE")),
    Stage(name="py_bad", directory_table=StageDirectoryTable(auto_refresh=True)),
])
def test_bad_definitions_are_400(stages, definition):
    with pytest.raises(APIError) as refused:
        stages.create(definition)
    assert refused.value.status == 400
    with pytest.raises(NotFoundError):
        stages["py_bad"].fetch()


def test_list_files_with_a_pattern(stages, tmp_path):
    stage = stages.create(Stage(name="py_files"))
    put(stage, tmp_path, "in/data.csv", CSV)
    put(stage, tmp_path, "in/raw.csv", CSV, auto_compress=False)
    put(stage, tmp_path, "notes.txt", b"notes", auto_compress=False)
    put(stage, tmp_path, "notes.txt", b"other", auto_compress=False)
    files = list(stage.list_files())
    assert [f.name for f in files] == ["py_files/in/data.csv.gz", "py_files/in/raw.csv", "py_files/notes.txt"]
    raw = files[1]
    out = tmp_path / "out"
    stage.get("/notes.txt", str(out))
    assert (out / "notes.txt").read_bytes() == b"notes"  # the second put was skipped
    assert raw.size == str(len(CSV)) and re.fullmatch(r"[0-9a-f]{32}", raw.md5) and raw.last_modified.endswith(" GMT")
    assert [f.name for f in stage.list_files(pattern=".*[.]csv.*")] == ["py_files/in/data.csv.gz", "py_files/in/raw.csv"]
    assert list(stage.list_files(pattern="csv")) == []
    with pytest.raises(APIError) as refused:
        list(stage.list_files(pattern="(unclosed"))
    assert refused.value.status == 400
    stage.drop()


def test_presigned_urls(stages, emulator, tmp_path):
    stage = stages.create(Stage(name="py_shared", encryption=StageEncryption(type="SNOWFLAKE_SSE")))
    put(stage, tmp_path, "dir/a b.csv", CSV)
    material = stage.get_presigned_url("dir/a b.csv.gz", PresignedUrlRequest(expiration_time=120))
    url = material.presigned_url
    assert url.startswith(f"http://127.0.0.1:{emulator.port}/emulator/v1/presigned/")
    assert emulator.token not in url
    with urllib.request.urlopen(url) as response:
        assert gzip.decompress(response.read()) == CSV
    with pytest.raises(urllib.error.HTTPError) as forged:
        urllib.request.urlopen(url[:-4] + ("AAAA" if not url.endswith("AAAA") else "BBBB"))
    assert forged.value.code == 403
    assert stage.get_presigned_url("dir/a b.csv.gz").presigned_url.startswith("http://127.0.0.1:")
    with pytest.raises(APIError) as too_long:
        stage.get_presigned_url("dir/a b.csv.gz", PresignedUrlRequest(expiration_time=604801))
    assert too_long.value.status == 400
    with pytest.raises(APIError) as escape:
        stage.get_presigned_url("../other/file.csv")
    assert escape.value.status == 400
    stage.drop()
    with pytest.raises(urllib.error.HTTPError) as gone:
        urllib.request.urlopen(url)
    assert gone.value.code == 404

    full = stages.create(Stage(name="py_full"))
    with pytest.raises(APIError) as refused:
        full.get_presigned_url("a.csv")
    assert refused.value.status == 400 and "SNOWFLAKE_SSE" in str(refused.value)
    full.drop()


def test_put_and_get_through_the_connector(stages, tmp_path):
    """snowflake.core's put/get send PUT/GET statements; the connector (its native core, with
    the AWS SDK) then signs its storage requests with the answered credentials, encrypts
    uploads with the stage's encryption material and decrypts downloads, as against Snowflake."""
    stage = stages.create(Stage(name="py_transfer"))
    local = tmp_path / "data.csv"
    local.write_bytes(CSV)
    (tmp_path / "notes.txt").write_bytes(b"notes")
    stage.put(str(local), "/in")
    stage.put(str(tmp_path / "notes.txt"), "/in", auto_compress=False)
    names = sorted(f.name for f in stage.list_files())
    assert names == ["py_transfer/in/data.csv.gz", "py_transfer/in/notes.txt"]
    out = tmp_path / "out"
    stage.get("/in", str(out))
    assert gzip.decompress((out / "data.csv.gz").read_bytes()) == CSV
    assert (out / "notes.txt").read_bytes() == b"notes"
    picked = tmp_path / "picked"
    stage.get("/in/", str(picked), pattern=".*[.]txt")
    assert sorted(os.listdir(picked)) == ["notes.txt"]
    stage.drop()


def test_large_files_go_up_in_parts(stages, tmp_path):
    """Above the PUT answer's threshold (64 MiB) the connector uploads in parts (S3 multipart)."""
    stage = stages.create(Stage(name="py_large"))
    local = tmp_path / "large.bin"
    data = os.urandom(70_000_000)
    local.write_bytes(data)
    stage.put(str(local), "/", auto_compress=False)
    assert [f.size for f in stage.list_files()] == [str(len(data))]
    out = tmp_path / "out"
    stage.get("/large.bin", str(out))
    assert (out / "large.bin").read_bytes() == data
    stage.drop()


def test_put_keeps_existing_files_unless_overwrite(stages, tmp_path, root):
    stage = stages.create(Stage(name="py_overwrite", encryption=StageEncryption(type="SNOWFLAKE_SSE")))
    local = tmp_path / "a.txt"
    local.write_bytes(b"first")
    stage.put(str(local), "/", auto_compress=False)
    local.write_bytes(b"second")
    cursor = root.connection.cursor()
    rows = cursor.execute(f"PUT 'file://{local}' @py_stage_db.public.py_overwrite AUTO_COMPRESS = FALSE").fetchall()
    assert rows[0][6] == "SKIPPED"
    rows = cursor.execute(f"PUT 'file://{local}' @py_stage_db.public.py_overwrite AUTO_COMPRESS = FALSE OVERWRITE = TRUE").fetchall()
    assert rows[0][6] == "UPLOADED"
    out = tmp_path / "out"
    stage.get("/a.txt", str(out))
    assert (out / "a.txt").read_bytes() == b"second"
    stage.drop()


def test_transfer_statements_refuse_what_they_cannot_do(stages, tmp_path, root):
    local = tmp_path / "a.txt"
    local.write_bytes(b"x")
    cursor = root.connection.cursor()
    with pytest.raises(ProgrammingError) as missing:
        cursor.execute(f"PUT 'file://{local}' @py_stage_db.public.nope")
    assert "does not exist" in str(missing.value)
    with pytest.raises(ProgrammingError) as user_stage:
        cursor.execute(f"PUT 'file://{local}' @~/x")
    assert "not emulated" in str(user_stage.value)
    external = stages.create(Stage(name="py_external", url="s3://bucket/path/"))
    with pytest.raises(ProgrammingError) as refused:
        cursor.execute(f"GET @py_stage_db.public.py_external 'file://{tmp_path}'")
    assert "external" in str(refused.value)
    external.drop()


def test_uploaded_files_survive_kill_9(tmp_path):
    """An acknowledged upload is on disk: the emulator killed with SIGKILL right after it
    starts again with the file."""
    data_dir = str(tmp_path / "data")

    def start():
        process = subprocess.Popen(
            [os.environ["SNOWAPI_EXECUTABLE"], "emulator", "--port", "0", "--data-dir", data_dir, "--admin-password", "k9-password"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        text = ""
        while "Stop with Ctrl-C" not in text:
            line = process.stdout.readline()
            if not line:
                raise RuntimeError("the emulator stopped before it listened:\n" + text)
            text += line
        url = re.search(r"listening on (http://[0-9.]+:[0-9]+)", text).group(1)
        return process, url, re.search(r"token:\s+(\S+)", text).group(1)

    def rest(url, token, method, path, body=None):
        import json
        request = urllib.request.Request(
            url + path, method=method, data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        with urllib.request.urlopen(request) as response:
            return json.loads(response.read() or b"null")

    process, url, token = start()
    try:
        rest(url, token, "POST", "/api/v2/databases", {"name": "py_stage_db"})
        rest(url, token, "POST", "/api/v2/databases/py_stage_db/schemas/public/stages", {"name": "k9"})
        local = tmp_path / "kept.csv"
        local.write_bytes(CSV)
        connection = connect(SimpleNamespace(port=int(url.rsplit(":", 1)[1])), user="admin", password="k9-password")
        rows = connection.cursor().execute(f"PUT 'file://{local}' @py_stage_db.public.k9").fetchall()
        assert rows[0][6] == "UPLOADED"
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    process, url, token = start()
    try:
        files = rest(url, token, "GET", "/api/v2/databases/py_stage_db/schemas/public/stages/k9/files")
        assert [f["name"] for f in files] == ["k9/kept.csv.gz"]
        incoming = os.path.join(data_dir, "stages", ".incoming")
        assert not os.path.isdir(incoming) or os.listdir(incoming) == []
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
