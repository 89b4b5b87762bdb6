"""Bounded HTTP load on this machine's loopback: throughput, latency percentiles, errors.

Two loads, one client loop:
- rotating GETs over a list of paths (bench.run and bench.ceiling; wrk when installed, else Python threads);
- a mixed load: clients alternate SPARQL point lookups (checked against the expected label) and entity pages,
  while attacker clients send pathological queries back to back, which the server must cut off (503).

    python -m bench.load [URL] [--seconds 20] [--clients 8] [--attackers 1]

Without URL it builds a copy of the project and serves it with a 2 s query limit, as the tests' limited server;
the pathological row then shows how long a cut-off takes, the other rows how fast others are answered meanwhile.
Only loopback addresses are accepted as targets; every loop stops by itself at the deadline.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import shutil
import subprocess
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import escape

from harness.client import sparql
from harness.project import built_copy
from harness.servers import LIMITED, libkg_server

SPARQL_JSON = "application/sparql-results+json"
LOOPBACK = ("127.0.0.1", "localhost", "::1")
LOOKUP = "SELECT ?label WHERE {{ <https://w3id.org/libkg/resource/{slug}> <http://www.w3.org/2000/01/rdf-schema#label> ?label FILTER(LANG(?label) = 'en') }}"
PATHOLOGICAL = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
    "SELECT (COUNT(*) AS ?n) WHERE { ?x (!<urn:none>|^!<urn:none>)* ?y . ?y ?p ?o . ?o ?q ?r }",
)
# wrk runs this per thread: rotate through the request paths, and print the summary as one JSON line.
LUA = """
local paths = {%s}
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i], {["Accept"] = "%s"})
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('JSON {"requests": %%d, "duration_us": %%d, "bytes": %%d, "errors": %%d, "non_2xx": %%d, ' ..
    '"mean_ms": %%.3f, "p50_ms": %%.3f, "p90_ms": %%.3f, "p99_ms": %%.3f, "max_ms": %%.3f}\\n',
    summary.requests, summary.duration, summary.bytes, e.connect + e.read + e.write + e.timeout, e.status,
    latency.mean / 1000, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
"""


def by_status(status: int, body: bytes) -> str:
    """Judge an answer by its status alone."""
    return "ok" if 200 <= status < 300 else f"http-{status}"


@dataclass(frozen=True)
class Request:
    """One GET to send, the kind it is counted as, and how its answer is judged ('ok' or what went wrong)."""

    kind: str
    path: str
    accept: str
    judge: Callable[[int, bytes], str] = by_status


@dataclass
class Tally:
    """Each request's latency and outcome per kind, shared by the client threads."""

    records: dict[str, list[tuple[float, str]]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, kind: str, seconds: float, outcome: str) -> None:
        """Add one request's latency and outcome."""
        with self.lock:
            self.records.setdefault(kind, []).append((seconds, outcome))


def loopback(base: str) -> tuple[str, int]:
    """Split a loopback base URL into host and port, refusing any other target."""
    parsed = urllib.parse.urlsplit(base)
    if parsed.hostname not in LOOPBACK:
        raise ValueError(f"refusing to load {parsed.hostname}: only this machine's loopback is a target")
    return parsed.hostname, parsed.port or 80


def percentile(values: list[float], share: float) -> float:
    """Return the share-th percentile (0..1) of values, nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def send(host: str, port: int, deadline: float, requests: Iterable[Request], tally: Tally, keep_alive: bool = True,
         timeout: float = 30) -> None:
    """Send requests one after another until the deadline, on one kept-alive connection or a fresh one each."""
    connection = None
    for request in requests:
        if time.monotonic() >= deadline:
            break
        connection = connection or http.client.HTTPConnection(host, port, timeout=timeout)
        started = time.perf_counter()
        try:
            connection.request("GET", request.path, headers={"Accept": request.accept})
            response = connection.getresponse()
            outcome = request.judge(response.status, response.read())
        except (OSError, http.client.HTTPException):
            outcome = "connection-error"
            connection.close()
            connection = None
        tally.record(request.kind, time.perf_counter() - started, outcome)
        if connection and not keep_alive:
            connection.close()
            connection = None
    if connection:
        connection.close()


def drive(base: str, clients: list[tuple[Iterable[Request], bool, float]], seconds: float) -> tuple[Tally, float]:
    """Run one thread per (requests, keep-alive, timeout) client for `seconds`; return the tally and the time taken."""
    host, port = loopback(base)
    tally = Tally()
    deadline = time.monotonic() + seconds
    threads = [threading.Thread(target=send, args=(host, port, deadline, requests, tally, keep_alive, timeout))
               for requests, keep_alive, timeout in clients]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tally, time.monotonic() - started


def query_paths(path: str, queries: list[str]) -> list[str]:
    """Return GET paths carrying each query in the query string."""
    return [f"{path}?{urllib.parse.urlencode({'query': q})}" for q in queries]


def run_load(base_url: str, paths: list[str], connections: int, seconds: float, accept: str = SPARQL_JSON) -> dict:
    """Send GET requests for `paths` (asking for `accept`) in rotation over `connections` connections for `seconds`;
    return throughput and latency."""
    loopback(base_url)
    if shutil.which("wrk"):
        return _wrk(base_url, paths, connections, seconds, accept)
    return _python_load(base_url, paths, connections, seconds, accept)


def _wrk(base_url: str, paths: list[str], connections: int, seconds: float, accept: str) -> dict:
    """Run wrk with a rotating-path script and parse its JSON summary line."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA % (", ".join(json.dumps(p) for p in paths), accept))
    try:
        command = ["wrk", "-t", str(min(2, connections)), "-c", str(connections), "-d", f"{seconds:g}s",
                   "--timeout", "30s", "-s", script.name, base_url]
        done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    finally:
        Path(script.name).unlink()
    line = next((l for l in done.stdout.splitlines() if l.startswith("JSON ")), None)
    if line is None:
        return {"tool": "wrk", "connections": connections, "seconds": 0, "requests_per_second": 0, "requests": 0, "errors": -1,
                "non_2xx": 0, "mean_ms": 0, "p50_ms": 0, "p90_ms": 0, "p99_ms": 0, "max_ms": 0,
                "failure": f"wrk exit {done.returncode}: {(done.stdout + done.stderr)[-500:]}"}
    figures = json.loads(line[5:])
    duration = figures.pop("duration_us") / 1e6
    return {"tool": "wrk", "connections": connections, "seconds": round(duration, 2),
            "requests_per_second": round(figures["requests"] / duration, 1), **figures}


def _python_load(base_url: str, paths: list[str], connections: int, seconds: float, accept: str) -> dict:
    """Load with one thread per connection (no wrk): coarser, and limited by the client's own GIL."""
    clients = [((Request("load", paths[i % len(paths)], accept) for i in itertools.count(offset)), True, 30.0)
               for offset in range(connections)]
    tally, duration = drive(base_url, clients, seconds)
    records = tally.records.get("load", [])
    answered = [(s, outcome) for s, outcome in records if outcome != "connection-error"]
    latencies = [s for s, _ in answered] or [0.0]

    def ms(seconds: float) -> float:
        return round(seconds * 1000, 3)

    return {"tool": "python", "connections": connections, "seconds": round(duration, 2),
            "requests_per_second": round(len(answered) / duration, 1), "requests": len(answered),
            "errors": len(records) - len(answered), "non_2xx": sum(outcome != "ok" for _, outcome in answered),
            "mean_ms": ms(sum(latencies) / len(latencies)), "p50_ms": ms(percentile(latencies, 0.5)),
            "p90_ms": ms(percentile(latencies, 0.9)), "p99_ms": ms(percentile(latencies, 0.99)), "max_ms": ms(max(latencies))}


def samples_from(base: str) -> list[tuple[str, str]]:
    """Ask the server for resources and their English labels to look up."""
    query = (
        "SELECT ?s ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label "
        "FILTER(LANG(?label) = 'en' && STRSTARTS(STR(?s), 'https://w3id.org/libkg/resource/')) } ORDER BY ?s LIMIT 200"
    )
    pairs: dict[str, str] = {}
    for row in sparql(base, query, {"Accept": SPARQL_JSON}).json()["results"]["bindings"]:
        pairs.setdefault(row["s"]["value"].rsplit("/", 1)[-1], row["label"]["value"])
    return sorted(pairs.items())


def _label_in_answer(label: str) -> Callable[[int, bytes], str]:
    """Judge a SPARQL lookup: its one row must be the label."""
    def judge(status: int, body: bytes) -> str:
        if status != 200:
            return f"http-{status}"
        return "ok" if [b["label"]["value"] for b in json.loads(body)["results"]["bindings"]] == [label] else "wrong-answer"
    return judge


def _label_on_page(label: str) -> Callable[[int, bytes], str]:
    """Judge an entity page: it must show the label."""
    def judge(status: int, body: bytes) -> str:
        if status != 200:
            return f"http-{status}"
        return "ok" if str(escape(label)).encode("utf-8") in body else "wrong-answer"
    return judge


def checked_requests(samples: list[tuple[str, str]]) -> Iterable[Request]:
    """Alternate point lookups and entity pages over the samples, each checked against its label."""
    accept = f"{SPARQL_JSON}, text/html;q=0.9"
    for index in itertools.count():
        slug, label = samples[index % len(samples)]
        if index % 2 == 0:
            path = "/sparql?" + urllib.parse.urlencode({"query": LOOKUP.format(slug=slug)})
            yield Request("sparql-lookup", path, accept, _label_in_answer(label))
        else:
            yield Request("entity-page", f"/resource/{slug}", accept, _label_on_page(label))


def _cut_off(status: int, body: bytes) -> str:
    """Judge a pathological query: the server must stop it (503)."""
    return "cut-off" if status == 503 else f"http-{status}"


def pathological_requests() -> Iterable[Request]:
    """Send the pathological queries in turn."""
    for query in itertools.cycle(PATHOLOGICAL):
        yield Request("pathological", "/sparql?" + urllib.parse.urlencode({"query": query}), SPARQL_JSON, _cut_off)


def run_mixed(base: str, seconds: float, clients: int, attackers: int) -> dict:
    """Run the mixed load for a bounded time and return per kind: requests, rate, percentiles and outcomes."""
    samples = samples_from(base)
    tally, elapsed = drive(base, [(checked_requests(samples), True, 30.0) for _ in range(clients)]
                           + [(pathological_requests(), False, 60.0) for _ in range(attackers)], seconds)
    summary = {"seconds": round(elapsed, 2), "clients": clients, "attackers": attackers, "kinds": {}}
    for kind, records in sorted(tally.records.items()):
        values = [seconds for seconds, _ in records]
        summary["kinds"][kind] = {
            "requests": len(values),
            "per_second": round(len(values) / elapsed, 1),
            "p50_ms": round(percentile(values, 0.5) * 1000, 2),
            "p95_ms": round(percentile(values, 0.95) * 1000, 2),
            "p99_ms": round(percentile(values, 0.99) * 1000, 2),
            "outcomes": dict(Counter(outcome for _, outcome in records)),
        }
    return summary


def print_mixed(summary: dict) -> None:
    """Print a mixed load's summary as a table."""
    print(f"{summary['clients']} clients + {summary['attackers']} attackers for {summary['seconds']} s")
    print(f"{'kind':<14}{'requests':>9}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}  outcomes")
    for kind, row in summary["kinds"].items():
        print(f"{kind:<14}{row['requests']:>9}{row['per_second']:>9}{row['p50_ms']:>9}{row['p95_ms']:>9}{row['p99_ms']:>9}  {row['outcomes']}")


def main() -> None:
    """Run the mixed load against a server (or a fresh build served with the tests' limits); print the table and the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", nargs="?", help="a running libkg server on this machine; default: build and serve a copy")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--attackers", type=int, default=1)
    args = parser.parse_args()
    with ExitStack() as stack:
        base = args.base
        if base is None:
            settings = stack.enter_context(built_copy())
            base = stack.enter_context(libkg_server(settings.root, sources=settings.sources, **LIMITED)).url
            print(f"a fresh build served at {base} with a {LIMITED['query_timeout']} s query limit")
        summary = run_mixed(base, args.seconds, args.clients, args.attackers)
    print_mixed(summary)
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
