"""'libkg serve' starts a production server whose home page shows the graph's statistics."""

from __future__ import annotations

import json
import urllib.request
from html.parser import HTMLParser


class CellCollector(HTMLParser):
    """Collect the text of table cells (links inside them included) and of the element with id total-triples."""

    def __init__(self):
        super().__init__()
        self.cells: list[str] = []
        self.total = ""
        self._cell: list[str] | None = None
        self._in_total = False

    def handle_starttag(self, tag, attrs):
        if tag == "td":
            self._cell = []
        self._in_total = ("id", "total-triples") in attrs

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            self.cells.append("".join(self._cell).strip())
            self._cell = None
        self._in_total = False

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        if self._in_total:
            self.total += data


def test_home_page_shows_counts(server, built_project):
    with urllib.request.urlopen(server + "/") as response:
        assert response.status == 200
        assert response.headers["Server"].startswith("gunicorn")
        page = CellCollector()
        page.feed(response.read().decode("utf-8"))
    report = json.loads((built_project.build_path / "current" / "report.json").read_text(encoding="utf-8"))
    assert page.total.startswith(f"{report['stats']['triples']} triples")
    assert "Problem" in page.cells
    problems = page.cells[page.cells.index("Problem") + 1]
    assert int(problems) == report["stats"]["classes"]["https://w3id.org/libkg/ontology#Problem"] >= 9
