"""What mature linked-data services do over HTTP, checked through a running server: compression (with curl), validators
across encodings, robots.txt and a sitemap, RDF alternates in every page's head, a long URL's 414, CORS and HEAD."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import urllib.parse
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import isomorphic

from harness.client import get, request
from harness.pages import Page
from libkg.formats import RDF_FORMATS, by_media_type

pytestmark = pytest.mark.server

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
BIG_SELECT = "SELECT * WHERE { ?s ?p ?o } LIMIT 500"
CODINGS = {"br", "zstd", "gzip", "deflate"}


def curl(url: str, folder: Path, *options: str) -> tuple[dict[str, str], bytes, int]:
    """Fetch url with curl as an integrator would; return the headers (lower-case names), the decoded body and the
    bytes that came over the wire."""
    program = shutil.which("curl")
    if program is None:
        pytest.fail("curl is not installed: run 'scripts/install --test'")
    head, body = folder / "headers", folder / "body"
    done = subprocess.run([program, "-s", "-D", str(head), "-o", str(body), "-w", "%{size_download}", *options, url],
                          capture_output=True, text=True, timeout=60, check=True)
    lines = head.read_text(encoding="latin-1").splitlines()[1:]
    headers = {name.strip().lower(): value.strip() for name, _, value in (line.partition(":") for line in lines if ":" in line)}
    return headers, body.read_bytes(), int(done.stdout)


@pytest.mark.parametrize("path, accept, reader", [
    ("/ontology", "text/html", None),
    ("/sparql?" + urllib.parse.urlencode({"query": BIG_SELECT}), "application/sparql-results+json", None),
    ("/graph/bl-smes", "text/turtle", "turtle"),
    ("/resource/study-bl-smes", "application/n-triples", "nt"),
    ("/void", "application/rdf+xml", "xml"),
], ids=["html", "json", "turtle", "n-triples", "rdf-xml"])
def test_curl_compressed_gets_html_json_and_rdf_compressed(server, tmp_path, path, accept, reader):
    headers, body, wire = curl(server + path, tmp_path, "--compressed", "-H", f"Accept: {accept}")
    assert headers["content-encoding"] in CODINGS and "accept-encoding" in headers["vary"].lower()
    assert wire * 3 < len(body), f"{len(body)} bytes came as {wire}"
    plain = get(server + path, {"Accept": accept})
    assert "Content-Encoding" not in plain.headers
    if reader:  # the same statements (blank nodes, as the VoID class partitions, are labelled afresh each time)
        decoded = rdflib.Graph().parse(data=body, format=reader)
        assert len(decoded) > 10 and isomorphic(decoded, rdflib.Graph().parse(data=plain.body, format=reader))
    else:
        assert plain.body == body


def test_small_answers_and_dump_files_are_sent_as_they_are(server, tmp_path):
    headers, body, _ = curl(server + "/sparql?query=ASK%7B%7D", tmp_path, "--compressed")
    assert "content-encoding" not in headers and b"true" in body
    listing = get(server + "/dumps/index.json").json()["dumps"]
    for dump in listing:
        headers, body, wire = curl(dump["url"], tmp_path, "--compressed")
        assert "content-encoding" not in headers and wire == len(body) == dump["bytes"]
        assert hashlib.sha256(body).hexdigest() == dump["sha256"]
    assert curl(server + "/dumps/libkg.nq.gz", tmp_path, "--compressed")[0]["content-type"] == "application/gzip"


def vary(headers) -> set[str]:
    """Return the header names a response varies on, lower case."""
    return {name.strip().lower() for value in headers.get_all("Vary", []) for name in value.split(",")}


@pytest.mark.parametrize("path, accept", [("/ontology", "text/html"), ("/resource/study-bl-smes", "text/turtle"),
                                          ("/sparql?" + urllib.parse.urlencode({"query": BIG_SELECT}), "text/csv")])
def test_weak_etags_hold_for_every_coding_and_304s_keep_vary(server, path, accept):
    compressed = get(server + path, {"Accept": accept, "Accept-Encoding": "br"})
    identity = get(server + path, {"Accept": accept, "Accept-Encoding": "identity"})
    assert compressed.headers["Content-Encoding"] == "br" and "Content-Encoding" not in identity.headers
    tag = compressed.headers["ETag"]
    assert tag.startswith('W/"') and tag == identity.headers["ETag"]  # weak: one representation, any coding (RFC 9110 8.8.1)
    for coding in ("br", "gzip", "identity"):
        answer = get(server + path, {"Accept": accept, "Accept-Encoding": coding, "If-None-Match": tag})
        assert answer.status == 304 and answer.body == b""
        assert vary(answer.headers) == vary(compressed.headers) >= {"accept", "accept-encoding"}


def test_strong_etags_differ_by_coding(server):
    path = server + "/vendor/yasgui/yasgui.min.js"
    compressed = get(path, {"Accept-Encoding": "br"})
    identity = get(path, {"Accept-Encoding": "identity"})
    assert compressed.status == identity.status == 200 and len(compressed.body) * 2 < len(identity.body)
    assert not compressed.headers["ETag"].startswith("W/") and compressed.headers["ETag"] != identity.headers["ETag"]
    assert get(path, {"Accept-Encoding": "br", "If-None-Match": compressed.headers["ETag"]}).status == 304
    assert get(path, {"Accept-Encoding": "identity", "If-None-Match": identity.headers["ETag"]}).status == 304
    assert get(path, {"Accept-Encoding": "identity", "If-None-Match": compressed.headers["ETag"]}).status == 200


def test_robots_txt_points_to_a_sitemap_of_every_graph_and_resource(server, built_project):
    status, headers, body = get(server + "/robots.txt")
    assert status == 200 and headers["Content-Type"].startswith("text/plain")
    lines = body.decode().splitlines()
    assert "User-agent: *" in lines and "Disallow: /sparql?" in lines
    sitemap = next(line.split(": ", 1)[1] for line in lines if line.startswith("Sitemap: "))
    status, headers, body = get(sitemap)
    assert status == 200 and headers["Content-Type"].startswith("application/xml")
    urls = [loc.text for loc in ElementTree.fromstring(body).iter(SITEMAP + "loc")]
    assert len(urls) == len(set(urls)) > 100
    assert {server + "/graph/bl-smes", server + "/resource/british-library", server + "/void"} <= set(urls)
    for url in urls:
        status, headers, body = request(url, "HEAD")
        assert status == 200 and body == b"", url


@pytest.mark.parametrize("path", ["/resource/british-library", "/graph/bl-smes", "/void", "/dumps/", "/ontology",
                                  "/source/000_ea8717c4bec91050"])
def test_every_html_page_links_its_rdf_representations_in_its_head(server, path):
    status, headers, body = get(server + path, {"Accept": "text/html"})
    assert status == 200
    head = body.split(b"</head>")[0]
    alternates = {attrs["type"]: attrs["href"] for tag, attrs in Page(head).elements if tag == "link" and attrs.get("rel") == "alternate"}
    assert {f.media_type for f in RDF_FORMATS} <= set(alternates)
    for media_type, href in alternates.items():
        status, headers, _ = get(server + href)
        assert status == 200 and headers["Content-Type"].startswith(by_media_type(media_type).media_type), href


@pytest.mark.parametrize("length", [8_100, 20_000, 60_000], ids=["over-the-apps-limit", "twice-over", "far-over"])
def test_a_long_url_is_a_414_json_problem_with_cors_that_says_to_post(server, length):
    query = "ASK {}" + " " * length
    status, headers, body = get(server + "/sparql?" + urllib.parse.urlencode({"query": query}), {"Origin": "https://example.org"})
    assert status == 414 and headers["Content-Type"].startswith("application/json")
    assert headers["Access-Control-Allow-Origin"] in ("*", "https://example.org")
    problem = json.loads(body)
    assert problem["status"] == 414 and "POST" in problem["message"]
    assert request(server + "/sparql", "POST", urllib.parse.urlencode({"query": query}).encode(),
                   {"Content-Type": "application/x-www-form-urlencoded"}).status == 200


def test_a_url_over_the_servers_own_limit_is_still_a_414(server):
    status, _, _ = get(server + "/sparql?" + urllib.parse.urlencode({"query": "ASK {}" + " " * 70_000}))
    assert status == 414


def test_cors_advertises_only_the_methods_accepted(server):
    status, headers, _ = request(server + "/sparql", "OPTIONS", headers={
        "Origin": "https://example.org", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "Content-Type"})
    assert status == 200
    methods = {m.strip() for m in headers["Access-Control-Allow-Methods"].split(",")}
    assert "POST" in methods and "GET" in methods and not methods & {"PUT", "PATCH", "DELETE"}
    assert request(server + "/sparql", "PUT").status == 405


def test_dumps_are_described_in_dcat_with_checksums_that_hold(server):
    status, headers, body = get(server + "/dumps/", {"Accept": "text/turtle"})
    assert status == 200 and headers["Content-Location"] == "/dumps/index.ttl"
    graph = rdflib.Graph().parse(data=body, format="turtle")
    dcat, spdx = rdflib.Namespace("http://www.w3.org/ns/dcat#"), rdflib.Namespace("http://spdx.org/rdf/terms#")
    distributions = list(graph.subjects(rdflib.RDF.type, dcat.Distribution))
    assert len(distributions) == len(get(server + "/dumps/index.json").json()["dumps"]) > 3
    for distribution in distributions:
        file = get(str(graph.value(distribution, dcat.downloadURL))).body
        assert int(graph.value(distribution, dcat.byteSize)) == len(file)
        assert str(graph.value(graph.value(distribution, spdx.checksum), spdx.checksumValue)) == hashlib.sha256(file).hexdigest()


@pytest.mark.parametrize("path", ["/resource/british-library.ttl", "/graph/places", "/dumps/libkg.trig", "/"])
def test_head_on_linked_data_answers_as_get_without_a_body(server, path):
    got = get(server + path)
    status, headers, body = request(server + path, "HEAD")
    assert status == got.status == 200 and body == b""
    assert headers["Content-Length"] == got.headers["Content-Length"] and headers["Content-Type"] == got.headers["Content-Type"]
