"""The queries the benchmark times, and how it times them: embedded Oxigraph, HTTP endpoints, rdflib."""

from __future__ import annotations

import http.client
import json
import multiprocessing
import random
import statistics
import time
import urllib.parse
from pathlib import Path

import pyoxigraph as ox

from bench.load import SPARQL_JSON

PROLOGUE = """PREFIX lkg: <https://w3id.org/libkg/ontology#>
PREFIX res: <https://w3id.org/libkg/resource/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
# A synthetic study (its degree stays about the same at every size) and a hub whose degree grows with the graph.
STUDY = "https://w3id.org/libkg/resource/syn-study-000000"
HUB = "https://w3id.org/libkg/resource/library-type-public"

ENTITY = PROLOGUE + """SELECT ?direction ?property ?neighbour ?label WHERE {
  { BIND("out" AS ?direction) <%s> ?property ?neighbour }
  UNION { BIND("in" AS ?direction) ?neighbour ?property <%s> }
  OPTIONAL { ?neighbour rdfs:label ?label . FILTER(lang(?label) = "en") }
}"""
PAGE_QUERIES = {
    "page-entity-study": ENTITY % (STUDY, STUDY),
    "page-entity-hub": ENTITY % (HUB, HUB),
    "page-label-search": PROLOGUE + """SELECT ?resource ?label WHERE {
  ?resource rdfs:label ?label . FILTER(CONTAINS(LCASE(STR(?label)), "cooperation"))
} ORDER BY STRLEN(?label) ?label LIMIT 20""",
    "page-theme-comparison": PROLOGUE + """SELECT ?theme ?label (COUNT(DISTINCT ?study) AS ?studies) (COUNT(DISTINCT ?remedy) AS ?remedies) WHERE {
  ?remedy lkg:hasTheme ?theme ; lkg:reportedIn ?study .
  ?theme rdfs:label ?label . FILTER(lang(?label) = "en")
} GROUP BY ?theme ?label ORDER BY DESC(?remedies) ?theme""",
    "page-study-profile": PROLOGUE + """SELECT ?kind (COUNT(DISTINCT ?claim) AS ?claims) WHERE {
  ?claim lkg:reportedIn <%s> ; a ?kind . FILTER(STRSTARTS(STR(?kind), STR(lkg:)))
} GROUP BY ?kind ORDER BY ?kind""" % STUDY,
}
POINT_LOOKUP = "SELECT ?p ?o WHERE { <%s> ?p ?o }"
# A server is ready once its SPARQL endpoint (path + READY) answers: a big graph's home page alone can take minutes.
READY = "?query=ASK%7B%7D"
STARTUP_SECONDS = 120


def query_set(root: Path, violations: bool = False) -> dict[str, str]:
    """Return the competency questions of a project (and its violation checks if asked) plus the page queries."""
    files = sorted((root / "queries").glob("cq-*.rq"))
    if violations:
        files += sorted((root / "queries").glob("*-violation.rq"))
    return {path.stem: path.read_text(encoding="utf-8") for path in files} | PAGE_QUERIES


def lookup_subjects(store: ox.Store, count: int = 200, seed: int = 7) -> list[str]:
    """Pick typed subjects of the data graphs, the same ones for the same store and seed."""
    rows = store.query("SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s a ?t } FILTER(isIRI(?s) && CONTAINS(STR(?g), '/graph/syn-')) }")
    subjects = sorted(row["s"].value for row in rows)
    return random.Random(seed).sample(subjects, min(count, len(subjects)))


def summary(times: list[float], rows: int | None, note: str = "") -> dict:
    """Return median, p95, min and max in milliseconds."""
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"runs": len(times), "median_ms": round(statistics.median(ordered) * 1000, 3), "p95_ms": round(p95 * 1000, 3),
            "min_ms": round(ordered[0] * 1000, 3), "max_ms": round(ordered[-1] * 1000, 3), "rows": rows, "note": note}


def http_latency(base_url: str, path: str, queries: dict[str, str], runs: int, timeout: float = 120) -> dict[str, dict]:
    """Time each query POSTed as a form to base_url+path on one kept-alive connection, reading the whole answer.

    One warm-up request, then `runs` timed ones (3 if the warm-up took over 1 s; over 10 s the
    warm-up itself is the only figure).
    """
    host = urllib.parse.urlsplit(base_url)
    results = {}
    connection = http.client.HTTPConnection(host.hostname, host.port, timeout=timeout)
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": SPARQL_JSON}
    for name, text in queries.items():
        body = urllib.parse.urlencode({"query": text})
        times, statuses, rows = [], set(), None
        planned = runs + 1
        attempt = 0
        while attempt < planned:
            started = time.perf_counter()
            try:
                connection.request("POST", path, body=body, headers=headers)
                response = connection.getresponse()
                payload = response.read()
            except (OSError, http.client.HTTPException) as err:
                connection.close()
                connection = http.client.HTTPConnection(host.hostname, host.port, timeout=timeout)
                statuses.add(type(err).__name__)
                break
            elapsed = time.perf_counter() - started
            statuses.add(response.status)
            if attempt == 0:
                rows = _rows(payload) if response.status == 200 else None
                # Slow queries are repeated less: 3 times over 1 s, and not at all (the warm-up counts) over 10 s.
                if elapsed > 10:
                    times.append(elapsed)
                    planned = 1
                elif elapsed > 1:
                    planned = min(planned, 4)
            else:
                times.append(elapsed)
            attempt += 1
        note = "" if statuses == {200} else f"statuses {sorted(map(str, statuses))}"
        results[name] = summary(times, rows, note) if times else {"runs": 0, "rows": None, "note": note}
    connection.close()
    return results


def warm_up(base_url: str, paths: list[str], requests: int = 40, accept: str = SPARQL_JSON) -> None:
    """GET paths on fresh connections, so every server worker has started its query processes, opened the store and
    (for pages) read the build's index."""
    host = urllib.parse.urlsplit(base_url)
    for i in range(requests):
        connection = http.client.HTTPConnection(host.hostname, host.port, timeout=120)
        connection.request("GET", paths[i % len(paths)], headers={"Accept": accept})
        connection.getresponse().read()
        connection.close()


def _rows(payload: bytes) -> int:
    """Count the rows of a SPARQL JSON answer (1 for ASK)."""
    answer = json.loads(payload)
    return 1 if "boolean" in answer else len(answer["results"]["bindings"])


def _open(engine: str, source: str):
    """Open the release store read-only (oxigraph) or load the TriG dump into memory (rdflib); return a query function."""
    if engine == "oxigraph":
        store = ox.Store.read_only(source)

        def run(text: str) -> int:
            answer = store.query(text, use_default_graph_as_union=True)
            return 1 if isinstance(answer, ox.QueryBoolean) else sum(1 for _ in answer)
        return run, {}
    import rdflib

    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(source, format="trig")

    def run(text: str) -> int:
        answer = dataset.query(text)
        return 1 if answer.type == "ASK" else sum(1 for _ in answer)
    return run, {"quads": len(dataset)}


def _worker(engine: str, source: str, connection) -> None:
    """Open an engine, then answer (query, runs, slow) requests with per-run timings until the pipe closes."""
    import resource

    started = time.perf_counter()
    run, facts = _open(engine, source)
    connection.send(facts | {"load_seconds": round(time.perf_counter() - started, 3),
                             "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)})
    while True:
        try:
            request = connection.recv()
        except EOFError:
            return
        text, runs, slow = request[:3]
        times, cpu, rows = [], [], None
        try:
            for _ in range(runs):
                begun, begun_cpu = time.perf_counter(), time.process_time()
                rows = run(text)
                times.append(time.perf_counter() - begun)
                cpu.append(time.process_time() - begun_cpu)
                if times[-1] > slow or sum(times) > 6 * slow:
                    break
            connection.send(("ok", times, rows, cpu) if len(request) > 3 else ("ok", times, rows))
        except Exception as err:  # engines raise many kinds; report and go on
            connection.send(("error", times, f"{type(err).__name__}: {err}"[:300], cpu) if len(request) > 3
                            else ("error", times, f"{type(err).__name__}: {err}"[:300]))


def engine_latency(engine: str, source: Path, queries: dict[str, str], runs: int, timeout: float,
                   slow: float = 2.0, max_timeouts: int = 3) -> dict:
    """Time each query in a child process running `engine` (after one warm-up run): wall and CPU time.

    CPU time (the child's, single-threaded engines) is the figure to trust when other work
    shares the machine; wall time is what a user waits.

    A run slower than `slow` seconds is not repeated, nor any once the runs add up to 6 x slow
    (so the repetitions fit the timeout, which covers all runs). A query past `timeout` is stopped by
    killing the child, which is then started again; after `max_timeouts` such stops the
    remaining queries are skipped (queries are best sent cheapest first).
    """
    context = multiprocessing.get_context("spawn")

    def start():
        parent, child = context.Pipe()
        process = context.Process(target=_worker, args=(engine, str(source), child), daemon=True)
        process.start()
        child.close()
        return process, parent

    process, connection = start()
    load = connection.recv()
    results: dict[str, dict] = {}
    timeouts = 0
    for name, text in queries.items():
        if timeouts >= max_timeouts:
            results[name] = {"runs": 0, "rows": None, "note": f"skipped after {timeouts} timeouts"}
            continue
        connection.send((text, runs + 1, slow, "cpu"))
        if not connection.poll(timeout):
            process.kill()
            process.join()
            timeouts += 1
            results[name] = {"runs": 0, "rows": None, "note": f"timeout: over {timeout:g} s"}
            if timeouts < max_timeouts:
                process, connection = start()
                connection.recv()
            continue
        status, times, rows, cpu = connection.recv()
        if status != "ok":
            results[name] = {"runs": 0, "rows": None, "note": rows}
        elif len(times) == 1:
            results[name] = summary(times, rows, f"single run (over {slow:g} s)") | {"cpu_median_ms": round(cpu[0] * 1000, 3)}
        else:
            results[name] = summary(times[1:], rows) | {"cpu_median_ms": round(statistics.median(cpu[1:]) * 1000, 3)}
    process.kill()
    process.join()
    return {"load": load, "queries": results}
