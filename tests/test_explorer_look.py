"""The explorer for students, in a real browser and in both languages: term links that stay in the explorer, the Cite
box, a legible neighbourhood graph that lets a phone's page scroll, the collapsing header and dark mode; with
screenshots in test-artifacts/ (the README's in test-artifacts/readme/)."""

from __future__ import annotations

import json
import re
import urllib.request

import pytest
from playwright.sync_api import Page, expect

from harness.browser import opened, screenshot

pytestmark = [pytest.mark.server, pytest.mark.browser]

CLAIM = "/resource/hebei-problem-talent-shortage"
STUDY_C = "study-library-service-innovation-cases"
MIN_LABEL_PX = 11


@pytest.fixture(scope="module")
def largest_study(server) -> str:
    """The study whose neighbourhood graph has the most nodes."""
    sizes = {}
    for slug in ("study-bl-smes", "study-hebei-iee", STUDY_C):
        with urllib.request.urlopen(f"{server}/resource/{slug}.json") as answer:
            sizes[slug] = len(json.load(answer)["graph"]["nodes"])
    return max(sizes, key=sizes.get)


def drawn_graph(tab: Page) -> dict:
    """Wait for the neighbourhood graph and return what a reader sees of it: label sizes and overlaps with the centre."""
    expect(tab.locator("#neighbourhood")).to_have_attribute("data-drawn", "true")
    return tab.evaluate("""() => {
        const cy = window.libkgGraph, centre = cy.nodes("[kind = 'centre']");
        const box = centre.boundingBox({ includeLabels: true });
        const meets = (b) => !(b.x2 < box.x1 || b.x1 > box.x2 || b.y2 < box.y1 || b.y1 > box.y2);
        const labelled = cy.nodes().filter((n) => n.data('label'));
        return {
          centre: centre.data('label'),
          smallest: Math.min(...labelled.map((n) => parseFloat(n.renderedStyle('font-size')))),
          overlapping: cy.nodes().filter((n) => n.id() !== centre.id() && meets(n.boundingBox({ includeLabels: true })))
                         .map((n) => n.data('label')),
          members: cy.nodes("[kind = 'member']").length,
          pan: cy.pan(), zoom: cy.zoom(),
        };
    }""")


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_kind_link_from_an_entity_page_lands_on_an_explorer_page(browser, server, language):
    with opened(browser, server, language) as tab:
        tab.goto(CLAIM)
        tab.locator("#outgoing [data-property='rdf:type'] a.neighbour").first.click()
        expect(tab).to_have_url(re.compile(r"/browse/kind/Problem$"))
        expect(tab.locator("html")).to_have_attribute("lang", language)
        expect(tab.locator("#kind-title")).to_contain_text("Problem" if language == "en" else "问题")
        expect(tab.locator("#site-nav")).to_be_attached()
        expect(tab.locator("#narrower, #definition").first).to_be_visible()
        screenshot(tab, f"kind-page-{language}", readme=language == "en")
        tab.go_back()
        tab.locator("#outgoing [data-property='lkg:concerns'] h3 a.property-name").click()
        expect(tab).to_have_url(re.compile(r"/browse/property/concerns$"))
        expect(tab.locator("#domain")).to_contain_text("Claim" if language == "en" else "论断")
        screenshot(tab, f"property-page-{language}", readme=language == "en")
        tab.locator("#documentation").click()  # the ontology document: in the site, on the term
        expect(tab).to_have_url(re.compile(r"/ontology#concerns$"))
        expect(tab.locator("html")).to_have_attribute("lang", language)
        expect(tab.locator("#language-switch")).to_be_attached()
        expect(tab.locator("#concerns")).to_be_in_viewport()
        screenshot(tab, f"ontology-term-{language}", full_page=False)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_study_page_cites_the_study(browser, server, language):
    with opened(browser, server, language) as tab:
        tab.goto(f"/browse/study/{STUDY_C}")
        cite = tab.locator("#cite")
        expect(tab.locator("#cite-text")).to_have_text(
            "Xu Xuan and Wang Lulu (2024). Research on the Characteristics and Operating Strategies of Library Service "
            "Innovation in China Based on Cases [我国图书馆服务创新案例研究]. Tushuguan Jianshe [图书馆建设], (2). ISSN 1004-325X."
            if language == "en" else "徐轩, 王璐璐. 我国图书馆服务创新案例研究[J]. 图书馆建设, 2024(2). ISSN 1004-325X.")
        expect(tab.locator("#cite-bibtex")).to_contain_text("@article{xu2024,")
        expect(tab.locator("#cite-bibtex")).to_contain_text("journal = {Tushuguan Jianshe}" if language == "en" else "journal = {图书馆建设}")
        expect(cite.locator("button.copy").first).to_be_visible()
        cite.scroll_into_view_if_needed()
        screenshot(tab, f"cite-study-c-{language}", full_page=False, readme=language == "en")
        for slug in ("study-bl-smes", "study-hebei-iee"):
            tab.goto(f"/browse/study/{slug}")
            expect(tab.locator("#cite-missing")).to_contain_text("No author or year given by the source" if language == "en"
                                                                 else "来源未给出作者和年份")
            expect(tab.locator("#cite-bibtex")).to_contain_text(f"@misc{{{slug},")
            tab.locator("#cite").scroll_into_view_if_needed()
            screenshot(tab, f"cite-{slug}-{language}", full_page=False)


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_largest_study_graph_is_legible(browser, server, largest_study, language, phone):
    with opened(browser, server, language, phone=phone) as tab:
        tab.goto(f"/resource/{largest_study}")
        graph = drawn_graph(tab)
        assert graph["smallest"] >= MIN_LABEL_PX, graph
        assert graph["overlapping"] == [], f"labels over the centre node: {graph['overlapping']}"
        assert 8 <= graph["members"] <= 25, graph
        tab.locator("section.neighbourhood").scroll_into_view_if_needed()
        screenshot(tab, f"graph-{largest_study}-{language}-{'phone' if phone else 'desktop'}", full_page=False,
                   readme=language == "en" and not phone)
        tab.locator(".graph-tools button", has_text="Show all" if language == "en" else "显示全部").click()
        every = drawn_graph(tab)
        assert every["members"] > graph["members"] and every["smallest"] >= MIN_LABEL_PX and every["overlapping"] == []


def swipe_up(tab: Page, x: float, y: float, distance: int = 300) -> None:
    """Drag one finger up the screen from (x, y), as touch events (a real swipe, which the page may scroll by)."""
    cdp = tab.context.new_cdp_session(tab)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for step in range(1, 16):
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y - distance * step / 15}]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    settled = None
    while settled != (settled := tab.evaluate("window.scrollY")):  # until the page (or the graph) stops moving
        tab.wait_for_timeout(150)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_swipe_over_the_graph_scrolls_the_page_on_a_phone(browser, server, largest_study, language):
    with opened(browser, server, language, phone=True) as tab:
        tab.goto(f"/resource/{largest_study}")
        before = drawn_graph(tab)
        graph = tab.locator("#neighbourhood")
        graph.evaluate("(e) => window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - 100)")
        box = graph.bounding_box()
        start = tab.evaluate("window.scrollY")
        swipe_up(tab, box["x"] + box["width"] / 2, 500)
        assert tab.evaluate("window.scrollY") > start + 150, "the page did not scroll under the finger"
        assert drawn_graph(tab)["pan"] == before["pan"], "the graph moved instead of the page"
        screenshot(tab, f"graph-swipe-{language}-phone", full_page=False, readme=language == "zh")

        tab.locator(".graph-shield").click()  # a tap hands the gestures to the graph
        expect(tab.locator(".graph-shield")).to_be_hidden()
        expect(tab.locator(".graph-tools button", has_text="Done" if language == "en" else "完成")).to_be_visible()
        canvas = tab.locator(".graph-canvas").bounding_box()
        start = tab.evaluate("window.scrollY")
        swipe_up(tab, canvas["x"] + canvas["width"] / 2, canvas["y"] + 200, 100)
        assert tab.evaluate("window.scrollY") == start and drawn_graph(tab)["pan"]["y"] < before["pan"]["y"]
        tab.locator(".graph-tools button", has_text="Done" if language == "en" else "完成").click()
        expect(tab.locator(".graph-shield")).to_be_visible()


@pytest.mark.parametrize("language", ["en", "zh"])
def test_clicking_a_node_shows_its_links_in_place_then_its_page(browser, server, language):
    with opened(browser, server, language) as tab:
        tab.goto(CLAIM)
        before = drawn_graph(tab)
        tab.locator("#neighbourhood").evaluate("""(e) => new Promise((done) => {
            window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - 80);
            requestAnimationFrame(() => requestAnimationFrame(done));  // as a reader: the scroll has reached the graph
        })""")
        target = tab.evaluate("""() => {
            const node = window.libkgGraph.nodes("[kind = 'member'][href ^= '/resource/study-']").first();
            const p = node.renderedPosition(), r = document.querySelector('.graph-canvas').getBoundingClientRect();
            return { x: r.left + p.x, y: r.top + p.y, href: node.data('href') };
        }""")
        tab.mouse.click(target["x"], target["y"])
        expect(tab.locator(".graph-selection a")).to_have_attribute("href", target["href"])
        tab.wait_for_function("(n) => window.libkgGraph.nodes(\"[kind = 'member']\").length > n", arg=before["members"])
        after = drawn_graph(tab)
        assert after["overlapping"] == [] and after["smallest"] >= MIN_LABEL_PX
        screenshot(tab, f"graph-expanded-{language}", full_page=False)
        tab.locator(".graph-selection a").click()
        expect(tab).to_have_url(re.compile(re.escape(target["href"]) + "$"))


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_header_folds_on_a_phone_and_pages_follow_the_colour_scheme(browser, server, language, scheme):
    with opened(browser, server, language, scheme, phone=True) as tab:
        tab.goto(CLAIM)
        header = tab.locator("header.site")
        assert header.bounding_box()["height"] <= 64, "the header takes a small part of a phone's screen"
        expect(tab.locator("#site-nav")).to_be_hidden()
        expect(tab.locator("#language-switch")).to_be_visible()
        tab.locator(".menu-toggle").click()
        expect(tab.locator("#site-nav")).to_be_visible()
        expect(tab.locator(".menu-toggle")).to_have_attribute("aria-expanded", "true")
        screenshot(tab, f"phone-menu-{language}-{scheme}", full_page=False)
        background = tab.evaluate("getComputedStyle(document.body).backgroundColor")
        assert (background == "rgb(255, 255, 255)") == (scheme == "light"), background
        tab.keyboard.press("Escape")
        expect(tab.locator("#site-nav")).to_be_hidden()
        tab.goto(f"/resource/{STUDY_C}")
        screenshot(tab, f"entity-{language}-{scheme}-phone", full_page=False, readme=language == "zh" and scheme == "dark")


@pytest.mark.parametrize("language", ["en", "zh"])
def test_readme_screenshots_of_the_main_pages(browser, server, language):
    pages = {"home": "/", "search": "/search?q=" + ("合作" if language == "zh" else "cooperation"), "browse": "/browse",
             "study": f"/browse/study/{STUDY_C}", "entity": CLAIM, "compare": "/compare", "query": "/sparql",
             "source": "/source/001_30f2c58c065afdf1#span-3163-3178"}
    with opened(browser, server, language) as tab:
        for name, path in pages.items():
            tab.goto(path)
            tab.wait_for_load_state("networkidle")
            expect(tab.locator("html")).to_have_attribute("lang", language)
            screenshot(tab, f"{name}-{language}", full_page=False, readme=True)
