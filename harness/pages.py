"""What an HTML page shows, read with an HTML parser, and what a CSV export holds, read as a spreadsheet would."""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser

# Elements that have no end tag.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(HTMLParser):
    """A page's text, its elements' attributes, and the text inside its scripts, links, cells and elements with an id."""

    def __init__(self, body: bytes):
        super().__init__()
        self.text: list[str] = []
        self.elements: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self.by_id: dict[str, str] = {}
        self.links: dict[str, str] = {}
        self.cells: list[str] = []
        self._open: list[tuple[str, dict, list[str]]] = []
        self.feed(body.decode("utf-8"))
        self.close()
        self._close_until(None)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        if tag not in VOID:
            self._open.append((tag, attributes, []))

    def handle_endtag(self, tag):
        if any(name == tag for name, _, _ in self._open):
            self._close_until(tag)

    def handle_data(self, data):
        self.text.append(data)
        if self._open:
            self._open[-1][2].append(data)

    def _close_until(self, tag: str | None) -> None:
        """Close open elements up to the innermost tag (all of them for None), keeping what each held."""
        while self._open:
            name, attributes, texts = self._open.pop()
            text = "".join(texts)
            if self._open:
                self._open[-1][2].append(text)
            if name == "script":
                self.scripts.append((attributes, text))
            if name == "a" and "href" in attributes:
                self.links.setdefault(attributes["href"], text)
            if name == "td":
                self.cells.append(text.strip())
            if "id" in attributes:
                self.by_id[attributes["id"]] = text
            if name == tag:
                return

    def with_class(self, name: str) -> list[dict]:
        """Return the attributes of every element carrying class name."""
        return [a for _, a in self.elements if name in (a.get("class") or "").split()]

    def hrefs(self) -> list[str]:
        """Return every link target, in the order the links appear."""
        return [a.get("href") for tag, a in self.elements if tag == "a"]


def read_csv(body: bytes) -> list[dict]:
    """Read a CSV export: UTF-8 with a byte-order mark (for spreadsheet programs), one dict per row of its first table."""
    return read_csv_tables(body)[0]


def read_csv_tables(body: bytes) -> list[list[dict]]:
    """Read a CSV export of several tables, each after an empty row (and a title row, when the next starts with one)."""
    assert body.startswith("\ufeff".encode()), "a CSV export starts with a byte-order mark"
    tables: list[list[list[str]]] = [[]]
    for row in csv.reader(io.StringIO(body.decode("utf-8-sig"))):
        if not row:
            tables.append([])
        elif not (len(row) == 1 and len(tables) > 1 and not tables[-1]):
            tables[-1].append(row)
    return [[dict(zip(table[0], row)) for row in table[1:]] for table in tables if table]
