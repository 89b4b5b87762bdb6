"""One registry of formats: every name, suffix, media type and alias in it answers, over HTTP and on the command line.

Each case is generated from libkg.formats, so a format or alias added there is tested here; each answer is read
back with a reader for that format (rdflib, PyLD, csv, ElementTree), never compared as bytes.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ElementTree

import pytest
import rdflib
from pyld import jsonld

from harness.client import get, sparql
from harness.project import COUNT_STUDIES
from libkg.formats import FORMATS, GRAPH, HTML, JSON, PAGE, RDF_FORMATS, RESULT_FORMATS, RESULTS, TEXT, Format
from libkg.query.rendering import OUTPUT_FORMATS

BL = "https://w3id.org/libkg/resource/british-library"
CONSTRUCT_BL = f"CONSTRUCT {{ <{BL}> ?p ?o }} WHERE {{ <{BL}> ?p ?o }}"
SRX = "{http://www.w3.org/2005/sparql-results#}"


def read_count(body: bytes, rdf_format: Format) -> int:
    """Read the one number ?n that COUNT_STUDIES answers, in any SPARQL results format."""
    text = body.decode("utf-8")
    if rdf_format.name == "json":
        return int(json.loads(text)["results"]["bindings"][0]["n"]["value"])
    if rdf_format.name == "xml":
        return int(ElementTree.fromstring(body).find(f"{SRX}results/{SRX}result/{SRX}binding/{SRX}literal").text)
    rows = list(csv.reader(io.StringIO(text), delimiter="," if rdf_format.name == "csv" else "\t"))
    return int(rows[1][0].split("^^")[0].strip('"'))


def read_graph(body: bytes, rdf_format: Format) -> rdflib.Graph:
    """Read an RDF answer into one rdflib graph (JSON-LD through PyLD, TriG and N-Quads with their graphs merged)."""
    if rdf_format.suffix == "jsonld":
        nquads = jsonld.to_rdf(json.loads(body), {"format": "application/n-quads"})
        return rdflib.Graph().parse(data=nquads, format="nt")
    reader = {"ttl": "turtle", "rdf": "xml", "nt": "nt", "trig": "trig", "nq": "nquads"}[rdf_format.suffix]
    if rdf_format.keeps_graphs:
        dataset = rdflib.Dataset(default_union=True)
        dataset.parse(data=body, format=reader)
        merged = rdflib.Graph()
        for s, p, o, _ in dataset.quads():
            merged.add((s, p, o))
        return merged
    return rdflib.Graph().parse(data=body, format=reader)


def names_of(rdf_format: Format) -> list[str]:
    """Every value format= accepts for a format: its name, suffix, other names and media type."""
    return list(dict.fromkeys((rdf_format.name, rdf_format.suffix, *rdf_format.names, rdf_format.media_type)))


def cases(kind: str, values) -> list:
    """One pytest case per format of a kind and per value it answers to."""
    return [pytest.param(f, value, id=f"{f.name}-{value}") for f in FORMATS if f.kind == kind for value in values(f)]


def test_the_registry_is_consistent():
    for kind in (RESULTS, GRAPH, PAGE):
        formats = [f for f in FORMATS if f.kind == kind]
        assert len({f.media_type for f in formats}) == len(formats), kind
        assert len({f.suffix for f in formats}) == len(formats), kind
        called = [name for f in formats for name in names_of(f)]
        assert len(called) == len(set(called)), f"a {kind} name calls two formats"
        aliases = [alias for f in formats for alias in f.aliases]
        assert len(aliases) == len(set(aliases)) and not set(aliases) & {f.media_type for f in formats}, kind
    assert all(f.writer is not None and f.w3c for f in RESULT_FORMATS + RDF_FORMATS)


@pytest.mark.server
@pytest.mark.parametrize("rdf_format, name", cases(RESULTS, names_of))
def test_results_format_by_name(server, rdf_format, name):
    status, headers, body = sparql(server, COUNT_STUDIES, format=name)
    assert status == 200 and headers["Content-Type"] == f"{rdf_format.media_type}; charset=utf-8"
    assert read_count(body, rdf_format) == 3


@pytest.mark.server
@pytest.mark.parametrize("rdf_format, media_type", cases(RESULTS, lambda f: (f.media_type, *f.aliases)))
def test_results_format_by_accept(server, rdf_format, media_type):
    status, headers, body = sparql(server, COUNT_STUDIES, headers={"Accept": media_type})
    assert status == 200 and headers["Content-Type"] == f"{rdf_format.media_type}; charset=utf-8"
    assert read_count(body, rdf_format) == 3


def check_british_library(graph: rdflib.Graph) -> None:
    """Assert a graph holds the British Library's two labels."""
    labels = {(str(o), o.language) for o in graph.objects(rdflib.URIRef(BL), rdflib.RDFS.label)}
    assert {language for _, language in labels} == {"en", "zh"}


@pytest.mark.server
@pytest.mark.parametrize("rdf_format, name", cases(GRAPH, names_of))
def test_graph_format_by_name(server, rdf_format, name):
    status, headers, body = sparql(server, CONSTRUCT_BL, format=name)
    assert status == 200 and headers["Content-Type"] == f"{rdf_format.media_type}; charset=utf-8"
    check_british_library(read_graph(body, rdf_format))


@pytest.mark.server
@pytest.mark.parametrize("rdf_format, media_type", cases(GRAPH, lambda f: (f.media_type, *f.aliases)))
def test_graph_format_by_accept_on_sparql_and_linked_data(server, rdf_format, media_type):
    status, headers, body = sparql(server, CONSTRUCT_BL, headers={"Accept": media_type})
    assert status == 200 and headers["Content-Type"] == f"{rdf_format.media_type}; charset=utf-8"
    check_british_library(read_graph(body, rdf_format))
    # /graph/<stem> has no JSON twin, so application/json asks for JSON-LD there too
    status, headers, body = get(server + "/graph/actors", {"Accept": media_type})
    assert status == 200 and headers["Content-Type"] == f"{rdf_format.media_type}; charset=utf-8"
    check_british_library(read_graph(body, rdf_format))


@pytest.mark.server
@pytest.mark.parametrize("rdf_format", RDF_FORMATS, ids=lambda f: f.suffix)
def test_graph_format_by_suffix(server, rdf_format):
    status, headers, body = get(f"{server}/resource/british-library.{rdf_format.suffix}")
    assert status == 200 and headers["Content-Type"] == f"{rdf_format.media_type}; charset=utf-8"
    assert headers["Content-Location"] == f"/resource/british-library.{rdf_format.suffix}"
    check_british_library(read_graph(body, rdf_format))


@pytest.mark.server
@pytest.mark.parametrize("media_type, expected", [
    *[(media_type, HTML) for media_type in (HTML.media_type, *HTML.aliases)],
    # a page's own JSON twin wins over JSON-LD, for which application/json is only an alias
    (JSON.media_type, JSON),
])
def test_page_formats_by_accept(server, media_type, expected):
    status, headers, body = get(server + "/resource/british-library", {"Accept": media_type})
    assert status == 200 and headers["Content-Type"].startswith(expected.media_type)
    assert (json.loads(body)["iri"] if expected is JSON else body.decode()).count(BL) >= 1


@pytest.mark.server
def test_errors_are_plain_text_when_text_is_asked(server):
    status, headers, body = get(server + "/resource/no-such-thing", {"Accept": TEXT.media_type})
    assert status == 404 and headers["Content-Type"].startswith(TEXT.media_type) and body.startswith(b"404")


@pytest.mark.parametrize("output", [name for name in OUTPUT_FORMATS if name != "table"])
def test_the_command_line_writes_every_format_it_names(runner, output):
    results = next((f for f in RESULT_FORMATS if f.called(output)), None)
    graph = next((f for f in RDF_FORMATS if f.called(output)), None)
    for query, rdf_format in ((COUNT_STUDIES, results), (CONSTRUCT_BL, graph)):
        answer = runner.invoke(["query", "-f", output, "-e", query])
        if rdf_format is None:  # a format of the other kind: refused, naming what this kind can be shown as
            assert answer.exit_code == 2 and "can be shown as" in answer.output
        elif rdf_format.kind == RESULTS:
            assert read_count(answer.output.encode(), rdf_format) == 3
        else:
            check_british_library(read_graph(answer.output.encode(), rdf_format))
