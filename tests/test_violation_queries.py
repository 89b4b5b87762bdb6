"""The build's violation queries: silent on the curated graph, and each finds the fault planted for it."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from libkg.build.checks import run_violation_queries
from libkg.config import Settings
from libkg.release import current_release

LKG = "https://w3id.org/libkg/ontology#"
RES = "https://w3id.org/libkg/resource/"
SKOS = "http://www.w3.org/2004/02/skos/core#"


def released_copy(settings: Settings) -> ox.Store:
    """Load the curated release (asserted and inferred triples) into a store the test may change."""
    store = ox.Store()
    store.bulk_extend(current_release(settings.build_path).store.oxigraph.quads_for_pattern(None, None, None, None))
    return store


def remove(store: ox.Store, subject: str | None, predicate: str, value: str | None) -> None:
    """Remove every quad matching the pattern, in every graph (asserted and inferred alike)."""
    pattern = [ox.NamedNode(term) if term else None for term in (subject, predicate, value)]
    for quad in list(store.quads_for_pattern(*pattern, None)):
        store.remove(quad)


def some(store: ox.Store, predicate: str, value: str) -> str:
    """Return one subject that has predicate value, to plant a fault on."""
    return next(iter(store.quads_for_pattern(None, ox.NamedNode(predicate), ox.NamedNode(value), None))).subject.value


def test_no_violation_query_fires_on_the_curated_graph(built_project: Settings):
    queries = sorted((built_project.root / "queries").glob("*-violation.rq"))
    assert len(queries) >= 6
    assert run_violation_queries(released_copy(built_project), queries, {}, {}) == []


FAULTS = {
    "problem-without-study": ("reportedIn", "Problem"),
    "remedy-without-theme": ("hasTheme", "Remedy"),
    "concept-without-scheme": ("inScheme", "Concept"),
}


@pytest.mark.parametrize("name", sorted(FAULTS))
def test_a_resource_stripped_of_its_required_link_is_reported(built_project: Settings, name: str):
    link, kind = FAULTS[name]
    store = released_copy(built_project)
    namespace = SKOS if kind == "Concept" else LKG
    victim = some(store, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", namespace + kind)
    remove(store, victim, (SKOS if link == "inScheme" else LKG) + link, None)
    failures = run_violation_queries(store, [built_project.root / "queries" / f"{name}-violation.rq"], {victim: {"kg/x.ttl"}}, {})
    assert failures and all(f"<{victim}>" in line for line in failures)
    assert all(line.startswith("kg/x.ttl: ") and "\n    fix: " in line for line in failures)  # where, and how to mend it


def test_a_problem_no_remedy_addresses_is_reported_with_its_study(built_project: Settings):
    store = released_copy(built_project)
    problem = f"{RES}hebei-problem-talent-shortage"
    remove(store, None, LKG + "addresses", problem)
    remove(store, problem, LKG + "addressedBy", None)
    failures = run_violation_queries(store, [built_project.root / "queries" / "unaddressed-problem-violation.rq"],
                                     {problem: {"kg/studies/hebei-iee.ttl"}}, {})
    assert failures == [
        "kg/studies/hebei-iee.ttl: a problem reported by a study that proposes remedies, but which no remedy addresses. "
        f"[unaddressed-problem-violation.rq]\n    found: ?problem=<{problem}>, ?study=<{RES}study-hebei-iee>\n"
        "    fix: pair the problem with a remedy that addresses it: res:<remedy> lkg:addresses res:<problem>, in the study's "
        "file if the source pairs them, else in kg/synthesis/curator-links.ttl"]


def test_a_curator_link_in_a_study_file_names_the_file_and_where_to_move_it(built_project: Settings):
    store = released_copy(built_project)
    remedy, theme = f"{RES}hebei-countermeasure-strengthen-publicity", f"{RES}theme-publicity-and-promotion"
    graph = ox.NamedNode("https://w3id.org/libkg/graph/hebei-iee")
    store.add(ox.Quad(ox.NamedNode(remedy), ox.NamedNode(LKG + "hasTheme"), ox.NamedNode(theme), graph))
    failures = run_violation_queries(store, [built_project.root / "queries" / "curator-link-outside-synthesis-violation.rq"],
                                     {}, {graph.value: "kg/studies/hebei-iee.ttl"})
    assert len(failures) == 1 and failures[0].startswith("kg/studies/hebei-iee.ttl: ")
    assert "move the statement to kg/synthesis/curator-links.ttl" in failures[0]
