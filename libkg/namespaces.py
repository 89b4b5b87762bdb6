"""libkg's namespaces: prefixes, the IRIs of its resources, terms and graphs, and how to shorten an IRI."""

from __future__ import annotations

from libkg.config import CANONICAL_BASE_IRI

EXTERNAL_PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "schema": "https://schema.org/",
    "org": "http://www.w3.org/ns/org#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "prov": "http://www.w3.org/ns/prov#",
    "fabio": "http://purl.org/spar/fabio/",
    "bibo": "http://purl.org/ontology/bibo/",
    "oa": "http://www.w3.org/ns/oa#",
    "spdx": "http://spdx.org/rdf/terms#",
}

# Named graphs the build makes, besides one per curated file (graph/<file stem>).
ONTOLOGY_GRAPH = "graph/ontology"
INFERRED_GRAPH = "graph/inferred"
CURATOR_GRAPH = "graph/curator-links"
KNOWLEDGE_GRAPH = "graph/curator-knowledge"

# Who makes the statements of a named graph (the build records each graph's role in the release report):
# a source (a study's graph, or the shared records of what sources name), the curators' vocabulary (concept
# schemes), a curator's inference between claims, a curator's outside knowledge, the ontology, or the reasoner.
STATED, VOCABULARY, CURATOR, KNOWLEDGE, ONTOLOGY, REASONER = "stated", "vocabulary", "curator", "knowledge", "ontology", "reasoner"
ROLES = (STATED, KNOWLEDGE, CURATOR, VOCABULARY, ONTOLOGY, REASONER)


def prefixes(base_iri: str = CANONICAL_BASE_IRI) -> dict[str, str]:
    """Return libkg's own prefixes under base_iri, followed by the external vocabularies."""
    return {
        "lkg": base_iri + "ontology#",
        "res": base_iri + "resource/",
        "graph": base_iri + "graph/",
        "src": base_iri + "source/",
        **EXTERNAL_PREFIXES,
    }


def sparql_prologue(base_iri: str = CANONICAL_BASE_IRI) -> str:
    """Return PREFIX declarations for every libkg prefix."""
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in prefixes(base_iri).items())


def resource_iri(base_iri: str, slug: str) -> str:
    """Return the IRI of the resource named slug."""
    return base_iri + "resource/" + slug


def source_iri(base_iri: str, file_name: str) -> str:
    """Return the IRI of the source text held in file_name (its name without the suffix)."""
    return base_iri + "source/" + file_name.rsplit(".", 1)[0]


def graph_iri(base_iri: str, local: str) -> str:
    """Return the IRI of a named graph, given as 'graph/<name>'."""
    return base_iri + local


def term_iri(base_iri: str, name: str) -> str:
    """Return the IRI of an ontology term (class or property) by its local name."""
    return base_iri + "ontology#" + name


def shorten(iri: str, known: dict[str, str]) -> str | None:
    """Return iri as a prefixed name when one of the known prefixes covers it, else None."""
    for name, namespace in known.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{name}:{iri[len(namespace):]}"
    return None
