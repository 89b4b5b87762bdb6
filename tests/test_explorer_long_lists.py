"""Long lists stay bounded: the home page names a few studies and links to the rest, browse and entity pages go page by page.

The limits are lowered for these tests so that the curated graph (three studies, a few dozen links to a hub) shows
what a graph of thousands of studies would; the speed itself is measured by bench/pages.py, not here.
"""

from __future__ import annotations

import json
import re

import pytest

from harness.pages import Page, read_csv
from libkg.release import current_release
from webapp import browse, compare, home, resource

RES = "https://w3id.org/libkg/resource/"
HUB = "/resource/library-type-public"


def test_the_build_writes_the_counts_the_home_page_shows(built_project):
    summary = current_release(built_project.build_path).summary
    assert [s.iri.rsplit("/", 1)[-1] for s in summary.studies] == ["study-bl-smes", "study-hebei-iee",
                                                                    "study-library-service-innovation-cases"]
    assert all(s.reported == sum(s.kinds.values()) > 10 for s in summary.studies)


def test_home_names_the_largest_studies_and_links_to_all(client, monkeypatch):
    monkeypatch.setattr(home, "HOME_STUDIES", 2)
    for language, words in (("en", "All 3 studies"), ("zh", "全部 3 项研究")):
        page = Page(client.get(f"/?lang={language}").data)
        study_links = [href for href in page.hrefs() if href.startswith("/browse/study/")]
        assert len(set(study_links)) == 2
        assert page.by_id["all-studies"] == words
        assert "/browse#studies" in page.hrefs()
        assert len(re.findall(r'<th scope="col"><a href="/browse/study/', client.get(f"/?lang={language}").text)) == 2


def test_browse_lists_studies_a_page_at_a_time(client, monkeypatch):
    monkeypatch.setattr(browse, "STUDIES_PER_PAGE", 2)
    first, second = (client.get(path).text for path in ("/browse?lang=en", "/browse?page=2&lang=en"))
    assert len(re.findall(r'class="card" href="/browse/study/', first)) == 2
    assert len(re.findall(r'class="card" href="/browse/study/', second)) == 1
    assert 'rel="next" href="/browse?page=2#studies"' in first
    assert 'rel="prev" href="/browse?page=1#studies"' in second
    assert "Studies 3–3 of 3." in second


def test_a_hub_shows_a_page_of_its_incoming_links_with_counts_and_a_way_on(client, monkeypatch):
    monkeypatch.setattr(resource, "INCOMING_PER_PAGE", 5)
    data = json.loads(client.get(HUB + ".json").data)
    total = sum(data["incoming_counts"].values())
    assert total > 5 and data["incoming_page"] == {"page": 1, "pages": -(-total // 5), "first": 1, "last": 5,
                                                    "total": total, "previous": None, "next": 2}
    assert sum(len(group["statements"]) for group in data["incoming"]) == 5
    page = client.get(HUB + "?lang=en").text
    assert f"Statements 1–5 of {total} that refer to this resource." in page
    assert f'rel="next" href="{HUB}?page=2"' in page
    assert "/sparql#query=" in page
    assert re.search(r"\(\d+ of \d+ on this page\)", page)
    zh = client.get(HUB + "?page=2&lang=zh").text
    assert f"引用此资源的陈述：第 6–10 条，共 {total} 条。" in zh
    every = []
    for number in range(1, data["incoming_page"]["pages"] + 1):
        answer = json.loads(client.get(f"{HUB}.json?page={number}").data)
        every += [(g["property"], s.get("iri") or s.get("blank")) for g in answer["incoming"] for s in g["statements"]]
    assert len(every) == len(set(every)) == total  # the pages together show every statement once


def test_rdf_answers_are_not_cut_to_the_page(client, monkeypatch):
    monkeypatch.setattr(resource, "INCOMING_PER_PAGE", 5)
    lines = client.get(HUB + ".nt").text.splitlines()
    incoming = {tuple(line.split(" ")[:2]) for line in lines if line.split(" ")[2:3] == [f"<https://w3id.org/libkg{HUB}>"]
                and "owl#annotated" not in line}  # a curator's annotation of a statement is carried whole, not counted
    assert len(incoming) == sum(json.loads(client.get(HUB + ".json").data)["incoming_counts"].values())


def comparison_rows(html: str) -> list[str]:
    """Return the study slugs of a comparison table's rows, in order."""
    return re.findall(r'<input type="checkbox" name="study" value="([^"]+)"', html)


def test_compare_shows_studies_a_page_at_a_time_and_exports_that_page(client, monkeypatch):
    monkeypatch.setattr(compare, "STUDIES_PER_PAGE", 2)
    first, second = (client.get(path).text for path in ("/compare?lang=en", "/compare?page=2&lang=en"))
    assert comparison_rows(first) == ["study-bl-smes", "study-hebei-iee"]
    assert comparison_rows(second) == ["study-library-service-innovation-cases"]
    assert 'name="page" value="2" id="next-page"' in first and "Studies 3–3 of 3." in second
    assert len(re.findall(r'<th scope="col"><a href="/browse/study/', second)) == 1  # the themes matrix too
    exported = Page(second.encode()).elements
    csv_link = next(attrs["href"] for tag, attrs in exported if attrs.get("id") == "download-csv")
    assert csv_link == "/compare.csv?lang=en&page=2"
    assert [row["IRI"] for row in read_csv(client.get(csv_link).data)] == [RES + "study-library-service-innovation-cases"]
    back = Page(client.get("/browse/study/study-library-service-innovation-cases?lang=en").data)
    assert "/compare?page=2" in back.hrefs()


def test_compare_only_the_chosen_studies(client):
    chosen = "/compare?study=study-library-service-innovation-cases&study=study-bl-smes&lang=en"
    page = client.get(chosen).text
    assert comparison_rows(page) == ["study-library-service-innovation-cases", "study-bl-smes"]
    assert page.count(" checked>") == 2 and "Comparing 2 chosen studies." in page
    assert len(re.findall(r'<th scope="col"><a href="/browse/study/', page)) == 2
    exported = read_csv(client.get(chosen.replace("/compare?", "/compare.csv?")).data)
    assert [row["IRI"] for row in exported] == [RES + "study-library-service-innovation-cases", RES + "study-bl-smes"]


@pytest.mark.parametrize("query, status, words", [
    ("study=study-nowhere", 404, "no study 'study-nowhere' in this build"),
    ("&".join(f"study=s{n}" for n in range(compare.MAX_CHOSEN + 1)), 400, f"compare at most {compare.MAX_CHOSEN} studies"),
])
def test_compare_refuses_an_unknown_study_or_too_many(client, query, status, words):
    for path in ("/compare?", "/compare.csv?"):
        answer = client.get(path + query, headers={"Accept": "application/json"})
        assert answer.status_code == status and words in answer.get_json()["message"]
