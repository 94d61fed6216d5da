"""Fixtures: an emulator process per test module, and connections to it."""
import json
import os
import re
import signal
import subprocess
import tempfile
import urllib.request

import pytest

ADMIN_PASSWORD = "conformance-admin-pw"


class Emulator:
    """A `snowapi emulator` process on a free loopback port with a temporary data directory."""

    def __init__(self):
        self.data_dir = tempfile.mkdtemp(prefix="snowapi-conformance-")
        self.process = subprocess.Popen(
            [os.environ["SNOWAPI_EXECUTABLE"], "emulator", "--port", "0", "--data-dir", self.data_dir,
             "--admin-password", ADMIN_PASSWORD],
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

    def stop(self):
        self.process.send_signal(signal.SIGINT)
        assert self.process.wait(timeout=30) == 0


@pytest.fixture(scope="module")
def emulator():
    running = Emulator()
    yield running
    running.stop()


def connect(emulator, **arguments):
    """A connector connection to the emulator, with telemetry off."""
    import snowflake.connector

    settings = dict(
        host="127.0.0.1", port=emulator.port, protocol="http", account="emulator",
        session_parameters={"CLIENT_TELEMETRY_ENABLED": False},
        enable_server_session_keep_alive_auto_detection=False, login_timeout=20, retry_max_attempts=2)
    settings.update(arguments)
    return snowflake.connector.connect(**settings)
