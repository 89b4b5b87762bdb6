"""Bad input from the network: each case names its input and the behaviour a user must see.

Every case runs against a real server (2 s query limit). After each case the server must still
answer a simple query: nothing a client sends may take it down.
"""

from __future__ import annotations

import json
import urllib.parse
from dataclasses import dataclass, field

import pytest

from harness.client import count_of, request, sparql
from harness.project import COUNT_STUDIES

pytestmark = pytest.mark.server

LKG = "PREFIX lkg: <https://w3id.org/libkg/ontology#> "


@dataclass(frozen=True)
class Case:
    """One bad request and what must come back."""

    name: str
    method: str = "GET"
    path: str = "/sparql"
    query: str | None = None
    body: bytes | None = None
    headers: dict = field(default_factory=dict)
    statuses: tuple[int, ...] = (400,)
    says: str = ""
    forbidden_header: str = ""


def q(text: str) -> str:
    """URL-encode a query into a /sparql GET path."""
    return "/sparql?" + urllib.parse.urlencode({"query": text})


CASES = [
    # malformed SPARQL
    Case("missing-object", query="SELECT * WHERE { ?s ?p }", says="syntax error"),
    Case("misspelt-keyword", query="SELEC * WHERE { ?s ?p ?o }", says="not a SPARQL query"),
    Case("unclosed-group", query="SELECT * WHERE { ?s ?p ?o ", says="syntax error"),
    Case("unterminated-string", query="SELECT * WHERE { ?s ?p 'open }", says="syntax error"),
    Case("bad-prefix-declaration", query="PREFIX x <http://e/> SELECT * {}", says="syntax error"),
    Case("undeclared-prefix", query="SELECT * WHERE { ?s nope:p ?o }", says="syntax error"),
    Case("trailing-garbage", query="ASK {} } }", says="syntax error"),
    Case("empty-query", path="/sparql?query=", says="empty"),
    Case("only-a-comment", query="# nothing here", says="not a SPARQL query"),
    Case("bad-aggregate", query="SELECT ?s (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", says="syntax error"),
    # updates, in every form
    Case("insert-data", query="INSERT DATA { <urn:a> <urn:b> <urn:c> }", says="read-only"),
    Case("delete-where", query="DELETE WHERE { ?s ?p ?o }", says="read-only"),
    Case("clear-all", query="CLEAR ALL", says="read-only"),
    Case("drop-graph", query="DROP GRAPH <https://w3id.org/libkg/graph/bl-smes>", says="read-only"),
    Case("create-graph", query="CREATE GRAPH <urn:g>", says="read-only"),
    Case("copy-move-add", query="COPY DEFAULT TO <urn:g> ; MOVE <urn:g> TO <urn:h>", says="read-only"),
    Case("with-modify", query="WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", says="read-only"),
    Case("update-parameter", path="/sparql?update=CLEAR+ALL", says="read-only"),
    Case("update-media-type", method="POST", body=b"CLEAR ALL", headers={"Content-Type": "application/sparql-update"}, says="read-only"),
    # outbound requests
    Case("load-loopback", query="LOAD <http://127.0.0.1:9/data.ttl>", says="read-only"),
    Case("service-link-local", query="SELECT * { SERVICE <http://169.254.169.254/latest/meta-data/> { ?s ?p ?o } }", says="SERVICE is refused"),
    Case("service-external", query="SELECT * { SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o } }", says="SERVICE is refused"),
    Case("service-ipv6-loopback", query="SELECT * { SERVICE <http://[::1]:9/> { ?s ?p ?o } }", says="SERVICE is refused"),
    Case("service-by-variable", query="SELECT * { VALUES ?e { <http://127.0.0.1:9/> } SERVICE ?e { ?s ?p ?o } }", says="SERVICE is refused"),
    Case("from-link-local", query="SELECT * FROM <http://169.254.169.254/latest/> { ?s ?p ?o }", says="FROM <"),
    Case("from-file", query="SELECT * FROM <file:///etc/passwd> { ?s ?p ?o }", says="FROM <"),
    # expensive queries: cut off or capped, never a crash
    Case("cartesian-product", query="SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }", statuses=(503,), says="limit"),
    Case("unbounded-path", query="SELECT (COUNT(*) AS ?n) { ?x (!<urn:none>|^!<urn:none>)* ?y . ?y ?p ?o . ?o ?q ?r }", statuses=(200, 503)),
    Case("huge-limit", query="SELECT * { ?s ?p ?o } LIMIT 99999999999", statuses=(200,)),
    Case("huge-offset", query="SELECT * { ?s ?p ?o } OFFSET 999999999999999", statuses=(200,)),
    Case("limit-beyond-64-bits", query="SELECT * { ?s ?p ?o } LIMIT 99999999999999999999999999", statuses=(200, 400)),
    Case("regex-blow-up", query='SELECT ?o { ?s ?p ?o FILTER(REGEX(STR(?o), "^(a+)+$")) }', statuses=(200,)),
    Case("invalid-regex", query='SELECT ?o { ?s ?p ?o FILTER(REGEX(STR(?o), "(")) }', statuses=(200, 400)),
    Case("deep-nesting", method="POST", body=("SELECT * WHERE " + "{ " * 5000 + "?s ?p ?o " + "} " * 5000).encode(),
         headers={"Content-Type": "application/sparql-query"}, statuses=(400,), says="nests deeper than the limit"),
    # bytes and sizes
    Case("non-utf8-direct-post", method="POST", body="SELECT * { ?s ?p 'caf\u00e9' }".encode("latin-1"),
         headers={"Content-Type": "application/sparql-query"}, says="UTF-8"),
    Case("non-utf8-in-url", path="/sparql?query=SELECT%20*%20%7B%3Fs%20%3Fp%20%27caf%E9%27%7D", statuses=(200, 400)),
    Case("ten-megabyte-query", method="POST", body=b"query=" + b"%20" * (10 * 1024 * 1024),
         headers={"Content-Type": "application/x-www-form-urlencoded"}, statuses=(413,)),
    Case("very-long-query-string", path="/sparql?query=" + "%20" * 20000 + "ASK%7B%7D", statuses=(414,), says="send a long query by POST"),
    Case("very-long-iri", path="/resource/" + "a" * 20000, statuses=(414,), says="send a long query by POST"),
    # HTTP
    Case("malformed-accept", query="ASK {}", headers={"Accept": ";;;,,, q=="}, statuses=(200,)),
    Case("contradictory-accept", query="ASK {}", headers={"Accept": "application/sparql-results+json;q=0, application/sparql-results+json;q=1"}, statuses=(200, 406)),
    Case("image-accept", query="ASK {}", headers={"Accept": "image/png"}, statuses=(406,), says="offered"),
    Case("unknown-method", method="PATCH", path="/sparql", statuses=(405,)),
    Case("delete-method", method="DELETE", path="/sparql", statuses=(405,)),
    Case("wrong-post-type", method="POST", body=b"<q/>", headers={"Content-Type": "application/xml"}, statuses=(415,)),
    Case("form-without-content-type", method="POST", body=b"query=ASK%7B%7D", statuses=(415,)),
    Case("dumps-traversal", path="/dumps/../../../../etc/passwd", statuses=(404, 400)),
    Case("dumps-encoded-traversal", path="/dumps/%2e%2e%2f%2e%2e%2fetc%2fpasswd", statuses=(404, 400)),
    Case("resource-traversal", path="/resource/..%2f..%2f..%2fetc%2fpasswd", statuses=(404, 400)),
    # a format= that names nothing offered falls back to Accept (here none, so the default)
    Case("header-injection-format", path="/sparql?query=ASK%7B%7D&format=json%0d%0aX-Injected:%201", statuses=(200,), forbidden_header="X-Injected"),
    Case("header-injection-lang", path="/?lang=zh%0d%0aSet-Cookie:%20evil=1", statuses=(200,), forbidden_header="evil"),
]


def test_there_are_at_least_forty_cases():
    assert len(CASES) >= 40
    assert len({case.name for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_bad_input_gets_a_clear_answer_and_the_server_keeps_answering(limited_server, case):
    path = q(case.query) if case.query is not None else case.path
    status, headers, body = request(limited_server + path, case.method, case.body, case.headers)
    assert status in case.statuses, body[:300]
    assert status < 500 or status == 503
    if status >= 400 and body:
        problem = json.loads(body)
        assert problem["status"] == status and problem["message"]
        assert case.says in problem["message"]
    if case.forbidden_header:
        assert all(case.forbidden_header not in f"{k}: {v}" for k, v in headers.items())
    status, _, body = sparql(limited_server, COUNT_STUDIES)
    assert status == 200 and count_of(body) == 3
