"""How close does libkg's endpoint get to a standalone Oxigraph server, and what does its HTTP layer allow? One run.

    python -m bench.ceiling --root PROJECT [--seconds 5] [--connections 1 8] [--rounds 3] [--rdflib-endpoint PATH]

Servers, all on 127.0.0.1, over the same release: `oxigraph serve-read-only` on a store loaded from the release's
TriG dump; `libkg serve` as configured by default; the ceiling of any Flask endpoint: a do-nothing Flask app (a fixed
SPARQL JSON body) under the same server and settings as libkg (granian), and under gunicorn (gthread, the same
workers and threads) when it is installed (`pip install -e .[bench]`); and rdflib-endpoint (one uvicorn worker) when
the path of its command is given. Point lookups rotate over every subject of the graph, or 200 of the synthetic
ones of a generated graph, so that no cache can answer them. Load runs are interleaved round by round (wrk when
installed), so the machine's noise hits every server alike. Prints a table and one JSON line.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import statistics
import subprocess
import sys
from contextlib import ExitStack
from pathlib import Path

import pyoxigraph as ox

from bench.load import query_paths, run_load
from bench.queries import POINT_LOOKUP, READY, STARTUP_SECONDS, lookup_subjects, warm_up
from harness.servers import LOCALHOST, free_port, libkg_server, running
from libkg.config import Settings
from libkg.release import Release, current_release

FLOOR_APP = '''
from flask import Flask, Response
app = Flask(__name__)
BODY = '{"head": {"vars": ["p", "o"]}, "results": {"bindings": []}}'

@app.get("/sparql")
def sparql():
    return Response(BODY, content_type="application/sparql-results+json; charset=utf-8")
'''


def every_subject(store: ox.Store) -> list[str]:
    """Return every IRI that is the subject of a statement, sorted."""
    rows = store.query("SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER(isIRI(?s)) }", use_default_graph_as_union=True)
    return sorted(row["s"].value for row in rows)


def start_servers(stack: ExitStack, root: Path, release: Release, work: Path, rdflib_endpoint: str | None,
                  ) -> dict[str, tuple[str, str]]:
    """Start the servers on the stack; return, per server, its base URL and query path."""
    settings = Settings.from_env(root=root)
    location = work / "oxigraph-store"
    shutil.rmtree(location, ignore_errors=True)
    dump = release.dump_path("libkg.trig")
    subprocess.run(["oxigraph", "load", "--location", str(location), "--file", str(dump)], check=True, capture_output=True)
    (work / "floor_app.py").write_text(FLOOR_APP, encoding="utf-8")
    workers, threads = str(settings.workers), str(settings.threads)
    commands = {
        "oxigraph": (["oxigraph", "serve-read-only", "--location", str(location), "--bind", "{address}",
                      "--union-default-graph"], "/query"),
        "floor-granian": ([sys.executable, "-m", "granian", "--interface", "wsgi", "--host", LOCALHOST, "--port", "{port}",
                           "--workers", workers, "--blocking-threads", threads, "--access-log", "floor_app:app"], "/sparql"),
    }
    if importlib.util.find_spec("gunicorn"):
        commands["floor-gunicorn"] = ([sys.executable, "-m", "gunicorn", "--bind", "{address}", "--workers", workers,
                                       "--worker-class", "gthread", "--threads", threads, "--access-logfile", "-",
                                       "floor_app:app"], "/sparql")
    if rdflib_endpoint:
        commands["rdflib-endpoint"] = ([rdflib_endpoint, "serve", "--host", LOCALHOST, "--port", "{port}", str(dump)], "/")
    found = {}
    libkg = stack.enter_context(libkg_server(root, "/sparql" + READY, STARTUP_SECONDS, work / "libkg.log"))
    found["libkg"] = (libkg.url, "/sparql")
    for name, (command, path) in commands.items():
        port = free_port()
        url = f"http://{LOCALHOST}:{port}"
        filled = [part.format(address=f"{LOCALHOST}:{port}", port=port) for part in command]
        stack.enter_context(running(filled, url + path + READY, work / f"{name}.log", work, seconds=STARTUP_SECONDS))
        found[name] = (url, path)
    return found


def measure(root: Path, seconds: float, connections: list[int], rounds: int, rdflib_endpoint: str | None = None) -> dict:
    """Start the servers over the project's current release and load each in turn, round by round; return the medians."""
    build_path = Settings.from_env(root=root).build_path
    work = build_path / "ceiling"
    work.mkdir(parents=True, exist_ok=True)
    release = current_release(build_path)
    store = ox.Store.read_only(str(release.store_path))
    subjects = lookup_subjects(store) or every_subject(store)
    del store
    queries = [POINT_LOOKUP % subject for subject in subjects]
    runs: dict[str, dict[int, list[dict]]] = {}
    with ExitStack() as stack:
        servers = {}
        for name, (url, path) in start_servers(stack, root, release, work, rdflib_endpoint).items():
            paths = query_paths(path, queries)
            warm_up(url, paths)
            servers[name] = (url, paths)
        for count in connections:
            for _ in range(rounds):
                for name, (url, paths) in servers.items():
                    runs.setdefault(name, {}).setdefault(count, []).append(run_load(url, paths, count, seconds))
    shutil.rmtree(work / "oxigraph-store", ignore_errors=True)
    return {"subjects": len(subjects), "seconds": seconds, "rounds": rounds,
            "medians": {f"{name} {count}": row for (name, count), row in medians(runs).items()}}


def print_ceiling(result: dict) -> None:
    """Print point-lookup throughput and latency per server, against Oxigraph's and libkg's in the same run."""
    table = {tuple(key.rsplit(" ", 1)): row for key, row in result["medians"].items()}
    print(f"\npoint lookups, {result['subjects']} subjects in rotation, median of {result['rounds']} interleaved rounds "
          f"of {result['seconds']:g} s")
    print(f"{'server':<16} {'conns':>5} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'/ Oxigraph':>11} {'libkg /':>8}")
    for (name, count), row in table.items():
        theirs = table[("oxigraph", count)]["requests_per_second"]
        libkg = table[("libkg", count)]["requests_per_second"]
        print(f"{name:<16} {count:>5} {row['requests_per_second']:>9,.0f} {row['p50_ms']:>8.2f} {row['p99_ms']:>8.2f} "
              f"{row['errors'] + row['non_2xx']:>7} {row['requests_per_second'] / theirs:>11.2f} "
              f"{libkg / row['requests_per_second']:>8.2f}")


def main() -> None:
    """Measure the servers over one project and print the table and one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, required=True, help="a built project (python -m bench.generate, then libkg build)")
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--connections", type=int, nargs="+", default=[1, 8])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--rdflib-endpoint", help="path of the rdflib-endpoint command, to measure it too")
    args = parser.parse_args()
    result = measure(args.root.resolve(), args.seconds, args.connections, args.rounds, args.rdflib_endpoint)
    print_ceiling(result)
    print(json.dumps(result))


def medians(runs: dict[str, dict[int, list[dict]]]) -> dict[tuple[str, int], dict]:
    """Return, per server and number of connections, the median of each figure over the rounds."""
    figures = ("requests_per_second", "p50_ms", "p99_ms")
    return {(name, connections): {**{f: statistics.median(r[f] for r in rounds) for f in figures},
                                  "errors": sum(r["errors"] for r in rounds), "non_2xx": sum(r["non_2xx"] for r in rounds)}
            for name, by_connections in runs.items() for connections, rounds in by_connections.items()}


if __name__ == "__main__":
    main()
