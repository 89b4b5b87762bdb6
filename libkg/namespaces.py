"""The prefixes libkg uses in queries, dumps and pages."""

from __future__ import annotations

from .config import CANONICAL_BASE_IRI

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
}


def prefixes(base_iri: str = CANONICAL_BASE_IRI) -> dict[str, str]:
    """Return libkg's own prefixes under base_iri, followed by the external vocabularies."""
    return {
        "lkg": base_iri + "ontology#",
        "res": base_iri + "resource/",
        "graph": base_iri + "graph/",
        **EXTERNAL_PREFIXES,
    }


def sparql_prologue(base_iri: str = CANONICAL_BASE_IRI) -> str:
    """Return PREFIX declarations for every libkg prefix."""
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in prefixes(base_iri).items())
