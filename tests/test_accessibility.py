"""Accessibility in a real browser: axe-core finds no serious or critical WCAG 2.2 AA violation on any kind of page, in
English and Chinese, light and dark; the focus ring stands out from every background (3:1)."""

from __future__ import annotations

import re

import pytest

from harness.browser import axe_violations, opened, screenshot

pytestmark = [pytest.mark.server, pytest.mark.browser]

PAGES = {
    "home": "/",
    "search": "/search?q=library",
    "browse": "/browse",
    "study": "/browse/study/study-library-service-innovation-cases",
    "compare": "/compare",
    "query": "/sparql",
    "entity": "/resource/hebei-problem-talent-shortage",
    "error": "/resource/no-such-resource",
    "kind": "/browse/kind/Problem",
    "property": "/browse/property/reportedIn",
    "ontology": "/ontology",
    "source": "/source/001_30f2c58c065afdf1",
}
# Violations axe finds in what the query page's editor (YASGUI 4.6.2) draws: its tab list holds buttons where ARIA
# wants tabs, and CodeMirror's hidden input has no label. The page and its script belong to the query page's own work;
# each entry must go once that is fixed, and anything else found on the page fails the test.
def contrast(first: str, second: str) -> float:
    """Return the WCAG contrast ratio of two CSS rgb() colours."""
    def luminance(colour: str) -> float:
        channels = [int(c) / 255 for c in re.findall(r"\d+", colour)[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_serious_violation(browser, server, name, language, scheme):
    with opened(browser, server, language, scheme, bypass_csp=True) as tab:
        tab.goto(PAGES[name])
        tab.wait_for_load_state("networkidle")
        found = axe_violations(tab)
        screenshot(tab, f"axe-{name}-{language}-{scheme}", full_page=False)
    assert not found, f"{PAGES[name]} ({language}, {scheme}): " + "; ".join(
        f"{v['impact']} {v['rule']} ({v['help']}) at {', '.join(v['targets'][:4])}" for v in found)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", ["entity", "study"])
def test_axe_finds_nothing_serious_on_a_phone_with_the_menu_open(browser, server, name, scheme):
    with opened(browser, server, "zh", scheme, phone=True, bypass_csp=True) as tab:
        tab.goto(PAGES[name])
        tab.click("header.site .menu-toggle")
        tab.locator("#site-nav").wait_for(state="visible")
        found = axe_violations(tab)
        screenshot(tab, f"axe-{name}-phone-menu-{scheme}", full_page=False)
    assert not found, found


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_focus_ring_stands_out_from_every_background(browser, server, scheme):
    with opened(browser, server, "en", scheme) as tab:
        tab.goto(PAGES["entity"])
        ratios = {}
        for selector in ("header.site nav a", "#language-switch", "#source a.study-link", "#source .badge",
                         ".data-box a", "details.restated summary"):
            element = tab.locator(selector).first
            element.focus()
            tab.keyboard.press("Shift+Tab")
            tab.keyboard.press("Tab")  # focused from the keyboard, so :focus-visible applies
            style = element.evaluate("""(e) => {
                const s = getComputedStyle(e); let b = e.parentElement, bg = 'rgba(0, 0, 0, 0)';
                while (b && (bg = getComputedStyle(b).backgroundColor) === 'rgba(0, 0, 0, 0)') b = b.parentElement;
                return { ring: s.outlineColor, width: s.outlineWidth, style: s.outlineStyle, around: bg,
                         focused: document.activeElement === e };
            }""")
            assert style["focused"] and style["style"] == "solid" and float(style["width"][:-2]) >= 2, (selector, style)
            ratios[selector] = contrast(style["ring"], style["around"])
        screenshot(tab, f"focus-ring-{scheme}", full_page=False)
    assert min(ratios.values()) >= 3, ratios
