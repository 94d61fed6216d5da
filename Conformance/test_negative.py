"""Negative testing: schemathesis generates valid and invalid requests from the official specs
of every family the emulator serves and sends them, authenticated, to a fresh emulator. No
answer may be a 5xx, have an undocumented status, or break the spec's schema."""
import os
import subprocess
from pathlib import Path

import pytest

from conftest import Emulator
from spec import SPECS

FAMILY_SPECS = [
    "database.yaml",
    "schema.yaml",
    "task.yaml",
    "user.yaml",
    "notification-integration.yaml",
    "catalog-integration.yaml",
    "api-integration.yaml",
    "view.yaml",
    "event-table.yaml",
    "dynamic-table.yaml",
    "role.yaml",
    "database-role.yaml",
    "grant.yaml",
    "tag.yaml",
    "warehouse.yaml",
    "compute-pool.yaml",
    "network-policy.yaml",
    "external-volume.yaml",
    "stage.yaml",
    "iceberg-table.yaml",
    "account.yaml",
    "managed-account.yaml",
    "sequence.yaml",
    "stream.yaml",
    "pipe.yaml",
    "alert.yaml",
    "table.yaml",
]


@pytest.mark.parametrize("spec_file", FAMILY_SPECS)
def test_generated_requests(spec_file):
    emulator = Emulator()
    try:
        schemathesis = Path(os.environ.get("VIRTUAL_ENV_BIN", Path(__import__("sys").executable).parent)) / "schemathesis"
        result = subprocess.run(
            [str(schemathesis), "run", str(SPECS / spec_file), "--url", emulator.url,
             "-H", f"Authorization: Bearer {emulator.token}",
             "--checks", "not_a_server_error,response_schema_conformance,status_code_conformance",
             "--max-examples", "10", "--seed", "20261125", "--workers", "1", "--no-color"],
            capture_output=True, text=True, timeout=900, cwd=emulator.data_dir,
            env={**os.environ, "SCHEMATHESIS_HOOKS": str(Path(__file__).with_name("schemathesis_hooks.py"))})
        assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    finally:
        emulator.stop()
