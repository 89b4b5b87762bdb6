"""Render bench/results/*.json as the Markdown tables of BENCHMARKS.md.

    python -m bench.report 10k 100k 1M > build/bench/tables.md
"""

from __future__ import annotations

import json
import math
import statistics
import sys
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
STEPS = ["parse", "shacl", "owl", "owl-substitute (rule typing)", "inference", "checks", "write"]
ENGINES = (("embedded", "embedded pyoxigraph"), ("libkg_http", "libkg /sparql"), ("oxigraph_http", "Oxigraph server"),
           ("rdflib", "rdflib in memory"))


def load(labels: list[str]) -> dict[str, dict]:
    """Read the results of each size."""
    return {label: json.loads((RESULTS / f"{label}.json").read_text()) for label in labels if (RESULTS / f"{label}.json").exists()}


def table(header: list[str], rows: list[list[object]]) -> str:
    """Return a Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def exponent(a: float, b: float, size_a: float, size_b: float) -> str:
    """Return the growth exponent k in time ~ size^k between two measurements."""
    if not a or not b or a <= 0 or b <= 0:
        return "-"
    return f"{math.log(b / a) / math.log(size_b / size_a):.2f}"


def latency(result: dict, engine: str) -> dict:
    """Return the per-query latency figures of an engine."""
    if engine == "embedded":
        return result["embedded"]
    if engine == "rdflib":
        return result.get("rdflib", {}).get("queries", {})
    return result.get(engine, {}).get("latency", {})


def cell(figures: dict | None) -> str:
    """Show median / p95 ms, or why there is none."""
    if not figures:
        return "-"
    if not figures.get("runs"):
        return figures.get("note") or "-"
    cpu = f" (CPU {figures['cpu_median_ms']:.1f})" if "cpu_median_ms" in figures else ""
    note = f" [{figures['note']}]" if figures.get("note") else ""
    return f"{figures['median_ms']:.1f} / {figures['p95_ms']:.1f}{cpu}{note}"


def sizes_table(results: dict[str, dict]) -> str:
    """Return the graph sizes."""
    rows = []
    for label, r in results.items():
        g, gen = r["graph"], r["generate"]
        rows.append([label, gen["studies"], gen["files"], f"{gen['source_triples']:,}", f"{g['triples']:,}", f"{g['inferred_triples']:,}",
                     g["named_graphs"], f"{g['store_bytes'] / 2**20:.1f}"])
    return table(["size", "synthetic studies", "kg files", "source triples", "release triples", "of which inferred",
                  "named graphs", "store MiB"], rows)


def build_table(results: dict[str, dict]) -> str:
    """Return build step times and peak memory per size, with growth exponents."""
    labels = list(results)
    header = ["step"] + [f"{l}: wall s / CPU s (peak MiB)" for l in labels] + [f"growth {a}→{b} (CPU)" for a, b in zip(labels, labels[1:])]
    rows = []
    for step in STEPS:
        records = [results[l]["build"]["steps"].get(step) for l in labels]
        if not any(records):
            continue
        cells = []
        for rec in records:
            if not rec:
                cells.append("-")
            else:
                mark = "" if rec["status"] == "ok" else f" **{rec['status']}**"
                cells.append(f"{rec['seconds']:.1f} / {rec.get('cpu_seconds', 0):.1f} ({rec['peak_rss_mb']:.0f}){mark}")
        growth = []
        for (a, ra), (b, rb) in zip(zip(labels, records), zip(labels[1:], records[1:])):
            ok = ra and rb and ra["status"] == rb["status"] == "ok"
            growth.append(exponent(ra.get("cpu_seconds") or ra["seconds"], rb.get("cpu_seconds") or rb["seconds"],
                                   results[a]["graph"]["triples"], results[b]["graph"]["triples"]) if ok else "-")
        rows.append([step] + cells + growth)
    totals = []
    for l in labels:
        steps = results[l]["build"]["steps"].values()
        totals.append(f"{sum(s['seconds'] for s in steps):.1f}")
    rows.append(["**sum of steps**"] + totals + [""] * (len(labels) - 1))
    return table(header, rows)


def typing_table(results: dict[str, dict]) -> str:
    """Return HermiT against rule typing."""
    rows = []
    for label, r in results.items():
        t = r.get("typing_experiment", {})
        owl = r["build"]["steps"].get("owl", {})
        hermit = f"{owl.get('seconds', 0):.1f} ({owl.get('peak_rss_mb', 0):.0f} MiB)" + ("" if owl.get("status") == "ok" else f" {owl.get('status', '')}")
        agree = "-" if "types_missing_vs_hermit" not in t else f"{t['types_missing_vs_hermit']} missing, {t['types_extra_vs_hermit']} extra"
        rows.append([label, hermit, f"{t.get('rule_typing_seconds', '-')}", t.get("individuals_typed", t.get("error", "-")), agree,
                     f"{t.get('disjointness_query_seconds', '-')}"])
    return table(["size", "HermiT step s (peak)", "rule typing s", "individuals typed", "types vs HermiT", "disjointness query s"], rows)


def query_summary(results: dict[str, dict]) -> str:
    """Return, per size and engine, the median of the query medians and the slowest query."""
    rows = []
    for label, r in results.items():
        for key, name in ENGINES:
            figures = latency(r, key)
            done = {q: f for q, f in figures.items() if f.get("runs")}
            if not figures:
                continue
            medians = [f["median_ms"] for f in done.values()]
            slowest = max(done.items(), key=lambda item: item[1]["median_ms"]) if done else ("-", {"median_ms": 0})
            rows.append([label, name, len(done), len(figures) - len(done), f"{statistics.median(medians):.1f}" if medians else "-",
                         f"{sum(medians):.0f}", f"{slowest[0]} ({slowest[1]['median_ms']:.0f})"])
    return table(["size", "engine", "queries timed", "not timed", "median of medians ms", "sum of medians ms", "slowest (median ms)"], rows)


def query_table(result: dict) -> str:
    """Return every query's median / p95 per engine for one size, with ratios."""
    rows = []
    for name in result["embedded"]:
        cells = [cell(latency(result, key).get(name)) for key, _ in ENGINES]
        emb, http, oxi, rdf = (latency(result, key).get(name, {}) for key, _ in ENGINES)
        ratio = lambda a, b: f"{a['median_ms'] / max(b['median_ms'], 1e-6):.1f}" if a.get("runs") and b.get("runs") else "-"  # noqa: E731
        rows.append([name] + cells + [ratio(http, oxi), ratio(rdf, emb), emb.get("rows", "-")])
    return table(["query"] + [f"{n} median / p95 ms" for _, n in ENGINES] + ["libkg/Oxigraph HTTP", "rdflib/embedded", "rows"], rows)


def checks_table(results: dict[str, dict]) -> str:
    """Return each violation query's embedded latency per size."""
    labels = list(results)
    names = list(next(iter(results.values()))["embedded_checks"])
    rows = [[n] + [cell(results[l]["embedded_checks"].get(n)) for l in labels] for n in names]
    return table(["violation query"] + [f"{l} median / p95 ms" for l in labels], rows)


def load_table(results: dict[str, dict]) -> str:
    """Return throughput and latency under load, with libkg/Oxigraph ratios."""
    rows = []
    for label, r in results.items():
        if "oxigraph_http" not in r or "libkg_http" not in r:
            continue
        oxi = {x["connections"]: x for x in r["oxigraph_http"]["load_point_lookup"]}
        for target, runs in (("libkg /sparql point lookup", r["libkg_http"]["load_point_lookup"]),
                             ("Oxigraph /query point lookup", r["oxigraph_http"]["load_point_lookup"]),
                             ("libkg entity pages", r["libkg_http"].get("load_entity", [])),
                             ("libkg home page", r["libkg_http"]["load_home"])):
            for x in runs:
                ratio = f"{x['requests_per_second'] / oxi[x['connections']]['requests_per_second']:.3f}" if "libkg /sparql" in target else ""
                rows.append([label, target, x["connections"], f"{x['requests_per_second']:.0f}", f"{x['p50_ms']:.1f}", f"{x['p99_ms']:.1f}",
                             x["errors"], x["non_2xx"], ratio])
    return table(["size", "target", "connections", "req/s", "p50 ms", "p99 ms", "errors", "non-2xx", "libkg/Oxigraph req/s"], rows)


def servers_table(results: dict[str, dict]) -> str:
    """Return server memory and load times."""
    rows = []
    for label, r in results.items():
        if "oxigraph_http" not in r or "libkg_http" not in r:
            continue
        rows.append([label, r["libkg_http"]["idle_rss_mb"], r["libkg_http"]["peak_rss_mb_under_load"], r["oxigraph_http"]["idle_rss_mb"],
                     r["oxigraph_http"]["peak_rss_mb_under_load"], r["oxigraph_http"]["load_seconds"],
                     r.get("rdflib", {}).get("load", {}).get("load_seconds", "-"), r.get("rdflib", {}).get("load", {}).get("peak_rss_mb", "-")])
    return table(["size", "libkg serve idle MiB", "libkg under load MiB", "Oxigraph idle MiB", "Oxigraph under load MiB",
                  "oxigraph load s", "rdflib TriG load s", "rdflib MiB after load"], rows)


def main() -> None:
    """Print every table for the sizes named on the command line."""
    results = load(sys.argv[1:] or ["10k", "100k", "1M"])
    print("### Graphs\n\n" + sizes_table(results))
    print("### Build steps\n\n" + build_table(results))
    print("### HermiT against rule typing\n\n" + typing_table(results))
    print("### Query latency summary\n\n" + query_summary(results))
    print("### Violation checks (embedded)\n\n" + checks_table(results))
    print("### Load\n\n" + load_table(results))
    print("### Server memory and load times\n\n" + servers_table(results))
    for label, r in results.items():
        print(f"### Every query at {label}\n\n" + query_table(r))


if __name__ == "__main__":
    main()
