"""Pages about things, for people: entity pages without repetition, kind and property pages in the reader's
language, every term named in both languages, and the neighbourhood graph's groups in the page's JSON twin."""

from __future__ import annotations

import json

import pytest

from harness.pages import Page
from libkg.explore.citation import Citation
from libkg.explore.terms import read_terms
from libkg.explore.vocabularies import EXTERNAL_TERMS, NAMESPACES, specification
from libkg.release import current_release
from webapp.ontology_document import ontology_document

RES = "https://w3id.org/libkg/resource/"
LKG = "https://w3id.org/libkg/ontology#"
CLAIM = "/resource/hebei-problem-talent-shortage"
USED_TERMS = """
SELECT DISTINCT ?term WHERE { { ?s ?term ?o } UNION { ?s a ?term FILTER(isIRI(?term)) } }
"""


@pytest.fixture(scope="module")
def store(built_project):
    """The built store."""
    return current_release(built_project.build_path).store


def twin(client, path: str) -> dict:
    """Return an entity page's JSON twin."""
    return json.loads(client.get(path + ".json").data)


def test_every_term_the_data_uses_is_named_in_both_languages(store, built_project):
    terms = read_terms(store, built_project.base_iri)
    used = [row["term"].value for row in store.select(USED_TERMS)]
    unnamed = [term for term in used if not (terms.get(term) and {"en", "zh"} <= set(terms.get(term).labels))]
    assert not unnamed, f"terms without a name in both languages: {unnamed}"
    assert all(set(entry["labels"]) == set(entry["definitions"]) == {"en", "zh"} for entry in EXTERNAL_TERMS.values())
    assert specification(NAMESPACES["prov"] + "Entity")[1] == "PROV-O"


def test_the_ontology_terms_know_hierarchies_inverses_domains_and_ranges(store, built_project):
    terms = read_terms(store, built_project.base_iri)
    assert terms.ancestors(LKG + "Countermeasure") == {LKG + "Remedy", LKG + "Claim", NAMESPACES["prov"] + "Entity"}
    assert terms.lineage(LKG + "Problem") == [NAMESPACES["prov"] + "Entity", LKG + "Claim", LKG + "Problem"]
    reported = terms.get(LKG + "reportedIn")
    assert reported.inverse == LKG + "reports" and terms.inverse_of(LKG + "reports") == LKG + "reportedIn"
    assert set(reported.parents) == {NAMESPACES["dcterms"] + "source", NAMESPACES["prov"] + "wasDerivedFrom"}
    assert LKG + "Claim" in reported.domains and reported.ranges == [LKG + "Study"]  # a union in the domain is read
    assert reported.labels == {"en": "reported in", "zh": "出自研究"} and terms.get(NAMESPACES["dcterms"] + "source").labels["zh"] == "来源"
    assert LKG + "reportedIn" in terms.uses_of(LKG + "Problem")


def test_a_claim_page_gives_one_source_line_and_folds_what_the_reasoner_restates(client):
    data = twin(client, CLAIM)
    outgoing = {group["property"]: group["statements"] for group in data["outgoing"]}
    source, = outgoing[LKG + "reportedIn"]
    echoes = {(echo["property"], echo["direction"]) for echo in source["restated_as"]}
    assert echoes == {(NAMESPACES["dcterms"] + "source", "outgoing"), (NAMESPACES["prov"] + "wasDerivedFrom", "outgoing"),
                      (LKG + "reports", "incoming")}
    restating, = outgoing[NAMESPACES["dcterms"] + "source"]
    assert restating["restates"] == {"property": LKG + "reportedIn", "direction": "outgoing", "other": RES + "study-hebei-iee"}
    types = {s["iri"]: s for s in outgoing[NAMESPACES["rdf"] + "type"]}
    assert "restates" not in types[LKG + "Problem"] and types[LKG + "Claim"]["restates"]["other"] == LKG + "Problem"

    page = Page(client.get(CLAIM + "?lang=en").data)
    shown = {a["data-property"] for a in page.with_class("property-group")}
    assert "lkg:reportedIn" in shown and not shown & {"dcterms:source", "prov:wasDerivedFrom", "lkg:evidence", "lkg:reports"}
    assert page.by_id["source-heading"].strip() == "Source"
    assert "/browse/study/study-hebei-iee" in page.links and "/browse/kind/Problem" in page.links
    assert "/browse/property/reportedIn" in page.links and "/browse/property/dcterms:source" in page.links
    text = "".join(page.text)
    assert "hebei-iee</a>" not in client.get(CLAIM).text, "graphs are named by label, not by file name"
    assert "Curator links" in text and "curator inference" in text  # the curators' pairing keeps its badge and graph


def test_property_names_follow_the_reader_language(client):
    page = client.get(CLAIM + "?lang=zh").text
    for name in ("类型", "名称", "定义", "出自研究", "推理机的重述", "出处"):
        assert name in page, name
    data = twin(client, CLAIM)
    assert data["property_labels"][NAMESPACES["rdfs"] + "label"] == {"en": "name", "zh": "名称"}


def test_a_kind_page_gives_definition_place_in_the_tree_and_members(client):
    page = Page(client.get("/browse/kind/Problem?lang=zh").data)
    assert page.by_id["definition"] == "指出实践中存在不足或偏差的论断。"
    assert "/browse/kind/Claim" in page.links and "/browse/kind/prov:Entity" in page.links
    assert "/resource/hebei-problem-talent-shortage" in page.links
    assert "/browse/property/addressedBy" in page.links
    assert page.links["/ontology#Problem"].strip() == "本体文档中的条目"
    outside = Page(client.get("/browse/kind/prov:Entity?lang=en").data)
    assert "/resource/hebei-problem-talent-shortage" in outside.links and "/browse/kind/Claim" in outside.links
    assert outside.links["https://www.w3.org/TR/prov-o/"].strip() == "Its definition in PROV-O (another site)"


def test_a_property_page_gives_domain_range_inverse_and_usage(client):
    page = Page(client.get("/browse/property/reportedIn?lang=en").data)
    assert "/browse/kind/Study" in page.links and "/browse/property/reports" in page.links
    assert "/browse/property/dcterms:source" in page.links
    assert page.by_id["usage-total"].startswith("81 statements")
    assert "/resource/study-hebei-iee" in page.links
    outside = Page(client.get("/browse/property/dcterms:source?lang=zh").data)
    assert "推理机推断" in outside.by_id["usage"] and "/browse/property/reportedIn" in outside.links


@pytest.mark.parametrize("path", ["/browse/kind/NoSuchKind", "/browse/kind/prov:NoSuchKind", "/browse/property/noSuchProperty",
                                  "/browse/property/Problem", "/browse/kind/reportedIn"])
def test_unknown_kinds_and_properties_are_404(client, path):
    assert client.get(path).status_code == 404


def test_the_graph_groups_neighbours_by_relation_once_each(client):
    graph = twin(client, "/resource/study-library-service-innovation-cases")["graph"]
    members = [m for group in graph["groups"] for m in group["members"]]
    assert len(members) == len(set(members)) >= 25
    passages = {node["id"] for node in graph["nodes"] if node.get("passage")}
    assert passages and not passages & set(members)
    reporting = [g for g in graph["groups"] if g["property"] == LKG + "reportedIn"]
    assert reporting and reporting[0]["direction"] == "in" and reporting[0]["inverse"] == LKG + "reports"
    assert [g["origin"] for g in graph["groups"]] == sorted((g["origin"] for g in graph["groups"]),
                                                            key=["stated", "knowledge", "curator", "vocabulary", "ontology", "reasoner"].index)


def test_study_c_is_cited_from_the_data_in_both_languages(client):
    english = Page(client.get("/browse/study/study-library-service-innovation-cases?lang=en").data)
    assert english.by_id["cite-text"] == ("Xu Xuan and Wang Lulu (2024). Research on the Characteristics and Operating Strategies "
                                          "of Library Service Innovation in China Based on Cases [我国图书馆服务创新案例研究]. "
                                          "Tushuguan Jianshe [图书馆建设], (2). ISSN 1004-325X.")
    bibtex = english.by_id["cite-bibtex"]
    assert bibtex.startswith("@article{xu2024,") and "author  = {{Xu Xuan} and {Wang Lulu}}" in bibtex
    assert "journal = {Tushuguan Jianshe}" in bibtex and "number  = {2}" in bibtex and "issn    = {1004-325X}" in bibtex
    assert "cite-missing" not in english.by_id
    chinese = Page(client.get("/browse/study/study-library-service-innovation-cases?lang=zh").data)
    assert chinese.by_id["cite-text"] == "徐轩, 王璐璐. 我国图书馆服务创新案例研究[J]. 图书馆建设, 2024(2). ISSN 1004-325X."
    assert "journal = {图书馆建设}" in chinese.by_id["cite-bibtex"]


@pytest.mark.parametrize("slug", ["study-bl-smes", "study-hebei-iee"])
def test_a_study_without_author_or_year_says_so_in_its_citation(client, slug):
    english = Page(client.get(f"/browse/study/{slug}?lang=en").data)
    assert english.by_id["cite-missing"].startswith("No author or year given by the source")
    assert english.by_id["cite-text"].startswith("[") and f"https://w3id.org/libkg/resource/{slug}" in english.by_id["cite-text"]
    assert english.by_id["cite-bibtex"].startswith(f"@misc{{{slug},") and "No author or year given by the source" in english.by_id["cite-bibtex"]
    chinese = Page(client.get(f"/browse/study/{slug}?lang=zh").data)
    assert chinese.by_id["cite-missing"].startswith("来源未给出作者和年份")


def test_a_citation_escapes_bibtex_and_orders_authors_as_printed():
    cited = Citation("https://w3id.org/libkg/resource/s", titles={"en": "Costs & 50% of {budgets}"},
                     authors=[{"en": "Li Ming", "zh": "李明"}], year="2020")
    assert "title   = {Costs \\& 50\\% of \\{budgets\\}}" in cited.bibtex("en") and cited.key() == "li2020"
    assert cited.plain_text("en") == "Li Ming (2020). Costs & 50% of {budgets}."
    assert cited.plain_text("zh") == "李明. Costs & 50% of {budgets}[J]. 2020." and cited.missing == ()


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_ontology_document_is_in_the_site_frame_with_its_anchors(client, language):
    response = client.get(f"/ontology?lang={language}", headers={"Accept": "text/html"})
    assert response.status_code == 200
    page = Page(response.data)
    assert ("html", {"lang": language}) in [(tag, {k: v for k, v in a.items() if k == "lang"}) for tag, a in page.elements[:1]]
    assert "language-switch" in page.by_id and "site-nav" in page.by_id
    assert "library / 图书馆" in page.by_id["Library"] and "reported in / 出自研究" in page.by_id["reportedIn"]
    assert "/browse/kind/Library" in page.links and "/browse/property/reportedIn" in page.links
    assert all(attributes.get("src") for attributes, _ in page.scripts), "no inline script, not even pyLODE's JSON-LD"
    assert not [a for _, a in page.elements if any(name.startswith("on") for name in a)]
    assert "pylode" not in page.by_id and "position: fixed" not in response.text
    assert '<span lang="zh">图书馆</span>' in response.text


def test_the_ontology_document_keeps_only_safe_markup():
    document = ontology_document(
        '<html><head><style>x</style><title>t</title></head><body><div id="toc"><h3>Table</h3><a href="#A">A</a></div>'
        '<div class="entity" id="A"><h3 onclick="evil()">A / 甲</h3><script>alert(1)</script>'
        '<a href="javascript:alert(1)">x</a><a href="https://w3id.org/libkg/ontology">o</a><img src=x onerror=alert(1)>'
        '<p>&lt;b&gt;</p></div><div id="pylode"><p>made by</p></div></body></html>',
        lambda iri: "/ontology" if iri.endswith("/ontology") else iri, lambda anchor: "/browse/kind/" + anchor, "Open")
    assert document.contents == '<div id="toc"><a href="#A">A</a></div>'
    assert document.body == ('<div id="A" class="entity"><h3>A / <span lang="zh">甲</span></h3>'
                             '<p class="explorer-link"><a href="/browse/kind/A">Open</a></p>'
                             '<a>x</a><a href="/ontology">o</a><p>&lt;b&gt;</p></div>')
