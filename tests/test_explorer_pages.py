"""The explorer's pages over plain HTTP: escaping, the security policy, search, the comparison export, language fallback."""

from __future__ import annotations

import json
import re
import urllib.parse

import pytest

from harness.client import count_of, get, sparql
from harness.pages import Page, read_csv
from harness.project import copy_project
from harness.servers import libkg_server
from libkg.build.pipeline import build
from libkg.config import Settings

pytestmark = pytest.mark.server

RES = "https://w3id.org/libkg/resource/"
PAYLOAD = "<script>alert(1)</script>"
STUDY_B_LABEL = "Hebei university libraries and students' innovation and entrepreneurship education (Study B)"
# One of each kind of explorer page (the entity page is the linked-data layer's, upgraded by the explorer).
PAGES = ("/", "/search?q=alert", "/search?q=Hebei", "/browse", "/browse/study/study-hebei-iee", "/browse/kind/Study",
         "/compare", "/resource/study-hebei-iee", "/resource/hebei-problem-backward-service-awareness",
         "/graph/hebei-iee")


def search(server: str, query: str, language: str = "en") -> dict:
    """Ask /search.json."""
    status, headers, body = get(f"{server}/search.json?q={urllib.parse.quote(query)}&lang={language}")
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    return json.loads(body)


def hits(answer: dict) -> list[dict]:
    """Flatten the groups of a search answer."""
    return [result for group in answer["groups"] for result in group["results"]]


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    """A server over a copy of the graph whose Study B label carries a script tag, and an English-only definition."""
    root = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    study_file = root / "kg" / "studies" / "hebei-iee.ttl"
    text = study_file.read_text(encoding="utf-8")
    assert f'"{STUDY_B_LABEL}"@en' in text
    study_file.write_text(text.replace(f'"{STUDY_B_LABEL}"@en', f'"{PAYLOAD} {STUDY_B_LABEL}"@en'), encoding="utf-8")
    # Definitions of people are optional; this one exists only in English, so Chinese pages fall back to it.
    (root / "kg" / "shared" / "explorer-fixture.ttl").write_text(
        "@prefix res: <https://w3id.org/libkg/resource/> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        'res:xu-xuan skos:definition "One of the two authors of Study C <b>bold?</b>"@en .\n', encoding="utf-8")
    build(Settings(root=root))
    with libkg_server(root) as running:
        yield running.url


@pytest.mark.parametrize("path", PAGES)
def test_a_script_in_a_label_shows_as_text(hostile_server, path):
    status, headers, body = get(hostile_server + path, {"Accept": "text/html"})
    assert status == 200, body[:300]
    page = Page(body)
    assert PAYLOAD in "".join(page.text), f"{path} does not show the label as text"
    for attributes, code in page.scripts:
        assert attributes.get("src"), f"{path} has an inline script: {code[:80]!r}"
        assert "alert" not in code
    assert b"<script>alert" not in body


def test_a_script_in_the_query_shows_as_text(server):
    status, _, body = get(server + "/search?q=" + urllib.parse.quote(PAYLOAD), {"Accept": "text/html"})
    page = Page(body)
    assert status == 200 and b"<script>alert" not in body
    assert page.by_id["result-count"] == f"Nothing matches “{PAYLOAD}”."
    assert ("input", {"id": "q", "type": "search", "name": "q", "value": PAYLOAD}) in [
        (tag, {k: v for k, v in a.items() if k in ("id", "type", "name", "value")}) for tag, a in page.elements]


def test_search_json_escapes_nothing_but_is_data(hostile_server):
    found = [hit for hit in hits(search(hostile_server, "alert(1)"))]
    assert [hit["iri"] for hit in found] == [RES + "study-hebei-iee"]
    assert PAYLOAD in "".join(part for part, _ in found[0]["label"]["parts"])


@pytest.mark.parametrize("path", PAGES + ("/sparql", "/search", "/browse/kind/Problem", "/dumps/"))
def test_every_html_page_sends_a_strict_content_security_policy(server, path):
    status, headers, body = get(server + path, {"Accept": "text/html"})
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    policy = dict(part.strip().split(" ", 1) for part in headers["Content-Security-Policy"].split(";"))
    assert policy["script-src"] == "'self'"
    assert policy["object-src"] == "'none'" and policy["frame-ancestors"] == "'none'"
    assert all(attributes.get("src") for attributes, _ in Page(body).scripts), "inline scripts are refused by the policy"


def test_search_finds_chinese_inside_chinese_text(server):
    answer = search(server, "中小微", "zh")
    found = {hit["iri"]: hit for hit in hits(answer)}
    assert RES + "smes" in found and answer["total"] >= 10
    assert found[RES + "smes"]["label"]["parts"] == [["中小微", True], ["企业", False]]
    assert found[RES + "smes"]["href"] == "/resource/smes"


def test_search_ranks_names_above_definitions_and_groups_by_kind(server):
    answer = search(server, "空间")
    groups = answer["groups"]
    assert groups[0]["label"] == "Service type" and groups[0]["results"][0]["iri"] == RES + "service-type-space"
    flat = hits(answer)
    fields = [hit["field"] for hit in flat]
    assert fields.index("definition") > fields.index("label")
    assert all(group["count"] == len(group["results"]) for group in groups)
    definition = next(hit for hit in flat if hit["field"] == "definition")
    assert definition["snippet"]["lang"] == "zh" and ["空间", True] in definition["snippet"]["parts"]


def test_search_results_name_their_study(server):
    found = {hit["iri"]: hit for hit in hits(search(server, "shortage of talent"))}
    problem = found[RES + "hebei-problem-talent-shortage"]
    assert problem["studies"][0]["href"] == "/resource/study-hebei-iee"
    assert problem["other"] == [{"lang": "zh", "parts": [["人才缺乏", False]]}]
    shared = {hit["iri"]: hit for hit in hits(search(server, "librarians"))}[RES + "librarians"]
    # A shared graph is named by its label (it showed its file name, "actors").
    assert shared["studies"] == [] and shared["source"] == "Shared records: organizations and people"


def test_search_ignores_case_and_full_width_forms(server):
    plain = [hit["iri"] for hit in hits(search(server, "cooperation"))]
    assert plain and [hit["iri"] for hit in hits(search(server, "COOPERATION"))] == plain
    assert [hit["iri"] for hit in hits(search(server, "ＣＯＯＰＥＲＡＴＩＯＮ"))] == plain


def test_search_in_chinese_shows_chinese_labels(server):
    answer = search(server, "cooperation", "zh")
    assert answer["language"] == "zh"
    theme = {hit["iri"]: hit for hit in hits(answer)}[RES + "theme-cooperation-and-partnership"]
    assert theme["label"] == {"lang": None, "parts": [["合作与伙伴关系", False]]}
    assert theme["other"][0]["lang"] == "en" and ["Cooperation", True] in theme["other"][0]["parts"]


def test_empty_and_unmatched_searches(server):
    empty = search(server, "   ")
    assert {k: empty[k] for k in ("query", "language", "total", "shown", "groups", "suggestions")} == {
        "query": "", "language": "en", "total": 0, "shown": 0, "groups": [], "suggestions": []}
    assert search(server, "zzzzqqq")["total"] == 0
    status, _, body = get(server + "/search?q=zzzzqqq", {"Accept": "text/html"})
    assert status == 200 and "Nothing matches" in "".join(Page(body).text)
    assert "/browse" in Page(body).links


def test_search_page_works_without_script(server):
    status, headers, body = get(server + "/search?q=" + urllib.parse.quote("空间"), {"Accept": "text/html"})
    page = Page(body)
    links = set(page.links)
    assert "/resource/service-type-space" in links and "/resource/study-library-service-innovation-cases" in links
    assert '</search.json?q=%E7%A9%BA%E9%97%B4>; rel="alternate"' in headers["Link"]


def test_compare_csv_is_an_attachment_with_one_row_per_study(server):
    status, headers, body = get(server + "/compare.csv?lang=en")
    assert status == 200 and headers["Content-Type"] == "text/csv; charset=utf-8"
    assert re.fullmatch(r'attachment; filename="libkg-comparison-en\.csv"', headers["Content-Disposition"])
    rows = read_csv(body)
    assert [row["IRI"] for row in rows] == [RES + "study-bl-smes", RES + "study-hebei-iee", RES + "study-library-service-innovation-cases"]
    hebei = rows[1]
    assert list(hebei)[:5] == ["Study", "IRI", "Subject", "Subject: who says", "Library type"]
    assert hebei["Sample (size)"] == "Thirteen backbone university libraries in Hebei (13)"
    assert hebei["Users served"] == "University students" and hebei["Library type"] == "University library"
    assert set(hebei["Problems"].split("; ")) >= {"Shortage of talent", "Insufficient publicity"}
    assert "Cooperation and partnership" in hebei["Strategy themes"].split("; ")
    assert rows[2]["Sample (size)"].endswith("(31)") and rows[2]["Problems"] == ""


def test_compare_csv_in_chinese(server):
    status, headers, body = get(server + "/compare.csv?lang=zh")
    rows = read_csv(body)
    assert headers["Content-Disposition"].endswith('filename="libkg-comparison-zh.csv"')
    assert "研究" in rows[0] and rows[1]["研究"].startswith("河北省高校图书馆") and "人才缺乏" in rows[1]["问题"]


def test_compare_page_marks_themes_as_curator_judgement(server):
    status, _, body = get(server + "/compare", {"Accept": "text/html"})
    page = Page(body)
    assert [badge.get("class") for badge in page.with_class("curator")]
    assert "curator inference" in page.by_id["themes-heading"]
    assert set(page.links) >= {"/resource/theme-cooperation-and-partnership", "/compare.csv?lang=en"}


def test_a_definition_missing_in_chinese_falls_back_with_its_language_tag(hostile_server):
    for path in ("/resource/xu-xuan?lang=zh", "/browse/kind/Person?lang=zh"):
        status, _, body = get(hostile_server + path, {"Accept": "text/html"})
        page = Page(body)
        assert status == 200 and "One of the two authors of Study C <b>bold?</b>" in "".join(page.text), path
        assert any(a.get("lang") == "en" for tag, a in page.elements if tag in ("span", "p", "dd")), path
        tags = [a for a in page.with_class("lang-tag")]
        assert tags, f"{path} shows an English definition on a Chinese page without a language tag"
        assert "徐轩" in "".join(page.text)


def test_home_counts_kinds_and_studies(server):
    status, _, body = get(server + "/?lang=zh", {"Accept": "text/html"})
    page = Page(body)
    triples = count_of(sparql(server, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").body)
    assert page.by_id["total-triples"].startswith(f"{triples} 个三元组")
    assert "河北省高校图书馆与大学生创新创业教育（研究B）" in page.by_id["per-study"]
    assert len([e for e in page.elements if e[0] == "svg" and "bar" in e[1].get("class", "")]) > 20
    assert "问题" in page.by_id["kinds"]


def test_browse_shows_class_tree_schemes_and_studies(server):
    status, _, body = get(server + "/browse", {"Accept": "text/html"})
    page = Page(body)
    links = set(page.links)
    assert {"/browse/study/study-hebei-iee", "/browse/kind/Problem", "/resource/service-type-space",
            "/resource/theme-user-needs"} <= links
    assert "Enterprise and entrepreneurship services" in page.by_id["scheme-service-types"]
    status, _, body = get(server + "/browse/study/study-hebei-iee", {"Accept": "text/html"})
    study = Page(body)
    assert "/resource/hebei-problem-talent-shortage" in set(study.links)
    assert "Shortage of talent" in study.by_id["kind-Problem"]
    assert get(server + "/browse/study/nope")[0] == 404 and get(server + "/browse/kind/Nope")[0] == 404


def test_vendor_files_are_served_only_from_known_packages(server):
    status, headers, _ = get(server + "/vendor/yasgui/yasgui.min.js")
    assert status == 200 and "javascript" in headers["Content-Type"]
    assert get(server + "/vendor/cytoscape/cytoscape.min.js")[0] == 200
    assert get(server + "/vendor/other/x.js")[0] == 404
    assert get(server + "/vendor/yasgui/..%2Fpackage.json")[0] == 404
