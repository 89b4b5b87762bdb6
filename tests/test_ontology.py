"""The ontology is OWL 2 DL, bilingual, consistent under HermiT, and its alignments work after reasoning."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from harness.project import ROOT, parse_folder
from libkg.build.parsing import parse_source
from libkg.build.reasoning import classify, hermit_types
from libkg.build.sources import SourceFile
from libkg.errors import InconsistentOntology

LKG = rdflib.Namespace("https://w3id.org/libkg/ontology#")
ONTOLOGY_GRAPH = "https://w3id.org/libkg/graph/ontology"


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    """The ontology files parsed with rdflib."""
    return parse_folder(ROOT / "ontology")


def own_terms(graph: rdflib.Graph) -> list[rdflib.URIRef]:
    """Every class and property in the lkg namespace."""
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    return sorted({s for kind in kinds for s in graph.subjects(RDF.type, kind) if str(s).startswith(str(LKG))})


def ontology_quads() -> list[ox.Quad]:
    """The ontology as quads, the way the build reads it."""
    return [q for p in sorted((ROOT / "ontology").glob("*.ttl")) for q in parse_source(SourceFile(p, ONTOLOGY_GRAPH, ROOT))]


def test_ontology_has_metadata(ontology: rdflib.Graph):
    header = rdflib.URIRef("https://w3id.org/libkg/ontology")
    assert (header, RDF.type, OWL.Ontology) in ontology
    for predicate in (OWL.versionIRI, rdflib.DCTERMS.license, rdflib.DCTERMS.title, rdflib.DCTERMS.description):
        assert ontology.value(header, predicate) is not None, predicate
    vann = rdflib.Namespace("http://purl.org/vocab/vann/")
    assert str(ontology.value(header, vann.preferredNamespacePrefix)) == "lkg"
    assert str(ontology.value(header, vann.preferredNamespaceUri)) == str(LKG)


def test_every_term_has_english_and_chinese_label_and_definition(ontology: rdflib.Graph):
    terms = own_terms(ontology)
    assert len(terms) > 60
    missing = []
    for term in terms:
        for predicate in (RDFS.label, SKOS.definition):
            languages = sorted(o.language for o in ontology.objects(term, predicate) if isinstance(o, rdflib.Literal))
            if languages != ["en", "zh"]:
                missing.append(f"{term} {predicate}: {languages}")
    assert not missing, "\n".join(missing)


def test_ontology_is_consistent_under_hermit_and_every_class_can_have_members(ontology: rdflib.Graph):
    classes = [term for term in own_terms(ontology) if (term, RDF.type, OWL.Class) in ontology]
    witness = {cls: ox.NamedNode(f"urn:witness:{cls.split('#')[1]}") for cls in classes}
    members = [ox.Quad(node, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(cls)), ox.NamedNode("urn:witnesses"))
               for cls, node in witness.items()]
    realised = hermit_types(ontology_quads() + members, ONTOLOGY_GRAPH)
    assert len(classes) > 30
    assert all(str(cls) in realised[node.value] for cls, node in witness.items())
    national = realised[witness[LKG.NationalLibrary].value]
    assert {str(LKG.Library), str(LKG.Organization), "https://schema.org/Library"} <= national


def test_inconsistent_fixture_is_caught():
    fixture = ROOT / "tests" / "fixtures" / "inconsistent.ttl"
    quads = ontology_quads() + parse_source(SourceFile(fixture, "https://w3id.org/libkg/graph/fixture", ROOT))
    with pytest.raises(InconsistentOntology) as caught:
        classify(quads, ONTOLOGY_GRAPH, {"https://w3id.org/libkg/resource/library-and-enterprise": {"fixture.ttl"}}, abox_limit=0)
    assert "fixture.ttl: <https://w3id.org/libkg/resource/library-and-enterprise> is both" in str(caught.value)


def test_schema_org_query_finds_the_libraries_after_reasoning(runner):
    query = "PREFIX schema: <https://schema.org/> SELECT ?library WHERE { ?library a schema:Library }"
    result = runner.invoke(["query", "-f", "csv", "-e", query])
    assert result.exit_code == 0, result.output
    found = {row["library"] for row in csv.DictReader(io.StringIO(result.stdout))}
    res = "https://w3id.org/libkg/resource/"
    assert {res + "british-library", res + "fudan-university-library", res + "heilongjiang-provincial-library"} <= found


def test_defined_classes_are_realised(runner):
    query = "PREFIX lkg: <https://w3id.org/libkg/ontology#> SELECT ?x WHERE { ?x a lkg:NationalLibrary }"
    result = runner.invoke(["query", "-f", "csv", "-e", query])
    assert result.stdout.splitlines()[1:] == ["https://w3id.org/libkg/resource/british-library"]


def test_inferred_triples_live_in_their_own_graph(runner):
    query = (
        "PREFIX lkg: <https://w3id.org/libkg/ontology#> ASK { GRAPH <https://w3id.org/libkg/graph/inferred> "
        "{ ?study lkg:reports ?claim } FILTER NOT EXISTS { GRAPH ?g { ?study lkg:reports ?claim } "
        "FILTER(?g != <https://w3id.org/libkg/graph/inferred>) } }"
    )
    result = runner.invoke(["query", "-f", "json", "-e", query])
    assert json.loads(result.stdout)["boolean"] is True
