"""Benchmark libkg at several sizes: build steps, query latency, HTTP load, against Oxigraph and rdflib.

    python -m bench.run --sizes 10k 100k      (or python bench/run.py ..., which runs the same)
    nohup python -m bench.run --sizes 1M > build/bench/1M.log 2>&1 &

Per size it writes bench/results/<size>.json (git-ignored) and prints tables. Every server
it starts listens on 127.0.0.1 only and every load run stops by itself. The run first copies
libkg/ and webapp/ to build/bench/code/<time>/ and runs everything from that copy, so a long
run measures one version of the code even while the work tree changes.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORK = REPO / "build" / "bench"


def _run_from_snapshot() -> None:
    """Re-run as 'python -m bench.run' over a fresh copy of libkg/ and webapp/ (once), the repository next on PYTHONPATH."""
    if os.environ.get("LIBKG_BENCH_CODE"):
        return
    snapshot = WORK / "code" / time.strftime("%Y%m%dT%H%M%S")
    for package in ("libkg", "webapp"):
        shutil.copytree(REPO / package, snapshot / package, ignore=shutil.ignore_patterns("__pycache__"))
    state = subprocess.run(["git", "status", "--porcelain", "--", "libkg", "webapp"], capture_output=True, text=True, cwd=REPO).stdout
    head = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True, cwd=REPO).stdout.strip()
    (snapshot / "SOURCE").write_text(f"{head}\n{state}", encoding="utf-8")
    os.environ["LIBKG_BENCH_CODE"] = str(snapshot)
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(snapshot), str(REPO), os.environ.get("PYTHONPATH")]))
    os.execv(sys.executable, [sys.executable, "-m", "bench.run", *sys.argv[1:]])


if __name__ == "__main__":
    _run_from_snapshot()

import pyoxigraph as ox  # noqa: E402

import libkg  # noqa: E402
from bench.ceiling import every_subject, measure as measure_ceiling, print_ceiling  # noqa: E402
from bench.generate import generate, parse_size  # noqa: E402
from bench.load import query_paths, run_load  # noqa: E402
from bench.measure import Sampler, run_steps, tree_rss_kb  # noqa: E402
from bench.queries import (POINT_LOOKUP, READY, STARTUP_SECONDS, engine_latency, http_latency, lookup_subjects,  # noqa: E402
                           query_set, warm_up)
from harness.servers import LOCALHOST, free_port, libkg_server, running  # noqa: E402
from libkg.config import CANONICAL_BASE_IRI, Settings  # noqa: E402
from libkg.release import Release, current_release  # noqa: E402

RESULTS = HERE / "results"
# The size that names the repository's own curated graph (built where it is, never generated).
CURATED = "curated"
STEPS = ["discover", "parse", "terms", "shacl", "evidence", "owl", "inference", "checks", "write"]
SKIPPABLE = {"shacl", "checks"}
PHASES = ("typing", "embedded", "libkg", "oxigraph", "rdflib", "ceiling", "pages")
# Pages a student opens, loaded one kind at a time (entity pages rotate over the lookup subjects).
WARM_UP_SECONDS = 5
PAGES = {"home": "/", "search": "/search?q=cooperation", "browse": "/browse", "compare": "/compare"}


def machine() -> dict:
    """Describe the machine and the versions measured."""
    cpu = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines() if l.startswith("model name")), "?")
    memory = next(l.split()[1] for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal"))

    def version(command: list[str]) -> str:
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=30)
            return (done.stdout or done.stderr).strip().splitlines()[0]
        except (OSError, IndexError, subprocess.TimeoutExpired):
            return "not installed"

    packages = ["pyoxigraph", "rdflib", "shacl", "pyshacl", "owlready2", "Flask", "gunicorn", "oxigraph"]
    code = Path(os.environ.get("LIBKG_BENCH_CODE", REPO))
    source = (code / "SOURCE").read_text().splitlines() if (code / "SOURCE").exists() else ["?"]
    return {"libkg_code": {"imported_from": str(Path(libkg.__file__).parent), "git_head": source[0],
                           "uncommitted_changes": source[1:]},
            "nproc": os.cpu_count(), "memory_gib": round(int(memory) / 1024 ** 2, 1), "cpu": cpu,
            "kernel": platform.release(), "python": platform.python_version(),
            "packages": {p: metadata.version(p) for p in packages if _installed(p)},
            "java": version(["java", "-version"]), "oxigraph_cli": version(["oxigraph", "--version"]),
            "wrk": version(["wrk", "--version"]) if shutil.which("wrk") else "not installed"}


def _installed(package: str) -> bool:
    """Tell whether a distribution is installed."""
    try:
        metadata.version(package)
        return True
    except metadata.PackageNotFoundError:
        return False


def measure_build(root: Path, step_timeout: float, logs: Path) -> dict:
    """Build with libkg's own code, stepping over any step that outlasts step_timeout, until a release exists.

    When a step is stopped, the next run skips it and every skippable step already measured.
    """
    skips: list[str] = []
    attempts = []
    (logs / "hermit-types.json").unlink(missing_ok=True)
    while True:
        command = [sys.executable, "-m", "bench.probe", "--root", str(root)] + [a for s in skips for a in ("--skip", s)]
        command += ["--types-out", str(logs / "hermit-types.json")]
        outcome = run_steps(command, STEPS, step_timeout, logs / f"build-{len(attempts)}.log", cwd=REPO)
        attempts.append({"skipped": list(skips), "status": outcome["status"], "wall_seconds": outcome["wall_seconds"],
                         "peak_rss_mb_exact": outcome["peak_rss_mb_exact"], "steps": [s.as_dict() for s in outcome["steps"]]})
        stopped = outcome["steps"][-1].name if outcome["steps"] and outcome["steps"][-1].status != "ok" else None
        if stopped in SKIPPABLE:
            attempts[-1]["error"] = (logs / f"build-{len(attempts) - 1}.log").read_text()[-1500:]
            # Steps already measured are not run again: only what comes after the stopped one is left to see.
            measured = [s.name for s in outcome["steps"] if s.status == "ok" and s.name in SKIPPABLE]
            skips += [name for name in measured + [stopped] if name not in skips]
            continue
        break
    steps: dict[str, dict] = {}
    for attempt in attempts:
        for record in attempt["steps"]:
            name = record["step"]
            if name not in attempt["skipped"] and name not in steps:
                steps[name] = record | {"run": attempts.index(attempt)}
    return {"attempts": attempts, "steps": steps, "complete": attempts[-1]["status"] == "ok"}


def release_of(root: Path) -> Release:
    """Return the current release of a project."""
    return current_release(Settings(root=root).build_path)


def libkg_http(root: Path, queries: dict[str, str], paths: list[str], entity_paths: list[str], runs: int, levels: list[int],
               seconds: float, logs: Path) -> dict:
    """Serve the project with 'libkg serve' and time queries, then load /sparql, entity pages and the home page."""
    with libkg_server(root, "/sparql" + READY, STARTUP_SECONDS, logs / "libkg-serve.log") as served:
        url, process = served.url, served.process
        warm_up(url, paths)
        warm_up(url, entity_paths, accept="text/html")
        idle = tree_rss_kb(process.pid) / 1024
        latency = http_latency(url, "/sparql", queries, runs)
        sampler = Sampler(process.pid, 0.5)
        sparql = [run_load(url, paths, c, seconds) for c in levels]
        entity = [run_load(url, entity_paths, c, seconds, "text/html") for c in levels]
        home = [run_load(url, ["/"], c, seconds, "text/html") for c in levels]
        sampler.stop()
    return {"idle_rss_mb": round(idle, 1), "peak_rss_mb_under_load": round(sampler.peak_kb() / 1024, 1),
            "latency": latency, "load_point_lookup": sparql, "load_entity": entity, "load_home": home}


def page_load(root: Path, entity_paths: list[str], levels: list[int], seconds: float, logs: Path) -> dict:
    """Serve the project and load each kind of page in turn at each number of connections, after a warm-up."""
    with libkg_server(root, "/sparql" + READY, STARTUP_SECONDS, logs / "libkg-pages.log") as served:
        kinds = {name: [path] for name, path in PAGES.items()} | {"entity": entity_paths}
        for paths in kinds.values():  # every worker renders each page once per release: let each do so first
            warm_up(served.url, paths, accept="text/html")
            run_load(served.url, paths, max(levels), WARM_UP_SECONDS, "text/html")
        return {name: [run_load(served.url, paths, c, seconds, "text/html") for c in levels] for name, paths in kinds.items()}


def print_pages(pages: dict) -> None:
    """Print each page's throughput and latency under load, with its p99 over its median."""
    print(f"\n{'page (GET, text/html)':<22}{'conns':>6}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'p99/p50':>9}{'errors':>8}")
    for name, runs in pages.items():
        for r in runs:
            print(f"{name:<22}{r['connections']:>6}{r['requests_per_second']:>10.1f}{r['p50_ms']:>9.1f}{r['p99_ms']:>9.1f}"
                  f"{r['p99_ms'] / max(r['p50_ms'], 1e-6):>9.1f}{r['errors'] + r['non_2xx']:>8}")


def oxigraph_http(release: Release, queries: dict[str, str], paths: list[str], runs: int, levels: list[int], seconds: float,
                  logs: Path, timeout: float) -> dict:
    """Load the release's TriG dump into a standalone Oxigraph server and measure it the same way.

    No --timeout-s: in oxigraph 0.5.13 it starts a thread per query, and under load thread
    creation fails (EAGAIN), the server answers 500 and then panics. A slow query is cut by
    the client's `timeout` instead.
    """
    location = WORK / "oxigraph-store"
    shutil.rmtree(location, ignore_errors=True)
    started = time.perf_counter()
    subprocess.run(["oxigraph", "load", "--location", str(location), "--file", str(release.dump_path("libkg.trig"))],
                   check=True, capture_output=True)
    load_seconds = time.perf_counter() - started
    port = free_port()
    url = f"http://{LOCALHOST}:{port}"
    command = ["oxigraph", "serve", "--location", str(location), "--bind", f"{LOCALHOST}:{port}", "--union-default-graph"]
    paths = [p.replace("/sparql?", "/query?", 1) for p in paths]
    with running(command, url + "/query" + READY, logs / "oxigraph-serve.log", seconds=STARTUP_SECONDS) as process:
        warm_up(url, paths)
        idle = tree_rss_kb(process.pid) / 1024
        latency = http_latency(url, "/query", queries, runs, timeout)
        sampler = Sampler(process.pid, 0.5)
        sparql = [run_load(url, paths, c, seconds) for c in levels]
        sampler.stop()
    shutil.rmtree(location, ignore_errors=True)
    return {"load_seconds": round(load_seconds, 2), "idle_rss_mb": round(idle, 1),
            "peak_rss_mb_under_load": round(sampler.peak_kb() / 1024, 1), "latency": latency, "load_point_lookup": sparql}


def typing_experiment(root: Path, logs: Path, timeout: float) -> dict:
    """Run bench.experiments typing in its own process."""
    command = [sys.executable, "-m", "bench.experiments", "typing", "--root", str(root), "--hermit-types", str(logs / "hermit-types.json")]
    try:
        done = subprocess.run(command, capture_output=True, text=True, cwd=REPO, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"timeout: over {timeout:g} s"}
    return json.loads(done.stdout) if done.returncode == 0 else {"error": done.stderr[-2000:]}


def phase(result: dict, name: str) -> None:
    """Announce a phase and note the machine's load average as it starts (other work on the machine skews figures)."""
    print(f"== {result['size']}: {name}", flush=True)
    result.setdefault("loadavg_at_start", {})[name] = Path("/proc/loadavg").read_text().split()[:3]
    (RESULTS / f"{result['size']}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")


def bench_size(label: str, args) -> dict:
    """Run every measurement for one size and return the results."""
    root = REPO if label == CURATED else WORK / "projects" / label
    logs = WORK / "logs" / label
    logs.mkdir(parents=True, exist_ok=True)
    saved = RESULTS / f"{label}.json"
    if args.reuse and not saved.exists():  # a project built before: measure it as it is
        result = {"size": label, "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "machine": machine()}
    elif args.reuse:
        result = json.loads(saved.read_text()) | {"remeasured": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                                                  "machine_at_remeasure": machine()}
    else:
        result = {"size": label, "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "machine": machine()}
        if label != CURATED:
            phase(result, "generating")
            started = time.perf_counter()
            result["generate"] = generate(parse_size(label), root, args.seed) | {"seconds": round(time.perf_counter() - started, 2)}
        phase(result, "building")
        result["build"] = measure_build(root, args.step_timeout, logs)
    if "build" in result:
        print_build(result["build"])
    release = release_of(root)
    graphs = release.stats["graphs"]
    result["graph"] = {"triples": release.stats["triples"], "named_graphs": len(graphs),
                       "inferred_triples": next((n for g, n in graphs.items() if g.endswith("/graph/inferred")), 0),
                       "release": str(release.path), "store_bytes": sum(f.stat().st_size for f in release.store_path.rglob("*") if f.is_file())}
    wanted = set(args.phases)
    if "typing" in wanted:
        phase(result, "rule typing experiment")
        result["typing_experiment"] = typing_experiment(root, logs, args.step_timeout)
    queries = query_set(root)
    checks = {k: v for k, v in query_set(root, violations=True).items() if k.endswith("-violation")}
    if "embedded" in wanted:
        phase(result, "embedded queries")
        embedded = engine_latency("oxigraph", release.store_path, queries, args.runs, args.query_timeout, slow=10)
        result["embedded"], result["embedded_open"] = embedded["queries"], embedded["load"]
        result["embedded_checks"] = engine_latency("oxigraph", release.store_path, checks, args.check_runs, args.check_timeout,
                                                   slow=60)["queries"]
    store = ox.Store.read_only(str(release.store_path))
    subjects = lookup_subjects(store) or every_subject(store)[:200]
    del store
    paths = query_paths("/sparql", [POINT_LOOKUP % s for s in subjects])
    # the app serves base + path at /path; entity pages are those of resources (not of ontology or outside terms)
    entity_paths = ["/" + s.removeprefix(CANONICAL_BASE_IRI) for s in subjects if s.startswith(CANONICAL_BASE_IRI + "resource/")]
    if "libkg" in wanted:
        phase(result, "libkg serve")
        result["libkg_http"] = libkg_http(root, queries, paths, entity_paths, args.runs, args.concurrency, args.seconds, logs)
    if "oxigraph" in wanted:
        phase(result, "oxigraph serve")
        result["oxigraph_http"] = oxigraph_http(release, queries, paths, args.runs, args.concurrency, args.seconds, logs,
                                                args.query_timeout)
    if "rdflib" in wanted and not args.no_rdflib:
        phase(result, "rdflib")
        cheapest_first = dict(sorted(queries.items(), key=lambda item: result["embedded"][item[0]].get("median_ms", 1e9)))
        result["rdflib"] = engine_latency("rdflib", release.dump_path("libkg.trig"), cheapest_first, args.rdflib_runs,
                                          args.rdflib_timeout, max_timeouts=args.rdflib_max_timeouts)
    if "ceiling" in wanted:
        phase(result, "ceiling: point lookups against Oxigraph, the servers' floors and rdflib-endpoint")
        result["ceiling"] = measure_ceiling(root, args.ceiling_seconds, [1, 8], args.ceiling_rounds, args.rdflib_endpoint)
    if "pages" in wanted:
        phase(result, "pages under load")
        result["pages"] = page_load(root, entity_paths, args.page_concurrency, args.seconds, logs)
    result["finished"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    return result


def print_build(build: dict) -> None:
    """Print the build steps table."""
    print(f"{'step':<30} {'seconds':>10} {'CPU s':>8} {'peak MiB':>10}  status")
    for name, record in build["steps"].items():
        print(f"{name:<30} {record['seconds']:>10.2f} {record['cpu_seconds']:>8.1f} {record['peak_rss_mb']:>10.0f}  {record['status']}")
    for attempt in build["attempts"]:
        print(f"  run skipping {attempt['skipped'] or 'nothing'}: {attempt['status']}, {attempt['wall_seconds']} s, "
              f"exact peak {attempt['peak_rss_mb_exact']} MiB")


def print_queries(result: dict) -> None:
    """Print query latency per engine, with ratios measured in the same run."""
    engines = {"embedded": result["embedded"], "libkg-http": result["libkg_http"]["latency"],
               "oxigraph-http": result["oxigraph_http"]["latency"]}
    if "rdflib" in result:
        engines["rdflib"] = result["rdflib"]["queries"]
    print(f"\n{'query (median / p95 ms)':<44}" + "".join(f"{e:>22}" for e in engines) + f"{'http/oxi':>10}{'rdflib/emb':>12}")
    for name in result["embedded"]:
        cells = []
        for figures in engines.values():
            f = figures.get(name, {})
            cells.append(f"{f['median_ms']:.1f} / {f['p95_ms']:.1f}" if f.get("runs") else (f.get("note") or "-")[:20])
        ratio_http = _ratio(engines["libkg-http"].get(name), engines["oxigraph-http"].get(name))
        ratio_rdflib = _ratio(engines.get("rdflib", {}).get(name), engines["embedded"].get(name))
        print(f"{name:<44}" + "".join(f"{c:>22}" for c in cells) + f"{ratio_http:>10}{ratio_rdflib:>12}")
    print(f"\n{'violation check':<44}{'embedded median ms':>22}")
    for name, f in result["embedded_checks"].items():
        print(f"{name:<44}" + (f"{f['median_ms']:>22.1f}" if f.get("runs") else f"{f['note']:>22}"))


def print_load(result: dict) -> None:
    """Print throughput and latency under load, with libkg/Oxigraph ratios."""
    print(f"\n{'load (GET, 127.0.0.1)':<34}{'conns':>6}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'non2xx':>8}")
    rows = [("libkg /sparql point lookup", result["libkg_http"]["load_point_lookup"]),
            ("oxigraph /query point lookup", result["oxigraph_http"]["load_point_lookup"]),
            ("libkg entity pages", result["libkg_http"].get("load_entity", [])),
            ("libkg home page /", result["libkg_http"]["load_home"])]
    for label, runs in rows:
        for r in runs:
            print(f"{label:<34}{r['connections']:>6}{r['requests_per_second']:>10.1f}{r['p50_ms']:>9.1f}{r['p99_ms']:>9.1f}"
                  f"{r['errors']:>8}{r['non_2xx']:>8}")
    for mine, theirs in zip(result["libkg_http"]["load_point_lookup"], result["oxigraph_http"]["load_point_lookup"]):
        print(f"  libkg/oxigraph throughput at {mine['connections']} connections: "
              f"{mine['requests_per_second'] / max(theirs['requests_per_second'], 1e-9):.3f}")


def _ratio(numerator: dict | None, denominator: dict | None) -> str:
    """Return numerator/denominator of two medians, or '-'."""
    if not numerator or not denominator or not numerator.get("runs") or not denominator.get("runs"):
        return "-"
    return f"{numerator['median_ms'] / max(denominator['median_ms'], 1e-6):.1f}x"


def main() -> None:
    """Benchmark each requested size and save its JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=["10k", "100k"])
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--runs", type=int, default=20, help="timed runs per query (after one warm-up)")
    parser.add_argument("--check-runs", type=int, default=3, help="timed runs per violation query")
    parser.add_argument("--rdflib-runs", type=int, default=5)
    parser.add_argument("--rdflib-timeout", type=float, default=120, help="stop an rdflib query after this many seconds")
    parser.add_argument("--rdflib-max-timeouts", type=int, default=3, help="skip the remaining rdflib queries after this many timeouts")
    parser.add_argument("--query-timeout", type=float, default=120, help="stop an embedded query after this many seconds")
    parser.add_argument("--check-timeout", type=float, default=600, help="stop an embedded violation query after this many seconds")
    parser.add_argument("--no-rdflib", action="store_true")
    parser.add_argument("--step-timeout", type=float, default=900, help="stop a build step after this many seconds")
    parser.add_argument("--seconds", type=float, default=10, help="duration of each load run")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument("--page-concurrency", type=int, nargs="+", default=[8, 32])
    parser.add_argument("--ceiling-seconds", type=float, default=5, help="duration of each ceiling load run")
    parser.add_argument("--ceiling-rounds", type=int, default=3)
    parser.add_argument("--rdflib-endpoint", help="path of the rdflib-endpoint command, measured in the ceiling phase")
    parser.add_argument("--reuse", action="store_true",
                        help="keep the project, build and figures of bench/results/<size>.json (or a project built "
                             "before at build/bench/projects/<size>); re-measure only --phases")
    parser.add_argument("--phases", nargs="+", default=list(PHASES), choices=PHASES, help="which measurements to run")
    args = parser.parse_args()
    RESULTS.mkdir(exist_ok=True)
    for label in args.sizes:
        result = bench_size(label, args)
        (RESULTS / f"{label}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
        if {"embedded", "libkg_http", "oxigraph_http"} <= result.keys():
            print_queries(result)
            print_load(result)
        if "ceiling" in result:
            print_ceiling(result["ceiling"])
        if "pages" in result:
            print_pages(result["pages"])
        print(f"== {label}: written {RESULTS / f'{label}.json'}", flush=True)


if __name__ == "__main__":
    main()
