"""How close can a Flask endpoint get to a standalone Oxigraph server? Point lookups, three servers, one run.

    python -m bench.ceiling --root build/bench/projects/100k [--seconds 10] [--connections 8] [--rounds 3]

Servers, all on 127.0.0.1, over the same release: Oxigraph (`oxigraph serve` on the release's TriG dump);
`libkg serve` (gunicorn, as configured by default); and the floor of any Flask endpoint: a Flask app under
the same gunicorn settings that answers every request with a fixed SPARQL JSON body, doing no query at all.
Load runs are interleaved round by round (wrk when installed), so the machine's noise hits all three alike.
Prints a table and one JSON line.
"""

from __future__ import annotations

import argparse
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


def start_servers(stack: ExitStack, root: Path, release: Release, work: Path) -> dict[str, tuple[str, str]]:
    """Start the three servers on the stack; return, per server, its base URL and query path."""
    location = work / "oxigraph-store"
    shutil.rmtree(location, ignore_errors=True)
    subprocess.run(["oxigraph", "load", "--location", str(location), "--file", str(release.dump_path("libkg.trig"))],
                   check=True, capture_output=True)
    (work / "floor_app.py").write_text(FLOOR_APP, encoding="utf-8")
    ports = {name: free_port() for name in ("oxigraph", "flask-floor")}
    urls = {name: f"http://{LOCALHOST}:{port}" for name, port in ports.items()}
    stack.enter_context(running(
        ["oxigraph", "serve", "--location", str(location), "--bind", f"{LOCALHOST}:{ports['oxigraph']}", "--union-default-graph"],
        urls["oxigraph"] + "/query" + READY, work / "oxigraph.log", seconds=STARTUP_SECONDS))
    libkg = stack.enter_context(libkg_server(root, "/sparql" + READY, STARTUP_SECONDS, work / "libkg.log"))
    stack.enter_context(running(
        [sys.executable, "-m", "gunicorn", "--bind", f"{LOCALHOST}:{ports['flask-floor']}", "--workers", "2",
         "--worker-class", "gthread", "--threads", "4", "--access-logfile", "-", "floor_app:app"],
        urls["flask-floor"] + "/sparql" + READY, work / "flask-floor.log", work, seconds=STARTUP_SECONDS))
    return {"oxigraph": (urls["oxigraph"], "/query"), "libkg": (libkg.url, "/sparql"), "flask-floor": (urls["flask-floor"], "/sparql")}


def main() -> None:
    """Load each server in turn, for several rounds, and print requests per second against Oxigraph's."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, required=True, help="a built project (python -m bench.generate, then libkg build)")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    root = args.root.resolve()
    build_path = Settings(root=root).build_path
    work = build_path / "ceiling"
    work.mkdir(parents=True, exist_ok=True)
    release = current_release(build_path)
    store = ox.Store.read_only(str(release.store_path))
    queries = [POINT_LOOKUP % subject for subject in lookup_subjects(store)]
    del store
    rates: dict[str, list[float]] = {}
    with ExitStack() as stack:
        urls = {}
        for name, (url, path) in start_servers(stack, root, release, work).items():
            paths = query_paths(path, queries)
            warm_up(url, paths)
            urls[name] = (url, paths)
        for _ in range(args.rounds):
            for name, (url, paths) in urls.items():
                outcome = run_load(url, paths, args.connections, args.seconds)
                rates.setdefault(name, []).append(outcome["requests_per_second"])
    shutil.rmtree(work / "oxigraph-store", ignore_errors=True)
    medians = {name: statistics.median(values) for name, values in rates.items()}
    print(f"{'server':<12} {'req/s (median of rounds)':>26} {'/ Oxigraph':>11}")
    for name, value in medians.items():
        print(f"{name:<12} {value:>26,.0f} {value / medians['oxigraph']:>11.2f}")
    print(json.dumps({"connections": args.connections, "seconds": args.seconds, "rounds": rates, "medians": medians}))


if __name__ == "__main__":
    main()
