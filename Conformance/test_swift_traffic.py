"""What the Swift end-to-end tests exchanged with their emulators (recorded by `./test` through
SNOWAPI_RECORD_DIR): every answer matches the official specs, and so does every request body
the Swift client sent."""
import json
import os
from pathlib import Path

from conftest import SPEC

TRAFFIC = Path(os.environ.get("SNOWAPI_RECORD_DIR", Path(__file__).resolve().parents[1] / ".build-conformance" / "swift-traffic"))


def exchanges():
    files = sorted(TRAFFIC.glob("*.jsonl")) if TRAFFIC.is_dir() else []
    assert files, f"no recorded Swift traffic in {TRAFFIC}: run ./test, which records it while `swift test` runs"
    for path in files:
        for line in path.read_text().splitlines():
            if line.strip():
                yield json.loads(line)


def test_answers_match_the_specs():
    problems, count = [], 0
    for exchange in exchanges():
        count += 1
        problems += SPEC.check_response(exchange["method"], exchange["path"], exchange["status"], exchange["response_body"])
    assert count > 100, f"only {count} exchanges recorded"
    assert not problems, f"{len(problems)} of {count} answers do not match the specs:\n" + "\n".join(problems[:50])


def test_swift_client_requests_match_the_specs():
    problems, count = [], 0
    for exchange in exchanges():
        if not exchange["user_agent"].startswith("snowapi-swift/"):
            continue
        count += 1
        problems += SPEC.check_request(exchange["method"], exchange["path"], exchange.get("request_body", ""))
    assert count > 100, f"only {count} client requests recorded"
    assert not problems, f"{len(problems)} of {count} Swift client requests do not match the specs:\n" + "\n".join(problems[:50])
