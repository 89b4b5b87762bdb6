"""Finding things in a real browser: the language switch keeps every page and its parameters, searches in either
script, the query page's banner and errors in the reader's language, and the home page's answers (screenshots of
each in both languages, at 1280x900 and 390x844, in test-artifacts/)."""

from __future__ import annotations

import csv
import io
import urllib.parse
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from harness.browser import ARTIFACTS

pytestmark = [pytest.mark.server, pytest.mark.browser]

THREE = ("study-library-service-innovation-cases", "study-bl-smes", "study-hebei-iee")
# One page of each family with parameters, and what it shows once switched to Chinese.
SWITCHED = {
    "home": ("/", "这个图谱能回答的问题"),
    "search": ("/search?q=cooperation&kind=StrategyTheme", "合作与伙伴关系"),
    "browse": ("/browse", "事物类别"),
    "study": ("/browse/study/study-hebei-iee", "宣传不足"),
    "compare": ("/compare?" + "&".join(f"study={slug}" for slug in THREE), "正在比较所选的 3 项研究。"),
    "query": ("/sparql", "用 SPARQL 查询图谱"),
    "entity": ("/resource/hebei-problem-talent-shortage", "人才缺乏"),
    "source": ("/source/001_30f2c58c065afdf1", "段落及其支持的内容"),
    "dumps": ("/dumps/", "下载"),
    "error": ("/browse/kind/Nope", "这里没有内容"),
}


def shoot(page: Page, name: str) -> None:
    """Save the page as a reader sees it on a desktop (1280x900) and on a phone (390x844)."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"find-{name}-desktop.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(ARTIFACTS / f"find-{name}-phone.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def query_of(url: str) -> list[tuple[str, str]]:
    """Return a URL's parameters, every value of each, lang left out."""
    return [(k, v) for k, v in urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query) if k != "lang"]


@pytest.mark.parametrize("name", SWITCHED)
def test_the_language_switch_keeps_the_page_and_all_its_parameters(page: Page, name: str):
    path, chinese = SWITCHED[name]
    page.goto(path)
    shoot(page, f"switch-{name}-en")
    before = query_of(page.url)
    page.click("#language-switch")
    expect(page.locator("html")).to_have_attribute("lang", "zh")
    assert urllib.parse.urlsplit(page.url).path == urllib.parse.urlsplit(path).path
    assert query_of(page.url) == before
    expect(page.locator("main")).to_contain_text(chinese)
    shoot(page, f"switch-{name}-zh")


def test_three_ticked_studies_survive_the_switch_and_the_chinese_csv_has_them_all(page: Page, tmp_path: Path):
    page.goto("/compare")
    for slug in THREE:
        page.check(f"#comparison input[value='{slug}']")
    page.click("#compare-ticked")
    page.click("#language-switch")
    expect(page.locator("html")).to_have_attribute("lang", "zh")
    for slug in THREE:
        expect(page.locator(f"#comparison input[value='{slug}']")).to_be_checked()
    expect(page.locator("#comparison td[data-column='themes'] .badge.curator").first).to_have_text("编者推断")
    with page.expect_download() as download:
        page.click("#download-csv")
    saved = tmp_path / "comparison.csv"
    download.value.save_as(saved)
    rows = list(csv.reader(io.StringIO(saved.read_text(encoding="utf-8-sig"))))
    table = rows[1:rows.index([])]
    assert sorted(row[1].rsplit("/", 1)[-1] for row in table) == sorted(THREE)
    assert "策略主题：出处" in rows[0] and any(row and row[0].startswith("各项研究中的策略主题") for row in rows)
    shoot(page, "compare-ticked-zh")


@pytest.mark.parametrize("typed, expected", [
    ("中小企业", "/resource/smes"),
    ("圖書館", "/resource/keyword-library"),
    ("宣传 经费", "/resource/hebei-problem-lack-of-funding"),
])
@pytest.mark.parametrize("language", ["en", "zh"])
def test_search_finds_what_people_type(page: Page, typed: str, expected: str, language: str):
    page.goto(f"/search?lang={language}")
    page.type("#q", typed, delay=20)
    expect(page.locator(f"#results a.result-label[href='{expected}']")).to_be_visible()
    if " " in typed:
        expect(page.locator("#some-words")).to_be_visible()
    expect(page.locator("#results mark").first).to_be_visible()
    shoot(page, f"search-{typed.replace(' ', '+')}-{language}")


@pytest.mark.parametrize("language", ["en", "zh"])
def test_nothing_found_offers_a_way_on(page: Page, language: str):
    page.goto(f"/search?q=cooperatoin&lang={language}")
    expect(page.locator("#suggestions a").first).to_be_visible()
    expect(page.locator("#browse-instead")).to_be_visible()
    shoot(page, f"search-nothing-{language}")


def set_query(page: Page, text: str) -> None:
    """Put a query into the editor of the tab shown."""
    page.evaluate("text => document.querySelector('.yasqe .CodeMirror').CodeMirror.setValue(text)", text)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_truncated_answer_shows_the_banner(page: Page, language: str):
    page.goto(f"/sparql?lang={language}")
    expect(page.locator(".yasqe .CodeMirror")).to_be_visible()
    set_query(page, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } LIMIT 20000")
    page.click(".yasqe_queryButton")
    banner = page.locator("#query-truncated")
    expect(banner).to_be_visible(timeout=30_000)
    expect(banner).to_contain_text("10,000")
    expect(banner).to_contain_text("LIMIT")
    expect(page.locator(".yasr .tableControls input[type=checkbox]").nth(1)).not_to_be_checked()  # long values shown whole
    shoot(page, f"query-truncated-{language}")


@pytest.mark.parametrize("language, words", [("zh", "语法错误，位于第 4 行第 2 列"), ("en", "Syntax error at line 4, column 2")])
def test_a_syntax_error_shows_line_and_column_in_the_reader_s_language(page: Page, language: str, words: str):
    page.goto(f"/sparql?lang={language}")
    expect(page.locator(".yasqe .CodeMirror")).to_be_visible()
    set_query(page, "SELECT * WHERE {\n  ?s ?p ?o .\n  ?s ?p \n}")
    page.click(".yasqe_queryButton")
    problem = page.locator("#query-problem")
    expect(problem).to_be_visible(timeout=30_000)
    expect(problem.locator(".problem-summary")).to_contain_text(words)
    expect(page.locator(".yasr .errorResult")).to_be_hidden()
    if language == "zh":
        expect(page.locator(".yasqe_queryButton")).to_have_attribute("title", "运行查询")
    shoot(page, f"query-syntax-error-{language}")


def test_a_new_query_tab_opens_beside_the_others_and_a_screen_reader_can_name_the_editor(page: Page):
    page.goto("/sparql?lang=zh")
    expect(page.locator(".yasqe .CodeMirror")).to_be_visible()
    expect(page.locator(".yasqe .CodeMirror textarea")).to_have_attribute("aria-label", "SPARQL 查询文本")
    before = page.locator(".tabsList [role=tab]").count()
    page.click("button.addTab")
    expect(page.locator(".tabsList [role=tab]")).to_have_count(before + 1)
    roles = page.evaluate("[...document.querySelector('.tabsList').children].map(c => c.getAttribute('role'))")
    assert "tablist" not in roles and not page.locator(".tabsList button.addTab").count(), roles


@pytest.mark.parametrize("language, question, name", [
    ("en", "What does each library, or kind of library, offer, and to whom?", "Maker services"),
    ("zh", "各图书馆（或各类图书馆）提供哪些服务？面向谁？", "创客服务"),
])
def test_home_answers_its_questions(page: Page, language: str, question: str, name: str):
    page.goto(f"/?lang={language}")
    answer = page.locator("#cq-42-what-libraries-offer-whom")
    expect(answer.locator("h3")).to_have_text(question)
    expect(answer.locator("table.answer")).to_contain_text(name)
    expect(page.locator("#cq-43-problems-and-remedies-per-study table.answer tbody tr").first).to_be_visible()
    shoot(page, f"home-{language}")
    answer.locator("a.see-query").click()
    expect(page.locator(".yasqe .CodeMirror")).to_contain_text("lkg:servesAudience")
