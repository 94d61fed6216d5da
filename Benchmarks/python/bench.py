"""Benchmark of the official Python client `snowflake.core` against a running SnowAPI emulator.

Measures, against `root.databases` (all sequential unless noted):
  create          `count` creates of `<prefix>_<i>`
  fetch           `count` fetches of those databases
  list_1000       `list-count` listings returning all `count` of them (the key keeps its name)
  fetch_Nthreads  N threads (one shared Root) each doing `count` fetches
  drop            `count` drops
  list_10         `list-count` listings returning 10 databases `<prefix>T_<i>`
and, unless --skip-cold-start, the wall time of `import snowflake.core` in fresh interpreters
and the peak RSS (KiB) of a fresh interpreter after that import.

For each operation: ops/s (n / wall time of the timed loop), p50/p99 latency in ms of the
individual calls (time.perf_counter), and client CPU ms per op (time.process_time over the
loop, all threads). Percentiles: the sorted latencies' value at index floor(q * (n - 1)).

Prints one JSON object on stdout; progress goes to stderr. Every database created is dropped
at the end, also on failure. Run it with the interpreter that has snowflake-core installed:

  bench.py --host 127.0.0.1 --port PORT --user admin --password PW \
      [--count 1000] [--list-count N] [--threads 8] [--prefix PYB] [--skip-cold-start]
"""
import os

# Before importing the connector: otherwise it probes cloud-metadata addresses beyond loopback.
os.environ["SNOWFLAKE_DISABLE_PLATFORM_DETECTION"] = "true"

import argparse
import importlib.metadata
import json
import platform
import statistics
import subprocess
import sys
import threading
import time

import snowflake.connector
from snowflake.core import Root
from snowflake.core.database import Database
from snowflake.core.stage import Stage

WARMUP = 20


def log(message):
    print(message, file=sys.stderr, flush=True)


def percentile(sorted_values, q):
    return sorted_values[int(q * (len(sorted_values) - 1))]


def summary(latencies, wall, cpu, **extra):
    """The JSON entry of one measurement: `latencies` in seconds, `wall` and `cpu` of the loop."""
    latencies = sorted(latencies)
    n = len(latencies)
    entry = {"n": n, "ops_per_s": n / wall, "p50_ms": percentile(latencies, 0.50) * 1000,
             "p99_ms": percentile(latencies, 0.99) * 1000, "client_cpu_ms_per_op": cpu / n * 1000}
    entry = {key: round(value, 3) for key, value in entry.items()}
    entry["n"] = n
    return {**entry, **extra}


def measure(name, calls, warmup=()):
    """Runs the untimed `warmup` callables, then times each of `calls` and the whole loop."""
    for call in warmup:
        call()
    latencies = []
    cpu, wall = time.process_time(), time.perf_counter()
    for call in calls:
        start = time.perf_counter()
        call()
        latencies.append(time.perf_counter() - start)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    log(f"{name}: {len(latencies)} ops in {wall:.2f} s")
    return summary(latencies, wall, cpu)


def measure_threads(root, names, threads, count):
    """`threads` threads sharing one Root (its REST client uses a thread-safe urllib3 pool)."""
    latencies, errors = [[] for _ in range(threads)], []
    barrier = threading.Barrier(threads + 1)

    def work(index):
        barrier.wait()
        try:
            for i in range(count):
                start = time.perf_counter()
                root.databases[names[(index * 7919 + i) % len(names)]].fetch()
                latencies[index].append(time.perf_counter() - start)
        except Exception as error:  # reported by the main thread
            errors.append(error)

    workers = [threading.Thread(target=work, args=(index,)) for index in range(threads)]
    for worker in workers:
        worker.start()
    cpu, wall = time.process_time(), time.perf_counter()
    barrier.wait()
    for worker in workers:
        worker.join()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    if errors:
        raise RuntimeError(f"{len(errors)} fetching thread(s) failed, first: {errors[0]!r}")
    log(f"fetch_{threads}threads: {threads * count} ops in {wall:.2f} s")
    return summary([value for values in latencies for value in values], wall, cpu, threads=threads)


def listing(root, pattern, expected):
    def call():
        found = len(list(root.databases.iter(like=pattern)))
        if found != expected:
            raise RuntimeError(f"listing like {pattern!r} returned {found} databases, expected {expected}")
    return call


def cold_start(runs=5):
    """Wall time of `import snowflake.core` in fresh interpreters, and the RSS after it."""
    env = {**os.environ, "SNOWFLAKE_DISABLE_PLATFORM_DETECTION": "true"}
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import snowflake.core"], env=env, check=True)
        times.append(time.perf_counter() - start)
    rss = subprocess.run(
        [sys.executable, "-c", "import resource, snowflake.core; "
         "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"],
        env=env, check=True, capture_output=True, text=True).stdout
    return {"import_seconds": {"median": round(statistics.median(times), 3), "min": round(min(times), 3),
                               "max": round(max(times), 3), "runs": runs},
            "rss_after_import_kib": int(rss.strip())}


def run(root, args, created):
    prefix, count, list_count = args.prefix, args.count, args.list_count
    names = [f"{prefix}_{i}" for i in range(count)]
    extras = [f"{prefix}W_{i}" for i in range(5)]
    tens = [f"{prefix}T_{i}" for i in range(10)]

    def create(name):
        def call():
            root.databases.create(Database(name=name))
            created.add(name)  # only after success: never drop a database that existed before
        return call

    def fetch(name):
        return lambda: root.databases[name].fetch()

    def drop(name):
        def call():
            root.databases[name].drop()
            created.discard(name)
        return call

    ops = {}
    ops["create"] = measure("create", [create(name) for name in names], [create(name) for name in extras])
    ops["fetch"] = measure("fetch", [fetch(names[i % count]) for i in range(count)],
                           [fetch(names[i % count]) for i in range(WARMUP)])
    all_of_them = listing(root, f"{prefix}\\_%", count)
    ops["list_1000"] = {**measure("list_1000", [all_of_them] * list_count, [all_of_them] * min(WARMUP, list_count)),
                        "objects": count}
    for _ in range(WARMUP):
        root.databases[names[0]].fetch()
    ops[f"fetch_{args.threads}threads"] = measure_threads(root, names, args.threads, count)
    ops["drop"] = measure("drop", [drop(name) for name in names], [drop(name) for name in extras])
    for name in tens:
        create(name)()
    ten = listing(root, f"{prefix}T\\_%", 10)
    ops["list_10"] = {**measure("list_10", [ten] * list_count, [ten] * min(WARMUP, list_count)), "objects": 10}
    for name in tens:
        drop(name)()
    ops.update(transfer(root, args, created))
    return {key: ops[key] for key in ["create", "fetch", "list_10", "list_1000", f"fetch_{args.threads}threads", "drop",
                                      "put_64KiB", "get_64KiB", "put_4MiB", "get_4MiB"]}


def csv_text(size):
    """`size` bytes of CSV rows, the same as the Swift benchmark's."""
    rows, total, i = [], 0, 0
    while total < size:
        row = f"{i},value_{i * 7919 % 100000},{i % 97}\n"
        rows.append(row)
        total += len(row)
        i += 1
    return "".join(rows).encode()[:size]


def transfer(root, args, created):
    """put and get of one file, overwritten each time: a PUT/GET statement, then the file to or
    from the stage storage (gzipped and encrypted on the way up)."""
    import tempfile
    database = f"{args.prefix}X_STAGE"
    root.databases.create(Database(name=database))
    created.add(database)
    stage = root.databases[database].schemas["public"].stages.create(Stage(name="bench"))
    ops = {}
    with tempfile.TemporaryDirectory() as directory:
        for label, size, count in [("64KiB", 1 << 16, max(1, args.count // 10)), ("4MiB", 1 << 22, max(1, args.count // 100))]:
            local = os.path.join(directory, f"data_{label}.csv")
            with open(local, "wb") as handle:
                handle.write(csv_text(size))
            put = lambda: stage.put(local, "/", overwrite=True)
            out = os.path.join(directory, "out")
            got = lambda: stage.get(f"/data_{label}.csv.gz", out)
            ops[f"put_{label}"] = {**measure(f"put_{label}", [put] * count, [put] * 2), "bytes": size}
            ops[f"get_{label}"] = {**measure(f"get_{label}", [got] * count, [got] * 2), "bytes": size}
    root.databases[database].drop()
    created.discard(database)
    return ops


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--user", default="admin")
    secret = parser.add_mutually_exclusive_group(required=True)
    secret.add_argument("--password")
    secret.add_argument("--password-env", help="name of an environment variable holding the password")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--list-count", type=int)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--prefix", default="PYB")
    parser.add_argument("--skip-cold-start", action="store_true")
    args = parser.parse_args()
    if args.list_count is None:
        args.list_count = args.count
    if args.count < 1 or args.list_count < 1 or args.threads < 1:
        parser.error("--count, --list-count and --threads must be positive")

    result = {"client": "snowflake.core",
              "versions": {"python": platform.python_version(),
                           "snowflake_core": importlib.metadata.version("snowflake-core"),
                           "snowflake_connector": importlib.metadata.version("snowflake-connector-python")}}
    created = set()
    try:
        result["cold_start"] = None if args.skip_cold_start else cold_start()
        connection = snowflake.connector.connect(
            host=args.host, port=args.port, protocol="http", account="emulator",
            user=args.user, password=args.password if args.password is not None else os.environ[args.password_env],
            session_parameters={"CLIENT_TELEMETRY_ENABLED": False},
            enable_server_session_keep_alive_auto_detection=False, login_timeout=20, retry_max_attempts=2)
        try:
            root = Root(connection)
            try:
                result["operations"] = run(root, args, created)
            finally:
                if created:
                    log(f"cleaning up {len(created)} database(s)")
                for name in sorted(created):
                    try:
                        root.databases[name].drop(if_exists=True)
                    except Exception as error:
                        log(f"could not drop {name}: {error!r}")
        finally:
            connection.close()
    except Exception as error:
        log(f"benchmark failed: {type(error).__name__}: {error}")
        sys.exit(1)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
