"""Time the explorer's pages: median and 95th percentile per page over N sequential requests.

    python -m bench.pages                      # build the project into a temporary folder, serve it, measure
    python -m bench.pages --url http://127.0.0.1:5000 -n 100    # measure a running server
    python -m bench.pages --url URL --study syn-study-000016 --entity syn-problem-000000-0 --only home entity
                                               # a generated graph: its own study and claim; some pages only

Requests go to 127.0.0.1 only, one at a time, a bounded number per page; the first request of each page is
a warm-up and not counted (it fills the per-process caches a build's first visitor pays for).
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import time
import urllib.parse
from contextlib import ExitStack

from harness.project import built_copy
from harness.servers import libkg_server


def pages(study: str, entity: str, hub: str) -> tuple[tuple[str, str], ...]:
    """Return the (name, path) of every page measured; study, entity and hub are resource slugs."""
    return (
        ("home", "/"),
        ("home (zh)", "/?lang=zh"),
        ("search page", "/search?q=cooperation"),
        ("search.json (zh substring)", "/search.json?q=" + urllib.parse.quote("中小微")),
        ("search.json (one letter)", "/search.json?q=a"),
        ("browse", "/browse"),
        ("browse study", f"/browse/study/{study}"),
        ("browse kind", "/browse/kind/Claim"),
        ("compare", "/compare"),
        ("compare.csv", "/compare.csv"),
        ("query editor", "/sparql"),
        ("entity page", f"/resource/{entity}"),
        ("entity page (zh)", f"/resource/{entity}?lang=zh"),
        ("entity JSON twin", f"/resource/{entity}.json"),
        ("entity page (hub)", f"/resource/{hub}"),
        ("entity JSON twin (hub)", f"/resource/{hub}.json"),
    )


def measure(base: str, path: str, count: int) -> dict:
    """Request path count times (plus one warm-up) over one keep-alive connection; return timings in ms."""
    parsed = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=300)
    timings = []
    status = size = None
    try:
        for attempt in range(count + 1):
            started = time.perf_counter()
            connection.request("GET", path, headers={"Accept": "text/html,application/json;q=0.9,*/*;q=0.8"})
            response = connection.getresponse()
            size = len(response.read())
            elapsed = (time.perf_counter() - started) * 1000
            status = response.status
            if attempt:
                timings.append(elapsed)
    finally:
        connection.close()
    timings.sort()
    return {"status": status, "bytes": size, "median_ms": statistics.median(timings),
            "p95_ms": timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))], "max_ms": timings[-1]}


def main() -> None:
    """Measure every page and print a table (or JSON)."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="a running libkg server; default: build and serve a copy of this project")
    parser.add_argument("-n", "--requests", type=int, default=50, help="requests per page (default 50)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--study", default="study-hebei-iee", help="slug of the study to browse")
    parser.add_argument("--entity", default="hebei-problem-talent-shortage", help="slug of an ordinary resource")
    parser.add_argument("--hub", default="library-type-public", help="slug of a resource with many links")
    parser.add_argument("--only", nargs="+", metavar="WORD", help="measure only pages whose name contains a WORD")
    args = parser.parse_args()
    chosen = [(name, path) for name, path in pages(args.study, args.entity, args.hub)
              if not args.only or any(word in name for word in args.only)]
    with ExitStack() as stack:
        if args.url:
            base = args.url
        else:
            settings = stack.enter_context(built_copy())
            base = stack.enter_context(libkg_server(settings.root, sources=settings.sources)).url
        results = {name: {"path": path, **measure(base, path, args.requests)} for name, path in chosen}
    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
        return
    print(f"{'page':28} {'status':>6} {'bytes':>10} {'median ms':>10} {'p95 ms':>8} {'max ms':>8}   ({args.requests} requests each)")
    for name, result in results.items():
        print(f"{name:28} {result['status']:>6} {result['bytes']:>10} {result['median_ms']:>10.1f} {result['p95_ms']:>8.1f} {result['max_ms']:>8.1f}")


if __name__ == "__main__":
    main()
