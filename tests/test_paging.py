"""Long RDF answers are paged, never cut silently: a crawler follows Link rel="next" and gets every statement.

The server here has LIBKG_MAX_ROWS=10, so that graphs and resources of the curated data page as those of a graph
of a million statements do at the default 10,000.
"""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest
import rdflib

from harness.client import get
from harness.servers import libkg_server
from libkg.formats import RDF_FORMATS
from libkg.release import current_release

pytestmark = pytest.mark.server

BASE = "https://w3id.org/libkg/"
PAGE = 10
ANNOTATION = "http://www.w3.org/2002/07/owl#annotated"
# The resource the most statements refer to (each subject and property once; axiom annotations are not about it).
MOST_REFERRED = """SELECT ?o (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o
  FILTER(STRSTARTS(STR(?o), "%sresource/") && !STRSTARTS(STR(?p), "%s")) } } GROUP BY ?o ORDER BY DESC(?n) LIMIT 1""" % (BASE, ANNOTATION)


@pytest.fixture(scope="module")
def paged_server(built_project):
    """A server that answers at most PAGE statements a page."""
    with libkg_server(built_project.root, max_rows=PAGE) as running:
        yield running.url


@pytest.fixture(scope="module")
def store(built_project) -> ox.Store:
    """The built store, read directly, to know what the pages must add up to."""
    return current_release(built_project.build_path).store.oxigraph


@pytest.fixture(scope="module")
def largest_graph(store) -> str:
    """The named graph with the most statements."""
    return max((g.value for g in store.named_graphs()), key=lambda g: len(list(store.quads_for_pattern(None, None, None, ox.NamedNode(g)))))


def links(headers) -> dict[str, str]:
    """Read a Link header into {rel: URL} (alternates left out)."""
    found = {}
    for part in headers.get("Link", "").split(","):
        match = re.match(r'\s*<([^>]+)>;\s*rel="([^"]+)"', part)
        if match and match.group(2) != "alternate":
            found[match.group(2)] = match.group(1)
    return found


def page_header(headers) -> dict[str, int]:
    """Read Libkg-Page (page, pages, first, last, total)."""
    return {key.strip(): int(value) for key, value in (item.split("=") for item in headers["Libkg-Page"].split(","))}


def crawl(server: str, path: str, accept: str) -> list[tuple[dict, bytes]]:
    """Follow rel="next" from path as a crawler does; return each page's Libkg-Page and body."""
    pages, url = [], path
    while url:
        status, headers, body = get(server + url, {"Accept": accept})
        assert status == 200, body[:200]
        pages.append((page_header(headers), headers, body))
        url = links(headers).get("next")
        assert len(pages) < 1000
    return pages


def ntriples_lines(body: bytes) -> set[str]:
    """Return the statements of an N-Triples answer as lines (blank nodes keep the store's labels across pages)."""
    return {line for line in body.decode("utf-8").splitlines() if line.strip()}


def test_a_long_graph_comes_in_pages_that_add_up_to_it(paged_server, store, largest_graph):
    stem = largest_graph.rsplit("/", 1)[-1]
    expected = ntriples_lines(ox.serialize([q.triple for q in store.quads_for_pattern(None, None, None, ox.NamedNode(largest_graph))],
                                           format=ox.RdfFormat.N_TRIPLES))
    pages = crawl(paged_server, f"/graph/{stem}", "application/n-triples")
    assert len(pages) == -(-len(expected) // PAGE) > 1
    seen: set[str] = set()
    for number, (counts, headers, body) in enumerate(pages, 1):
        lines = ntriples_lines(body)
        assert counts == {"page": number, "pages": len(pages), "first": (number - 1) * PAGE + 1,
                          "last": min(number * PAGE, len(expected)), "total": len(expected)}
        assert len(lines) == counts["last"] - counts["first"] + 1 and not lines & seen
        assert headers["Libkg-Results-Truncated"].startswith(f"true; page={number}; pages={len(pages)}")
        assert headers["Content-Location"] == f"/graph/{stem}.nt" + (f"?page={number}" if number > 1 else "")
        seen |= lines
    assert seen == expected
    first, last = links(pages[0][1]), links(pages[-1][1])
    assert "prev" not in first and "next" not in last and first["last"] == last["last"] and "prev" in last


@pytest.mark.parametrize("rdf_format", RDF_FORMATS, ids=lambda f: f.suffix)
def test_every_rdf_format_pages_alike(paged_server, largest_graph, rdf_format):
    stem = largest_graph.rsplit("/", 1)[-1]
    reference = get(f"{paged_server}/graph/{stem}.nt?page=2")
    status, headers, body = get(f"{paged_server}/graph/{stem}.{rdf_format.suffix}?page=2")
    assert status == 200 and headers["Libkg-Page"] == reference.headers["Libkg-Page"]
    assert links(headers)["next"] == f"/graph/{stem}.{rdf_format.suffix}?page=3"
    if rdf_format.suffix != "jsonld":  # rdflib reads JSON-LD that refers to a remote context by fetching it
        graph = rdflib.Dataset() if rdf_format.keeps_graphs else rdflib.Graph()
        graph.parse(data=body, format={"ttl": "turtle", "rdf": "xml", "nt": "nt", "trig": "trig", "nq": "nquads"}[rdf_format.suffix])
        assert len(graph) if not rdf_format.keeps_graphs else len(list(graph.quads())) == len(ntriples_lines(reference.body))


def test_a_resource_pages_the_statements_about_it_and_repeats_those_from_it(paged_server, store):
    row = next(iter(store.query(MOST_REFERRED, use_default_graph_as_union=True)))
    iri, total = row["o"].value, int(row["n"].value)
    assert total > PAGE, "the curated data should have a resource that more than a page of statements refers to"
    path = "/resource/" + iri[len(BASE) + len("resource/"):]
    pages = crawl(paged_server, path + ".nt", "*/*")
    assert len(pages) == -(-total // PAGE) and all(counts["total"] == total for counts, _, _ in pages)
    about = [{tuple(line.split(" ")[:2]) for line in ntriples_lines(body) if line.split(" ")[2] == f"<{iri}>" and ANNOTATION not in line}
             for _, _, body in pages]
    everywhere = set.intersection(*about)  # its evidence (passages that support it) comes with every page
    assert all(len(pairs - everywhere) <= PAGE for pairs in about)
    assert set().union(*about) == {(str(q.subject), str(q.predicate)) for q in store.quads_for_pattern(None, None, ox.NamedNode(iri), None)
                                   if ANNOTATION not in q.predicate.value}
    outgoing = [{line for line in ntriples_lines(body) if line.startswith(f"<{iri}> ")} for _, _, body in pages]
    assert all(lines == outgoing[0] for lines in outgoing) and outgoing[0]


def test_html_and_its_json_twin_page_by_their_own_size_and_say_so(paged_server, store):
    row = next(iter(store.query(MOST_REFERRED, use_default_graph_as_union=True)))
    path = "/resource/" + row["o"].value[len(BASE) + len("resource/"):]
    status, headers, _ = get(paged_server + path + ".json")
    assert status == 200 and page_header(headers)["last"] == 100  # the explorer's pages hold 100 statements about it
    assert links(headers)["next"] == path + ".json?page=2"
    status, headers, _ = get(paged_server + path + ".ttl")
    assert page_header(headers)["last"] == PAGE and links(headers)["next"] == path + ".ttl?page=2"
