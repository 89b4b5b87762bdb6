"""Typing by rules against HermiT: the same release either way, and a loud failure where the rules fall short."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from harness.project import run_cli
from libkg.build.pipeline import build
from libkg.config import Settings
from libkg.release import current_release

INFERRED = ox.NamedNode("https://w3id.org/libkg/graph/inferred")
RES = "https://w3id.org/libkg/resource/"
LKG = "https://w3id.org/libkg/ontology#"


def inferred_triples(build_path: Path) -> set[str]:
    """Return the release's inferred graph as a set of N-Triples lines."""
    store = current_release(build_path).store.oxigraph
    return {str(ox.Triple(q.subject, q.predicate, q.object)) for q in store.quads_for_pattern(None, None, None, INFERRED)}


def add_to_ontology(project: Path, turtle: str) -> None:
    """Append Turtle (using the ontology file's prefixes) to the ontology."""
    with (project / "ontology" / "libkg.ttl").open("a", encoding="utf-8") as handle:
        handle.write("\n" + turtle + "\n")


def test_rules_alone_infer_exactly_what_hermit_realises(built_project: Settings, tmp_path: Path):
    rules_only = Settings(root=built_project.root, build_dir=tmp_path / "rules", owl_abox_limit=0)
    build(rules_only)
    with_hermit = inferred_triples(built_project.build_path)
    assert f"<{RES}british-library> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{LKG}NationalLibrary>" in with_hermit
    assert inferred_triples(rules_only.build_path) == with_hermit


def test_an_axiom_the_rules_do_not_cover_fails_the_build_naming_the_missed_type(project: Path):
    add_to_ontology(project, f"lkg:Landmark a owl:Class ; owl:equivalentClass [ a owl:Class ; owl:oneOf ( <{RES}british-library> ) ] .")
    result = run_cli("build", cwd=project)
    assert result.returncode != 0
    assert "typing rules" in result.stderr
    assert f"<{RES}british-library> a <{LKG}Landmark>" in result.stderr
    assert not (project / "build" / "current").exists()


@pytest.mark.parametrize("limit", ["0", "1000000"])
def test_an_unsatisfiable_class_is_refused_whether_or_not_hermit_sees_the_data(project: Path, monkeypatch, limit: str):
    monkeypatch.setenv("LIBKG_OWL_ABOX_LIMIT", limit)
    add_to_ontology(project, "lkg:LibraryEnterprise a owl:Class ; rdfs:subClassOf lkg:Library , lkg:Enterprise .")
    result = run_cli("build", cwd=project)
    assert result.returncode != 0
    assert "OWL inconsistency" in result.stderr
    assert f"<{LKG}LibraryEnterprise> can have no member" in result.stderr
