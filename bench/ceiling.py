"""How close can a Flask endpoint get to a standalone Oxigraph server? Point lookups, three servers, one run.

    python bench/ceiling.py --root build/bench/projects/100k [--seconds 10] [--connections 8] [--rounds 3]

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

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import pyoxigraph as ox  # noqa: E402
from http_load import query_paths, run_load  # noqa: E402
from measure import LOCALHOST, free_port, server  # noqa: E402
from queries import POINT_LOOKUP, lookup_subjects, warm_up  # noqa: E402

FLOOR_APP = '''
from flask import Flask, Response
app = Flask(__name__)
BODY = '{"head": {"vars": ["p", "o"]}, "results": {"bindings": []}}'

@app.get("/sparql")
def sparql():
    return Response(BODY, content_type="application/sparql-results+json; charset=utf-8")
'''


def servers(root: Path, work: Path) -> dict[str, tuple[list[str], str, Path | None, int]]:
    """Return, per server, its command, its query path, the folder to run it in and its port."""
    release = (root / "build" / "current").resolve()
    location = work / "oxigraph-store"
    shutil.rmtree(location, ignore_errors=True)
    subprocess.run(["oxigraph", "load", "--location", str(location), "--file", str(release / "dumps" / "libkg.trig")],
                   check=True, capture_output=True)
    (work / "floor_app.py").write_text(FLOOR_APP, encoding="utf-8")
    ports = {name: free_port() for name in ("oxigraph", "libkg", "flask-floor")}
    return {
        "oxigraph": (["oxigraph", "serve", "--location", str(location), "--bind", f"{LOCALHOST}:{ports['oxigraph']}",
                      "--union-default-graph"], "/query", None, ports["oxigraph"]),
        "libkg": ([sys.executable, "-m", "libkg", "--root", str(root), "serve", "--port", str(ports["libkg"])], "/sparql", root,
                  ports["libkg"]),
        "flask-floor": ([sys.executable, "-m", "gunicorn", "--bind", f"{LOCALHOST}:{ports['flask-floor']}", "--workers", "2",
                         "--worker-class", "gthread", "--threads", "4", "--access-logfile", "-", "floor_app:app"], "/sparql", work,
                        ports["flask-floor"]),
    }


def main() -> None:
    """Load each server in turn, for several rounds, and print requests per second against Oxigraph's."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, required=True, help="a built project (bench/generate.py, then libkg build)")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    root = args.root.resolve()
    work = root / "build" / "ceiling"
    work.mkdir(parents=True, exist_ok=True)
    store = ox.Store.read_only(str(root / "build" / "current" / "store"))
    queries = [POINT_LOOKUP % subject for subject in lookup_subjects(store)]
    del store
    rates: dict[str, list[float]] = {}
    with ExitStack() as stack:
        urls = {}
        for name, (command, path, cwd, port) in servers(root, work).items():
            url, _ = stack.enter_context(server(command, path + "?query=ASK%7B%7D", port, work / f"{name}.log", cwd=cwd))
            paths = [p.replace("/sparql?", path + "?", 1) for p in query_paths("/sparql", queries)]
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
