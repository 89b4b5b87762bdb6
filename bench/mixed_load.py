"""A bounded load generator for a libkg server on this machine: throughput, latency percentiles, errors.

Usage: python bench/mixed_load.py http://127.0.0.1:5000 [--seconds 20] [--clients 8] [--attackers 1]

Normal clients alternate SPARQL point lookups (checked against the expected label) and entity pages;
attacker clients send pathological queries back to back, which the server must cut off (503).
Only loopback addresses are accepted as targets; every loop stops by itself at the deadline.
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field

from markupsafe import escape

LOOKUP = "SELECT ?label WHERE {{ <https://w3id.org/libkg/resource/{slug}> <http://www.w3.org/2000/01/rdf-schema#label> ?label FILTER(LANG(?label) = 'en') }}"
PATHOLOGICAL = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
    "SELECT (COUNT(*) AS ?n) WHERE { ?x (!<urn:none>|^!<urn:none>)* ?y . ?y ?p ?o . ?o ?q ?r }",
)


@dataclass
class Tally:
    """Latencies and outcomes per kind of request, shared by the client threads."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    outcomes: Counter = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, kind: str, seconds: float, outcome: str) -> None:
        """Add one request's latency and outcome."""
        with self.lock:
            self.latencies.setdefault(kind, []).append(seconds)
            self.outcomes[(kind, outcome)] += 1


def percentile(values: list[float], share: float) -> float:
    """Return the share-th percentile (0..1) of values, nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def fetch(connection: http.client.HTTPConnection, path: str) -> tuple[int, bytes, str]:
    """GET path on a kept-alive connection; return status, body and ETag."""
    connection.request("GET", path, headers={"Accept": "application/sparql-results+json, text/html;q=0.9"})
    response = connection.getresponse()
    return response.status, response.read(), response.headers.get("ETag", "")


def normal_client(host: str, port: int, deadline: float, samples: list[tuple[str, str]], tally: Tally) -> None:
    """Alternate point lookups and entity pages until the deadline, checking each answer."""
    connection = http.client.HTTPConnection(host, port, timeout=30)
    index = 0
    while time.monotonic() < deadline:
        slug, label = samples[index % len(samples)]
        lookup = index % 2 == 0
        index += 1
        path = "/sparql?" + urllib.parse.urlencode({"query": LOOKUP.format(slug=slug)}) if lookup else f"/resource/{slug}"
        kind = "sparql-lookup" if lookup else "entity-page"
        started = time.monotonic()
        try:
            status, body, _ = fetch(connection, path)
        except (OSError, http.client.HTTPException):
            tally.record(kind, time.monotonic() - started, "connection-error")
            connection.close()
            connection = http.client.HTTPConnection(host, port, timeout=30)
            continue
        seconds = time.monotonic() - started
        if status != 200:
            tally.record(kind, seconds, f"http-{status}")
        elif lookup:
            values = [b["label"]["value"] for b in json.loads(body)["results"]["bindings"]]
            tally.record(kind, seconds, "ok" if values == [label] else "wrong-answer")
        else:
            tally.record(kind, seconds, "ok" if str(escape(label)).encode("utf-8") in body else "wrong-answer")
    connection.close()


def attacker_client(host: str, port: int, deadline: float, tally: Tally) -> None:
    """Send pathological queries back to back until the deadline."""
    index = 0
    while time.monotonic() < deadline:
        query = PATHOLOGICAL[index % len(PATHOLOGICAL)]
        index += 1
        connection = http.client.HTTPConnection(host, port, timeout=60)
        started = time.monotonic()
        try:
            status, _, _ = fetch(connection, "/sparql?" + urllib.parse.urlencode({"query": query}))
            outcome = "cut-off" if status == 503 else f"http-{status}"
        except (OSError, http.client.HTTPException):
            outcome = "connection-error"
        finally:
            connection.close()
        tally.record("pathological", time.monotonic() - started, outcome)


def samples_from(base: str) -> list[tuple[str, str]]:
    """Ask the server for resources and their English labels to look up."""
    query = (
        "SELECT ?s ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label "
        "FILTER(LANG(?label) = 'en' && STRSTARTS(STR(?s), 'https://w3id.org/libkg/resource/')) } ORDER BY ?s LIMIT 200"
    )
    host, port = _address(base)
    connection = http.client.HTTPConnection(host, port, timeout=30)
    _, body, _ = fetch(connection, "/sparql?" + urllib.parse.urlencode({"query": query}))
    connection.close()
    rows = json.loads(body)["results"]["bindings"]
    pairs = {}
    for row in rows:
        pairs.setdefault(row["s"]["value"].rsplit("/", 1)[-1], row["label"]["value"])
    return sorted(pairs.items())


def _address(base: str) -> tuple[str, int]:
    """Split a loopback base URL into host and port, refusing anything else."""
    parsed = urllib.parse.urlparse(base)
    if parsed.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit(f"refusing to load {parsed.hostname}: only this machine's loopback is a target")
    return parsed.hostname, parsed.port or 80


def run_load(base: str, seconds: float, clients: int, attackers: int) -> dict:
    """Run the load for a bounded time and return a summary."""
    host, port = _address(base)
    samples = samples_from(base)
    tally = Tally()
    deadline = time.monotonic() + seconds
    threads = [threading.Thread(target=normal_client, args=(host, port, deadline, samples, tally)) for _ in range(clients)]
    threads += [threading.Thread(target=attacker_client, args=(host, port, deadline, tally)) for _ in range(attackers)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    summary = {"seconds": round(elapsed, 2), "clients": clients, "attackers": attackers, "kinds": {}}
    for kind, values in sorted(tally.latencies.items()):
        outcomes = {outcome: count for (k, outcome), count in tally.outcomes.items() if k == kind}
        summary["kinds"][kind] = {
            "requests": len(values),
            "per_second": round(len(values) / elapsed, 1),
            "p50_ms": round(statistics.median(values) * 1000, 2),
            "p95_ms": round(percentile(values, 0.95) * 1000, 2),
            "p99_ms": round(percentile(values, 0.99) * 1000, 2),
            "outcomes": outcomes,
        }
    return summary


def print_table(summary: dict) -> None:
    """Print the summary as a table."""
    print(f"{summary['clients']} clients + {summary['attackers']} attackers for {summary['seconds']} s")
    print(f"{'kind':<14}{'requests':>9}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}  outcomes")
    for kind, row in summary["kinds"].items():
        print(f"{kind:<14}{row['requests']:>9}{row['per_second']:>9}{row['p50_ms']:>9}{row['p95_ms']:>9}{row['p99_ms']:>9}  {row['outcomes']}")


def main() -> None:
    """Parse arguments, run the load, print the table and the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--attackers", type=int, default=1)
    args = parser.parse_args()
    summary = run_load(args.base, args.seconds, args.clients, args.attackers)
    print_table(summary)
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
