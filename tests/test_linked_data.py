"""Linked data over HTTP: every IRI of the data namespace dereferences, in every format, with its provenance."""

from __future__ import annotations

import gzip
import hashlib
import json
import urllib.parse

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic
from pyld import jsonld

from harness.client import count_of, get, request, sparql
from harness.pages import Page
from libkg.explore.describe import describe_resource
from libkg.explore.vocabularies import NAMESPACES
from libkg.release import current_release

pytestmark = pytest.mark.server

BASE = "https://w3id.org/libkg/"
LABELS = ("http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#prefLabel")
# suffix -> (media type, how rdflib reads it, whether it keeps named graphs)
FORMATS = {
    "ttl": ("text/turtle", "turtle", False),
    "nt": ("application/n-triples", "nt", False),
    "rdf": ("application/rdf+xml", "xml", False),
    "jsonld": ("application/ld+json", None, False),
    "trig": ("application/trig", "trig", True),
    "nq": ("application/n-quads", "nquads", True),
}
ONE_PER_CLASS = f"""
SELECT ?class (MIN(STR(?s)) AS ?example) WHERE {{ ?s a ?class FILTER(STRSTARTS(STR(?s), "{BASE}resource/")) }}
GROUP BY ?class
"""


def raw_status(server: str, path: str) -> int:
    """Send path exactly as written (no client-side normalisation); return the status, after the app's own redirects."""
    status, headers, _ = request(server + path)
    if status in (301, 302, 307, 308) and headers["Location"]:
        return raw_status(server, urllib.parse.urlsplit(headers["Location"]).path)
    return status


@pytest.fixture(scope="module")
def store(built_project) -> ox.Store:
    """The built store, read directly, to know what the answers must contain."""
    return current_release(built_project.build_path).store.oxigraph


@pytest.fixture(scope="module")
def samples(store) -> list[str]:
    """One resource for every class the data uses."""
    return sorted({row["example"].value for row in store.query(ONE_PER_CLASS, use_default_graph_as_union=True)})


def as_quads(body: bytes, suffix: str) -> set[ox.Quad]:
    """Read an answer with rdflib (JSON-LD with PyLD) and return its statements as pyoxigraph quads."""
    media_type, rdflib_format, keeps_graphs = FORMATS[suffix]
    if suffix == "jsonld":
        nquads = jsonld.to_rdf(json.loads(body), {"format": "application/n-quads"})
        return set(ox.parse(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS))
    if keeps_graphs:
        dataset = rdflib.Dataset()
        dataset.parse(data=body, format=rdflib_format)
        return set(ox.parse(dataset.serialize(format="nquads", encoding="utf-8"), format=ox.RdfFormat.N_QUADS))
    graph = rdflib.Graph().parse(data=body, format=rdflib_format)
    return {ox.Quad(t.subject, t.predicate, t.object) for t in ox.parse(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)}


def expected(store: ox.Store, iri: str) -> tuple[list[ox.Quad], list[ox.Quad]]:
    """Return the resource's statements both ways, and the label statements of what they mention."""
    node = ox.NamedNode(iri)
    statements = list(store.quads_for_pattern(node, None, None, None)) + list(store.quads_for_pattern(None, None, node, None))
    mentioned = {q.predicate for q in statements} | {q.object for q in statements} | {q.subject for q in statements}
    labels = [q for term in mentioned if isinstance(term, ox.NamedNode) and term != node
              for predicate in LABELS for q in store.quads_for_pattern(term, ox.NamedNode(predicate), None, None)]
    return statements, labels


def check_description(found: set[ox.Quad], statements: list[ox.Quad], labels: list[ox.Quad], keeps_graphs: bool) -> None:
    """Assert an answer holds every statement both ways and every neighbour label, with graphs if it can."""
    present = {shape(q, keeps_graphs) for q in found}
    missing = [q for q in statements + labels if shape(q, keeps_graphs) not in present]
    assert not missing, f"{len(missing)} statement(s) missing, e.g. {missing[:3]}"


def shape(quad: ox.Quad, keeps_graphs: bool) -> tuple:
    """Return a statement as comparable values: blank nodes all alike, the graph only if the format keeps it."""
    terms = (quad.subject, quad.predicate, quad.object) + ((quad.graph_name,) if keeps_graphs else ())
    return tuple("_:" if isinstance(term, ox.BlankNode) else term for term in terms)


def local(iri: str) -> str:
    """Map an IRI of the data namespace to the app's path."""
    return "/" + iri[len(BASE):] if iri.startswith(BASE) else iri


def test_sample_covers_every_class(samples, store):
    classes = {row["class"] for row in store.query(ONE_PER_CLASS, use_default_graph_as_union=True)}
    assert len(samples) >= 20 and len(classes) >= 40


def test_every_sample_dereferences_in_every_rdf_format(server, store, samples):
    for iri in samples:
        statements, labels = expected(store, iri)
        assert statements
        for suffix, (media_type, _, keeps_graphs) in FORMATS.items():
            for url, accept in ((server + local(iri), media_type), (server + local(iri) + "." + suffix, None)):
                status, headers, body = get(url, {"Accept": accept} if accept else None)
                assert status == 200, (url, accept, body[:200])
                assert headers["Content-Type"].startswith(media_type)
                check_description(as_quads(body, suffix), statements, labels, keeps_graphs)


def test_every_sample_has_an_html_page_with_statements_labels_and_graphs(server, store, samples):
    for iri in samples:
        status, headers, body = get(server + local(iri), {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"})
        assert status == 200 and headers["Content-Type"].startswith("text/html")
        html = Page(body)
        assert html.by_id["iri"] == iri
        statements, labels = expected(store, iri)
        node = ox.NamedNode(iri)
        for quad in statements:
            other = quad.object if quad.subject == node else quad.subject
            if isinstance(other, ox.NamedNode):
                assert links_to(html, other.value), (iri, other)
            assert local(quad.graph_name.value) in html.links
        text = "".join(html.text)
        # Neighbours are named in the page's language (English here, every resource has an English label).
        assert all(label.object.value in text for label in labels if label.object.language == "en")
        assert {local(iri) + ".ttl", local(iri) + ".jsonld"} <= set(html.links)


def links_to(html: Page, iri: str) -> bool:
    """Tell whether a page links to iri: to its own page, or (a class or property) to its page in the explorer."""
    if local(iri) in html.links:
        return True
    own = BASE + "ontology#"
    names = [iri[len(own):]] if iri.startswith(own) else [f"{p}:{iri[len(ns):]}" for p, ns in NAMESPACES.items() if iri.startswith(ns)]
    return any(f"/browse/{page}/{name}" in html.links for page in ("kind", "property") for name in names)


def test_description_is_bounded(built_project):
    store = current_release(built_project.build_path).store
    whole = describe_resource(store, BASE + "resource/study-bl-smes")
    capped = describe_resource(store, BASE + "resource/study-bl-smes", limit=3)
    assert not whole.truncated and len(whole.incoming) > 3
    assert capped.truncated and len(capped.outgoing) == len(capped.incoming) == 3


def test_resource_answer_names_itself_and_its_alternates(server):
    path = "/resource/british-library"
    status, headers, _ = get(server + path, {"Accept": "text/turtle"})
    assert status == 200
    assert headers["Content-Location"] == path + ".ttl"
    assert "Accept" in headers["Vary"]
    alternates = {part.split(";")[0].strip(" <>"): part for part in headers["Link"].split(",")}
    assert set(alternates) == {f"{path}.{suffix}" for suffix in ("html", "json", "jsonld", "rdf", "nt", "trig", "nq")}
    for url, link in alternates.items():
        assert 'rel="alternate"' in link
        media_type = link.split('type="')[1].rstrip('"')
        status, headers, _ = get(server + url)
        assert status == 200 and headers["Content-Type"].startswith(media_type)
        assert headers["Content-Location"] == url


def test_conditional_request_answers_304(server):
    status, headers, _ = get(server + "/resource/british-library", {"Accept": "text/turtle"})
    assert headers["ETag"] and headers["Last-Modified"]
    status, _, body = get(server + "/resource/british-library", {"Accept": "text/turtle", "If-None-Match": headers["ETag"]})
    assert status == 304 and body == b""
    english, chinese = (get(server + "/resource/british-library", {"Accept": "text/html", "Accept-Language": language})[1]["ETag"]
                        for language in ("en", "zh"))
    assert english != chinese, "a page in another interface language must not revalidate as the same"


@pytest.mark.parametrize("path", ["/resource/british-library", "/ontology", "/graph/bl-smes", "/void"])
def test_unacceptable_accept_is_406(server, path):
    status, headers, body = get(server + path, {"Accept": "image/png"})
    assert status == 406
    assert "text/turtle" in json.loads(body)["message"]


def test_jsonld_uses_the_published_context(server):
    status, _, body = get(server + "/resource/bl-service-maker.jsonld")
    document = json.loads(body)
    assert document["@context"] == server + "/context.jsonld"
    node = next(n for n in document.get("@graph", [document]) if n["id"] == "res:bl-service-maker")
    assert node["label"]["en"] and node["label"]["zh"] and node["definition"]["zh"]
    assert node["reportedIn"] == "res:study-bl-smes" and "Service" in node["type"]


def test_context_has_a_short_key_for_every_ontology_property(server, store):
    status, headers, body = get(server + "/context.jsonld")
    assert status == 200 and headers["Content-Type"].startswith("application/ld+json")
    context = json.loads(body)["@context"]
    properties = store.query(f"""SELECT ?p WHERE {{ ?p a ?kind FILTER(?kind IN (<http://www.w3.org/2002/07/owl#ObjectProperty>,
        <http://www.w3.org/2002/07/owl#DatatypeProperty>) && STRSTARTS(STR(?p), "{BASE}ontology#")) }}""", use_default_graph_as_union=True)
    for row in properties:
        assert context[row["p"].value.split("#")[1]]["@id"] == row["p"].value
    assert context["label"]["@container"] == "@language" and context["type"] == "@type"


def test_ontology_documents_every_term_in_both_languages(server, store):
    status, headers, body = get(server + "/ontology", {"Accept": "text/html"})
    assert status == 200 and headers["Content-Location"] == "/ontology.html"
    html = Page(body)
    terms = store.query(f"""SELECT ?term (SAMPLE(?en) AS ?english) (SAMPLE(?zh) AS ?chinese) WHERE {{
        GRAPH <{BASE}graph/ontology> {{ ?term a ?kind ; <{LABELS[0]}> ?en , ?zh }}
        FILTER(?kind IN (<http://www.w3.org/2002/07/owl#Class>, <http://www.w3.org/2002/07/owl#ObjectProperty>,
                         <http://www.w3.org/2002/07/owl#DatatypeProperty>) && STRSTARTS(STR(?term), "{BASE}ontology#")
               && LANG(?en) = "en" && LANG(?zh) = "zh") }} GROUP BY ?term""")
    count = 0
    for row in terms:
        anchor = row["term"].value.split("#")[1]
        assert anchor in html.by_id, f"#{anchor} is not in the ontology page"
        entry = html.by_id[anchor]
        assert row["english"].value in entry and row["chinese"].value in entry, anchor
        count += 1
    assert count >= 100


def test_ontology_and_its_version_serve_its_statements(server, store):
    expected_triples = {q.triple for q in store.quads_for_pattern(None, None, None, ox.NamedNode(BASE + "graph/ontology"))
                        if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)}
    for url, accept in ((server + "/ontology", "text/turtle"), (server + "/ontology.nt", None), (server + "/ontology/0.1.0", "application/rdf+xml")):
        status, headers, body = get(url, {"Accept": accept} if accept else None)
        suffix = {"text/turtle": "ttl", "application/rdf+xml": "rdf"}.get(accept, "nt")
        assert status == 200
        assert expected_triples <= {q.triple for q in as_quads(body, suffix)}
    assert get(server + "/ontology/9.9.9", {"Accept": "text/turtle"})[0] == 404


def test_graph_iri_serves_the_graph(server, store):
    graph = ox.NamedNode(BASE + "graph/bl-smes")
    status, headers, body = get(server + "/graph/bl-smes", {"Accept": "application/n-quads"})
    assert status == 200
    served = rdflib.Graph().parse(data=body, format="nquads")
    stored = rdflib.Graph().parse(data=ox.serialize(store.quads_for_pattern(None, None, None, graph), format=ox.RdfFormat.N_QUADS), format="nquads")
    assert isomorphic(served, stored)  # the same statements, blank nodes (a source text's checksum) matched by structure
    status, _, body = get(server + "/graph/bl-smes", {"Accept": "text/html"})
    assert status == 200 and "/dumps/graphs/bl-smes.ttl" in Page(body).links


def test_void_statistics_match_sparql_counts(server):
    status, headers, body = get(server + "/.well-known/void", {"Accept": "text/turtle"})
    assert status == 200 and headers["Content-Location"] == "/void.ttl"
    void = rdflib.Graph().parse(data=body, format="turtle")
    v = rdflib.Namespace("http://rdfs.org/ns/void#")
    dataset = rdflib.URIRef(BASE + "void#dataset")

    def count(query: str) -> int:
        return count_of(sparql(server, query, {"Accept": "application/sparql-results+json"}).body)

    def counted(scope: str) -> dict[str, int]:
        return {
            "triples": count(f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{ {scope} }} }}"),
            "entities": count(f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ {scope} FILTER(isIRI(?s)) }}"),
            "classes": count(f"SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE {{ {scope} FILTER(?p = <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>) }}"),
            "properties": count(f"SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE {{ {scope} }}"),
        }

    def stated(subject) -> dict[str, int]:
        return {name: int(void.value(subject, v[name])) for name in ("triples", "entities", "classes", "properties")}

    assert stated(dataset) == counted("GRAPH ?g { ?s ?p ?o }")
    subsets = list(void.objects(dataset, v.subset))
    assert len(subsets) == count("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    for subset in subsets:
        assert stated(subset) == counted(f"GRAPH <{subset}> {{ ?s ?p ?o }}"), subset
    assert void.value(dataset, rdflib.DCTERMS.license) == rdflib.URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert void.value(dataset, v.sparqlEndpoint) == rdflib.URIRef(server + "/sparql")
    assert set(void.objects(dataset, v.exampleResource)) >= {rdflib.URIRef(BASE + "resource/study-bl-smes")}
    dcat, spdx = rdflib.Namespace("http://www.w3.org/ns/dcat#"), rdflib.Namespace("http://spdx.org/rdf/terms#")
    downloads = {str(void.value(d, dcat.downloadURL)): d for d in void.objects(dataset, dcat.distribution)}
    assert {server + "/dumps/libkg.trig", server + "/dumps/libkg.nq.gz", server + "/dumps/libkg.jsonld"} <= set(downloads)
    for url, distribution in downloads.items():
        _, _, file = get(url)
        assert int(void.value(distribution, dcat.byteSize)) == len(file)
        checksum = void.value(distribution, spdx.checksum)
        assert void.value(checksum, spdx.algorithm) == spdx.checksumAlgorithm_sha256
        assert str(void.value(checksum, spdx.checksumValue)) == hashlib.sha256(file).hexdigest()


def test_void_page_for_browsers(server):
    status, headers, body = get(server + "/void", {"Accept": "text/html"})
    assert status == 200 and headers["Content-Location"] == "/void.html"
    assert "/dumps/libkg.trig" in "".join(Page(body).links)


def test_dumps_match_their_checksums_and_load_back_to_the_store(server, store):
    status, headers, body = get(server + "/dumps/", {"Accept": "application/json"})
    assert status == 200 and headers["Content-Location"] == "/dumps/index.json"
    listing = json.loads(body)["dumps"]
    status, _, html = get(server + "/dumps/", {"Accept": "text/html"})
    assert status == 200 and {f"/dumps/{d['name']}" for d in listing} <= set(Page(html).links)
    files = {}
    for dump in listing:
        status, _, content = get(dump["url"])
        assert status == 200 and len(content) == dump["bytes"] and hashlib.sha256(content).hexdigest() == dump["sha256"]
        files[dump["name"]] = content
    whole = {q for q in store.quads_for_pattern(None, None, None, None) if not _has_blank_node(q)}
    for name, rdf_format, content in (("libkg.trig", ox.RdfFormat.TRIG, files["libkg.trig"]),
                                      ("libkg.nq.gz", ox.RdfFormat.N_QUADS, gzip.decompress(files["libkg.nq.gz"])),
                                      ("libkg.jsonld", ox.RdfFormat.JSON_LD, files["libkg.jsonld"])):
        loaded = ox.Store()
        loaded.load(content, format=rdf_format)
        assert {q for q in loaded.quads_for_pattern(None, None, None, None) if not _has_blank_node(q)} == whole, name
        assert len(loaded) == len(store), name
    graphs = {graph["@id"] for graph in json.loads(files["libkg.jsonld"])}
    assert {q.graph_name.value for q in store.quads_for_pattern(None, None, None, None)} == graphs


def _has_blank_node(quad: ox.Quad) -> bool:
    """Tell whether a quad mentions a blank node (their labels differ between stores)."""
    return isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode)


def test_unknown_resource_is_404_with_suggestions_for_browsers(server):
    status, headers, body = get(server + "/resource/british-libraries", {"Accept": "text/html"})
    assert status == 404 and headers["Content-Type"].startswith("text/html")
    assert "/resource/british-library" in Page(body).links
    status, headers, body = get(server + "/resource/british-libraries", {"Accept": "text/turtle"})
    assert status == 404 and json.loads(body)["status"] == 404
    assert get(server + "/graph/no-such-study", {"Accept": "application/json"})[0] == 404


@pytest.mark.parametrize("path", [
    "/dumps/../report.json", "/dumps/%2e%2e/report.json", "/dumps/..%2freport.json", "/dumps/graphs/../../report.json",
    "/dumps/manifest.json", "/dumps//etc/passwd", "/resource/..%2f..%2freport.json", "/resource/../report.json",
    "/resource/%2e%2e", "/graph/..%2fstore",
])
def test_path_traversal_is_refused(server, path):
    assert raw_status(server, path) in (400, 404)
