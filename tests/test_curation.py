"""The curated graph holds every item of CURATION.md, bilingual and traceable to its study."""

from __future__ import annotations

import pytest

from libkg.connect import open_snapshot

LKG = "https://w3id.org/libkg/ontology#"
RES = "https://w3id.org/libkg/resource/"
STUDY_A, STUDY_B, STUDY_C = RES + "study-bl-smes", RES + "study-hebei-iee", RES + "study-library-service-innovation-cases"

CHECKLIST = [
    (STUDY_A, "Service", 3), (STUDY_A, "Achievement", 5), (STUDY_A, "InfluencingFactor", 4), (STUDY_A, "Problem", 3),
    (STUDY_A, "Enlightenment", 5), (STUDY_A, "Limitation", 3), (STUDY_A, "Conclusion", 1), (STUDY_A, "Case", 1),
    (STUDY_A, "Significance", 1),
    (STUDY_B, "Aspect", 4), (STUDY_B, "Problem", 6), (STUDY_B, "Countermeasure", 6), (STUDY_B, "Sample", 1),
    (STUDY_B, "Significance", 4),
    (STUDY_C, "Finding", 4), (STUDY_C, "Strategy", 6), (STUDY_C, "Recommendation", 4), (STUDY_C, "CaseCollection", 1),
]


@pytest.fixture(scope="module")
def store(built_project):
    """The built curated graph."""
    return open_snapshot(built_project).store


def count(store, query: str) -> int:
    """Return the single number a COUNT query gives."""
    return int(store.select(query)[0]["n"].value)


@pytest.mark.parametrize("study,kind,expected", CHECKLIST, ids=lambda v: str(v).rsplit("/", 1)[-1])
def test_checklist_counts_match_the_sources(store, study, kind, expected):
    graph = {STUDY_A: "bl-smes", STUDY_B: "hebei-iee", STUDY_C: "library-service-innovation-cases"}[study]
    query = (f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ GRAPH <https://w3id.org/libkg/graph/{graph}> "
             f"{{ ?x a <{LKG}{kind}> ; <{LKG}reportedIn> <{study}> }} }}")
    assert count(store, query) == expected


@pytest.mark.parametrize("study,property_name,expected", [
    (STUDY_B, "hasRespondents", 3), (STUDY_C, "hasFocusArea", 4), (STUDY_C, "hasKeyword", 5),
    (STUDY_C, "hasAuthor", 2), (STUDY_C, "listsAffiliation", 3), (STUDY_A, "usesMethod", 5), (STUDY_B, "usesMethod", 4),
])
def test_study_links_match_the_sources(store, study, property_name, expected):
    assert count(store, f"SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE {{ <{study}> <{LKG}{property_name}> ?o }}") == expected


def test_samples_and_record_keep_the_sources_numbers(store):
    sizes = {(row["study"].value, row["size"].value) for row in store.select(
        f"SELECT ?study ?size WHERE {{ VALUES ?study {{ <{STUDY_A}> <{STUDY_B}> <{STUDY_C}> }} "
        f"?study <{LKG}hasSample> ?s . ?s <{LKG}sampleSize> ?size }}")}
    assert sizes == {(STUDY_B, "13"), (STUDY_C, "31")}
    record = store.select(f"SELECT ?issn ?if WHERE {{ <{STUDY_C}> <{LKG}publishedIn> ?j . ?j <{LKG}issn> ?issn ; <{LKG}impactFactor> ?if }}")
    assert [(r["issn"].value, r["if"].value) for r in record] == [("1004-325X", "1.39")]


def test_studies_a_and_b_have_no_invented_record(store):
    for study in (STUDY_A, STUDY_B):
        invented = store.select(
            f"SELECT ?p WHERE {{ <{study}> ?p ?o VALUES ?p {{ <http://purl.org/dc/terms/title> <{LKG}hasAuthor> <{LKG}publicationYear> <{LKG}publishedIn> }} }}")
        assert invented == []


def test_every_named_resource_has_english_and_chinese_labels(store):
    missing = store.select(
        "SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s a ?t } FILTER(STRSTARTS(STR(?s), 'https://w3id.org/libkg/resource/') "
        "&& ?g != <https://w3id.org/libkg/graph/inferred>) "
        "FILTER(NOT EXISTS { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?en FILTER(LANG(?en) = 'en') } "
        "|| NOT EXISTS { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?zh FILTER(LANG(?zh) = 'zh') }) }")
    assert missing == []


def test_every_claim_links_to_a_study_and_lives_in_its_graph(store):
    assert count(store, f"SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {{ ?c a <{LKG}Claim> }}") > 60
    unlinked = store.select(
        f"SELECT ?c WHERE {{ ?c a <{LKG}Claim> FILTER NOT EXISTS {{ ?c <{LKG}reportedIn> ?study . ?study a <{LKG}Study> }} }}")
    assert unlinked == []
    elsewhere = store.select(
        f"SELECT ?c WHERE {{ GRAPH ?g {{ ?c a ?kind }} ?kind <http://www.w3.org/2000/01/rdf-schema#subClassOf>* <{LKG}Claim> . "
        f"?c <{LKG}reportedIn> ?study . ?study <{LKG}sourceText> ?file "
        "FILTER(?g != <https://w3id.org/libkg/graph/inferred>) "
        "FILTER NOT EXISTS { GRAPH ?g { ?study ?p ?o } } }")
    assert elsewhere == []


def test_curator_links_are_apart_from_what_sources_state(store):
    in_studies = store.select(
        f"SELECT ?s WHERE {{ GRAPH ?g {{ ?s <{LKG}hasTheme> ?t }} FILTER(?g != <https://w3id.org/libkg/graph/curator-links> "
        "&& ?g != <https://w3id.org/libkg/graph/inferred>) }")
    assert in_studies == []
    themed = count(store, f"SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE {{ GRAPH <https://w3id.org/libkg/graph/curator-links> {{ ?r <{LKG}hasTheme> ?t }} }}")
    remedies = count(store, f"SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE {{ ?r a <{LKG}Remedy> }}")
    assert themed == remedies  # every remedy has a theme, and only curators give them
    per_study = {study: count(store, f"SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE {{ ?r a <{LKG}Remedy> ; <{LKG}reportedIn> <{study}> }}")
                 for study in (STUDY_A, STUDY_B, STUDY_C)}
    assert per_study == {STUDY_A: 5, STUDY_B: 6, STUDY_C: 6 + 4}  # enlightenments, countermeasures, strategies + recommendations


def test_open_lists_are_marked_on_their_studies(store):
    marked = {(row["study"].value, row["kind"].value.rsplit("#", 1)[-1]) for row in store.select(
        f"SELECT ?study ?kind WHERE {{ VALUES ?study {{ <{STUDY_A}> <{STUDY_B}> <{STUDY_C}> }} ?study <{LKG}openListOf> ?kind }}")}
    assert marked == {(STUDY_A, kind) for kind in
                      ("Service", "Achievement", "InfluencingFactor", "Problem", "Enlightenment", "ResearchMethod")} | {
        (STUDY_B, "Problem")}


def test_every_claim_study_and_named_shared_resource_points_to_its_passage(store):
    unanchored = store.select(
        f"SELECT DISTINCT ?x WHERE {{ {{ ?x <{LKG}reportedIn> ?study }} UNION {{ ?x a <{LKG}Study> }} UNION "
        "{ GRAPH ?g { ?x a ?kind } FILTER(?g IN (<https://w3id.org/libkg/graph/actors>, "
        "<https://w3id.org/libkg/graph/places>, <https://w3id.org/libkg/graph/documents>)) } "
        f"FILTER NOT EXISTS {{ ?x <{LKG}evidence> ?passage }} }}")
    assert unanchored == []


def test_every_passage_is_named_by_its_offsets_and_lies_inside_its_source(store):
    rows = store.select(
        "PREFIX oa: <http://www.w3.org/ns/oa#> "
        f"SELECT ?passage ?source ?start ?end ?length WHERE {{ ?passage a oa:SpecificResource ; oa:hasSource ?source ; "
        f"oa:hasSelector [ oa:start ?start ; oa:end ?end ] . ?source <{LKG}characterCount> ?length }}")
    assert len(rows) >= 100
    for row in rows:
        start, end, length = int(row["start"].value), int(row["end"].value), int(row["length"].value)
        assert row["passage"].value == f"{row['source'].value}#span-{start}-{end}"
        assert 0 <= start < end <= length
