"""A real browser for the explorer's tests: Debian's Chromium through Playwright, pages in a chosen language, colour
scheme and screen size, screenshots in test-artifacts/, and axe-core (from node_modules) to check accessibility."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, Page

from harness.project import ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = ROOT / "test-artifacts"
# Screenshots the README shows (copied to docs/screenshots/ when they change): JPEG, so that they stay small.
README_SHOTS = ARTIFACTS / "readme"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
# What axe checks: WCAG 2.0 to 2.2, levels A and AA.
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@contextmanager
def opened(browser: Browser, server: str, language: str = "en", scheme: str = "light", phone: bool = False,
           bypass_csp: bool = False) -> Iterator[Page]:
    """Open a tab on the server in a fresh context: the language chosen (as by the switch, in its cookie), the colour
    scheme, a desktop or a phone screen (touch); page errors and refused scripts fail the test when the tab closes."""
    context = browser.new_context(base_url=server, viewport=PHONE if phone else DESKTOP, color_scheme=scheme,
                                  is_mobile=phone, has_touch=phone, locale="zh-CN" if language == "zh" else "en-GB",
                                  bypass_csp=bypass_csp)
    context.add_cookies([{"name": "lang", "value": language, "url": server}])
    tab = context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    tab.on("console", lambda message: problems.append(message.text) if "Content Security Policy" in message.text else None)
    try:
        yield tab
    finally:
        context.close()
    assert not problems, problems


def screenshot(tab: Page, name: str, full_page: bool = True, readme: bool = False) -> Path:
    """Save a screenshot in test-artifacts/ (and a JPEG copy for the README's screenshots when asked)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    tab.screenshot(path=str(path), full_page=full_page)
    if readme:
        README_SHOTS.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(README_SHOTS / f"{name}.jpg"), type="jpeg", quality=60, full_page=False)
    return path


def axe_violations(tab: Page, impacts: tuple[str, ...] = ("serious", "critical")) -> list[dict]:
    """Run axe-core on the page (injected from node_modules, never served to users); return the violations of the
    given impacts, each with its rule, impact and the elements it concerns."""
    tab.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = tab.evaluate("(tags) => axe.run(document, { runOnly: { type: 'tag', values: tags } })", WCAG_AA)
    return [{"rule": v["id"], "impact": v["impact"], "help": v["help"], "targets": [" ".join(n["target"]) for n in v["nodes"]]}
            for v in result["violations"] if v["impact"] in impacts]
