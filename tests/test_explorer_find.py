"""Finding things: search in either script and with several words, styled error pages, the query page's language,
ticks that survive paging, who says each comparison value, and the home page's answered questions (in-process app)."""

from __future__ import annotations

import json
import re
import urllib.parse

import pytest

from harness.pages import Page, read_csv_tables
from webapp import compare, home

RES = "https://w3id.org/libkg/resource/"
HTML = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}


def found(client, query: str, **params) -> dict:
    """Ask /search.json."""
    answer = client.get("/search.json?" + urllib.parse.urlencode({"q": query, "lang": "en", **params}))
    assert answer.status_code == 200
    return answer.get_json()


def iris(answer: dict) -> list[str]:
    """Return the IRIs a search answer lists, best first within each group."""
    return [hit["iri"] for group in answer["groups"] for hit in group["results"]]


def test_a_common_variant_is_found_through_an_alternative_label(client):
    answer = found(client, "中小企业")
    assert RES + "smes" in iris(answer)
    hit = next(h for g in answer["groups"] for h in g["results"] if h["iri"] == RES + "smes")
    assert hit["field"] == "alt" and ["中小企业", True] in hit["alt"]["parts"]
    assert RES + "bl-context-rise-of-smes" in iris(found(client, "双创"))
    assert RES + "smes" in iris(found(client, "SME"))


def test_traditional_chinese_finds_simplified_text(client):
    traditional, simplified = found(client, "圖書館"), found(client, "图书馆")
    assert traditional["total"] == simplified["total"] > 10
    assert iris(traditional) == iris(simplified)
    assert RES + "hebei-problem-insufficient-publicity" in iris(found(client, "宣傳不足"))


def test_several_words_must_all_occur_across_names_and_definitions(client):
    both = found(client, "publicity 宣传")  # the English name and the Chinese name of one problem
    assert both["every_word"] and RES + "hebei-problem-insufficient-publicity" in iris(both)
    across = found(client, "cost 中小微企业")  # one word in the English name, one in the Chinese definition
    assert across["every_word"] and RES + "bl-problem-high-service-cost" in iris(across)


def test_words_no_entry_holds_together_find_the_entries_holding_some(client):
    answer = found(client, "宣传 经费")
    assert answer["total"] and not answer["every_word"]
    assert {RES + "hebei-problem-insufficient-publicity", RES + "hebei-problem-lack-of-funding"} <= set(iris(answer))
    page = Page(client.get("/search?q=%E5%AE%A3%E4%BC%A0+%E7%BB%8F%E8%B4%B9&lang=zh", headers=HTML).data)
    assert "没有条目同时包含 宣传、经费" in page.by_id["some-words"]


def test_results_narrow_to_a_kind_and_a_study(client):
    every = found(client, "cooperation")
    kinds = {facet["name"]: facet["count"] for facet in every["facets"]["kinds"]}
    assert kinds["StrategyTheme"] == 1 and len(kinds) > 2
    problems = found(client, "cooperation", kind="Problem")
    assert iris(problems) == [RES + "hebei-problem-weak-cooperation-awareness"] and problems["kind"] == "Problem"
    hebei = found(client, "cooperation", study="study-hebei-iee")
    assert hebei["total"] and all(RES + "study-hebei-iee" in [s["href"].replace("/resource/", RES) for s in h["studies"]]
                                  for g in hebei["groups"] for h in g["results"])
    page = Page(client.get("/search?q=cooperation&kind=Problem", headers=HTML).data)
    assert "/search?q=cooperation" in page.links  # the way back to every kind
    assert ("input", "kind", "Problem") in [(tag, a.get("name"), a.get("value")) for tag, a in page.elements]


def test_nothing_found_suggests_near_names_and_browsing(client):
    answer = found(client, "cooperatoin")
    assert answer["total"] == 0 and "/resource/theme-cooperation-and-partnership" in [s["href"] for s in answer["suggestions"]]
    page = Page(client.get("/search?q=cooperatoin", headers=HTML).data)
    assert "/resource/theme-cooperation-and-partnership" in page.links and "/browse" in page.links


def test_long_input_is_cut_and_the_page_says_so(client):
    pasted = "library services for small firms " * 30  # about 1,000 characters: a long paste, a URL under the limit
    answer = client.get("/search?" + urllib.parse.urlencode({"q": pasted, "lang": "zh"}), headers=HTML)
    page = Page(answer.data)
    assert answer.status_code == 200 and "只搜索了前 200 个字符" in page.by_id["search-cut"]
    assert found(client, pasted)["cut"] and len(found(client, pasted)["query"]) <= 200


def test_an_address_beyond_the_request_limit_gets_a_styled_414(client):
    answer = client.get("/search?q=" + "a" * 300_000 + "&lang=zh", headers=HTML)
    assert answer.status_code == 414 and answer.mimetype == "text/html"
    assert "网址过长" in Page(answer.data).by_id["error-heading"]
    assert client.get("/search?q=" + "a" * 300_000).get_json()["status"] == 414


@pytest.mark.parametrize("path, status, heading, note", [
    ("/no-such-page", 404, "这里没有内容", None),
    ("/browse/study/study-nowhere", 404, "这里没有内容", "本次构建中没有研究“study-nowhere”。"),
    ("/browse/kind/Nope", 404, "这里没有内容", "“Nope”不是本体中的事物类别。"),
    ("/compare?" + "&".join(f"study=s{n}" for n in range(compare.MAX_CHOSEN + 1)), 400, "无法处理此请求", "一次最多比较 20 项研究"),
    ("/sparql?query=SELECT", 400, "无法处理此请求", None),
])
def test_browsers_get_a_styled_translated_error_page_with_a_way_on(client, path, status, heading, note):
    answer = client.get(path + ("&" if "?" in path else "?") + "lang=zh", headers=HTML)
    page = Page(answer.data)
    assert answer.status_code == status and answer.mimetype == "text/html"
    assert page.by_id["error-heading"] == heading
    if note:
        assert note in page.by_id["error-note"]
    assert {"/", "/browse"} <= set(page.links) and ("form", "/search") in [(t, a.get("action")) for t, a in page.elements]
    other = client.get(path, headers={"Accept": "application/json"})
    assert other.status_code == status and other.get_json()["status"] == status
    assert client.get(path, headers={"Accept": "text/plain"}).mimetype == "text/plain"


def test_a_missing_page_offers_its_words_to_search(client):
    page = Page(client.get("/resource/public-libary?lang=en", headers=HTML).data)
    assert ("input", "public libary") in [(tag, a.get("value")) for tag, a in page.elements if a.get("id") == "error-q"]
    assert "/resource/public-library-manifesto" in page.links


def test_the_query_page_takes_the_language_switch(client):
    answer = client.get("/sparql?lang=zh", headers=HTML)
    assert answer.status_code == 200 and "用 SPARQL 查询图谱" in answer.get_data(as_text=True)
    editor = next(a for tag, a in Page(answer.data).elements if a.get("id") == "editor")
    assert json.loads(editor["data-messages"])["query_error_syntax"] == "语法错误，位于第 {line} 行第 {column} 列。"
    assert client.get("/sparql?query=ASK%7B%7D&lang=zh", headers={"Accept": "application/sparql-results+json"}).status_code == 200
    assert client.get("/sparql?query=ASK%7B%7D&colour=red").status_code == 400  # other parameters are still refused


def test_the_language_switch_keeps_every_value_of_a_parameter(client):
    chosen = "/compare?study=study-library-service-innovation-cases&study=study-bl-smes&study=study-hebei-iee&lang=en"
    page = Page(client.get(chosen, headers=HTML).data)
    kept = [a.get("value") for tag, a in page.elements if tag == "input" and a.get("type") == "hidden" and a.get("name") == "study"]
    assert kept[:3] == ["study-library-service-innovation-cases", "study-bl-smes", "study-hebei-iee"]


def test_ticks_survive_turning_the_page(client, monkeypatch):
    monkeypatch.setattr(compare, "STUDIES_PER_PAGE", 2)
    html = client.get("/compare?study=study-bl-smes&page=2&lang=en", headers=HTML).get_data(as_text=True)
    page = Page(html.encode())
    assert re.findall(r'<input type="checkbox" name="study" value="([^"]+)"', html) == ["study-library-service-innovation-cases"]
    assert ("study", "study-bl-smes") in [(a.get("name"), a.get("value")) for tag, a in page.elements if a.get("type") == "hidden"]
    first = client.get("/compare?study=study-bl-smes&page=1&lang=en").get_data(as_text=True)
    assert 'value="study-bl-smes" aria-label="Compare: British Library services for SMEs and lessons for Chinese public libraries (Study A)" checked' in first


def test_each_comparison_cell_says_who_makes_its_values(client):
    html = client.get("/compare?lang=en", headers=HTML).get_data(as_text=True)
    origins = dict(re.findall(r'data-column="(\w+)" data-origin="([^"]*)"', html))
    assert origins["themes"] == "curator" and origins["subject"] == "stated"
    assert "stated knowledge" in re.findall(r'data-column="library_type" data-origin="([^"]*)"', html)  # a library's type is curator knowledge
    table, matrix = read_csv_tables(client.get("/compare.csv?lang=en").data)
    bl = table[0]
    assert bl["Strategy themes: who says"] == "curator inference" and bl["Problems: who says"] == "stated by source"
    assert set(bl["Library type: who says"].split("; ")) == {"stated by source", "curator knowledge"}
    cooperation = next(row for row in matrix if row["Strategy theme"] == "Cooperation and partnership")
    assert cooperation["Studies"] == "3" and "Strengthen cooperation to help SMEs" in cooperation[table[0]["Study"]]


def test_home_answers_its_questions_once_per_release(client, monkeypatch):
    page = Page(client.get("/?lang=zh", headers=HTML).data)
    offers = page.by_id["cq-42-what-libraries-offer-whom"]
    assert "各图书馆（或各类图书馆）提供哪些服务？面向谁？" in offers and "英国国家图书馆" in offers and "创客服务" in offers
    assert "/resource/british-library" in page.links and "/resource/theme-cooperation-and-partnership" in page.links
    assert any(href.startswith("/sparql#query=") for href in page.links)
    assert "是" in page.by_id["cq-34-every-problem-addressed"]
    calls = []
    monkeypatch.setattr(home, "answer", lambda store, question: calls.append(question))
    client.get("/?lang=en")
    assert calls == []  # computed once for the release, not per request
