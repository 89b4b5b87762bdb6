"""Real clients against a running server, with their default settings: SPARQLWrapper in every return format, method
and query form, rdflib's SPARQLStore and Graph().parse on every URL family, and PyLD on the JSON-LD."""

from __future__ import annotations

import json
import warnings
import xml.dom.minidom

import pytest
import rdflib
from pyld import jsonld
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, N3, POST, POSTDIRECTLY, RDFXML, TSV, TURTLE, URLENCODED, XML, SPARQLWrapper

from harness.client import get
from harness.project import COUNT_STUDIES

pytestmark = pytest.mark.server

BL = rdflib.URIRef("https://w3id.org/libkg/resource/british-library")
QUERIES = {
    "select": COUNT_STUDIES,
    "ask": "ASK { ?s a <https://w3id.org/libkg/ontology#Study> }",
    "construct": f"CONSTRUCT {{ <{BL}> ?p ?o }} WHERE {{ <{BL}> ?p ?o }}",
    "describe": f"DESCRIBE <{BL}>",
}
# What SPARQLWrapper offers for each query form (it warns, and sends Accept: */*, for the others).
OWN_FORMATS = {"select": (JSON, XML, CSV, TSV), "ask": (JSON, XML, CSV, TSV),
               "construct": (XML, RDFXML, TURTLE, N3, JSONLD), "describe": (XML, RDFXML, TURTLE, N3, JSONLD)}
EVERY_FORMAT = (JSON, XML, CSV, TSV, TURTLE, N3, RDFXML, JSONLD)
METHODS = ("GET", "POST form", "POST direct")


def ask(server: str, form: str, return_format: str | None, method: str):
    """Ask SPARQLWrapper as a user does, changing only the return format (None: its default) and the method."""
    client = SPARQLWrapper(server + "/sparql")
    client.setQuery(QUERIES[form])
    if return_format is not None:
        client.setReturnFormat(return_format)
    if method != "GET":
        client.setMethod(POST)
        client.setRequestMethod(URLENCODED if method == "POST form" else POSTDIRECTLY)
    return client.query().convert()


def check_meaning(form: str, converted) -> None:
    """Assert a converted answer says what the query asks, whatever shape SPARQLWrapper gave it."""
    if isinstance(converted, rdflib.Graph):
        graph = converted
    elif isinstance(converted, dict):  # SPARQL JSON
        assert (converted["boolean"] is True) if form == "ask" else converted["results"]["bindings"][0]["n"]["value"] == "3"
        return
    elif isinstance(converted, xml.dom.minidom.Document):  # SPARQL XML
        if form == "ask":
            assert converted.getElementsByTagName("boolean")[0].firstChild.data == "true"
        else:
            assert converted.getElementsByTagName("literal")[0].firstChild.data == "3"
        return
    elif form in ("select", "ask"):  # CSV or TSV text
        assert converted.decode().splitlines()[-1].split("^^")[0].strip('"') in ("3", "true")
        return
    else:  # Turtle text
        graph = rdflib.Graph().parse(data=converted, format="turtle")
    assert {o.language for o in graph.objects(BL, rdflib.RDFS.label)} == {"en", "zh"}


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("form", QUERIES)
def test_sparqlwrapper_with_its_defaults(server, form, method):
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # no warning either: the answer is what SPARQLWrapper expects
        check_meaning(form, ask(server, form, None, method))


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("form, return_format", [(form, f) for form, formats in OWN_FORMATS.items() for f in formats])
def test_sparqlwrapper_in_each_format_it_offers(server, form, return_format, method):
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        check_meaning(form, ask(server, form, return_format, method))


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("form, return_format", [(form, f) for form, formats in OWN_FORMATS.items()
                                                 for f in EVERY_FORMAT if f not in formats])
def test_sparqlwrapper_in_a_format_the_query_form_has_not_gets_a_usable_answer(server, form, return_format, method):
    # SPARQLWrapper itself warns that it sends Accept: */*; format= then names nothing offered, and Accept decides
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RuntimeWarning)
        check_meaning(form, ask(server, form, return_format, method))
    assert any("Sending Accept header '*/*'" in str(warning.message) for warning in caught)


@pytest.mark.parametrize("method", ["GET", "POST_FORM"])
def test_rdflib_sparqlstore(server, method):
    graph = rdflib.Graph(SPARQLStore(server + "/sparql", method=method, returnFormat="xml"))
    assert int(next(iter(graph.query(COUNT_STUDIES)))[0]) == 3
    assert graph.query(QUERIES["ask"]).askAnswer is True
    for form in ("construct", "describe"):
        check_meaning(form, graph.query(QUERIES[form]).graph)
    assert {o.language for o in graph.objects(BL, rdflib.RDFS.label)} == {"en", "zh"}


@pytest.mark.parametrize("path", ["/resource/british-library", "/graph/bl-smes", "/ontology", "/ontology/0.1.0", "/void",
                                  "/.well-known/void", "/dumps/", "/sparql", "/source/000_ea8717c4bec91050",
                                  "/sparql?query=" + QUERIES["construct"].replace(" ", "%20")])
def test_rdflib_graph_parse_on_every_url_family(server, path):
    graph = rdflib.Graph().parse(server + path)  # rdflib's own Accept, and its reading of Content-Type
    assert len(graph) > 5
    if path.startswith(("/resource/", "/sparql?")):
        check_meaning("construct", graph)


def test_pyld_reads_the_linked_data_and_the_endpoints_json_ld(server):
    # PyLD 3.3.0's URL loader fails on any answer with more than one Link rel="alternate" (it expects one), so the
    # document is fetched first; PyLD loads the context it names (/context.jsonld) with its own loader.
    url = server + "/resource/british-library.jsonld"
    document = get(url, {"Accept": "application/ld+json"}).json()
    expanded = jsonld.expand(document, {"base": url})
    node = next(n for n in expanded if n["@id"] == str(BL))
    assert {label["@language"] for label in node[str(rdflib.RDFS.label)]} == {"en", "zh"}
    compacted = jsonld.compact(document, server + "/context.jsonld")
    assert any(n.get("id") == "res:british-library" for n in compacted.get("@graph", [compacted]))
    check_meaning("construct", rdflib.Graph().parse(data=jsonld.to_rdf(document, {"format": "application/n-quads"}), format="nt"))
    client = SPARQLWrapper(server + "/sparql", returnFormat=JSONLD)
    client.setQuery(QUERIES["construct"])
    nquads = jsonld.to_rdf(json.loads(client.query().response.read()), {"format": "application/n-quads"})
    check_meaning("construct", rdflib.Graph().parse(data=nquads, format="nt"))
