"""The /sparql endpoint speaks the SPARQL 1.1 Protocol over real HTTP, to a running 'libkg serve'."""

from __future__ import annotations

import csv
import io
import json
import socket
import threading
import urllib.parse
import xml.etree.ElementTree as ElementTree

import pytest
import rdflib
from pyld import jsonld

from harness.client import count_of, get, post, request, sparql
from harness.project import COUNT_STUDIES
from libkg.query.guard import MAX_NESTING

pytestmark = pytest.mark.server

DESCRIBE_BL = "DESCRIBE <https://w3id.org/libkg/resource/british-library>"
CONSTRUCT_BL = "CONSTRUCT { <https://w3id.org/libkg/resource/british-library> ?p ?o } WHERE { <https://w3id.org/libkg/resource/british-library> ?p ?o }"
SRX = "{http://www.w3.org/2005/sparql-results#}"


def test_get_form_post_and_direct_post_agree(server):
    _, _, by_get = sparql(server, COUNT_STUDIES)
    _, _, by_form = post(server + "/sparql", {"query": COUNT_STUDIES})
    _, _, direct = post(server + "/sparql", COUNT_STUDIES.encode(), {"Content-Type": "application/sparql-query"})
    assert count_of(by_get) == count_of(by_form) == count_of(direct) == 3


@pytest.mark.parametrize("accept", ["application/sparql-results+json", "application/json",
                                    "application/sparql-results+json,application/json,text/javascript,application/javascript"])
def test_select_as_json(server, accept):
    status, headers, body = sparql(server, COUNT_STUDIES, headers={"Accept": accept})
    assert status == 200
    assert headers["Content-Type"] == "application/sparql-results+json; charset=utf-8"
    assert "Accept" in headers["Vary"]
    assert count_of(body) == 3


def test_select_as_xml(server):
    status, headers, body = sparql(server, COUNT_STUDIES, headers={"Accept": "application/sparql-results+xml"})
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+xml")
    literal = ElementTree.fromstring(body).find(f"{SRX}results/{SRX}result/{SRX}binding/{SRX}literal")
    assert literal.text == "3"


@pytest.mark.parametrize("media_type,delimiter", [("text/csv", ","), ("text/tab-separated-values", "\t")])
def test_select_as_csv_and_tsv(server, media_type, delimiter):
    query = "PREFIX lkg: <https://w3id.org/libkg/ontology#> SELECT ?s WHERE { ?s a lkg:Study } ORDER BY ?s"
    status, headers, body = sparql(server, query, headers={"Accept": media_type})
    assert status == 200 and headers["Content-Type"] == f"{media_type}; charset=utf-8"
    rows = list(csv.reader(io.StringIO(body.decode("utf-8")), delimiter=delimiter))
    assert rows[0] in (["s"], ["?s"]) and len(rows) == 4


@pytest.mark.parametrize("media_type,rdflib_format", [
    ("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/rdf+xml", "xml"),
    ("application/trig", "trig"), ("application/ld+json", "json-ld"),
])
@pytest.mark.parametrize("query", [DESCRIBE_BL, CONSTRUCT_BL], ids=["describe", "construct"])
def test_graph_answers_parse_in_every_rdf_format(server, media_type, rdflib_format, query):
    status, headers, body = sparql(server, query, headers={"Accept": media_type})
    assert status == 200 and headers["Content-Type"] == f"{media_type}; charset=utf-8"
    graph = rdflib.Dataset(default_union=True) if rdflib_format == "trig" else rdflib.Graph()
    graph.parse(data=body, format=rdflib_format)
    subject = rdflib.URIRef("https://w3id.org/libkg/resource/british-library")
    labels = {str(o) for o in graph.objects(subject, rdflib.RDFS.label)}
    assert any("British Library" in label for label in labels) and len(labels) == 2
    if media_type == "application/ld+json":
        expanded = jsonld.expand(json.loads(body))
        assert any(node.get("@id") == str(subject) for node in expanded)


def test_accept_q_values_and_format_override(server):
    _, headers, _ = sparql(server, COUNT_STUDIES, headers={"Accept": "text/csv;q=0.4, application/sparql-results+xml;q=0.9"})
    assert headers["Content-Type"].startswith("application/sparql-results+xml")
    _, headers, _ = sparql(server, COUNT_STUDIES, format="csv", headers={"Accept": "application/sparql-results+xml"})
    assert headers["Content-Type"].startswith("text/csv")


def test_unacceptable_accept_is_406_listing_offers(server):
    status, headers, body = sparql(server, COUNT_STUDIES, headers={"Accept": "image/png"})
    assert status == 406
    assert "application/sparql-results+json" in json.loads(body)["message"]


def test_service_description_for_rdf_clients(server):
    status, headers, body = get(server + "/sparql", headers={"Accept": "text/turtle"})
    assert status == 200
    graph = rdflib.Graph().parse(data=body, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    service = next(graph.subjects(rdflib.RDF.type, sd.Service))
    assert str(graph.value(service, sd.endpoint)) == server + "/sparql"
    assert (service, sd.supportedLanguage, sd.SPARQL11Query) in graph
    assert len(list(graph.objects(service, sd.resultFormat))) >= 9
    names = {str(o) for o in graph.objects(None, sd.name)}
    assert "https://w3id.org/libkg/graph/bl-smes" in names
    examples = list(graph.subjects(rdflib.RDF.type, rdflib.URIRef("http://www.w3.org/ns/shacl#SPARQLExecutable")))
    assert len(examples) >= 25


def test_editor_page_for_browsers(server):
    status, headers, body = get(server + "/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert b"<form" in body


def test_malformed_query_is_400_with_message_and_position(server):
    status, headers, body = sparql(server, "SELECT * WHERE { ?s ?p }")
    problem = json.loads(body)
    assert status == 400 and "syntax error" in problem["message"]
    assert problem["position"] in ("line 1, column 24", "line 1, column 25")


def test_errors_are_text_when_text_is_asked(server):
    status, headers, body = sparql(server, "SELECT * WHERE { ?s ?p }", headers={"Accept": "text/csv"})
    assert status == 400 and headers["Content-Type"].startswith("text/plain")
    assert b"syntax error" in body


@pytest.mark.parametrize("method,data,content_type,url_suffix", [
    ("POST", b"update=INSERT+DATA+%7B%3Ca%3E+%3Cb%3E+%3Cc%3E%7D", "application/x-www-form-urlencoded", ""),
    ("POST", b"INSERT DATA { <a> <b> <c> }", "application/sparql-update", ""),
    ("POST", b"DROP ALL", "application/sparql-query", ""),
    ("GET", None, None, "?update=DROP+ALL"),
    ("GET", None, None, "?query=LOAD+%3Chttp%3A%2F%2F127.0.0.1%2F%3E"),
])
def test_updates_are_refused_as_read_only(server, method, data, content_type, url_suffix):
    headers = {"Content-Type": content_type} if content_type else {}
    status, _, body = request(server + "/sparql" + url_suffix, method, data, headers)
    assert status in (400, 405)
    assert "read-only" in json.loads(body)["message"]


def test_oversized_body_is_413(server):
    big = b"query=" + b"%20" * (300 * 1024)
    status, _, _ = post(server + "/sparql", big, {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 413


def test_two_queries_and_unknown_parameters_are_400(server):
    status, _, body = get(f"{server}/sparql?query=ASK%7B%7D&query=ASK%7B%7D")
    assert status == 400 and "exactly one" in json.loads(body)["message"]
    status, _, body = sparql(server, "ASK {}", timeout="5")
    assert status == 400 and "unknown parameter" in json.loads(body)["message"]
    status, _, body = post(f"{server}/sparql?query=ASK%7B%7D", {"query": "ASK{}"})
    assert status == 400


def test_wrong_post_media_type_is_415(server):
    status, _, _ = post(server + "/sparql", b"{}", {"Content-Type": "application/json"})
    assert status == 415


def test_default_and_named_graph_parameters_are_honoured(server):
    graph = "https://w3id.org/libkg/graph/bl-smes"
    status, _, body = sparql(server, COUNT_STUDIES, **{"default-graph-uri": graph})
    assert status == 200 and count_of(body) == 1
    query = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    _, _, everything = sparql(server, query)
    _, _, one = sparql(server, query, **{"named-graph-uri": graph})
    assert count_of(everything) > 10 and count_of(one) == 1


# The dataset a query sees, per graph: the default graph's size as "default", each named graph's by its IRI.
DATASET_SHAPE = """SELECT ?g (COUNT(*) AS ?n) %s WHERE {
  { ?s ?p ?o BIND("default" AS ?g) } UNION { GRAPH ?g { ?s ?p ?o } } } GROUP BY ?g"""
PLACES, ACTORS = "https://w3id.org/libkg/graph/places", "https://w3id.org/libkg/graph/actors"


def dataset_shape(server: str, clauses: str = "", **params) -> dict[str, int]:
    """Ask how many statements the default graph and each named graph hold for a query with these clauses and parameters."""
    status, _, body = sparql(server, DATASET_SHAPE % clauses, {"Accept": "application/sparql-results+json"}, **params)
    assert status == 200, body
    return {row["g"]["value"]: int(row["n"]["value"]) for row in json.loads(body)["results"]["bindings"]}


# SPARQL 1.1 Protocol 2.1.4: the protocol's dataset is the dataset the same graphs give as FROM / FROM NAMED
# (Query 13.2): a side that is not given is empty, and the protocol's graphs replace the query's own.
@pytest.mark.parametrize("params, clauses", [
    ({"default-graph-uri": PLACES}, f"FROM <{PLACES}>"),
    ({"named-graph-uri": PLACES}, f"FROM NAMED <{PLACES}>"),
    ({"default-graph-uri": PLACES, "named-graph-uri": ACTORS}, f"FROM <{PLACES}> FROM NAMED <{ACTORS}>"),
    ({"default-graph-uri": [PLACES, ACTORS]}, f"FROM <{PLACES}> FROM <{ACTORS}>"),
    ({"named-graph-uri": [PLACES, ACTORS]}, f"FROM NAMED <{PLACES}> FROM NAMED <{ACTORS}>"),
], ids=["default", "named", "both", "two-defaults", "two-named"])
def test_dataset_parameters_and_from_clauses_give_the_same_dataset(server, params, clauses):
    by_protocol = dataset_shape(server, **params)
    assert by_protocol == dataset_shape(server, clauses)
    named = params.get("named-graph-uri", [])
    assert set(by_protocol) - {"default"} == set([named] if isinstance(named, str) else named)
    assert ("default" in by_protocol) == ("default-graph-uri" in params)


def test_dataset_parameters_replace_the_querys_own(server):
    assert dataset_shape(server, f"FROM <{ACTORS}>", **{"named-graph-uri": PLACES}) == dataset_shape(server, f"FROM NAMED <{PLACES}>")
    assert dataset_shape(server, f"FROM NAMED <{ACTORS}>", **{"default-graph-uri": PLACES}) == dataset_shape(server, f"FROM <{PLACES}>")


def test_without_a_dataset_the_default_graph_is_the_union_of_all_graphs(server):
    shape = dataset_shape(server)
    assert shape["default"] == count_of(sparql(server, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }").body)
    assert len(shape) > 10


def test_from_in_the_query_narrows_the_default_graph(server):
    query = "SELECT (COUNT(*) AS ?n) FROM <https://w3id.org/libkg/graph/places> WHERE { ?s ?p ?o }"
    _, _, narrowed = sparql(server, query)
    _, _, in_graph = sparql(server, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/libkg/graph/places> { ?s ?p ?o } }")
    assert count_of(narrowed) == count_of(in_graph) < 100


def test_sparqlwrapper_format_parameters_are_accepted(server):
    status, headers, _ = get(f"{server}/sparql?query=ASK%7B%7D&format=json&output=json&results=json")
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+json")


def test_graph_parameter_outside_the_dataset_is_refused(server):
    status, _, body = sparql(server, "ASK {}", **{"default-graph-uri": "http://example.org/elsewhere"})
    assert status == 400 and "not a graph of this dataset" in json.loads(body)["message"]


def test_cors_and_conditional_requests(server):
    status, headers, _ = sparql(server, COUNT_STUDIES, headers={"Origin": "https://example.org"})
    assert headers["Access-Control-Allow-Origin"] in ("*", "https://example.org")
    status, headers, _ = sparql(server, COUNT_STUDIES)
    assert headers["ETag"] and headers["Last-Modified"]
    status, again, body = sparql(server, COUNT_STUDIES, headers={"If-None-Match": headers["ETag"]})
    assert status == 304 and body == b""
    # RFC 9110 15.4.5: a 304 carries the Vary (and validators) the 200 would have
    assert vary(again) == vary(headers) >= {"accept", "accept-encoding"} and again["ETag"] == headers["ETag"]
    status, _, _ = sparql(server, COUNT_STUDIES, headers={"If-Modified-Since": headers["Last-Modified"]})
    assert status == 304
    assert sparql(server, COUNT_STUDIES, headers={"If-None-Match": "*"}).status == 304
    assert sparql(server, COUNT_STUDIES, headers={"If-None-Match": '"something-else"'}).status == 200


def vary(headers) -> set[str]:
    """Return the header names a response varies on, lower case."""
    return {name.strip().lower() for value in headers.get_all("Vary", []) for name in value.split(",")}


def test_a_post_with_a_matching_if_none_match_is_412_and_if_modified_since_is_ignored(server):
    first = post(server + "/sparql", {"query": COUNT_STUDIES})
    assert first.status == 200 and first.headers["ETag"]
    status, headers, body = post(server + "/sparql", {"query": COUNT_STUDIES}, {"If-None-Match": first.headers["ETag"]})
    assert status == 412 and json.loads(body)["status"] == 412  # RFC 9110 13.1.2: not 304 for a POST
    answer = post(server + "/sparql", {"query": COUNT_STUDIES}, {"If-Modified-Since": first.headers["Last-Modified"]})
    assert answer.status == 200 and count_of(answer.body) == 3  # RFC 9110 13.1.3: only for GET and HEAD


@pytest.mark.parametrize("query", [COUNT_STUDIES, CONSTRUCT_BL, None], ids=["select", "construct", "service-description"])
def test_head_answers_as_get_without_a_body(server, query):
    params = {"query": query} if query else None
    headers = {"Accept": "text/turtle"} if query is None else None
    got = get(server + "/sparql", headers, params)
    status, head_headers, body = request(server + "/sparql" + (f"?{urllib.parse.urlencode(params)}" if params else ""), "HEAD",
                                         headers=headers)
    assert got.status == status == 200 and body == b""
    for name in ("Content-Type", "Content-Length", "ETag", "Vary"):
        assert head_headers[name] == got.headers[name], name


def test_a_direct_post_in_another_charset_than_utf8_is_415(server):
    query = "SELECT * WHERE { ?s ?p '图书馆' }"
    status, _, body = post(server + "/sparql", query.encode("utf-16"), {"Content-Type": "application/sparql-query; charset=UTF-16"})
    assert status == 415 and "UTF-8" in json.loads(body)["message"]
    form = urllib.parse.urlencode({"query": query}, encoding="latin-1", errors="ignore").encode()
    status, _, _ = post(server + "/sparql", form, {"Content-Type": "application/x-www-form-urlencoded; charset=ISO-8859-1"})
    assert status == 415
    for charset in ("utf-8", "UTF-8", "utf8"):
        status, _, _ = post(server + "/sparql", query.encode(), {"Content-Type": f"application/sparql-query; charset={charset}"})
        assert status == 200, charset


DIRECT = {"Content-Type": "application/sparql-query"}


@pytest.mark.parametrize("query", [
    "SELECT * WHERE " + "{ " * 2200 + "?s ?p ?o " + "} " * 2200,
    "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 5000 + "?o" + ")" * 5000 + ") }",
    "SELECT * WHERE { ?s ?p " + "[ <p> " * 3000 + "1" + " ]" * 3000 + " }",
    "SELECT * WHERE { ?s ?p ?o " + "FILTER EXISTS { " * 700 + "?s ?p ?o" + " }" * 700 + " }",
    "SELECT * WHERE { ?s ?p ?o FILTER(" + "!" * 20000 + "?o) }",
], ids=["braces", "parentheses", "blank-node-brackets", "filter-exists", "negations"])
def test_deep_nesting_is_400_naming_the_limit_before_evaluation(server, query):
    status, _, body = post(server + "/sparql", query.encode(), DIRECT)
    problem = json.loads(body)
    assert status == 400 and f"limit of {MAX_NESTING} levels" in problem["message"]
    assert problem["position"].startswith("line 1, column ")
    assert count_of(sparql(server, COUNT_STUDIES).body) == 3


def test_nesting_up_to_the_limit_is_answered(server):
    query = "SELECT (COUNT(*) AS ?n) WHERE " + "{ " * MAX_NESTING + "?s a <https://w3id.org/libkg/ontology#Study> " + "} " * MAX_NESTING
    status, _, body = post(server + "/sparql", query.encode(), DIRECT)
    assert status == 200 and count_of(body) == 3


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { ?s ?p ?o FILTER(" + " || ".join(["?o"] * 20000) + ") } LIMIT 1",
    "SELECT * WHERE { " + " UNION ".join(["{ ?s a ?o }"] * 12000) + " } LIMIT 1",
], ids=["or-chain", "union-chain"])
def test_long_flat_chains_run_or_time_out_but_never_crash_the_query_process(limited_server, query):
    status, _, body = post(limited_server + "/sparql", query.encode(), DIRECT)
    assert status == 200 or (status == 503 and json.loads(body)["error"] == "query timeout"), body[:300]


BASE = "https://w3id.org/libkg/"


def test_relative_iris_resolve_against_the_data_namespace(server):
    status, _, body = sparql(server, "CONSTRUCT { <s> <p> 1 } WHERE {}", {"Accept": "application/n-triples"})
    assert status == 200
    assert set(rdflib.Graph().parse(data=body, format="nt").subjects()) == {rdflib.URIRef(BASE + "s")}
    query = "SELECT ?label WHERE { <resource/british-library> <http://www.w3.org/2000/01/rdf-schema#label> ?label }"
    status, _, body = sparql(server, query, {"Accept": "application/sparql-results+json"})
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 2


def test_a_querys_own_base_wins(server):
    status, _, body = sparql(server, "BASE <http://example.org/x/> CONSTRUCT { <s> <p> 1 } WHERE {}", {"Accept": "text/turtle"})
    assert status == 200
    assert set(rdflib.Graph().parse(data=body, format="turtle").subjects()) == {rdflib.URIRef("http://example.org/x/s")}


def test_relative_graph_iris_in_from_resolve_and_are_checked(server):
    relative = "SELECT (COUNT(*) AS ?n) FROM <graph/places> WHERE { ?s ?p ?o }"
    absolute = "SELECT (COUNT(*) AS ?n) FROM <https://w3id.org/libkg/graph/places> WHERE { ?s ?p ?o }"
    assert count_of(sparql(server, relative).body) == count_of(sparql(server, absolute).body) > 0
    status, _, body = sparql(server, "SELECT * FROM <../../elsewhere.ttl> WHERE { ?s ?p ?o }")
    assert status == 400 and "FROM <https://w3id.org/elsewhere.ttl> is refused" in json.loads(body)["message"]


class Listener:
    """A TCP listener on 127.0.0.1 that records every connection made to it."""

    def __init__(self):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen()
        self.socket.settimeout(0.2)
        self.port = self.socket.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self):
        while not self._stop.is_set():
            try:
                connection, _ = self.socket.accept()
                self.connections += 1
                connection.close()
            except OSError:
                continue

    def close(self):
        self._stop.set()
        self._thread.join()
        self.socket.close()


@pytest.mark.parametrize("template", [
    "SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?x ?y ?z FILTER EXISTS {{ sErViCe SILENT <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }} }}",
    "SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }} }} }}",
    "SELECT * FROM <http://127.0.0.1:{port}/data.ttl> WHERE {{ ?s ?p ?o }}",
    "SELECT * FROM NAMED <http://127.0.0.1:{port}/data.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    "SELECT * {{ SERVICE <http://localhost:{port}/> {{ ?s ?p ?o }} }}",
    "LOAD <http://127.0.0.1:{port}/data.ttl>",
    "BASE <http://127.0.0.1:{port}/> SELECT * FROM <data.ttl> WHERE {{ ?s ?p ?o }}",
])
def test_no_outbound_request_is_made_for_a_query(server, template):
    listener = Listener()
    try:
        status, _, body = sparql(server, template.format(port=listener.port))
    finally:
        listener.close()
    assert status == 400
    assert json.loads(body)["message"].split()[0] in ("SERVICE", "FROM", "SPARQL")
    assert listener.connections == 0


def test_a_base_is_only_a_name_and_is_never_fetched(server):
    listener = Listener()
    try:
        status, _, body = sparql(server, f"BASE <http://127.0.0.1:{listener.port}/> SELECT * WHERE {{ <data.ttl> ?p ?o }}")
    finally:
        listener.close()
    assert status == 200 and json.loads(body)["results"]["bindings"] == []
    assert listener.connections == 0
