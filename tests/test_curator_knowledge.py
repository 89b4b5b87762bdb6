"""What the curators know from outside the studies lives in graph/curator-knowledge only, each statement explained."""

from __future__ import annotations

import pytest

from libkg.connect import open_snapshot

LKG = "https://w3id.org/libkg/ontology#"
RES = "https://w3id.org/libkg/resource/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SKOS_BROADER = "http://www.w3.org/2004/02/skos/core#broader"
OWL = "http://www.w3.org/2002/07/owl#"
CURATOR_KNOWLEDGE = "https://w3id.org/libkg/graph/curator-knowledge"
INFERRED = "https://w3id.org/libkg/graph/inferred"

# Every statement moved out of the study and shared files because no source states it:
# (subject, predicate, object), full IRIs.
MOVED = [
    (RES + "british-library", LKG + "libraryType", RES + "library-type-national"),
    (RES + "heilongjiang-provincial-library", LKG + "libraryType", RES + "library-type-public"),
    (RES + "ifla", RDF_TYPE, LKG + "InternationalOrganization"),
    (RES + "unesco", RDF_TYPE, LKG + "InternationalOrganization"),
    (RES + "public-library-manifesto", LKG + "issuedBy", RES + "ifla"),
    (RES + "public-library-manifesto", LKG + "issuedBy", RES + "unesco"),
    (RES + "hebei-province", LKG + "partOfPlace", RES + "china"),
    (RES + "heilongjiang-provincial-library", LKG + "locatedIn", RES + "china"),
    (RES + "heilongjiang-library-society", LKG + "locatedIn", RES + "china"),
    (RES + "library-society-of-china", LKG + "locatedIn", RES + "china"),
    (RES + "fudan-university", LKG + "locatedIn", RES + "china"),
    (RES + "fudan-university-library", LKG + "locatedIn", RES + "china"),
    (RES + "hexi-university", LKG + "locatedIn", RES + "china"),
] + [
    (RES + f"service-type-{narrower}", SKOS_BROADER, RES + f"service-type-{broader}")
    for narrower, broader in [
        ("enterprise-information", "enterprise-and-entrepreneurship"),
        ("enterprise-services", "enterprise-and-entrepreneurship"),
        ("maker", "enterprise-and-entrepreneurship"),
        ("training", "enterprise-and-entrepreneurship"),
        ("cultural-creative-products", "enterprise-and-entrepreneurship"),
        ("innovation-entrepreneurship-education-support", "enterprise-and-entrepreneurship"),
        ("instructional-support", "learning-and-research-support"),
        ("research-support", "learning-and-research-support"),
        ("reading-promotion", "reading-culture-and-space"),
        ("space", "reading-culture-and-space"),
    ]
]


@pytest.fixture(scope="module")
def store(built_project):
    """The built curated graph."""
    return open_snapshot(built_project).store


def triple(statement: tuple[str, str, str]) -> str:
    """Write a statement as a SPARQL triple pattern."""
    return " ".join(f"<{term}>" for term in statement)


def statement_id(statement: tuple[str, str, str]) -> str:
    """Name a statement for test ids by the last segments of its IRIs."""
    return " ".join(term.rsplit("/", 1)[-1].rsplit("#", 1)[-1] for term in statement)


@pytest.mark.parametrize("statement", MOVED, ids=statement_id)
def test_moved_statement_is_curator_knowledge_only(store, statement):
    graphs = {row["g"].value for row in store.select(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ {triple(statement)} }} }}")}
    assert CURATOR_KNOWLEDGE in graphs
    assert graphs <= {CURATOR_KNOWLEDGE, INFERRED}


@pytest.mark.parametrize("statement", MOVED, ids=statement_id)
def test_moved_statement_is_explained_by_an_axiom_annotation(store, statement):
    subject, predicate, value = statement
    notes = store.select(
        f"SELECT ?note ?outside WHERE {{ GRAPH <{CURATOR_KNOWLEDGE}> {{ ?axiom a <{OWL}Axiom> ; "
        f"<{OWL}annotatedSource> <{subject}> ; <{OWL}annotatedProperty> <{predicate}> ; <{OWL}annotatedTarget> <{value}> . "
        f"OPTIONAL {{ ?axiom <http://www.w3.org/2004/02/skos/core#note> ?note }} "
        f"OPTIONAL {{ ?axiom <{LKG}outsideSource> ?outside }} }} }}")
    assert notes, "no owl:Axiom annotates the statement"
    languages = {row["note"].language for row in notes if "note" in row}
    assert languages >= {"en", "zh"} or any("outside" in row for row in notes)


def test_every_annotated_statement_of_curator_knowledge_is_listed(store):
    annotated = {
        (row["s"].value, row["p"].value, row["o"].value)
        for row in store.select(
            f"SELECT ?s ?p ?o WHERE {{ GRAPH <{CURATOR_KNOWLEDGE}> {{ ?axiom a <{OWL}Axiom> ; "
            f"<{OWL}annotatedSource> ?s ; <{OWL}annotatedProperty> ?p ; <{OWL}annotatedTarget> ?o }} }}")
    }
    assert annotated == set(MOVED)


def test_curator_knowledge_states_nothing_unexplained(store):
    """Every link between named resources in the graph (labels and definitions aside) carries its annotation."""
    unexplained = store.select(
        f"SELECT ?s ?p ?o WHERE {{ GRAPH <{CURATOR_KNOWLEDGE}> {{ ?s ?p ?o FILTER(isIRI(?s) && isIRI(?o)) "
        f"FILTER NOT EXISTS {{ ?axiom <{OWL}annotatedSource> ?s ; <{OWL}annotatedProperty> ?p ; <{OWL}annotatedTarget> ?o }} }} }}")
    assert [(r["s"].value, r["p"].value, r["o"].value) for r in unexplained] == []


@pytest.mark.parametrize("statement", MOVED, ids=lambda s: f"{s[0].rsplit('/', 1)[-1]}-{s[1].rsplit('#', 1)[-1].rsplit('/', 1)[-1]}")
def test_each_moved_statement_is_badged_as_curator_knowledge_with_its_reason_on_its_page(client, statement):
    subject, predicate, obj = statement
    page = client.get(f"/resource/{subject.rsplit('/', 1)[-1]}.json?lang=en")
    assert page.status_code == 200
    groups = [g for g in page.get_json()["outgoing"] if g["property"] == predicate]
    shown = [s for g in groups for s in g["statements"] if s.get("iri") == obj]
    assert len(shown) == 1, (subject, predicate, obj)
    origins = {source["origin"] for source in shown[0]["sources"]}
    assert "knowledge" in origins and "stated" not in origins  # never shown as the source's
    assert shown[0]["curator_note"]["notes"].get("en") or shown[0]["curator_note"]["outside"]
    html = client.get(f"/resource/{subject.rsplit('/', 1)[-1]}?lang=en").text
    assert "curator knowledge" in html and 'class="curator-note"' in html
