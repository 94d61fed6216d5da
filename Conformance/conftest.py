"""Fixtures: one emulator process for the session, recording every REST API v2 exchange;
after each test, the exchanges it caused are checked against the official specs."""
import collections
import json
import os
import re
import signal
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from spec import Spec

ADMIN_PASSWORD = "conformance-admin-pw"
SPEC = Spec()
CHECKED = collections.Counter()
OPERATIONS = collections.defaultdict(set)


class Emulator:
    """A `snowapi emulator` process on a free loopback port with a temporary data directory."""

    def __init__(self):
        self.data_dir = tempfile.mkdtemp(prefix="snowapi-conformance-")
        self.record = Path(self.data_dir) / "traffic.jsonl"
        self.process = subprocess.Popen(
            [os.environ["SNOWAPI_EXECUTABLE"], "emulator", "--port", "0", "--data-dir", self.data_dir,
             "--admin-password", ADMIN_PASSWORD, "--record", str(self.record)],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        text = ""
        while "Stop with Ctrl-C" not in text:
            line = self.process.stdout.readline()
            if not line:
                raise RuntimeError("the emulator stopped before it listened:\n" + text)
            text += line
        self.url = re.search(r"listening on (http://[0-9.]+:[0-9]+)", text).group(1)
        self.port = int(self.url.rsplit(":", 1)[1])
        self.token = re.search(r"token:\s+(\S+)", text).group(1)

    def rest(self, method, path, body=None):
        """A REST API v2 call as the administrator, with its programmatic access token."""
        request = urllib.request.Request(
            self.url + path, method=method, data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"})
        with urllib.request.urlopen(request) as response:
            return json.loads(response.read() or b"null")

    def recorded(self, offset):
        """The exchanges recorded after byte `offset`, and the new offset."""
        if not self.record.exists():
            return [], offset
        with self.record.open() as handle:
            handle.seek(offset)
            lines = handle.readlines()
            return [json.loads(line) for line in lines if line.strip()], handle.tell()

    def stop(self):
        self.process.send_signal(signal.SIGINT)
        assert self.process.wait(timeout=30) == 0


@pytest.fixture(scope="session")
def emulator():
    running = Emulator()
    yield running
    running.stop()


@pytest.fixture(autouse=True)
def responses_match_the_spec(request):
    """Checks every exchange a test caused against the official specs, after the test."""
    if "emulator" not in request.fixturenames:
        yield
        return
    emulator = request.getfixturevalue("emulator")
    _, offset = emulator.recorded(0)
    yield
    exchanges, _ = emulator.recorded(offset)
    problems = []
    for exchange in exchanges:
        problems += SPEC.check_response(exchange["method"], exchange["path"], exchange["status"], exchange["response_body"])
        family = family_of(exchange["path"])
        CHECKED[family] += 1
        found = SPEC.operation(exchange["method"], exchange["path"])
        if found:
            OPERATIONS[family].add(f"{exchange['method']} {found[1]}")
    assert not problems, "answers that do not match the official specs:\n" + "\n".join(problems)


FAMILIES = {
    "databases",
    "schemas",
    "tasks",
    "users",
    "notification-integrations",
    "catalog-integrations",
    "api-integrations",
    "views",
    "event-tables",
    "dynamic-tables",
    "roles",
    "database-roles",
    "grants",
    "tags",
    "warehouses",
    "compute-pools",
    "network-policies",
    "external-volumes",
    "stages",
    "iceberg-tables",
    "accounts",
    "managed-accounts",
    "sequences",
    "streams",
    "pipes",
    "alerts",
    "tables",
    "results",
}


def family_of(path):
    """The family a path belongs to (`tasks`, `databases`, ...)."""
    segments = [segment.split(":")[0] for segment in path.split("/")[3:] if segment]
    named = [segment for index, segment in enumerate(segments) if index % 2 == 0 and segment in FAMILIES]
    return named[-1] if named else "other"


def pytest_terminal_summary(terminalreporter):
    if CHECKED:
        counts = ", ".join(f"{family}: {count} ({len(OPERATIONS[family])} operations)" for family, count in sorted(CHECKED.items()))
        terminalreporter.write_line(f"responses checked against the specs, by family: {counts}")


def wait_for(read, what, timeout=30):
    """Polls `read()` until it returns something truthy (up to `timeout` seconds of real time):
    for what the emulator's scheduler does on its own, such as finishing a task run."""
    deadline = time.monotonic() + timeout
    while True:
        value = read()
        if value:
            return value
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def connect(emulator, **arguments):
    """A connector connection to the emulator, with telemetry off."""
    import snowflake.connector

    settings = dict(
        host="127.0.0.1", port=emulator.port, protocol="http", account="emulator",
        session_parameters={"CLIENT_TELEMETRY_ENABLED": False},
        enable_server_session_keep_alive_auto_detection=False, login_timeout=20, retry_max_attempts=2)
    settings.update(arguments)
    return snowflake.connector.connect(**settings)


@pytest.fixture(scope="session")
def root(emulator):
    """snowflake.core's Root over a password session as the administrator."""
    from snowflake.core import Root

    connection = connect(emulator, user="admin", password=ADMIN_PASSWORD)
    yield Root(connection)
    connection.close()
