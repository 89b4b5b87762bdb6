"""No English interface text on Chinese pages: every page family rendered under lang=zh, its visible text checked
against the English message catalogue (data that exists only in English is marked with its language and skipped)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from webapp.i18n import MESSAGES

# Words that are the same in both interfaces: names of things, formats and the standards the pages name.
AGREED = {"libkg", "SPARQL", "CSV", "JSON", "IRI", "TriG", "N-Quads", "JSON-LD", "Turtle", "n = {n}", "RDF"}
HTML = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
# One page of each family, and the errors a reader may meet.
PAGES = {
    "home": "/",
    "search with results": "/search?q=cooperation",
    "search without results": "/search?q=zzzqqq",
    "search in some words": "/search?q=%E5%AE%A3%E4%BC%A0+%E7%BB%8F%E8%B4%B9",
    "browse": "/browse",
    "a study": "/browse/study/study-hebei-iee",
    "a kind": "/browse/kind/Problem",
    "compare": "/compare",
    "query page": "/sparql",
    "an entity page": "/resource/hebei-problem-talent-shortage",
    "the source reader": "/source/001_30f2c58c065afdf1",
    "dumps": "/dumps/",
    "void": "/void",
    "a named graph": "/graph/hebei-iee",
    "a 404": "/no-such-page",
    "a resource 404": "/resource/no-such-thing",
    "a 400": "/sparql?query=SELECT+%2A+WHERE+%7B",
}
# Pages the other half of the explorer owns; what the test finds there is reported to them, not failed here.
THEIRS = {"a kind", "an entity page"}


class ChineseText(HTMLParser):
    """The text a reader sees, and the titles and labels a reader hears, outside anything marked as another language."""

    SKIPPED = {"script", "style", "code", "pre", "textarea"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, bool]] = []
        self.texts: list[str] = []

    def _hidden(self) -> bool:
        return any(skipped for _, skipped in self.stack)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        other = attributes.get("lang") not in (None, "zh")
        if not (self._hidden() or other):
            self.texts += [attributes[a] for a in ("title", "aria-label", "placeholder", "alt") if attributes.get(a)]
        if tag not in self.VOID:
            self.stack.append((tag, other or tag in self.SKIPPED))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not self._hidden():
            self.texts.append(data)


def english_in(body: str) -> list[str]:
    """Return the English messages (or their fixed parts) that a Chinese page shows."""
    reader = ChineseText()
    reader.feed(body)
    text = " ".join(" ".join(reader.texts).split())
    found = []
    for key, value in MESSAGES["en"].items():
        if value in AGREED or value == MESSAGES["zh"].get(key):
            continue
        for part in re.split(r"\{\w+\}", value):
            part = part.strip(" .,:;()“”")
            if len(part) < 3 or not re.search(r"[A-Za-z]{2}", part) or part in AGREED:
                continue
            if re.search(r"(?<![A-Za-z-])" + re.escape(part) + r"(?![A-Za-z-])", text):
                found.append(f"{key}: {part!r}")
    return found


def findings(client, path: str) -> list[str]:
    """Render a page in Chinese and return the English interface text it shows."""
    answer = client.get(path + ("&" if "?" in path else "?") + "lang=zh", headers=HTML)
    assert answer.mimetype == "text/html", (path, answer.status_code, answer.mimetype)
    return english_in(answer.get_data(as_text=True))


@pytest.mark.parametrize("name", [name for name in PAGES if name not in THEIRS])
def test_a_chinese_page_shows_no_english_interface_text(client, name):
    assert findings(client, PAGES[name]) == [], f"{name} ({PAGES[name]}) shows English interface text"


@pytest.mark.parametrize("name", sorted(THEIRS))
def test_what_the_other_pages_still_show_in_english_is_listed(client, name, capsys):
    found = findings(client, PAGES[name])
    with capsys.disabled():
        print(f"\n{name} ({PAGES[name]}) under lang=zh shows: {found or 'nothing in English'}")


def test_the_check_finds_english_where_there_is_some():
    assert "search_none: 'Nothing matches'" in english_in('<p>Nothing matches “x”.</p>')
    assert english_in('<p lang="en">Nothing matches “x”.</p><p>中文</p>') == []
