"""'libkg serve' starts a production server whose home page shows the graph's statistics, as SPARQL counts them."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from harness.client import count_of, get, sparql
from harness.pages import Page
from harness.project import COUNT_STUDIES

pytestmark = pytest.mark.server

LKG = "PREFIX lkg: <https://w3id.org/libkg/ontology#> "


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


def count(server: str, query: str) -> int:
    """Ask the server's endpoint for one number."""
    status, _, body = sparql(server, query)
    assert status == 200, body[:300]
    return count_of(body)


def test_home_page_shows_counts(server):
    status, headers, body = get(server + "/")
    assert status == 200
    assert headers["Server"].startswith("granian")
    page = CellCollector()
    page.feed(body.decode("utf-8"))
    triples = count(server, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    graphs = count(server, "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert page.total.startswith(f"{triples} triples in {graphs} named graphs")
    assert page.total.endswith(f"from {count(server, COUNT_STUDIES)} studies.")
    problems = re.search(r"\bProblem (\d+)", " ".join(Page(body).by_id["kinds"].split())).group(1)
    assert int(problems) == count(server, LKG + "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a lkg:Problem }") >= 9
