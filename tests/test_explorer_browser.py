"""The explorer in a real browser (Debian's Chromium through Playwright), against a real server; screenshots in test-artifacts/."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from harness.browser import ARTIFACTS

pytestmark = [pytest.mark.server, pytest.mark.browser]



def test_switching_to_chinese_shows_chinese_labels_everywhere(page: Page):
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.click("#language-switch")
    expect(page.locator("html")).to_have_attribute("lang", "zh")
    expect(page.locator("h1")).to_have_text("面向创新创业的图书馆服务知识图谱")
    expect(page.locator("#per-study")).to_contain_text("河北省高校图书馆与大学生创新创业教育（研究B）")
    expect(page.locator("#kinds")).to_contain_text("对策")

    page.click("nav >> text=搜索")
    page.fill("#q", "cooperation")
    expect(page.locator("#results")).to_contain_text("合作与伙伴关系")
    expect(page.locator("#results h2").first).to_contain_text("策略主题")

    page.click("#results a.result-label >> text=合作与伙伴关系")
    expect(page.locator("h1")).to_contain_text("合作与伙伴关系")
    expect(page.locator("html")).to_have_attribute("lang", "zh")
    page.click("#language-switch")
    expect(page.locator("h1")).to_contain_text("Cooperation and partnership")


def test_chinese_substring_search_as_you_type_and_open_a_result(page: Page):
    page.goto("/search")
    page.type("#q", "中小微", delay=30)
    result = page.locator("#results li", has_text="中小微企业").first.locator("a.result-label")
    expect(result).to_have_attribute("href", "/resource/smes")
    expect(page.locator("#results mark").first).to_have_text("中小微")
    assert re.search(r"[?&]q=%E4%B8%AD%E5%B0%8F%E5%BE%AE", page.url), "the address keeps the query"
    result.click()
    expect(page).to_have_url(re.compile(r"/resource/smes$"))
    expect(page.locator("h1")).to_contain_text("Small, medium and micro enterprises")


def test_follow_a_hebei_problem_to_the_countermeasure_that_addresses_it(page: Page):
    page.goto("/browse/study/study-hebei-iee")
    page.click("#kind-Problem a >> text=Shortage of talent")
    expect(page.locator("h1")).to_contain_text("Shortage of talent")
    addressed = page.locator("#incoming [data-property='lkg:addresses'] a.neighbour", has_text="Build up talent and secure funding")
    expect(addressed).to_be_visible()
    addressed.click()
    expect(page.locator("h1")).to_contain_text("Build up talent and secure funding")
    expect(page.locator("#outgoing [data-property='lkg:addresses']")).to_contain_text("Lack of financial guarantees")


def test_a_curator_inference_is_marked_as_such(page: Page):
    page.goto("/resource/hebei-countermeasure-talent-and-funding")
    statement = page.locator("#outgoing [data-property='lkg:addresses'] li", has_text="Shortage of talent")
    expect(statement.locator(".badge.curator")).to_have_text("curator inference")
    # The study a claim comes from is its Source line, above the statements (it was one of them, repeated four times).
    expect(page.locator("#source [data-property='lkg:reportedIn'] .badge.stated").first).to_have_text("stated by source")
    # What the reasoner only restates is folded under the statement it restates; opened, it shows its badge.
    expect(page.locator("#source details.restated .badge.reasoner").first).to_be_hidden()
    page.click("#source details.restated summary")
    expect(page.locator("#source details.restated .badge.reasoner").first).to_be_visible()


def test_compare_and_download_the_csv(page: Page, tmp_path: Path):
    page.goto("/compare")
    expect(page.locator("#comparison tbody tr")).to_have_count(3)
    expect(page.locator("#themes-matrix")).to_contain_text("Cooperation and partnership")
    with page.expect_download() as download:
        page.click("#download-csv")
    assert download.value.suggested_filename == "libkg-comparison-en.csv"
    saved = tmp_path / "comparison.csv"
    download.value.save_as(saved)
    rows = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8-sig"))))
    assert [row["Study"] for row in rows][1] == "Hebei university libraries and students' innovation and entrepreneurship education (Study B)"
    assert "Case study" in rows[1]["Methods"].split("; ")


def test_query_page_runs_an_example_and_shows_rows(page: Page):
    page.goto("/sparql")
    expect(page.locator(".yasqe .CodeMirror")).to_be_visible()
    page.click("#cq-02-hebei-problems-countermeasures .load-example")
    editor = page.locator(".yasqe .CodeMirror")
    expect(editor).to_contain_text("lkg:Countermeasure")
    page.click(".yasqe_queryButton")
    rows = page.locator(".yasr tbody tr")
    expect(rows).to_have_count(7, timeout=30_000)
    expect(page.locator(".yasr tbody")).to_contain_text("Shortage of talent")
    expect(page.locator(".yasr tbody a.iri", has_text="Build up talent and secure funding").first).to_have_attribute(
        "href", "/resource/hebei-countermeasure-talent-and-funding")
    csv_link = page.locator("#download-result-csv")
    expect(csv_link).to_have_attribute("href", re.compile(r"/sparql\?query=.+&format=csv$"))
    shared = page.locator("#share-link").get_attribute("href")
    assert shared.startswith("/sparql#query=")

    page.goto(shared)
    expect(page.locator(".yasqe .CodeMirror")).to_contain_text("lkg:Countermeasure")


def test_neighbourhood_graph_draws_nodes(page: Page):
    page.goto("/resource/hebei-problem-talent-shortage")
    graph = page.locator("#neighbourhood")
    expect(graph).to_have_attribute("data-drawn", "true")
    assert int(graph.get_attribute("data-nodes")) >= 4
    expect(graph.locator("canvas").first).to_be_attached()
    assert page.evaluate("window.libkgGraph.nodes().length") == int(graph.get_attribute("data-nodes"))


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_claim_leads_to_its_passage_in_the_source_and_back(page: Page, language: str):
    page.goto(f"/resource/hebei-problem-insufficient-publicity?lang={language}")
    passage = page.locator("#evidence figure", has=page.locator("mark", has_text="insufficient publicity"))
    expect(passage).to_have_count(1)
    expect(page.locator("#evidence-heading")).to_have_text("Evidence in the source" if language == "en" else "来源原文依据")
    passage.locator("a.read-in-source").click()
    expect(page).to_have_url(re.compile(r"/source/001_30f2c58c065afdf1#span-\d+-\d+$"))
    target = page.locator("mark.passage.target")
    expect(target.first).to_be_visible()
    expect(target.last).to_contain_text("insufficient publicity")
    anchor = page.url.rsplit("#", 1)[1]
    start, end = anchor.split("-")[1:]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"source-reader-{language}.png"))
    supports = page.locator(f"#claims-{start}-{end} ul.supports a")
    expect(supports.first).to_be_visible()
    supports.filter(has_text="publicity" if language == "en" else "宣传").first.click()
    expect(page).to_have_url(re.compile(r"/resource/hebei-problem-insufficient-publicity"))
    expect(page.locator("html")).to_have_attribute("lang", language)
