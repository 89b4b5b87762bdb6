"""The command line on a small fixture graph, built as a user builds it: query in every output format, and stats."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from harness.project import ROOT, run_cli

FIXTURE = ROOT / "tests" / "fixtures" / "mini-kg"
SOURCES = ROOT / "tests" / "fixtures" / "mini-sources"
PAIRS = """PREFIX lkg: <https://w3id.org/libkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?problem ?remedy WHERE {
  ?remedy lkg:addresses ?p . ?p rdfs:label ?problem . FILTER(LANG(?problem) = "en")
} ORDER BY ?problem"""
RES = "https://w3id.org/libkg/resource/"


@pytest.fixture(scope="module")
def mini(tmp_path_factory) -> Path:
    """The real project's ontology and shapes with the fixture graph as kg/, built."""
    root = tmp_path_factory.mktemp("mini")
    result = run_cli("--root", str(ROOT), "--build-dir", str(root / "build"), "--sources", str(SOURCES), "build", "--kg", str(FIXTURE),
                     cwd=root)
    assert result.returncode == 0, result.stderr
    return root


def on_mini(runner, mini: Path, *args: str):
    """Run a libkg command over the fixture build, in this process."""
    return runner.invoke(["--root", str(ROOT), "--build-dir", str(mini / "build"), *args])


def query(runner, mini: Path, *args: str) -> str:
    """Run libkg query against the fixture build and return its output."""
    result = on_mini(runner, mini, "query", *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_query_csv_returns_the_fixture_rows(runner, mini: Path):
    rows = list(csv.reader(io.StringIO(query(runner, mini, "-f", "csv", "-e", PAIRS))))
    assert rows == [["problem", "remedy"], ["Too few staff", RES + "mini-countermeasure-staff"],
                    ["Too little money", RES + "mini-countermeasure-funding"]]


def test_query_reads_a_file_and_prints_a_table_with_prefixed_names(runner, mini: Path, tmp_path: Path):
    path = tmp_path / "pairs.rq"
    path.write_text(PAIRS, encoding="utf-8")
    table = query(runner, mini, str(path))
    assert "res:mini-countermeasure-staff" in table and "(2 rows)" in table


def test_query_json_and_turtle(runner, mini: Path):
    answer = json.loads(query(runner, mini, "-f", "json", "-e", PAIRS))
    assert len(answer["results"]["bindings"]) == 2
    turtle = query(runner, mini, "-f", "turtle", "-e", f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o FILTER(?s = <{RES}mini-study>) }}")
    assert "res:mini-study" in turtle and "小型研究" in turtle


def test_query_syntax_error_is_reported(runner, mini: Path):
    result = on_mini(runner, mini, "query", "-e", "SELECT * {")
    assert result.exit_code != 0 and "SPARQL syntax error" in result.stderr


def test_query_refuses_an_unknown_format(runner):
    result = runner.invoke(["query", "-f", "xlsx", "-e", "ASK {}"])
    assert result.exit_code == 2 and "'xlsx' is not one of" in result.stderr


def test_stats_counts_per_graph_study_and_class(runner, mini: Path):
    result = on_mini(runner, mini, "stats", "--json")
    figures = json.loads(result.stdout)
    assert set(figures["graphs"]) == {f"https://w3id.org/libkg/graph/{g}" for g in ("ontology", "mini-study", "curator-links", "inferred")}
    assert figures["studies"][RES + "mini-study"]["https://w3id.org/libkg/ontology#Problem"] == 2
    assert figures["classes"]["https://w3id.org/libkg/ontology#Countermeasure"] == 2
    text = on_mini(runner, mini, "stats").stdout
    assert "Triples per named graph" in text and "Instances per class" in text
