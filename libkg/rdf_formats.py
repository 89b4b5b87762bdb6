"""RDF representations as a table: suffix, media type and one pure renderer per format."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pyoxigraph as ox
import rdflib


@dataclass(frozen=True)
class Naming:
    """How a representation names things: Turtle prefixes, the JSON-LD context and how to cite it."""

    prefixes: dict[str, str]
    context: dict
    reference: str | list | None = None


@dataclass(frozen=True)
class RdfFormat:
    """One RDF format: its file suffix, media type, whether it keeps named graphs, and its renderer."""

    suffix: str
    media_type: str
    keeps_graphs: bool
    render: Callable[[list[ox.Quad], Naming], bytes]


def triples(quads: Iterable[ox.Quad]) -> list[ox.Triple]:
    """Drop the graph of each quad, keeping each triple once, in order."""
    return list(dict.fromkeys(quad.triple for quad in quads))


def compact_jsonld(statements: Iterable[ox.Triple], context: dict) -> dict:
    """Return statements as compacted JSON-LD (rdflib's serialiser), with the context inline."""
    graph = rdflib.Graph()
    graph.parse(data=ox.serialize(statements, format=ox.RdfFormat.N_TRIPLES), format="nt")
    return json.loads(graph.serialize(format="json-ld", context=context))


def _jsonld(quads: list[ox.Quad], naming: Naming) -> bytes:
    """Render the triples as compacted JSON-LD that points at the published context."""
    document = compact_jsonld(triples(quads), naming.context)
    document["@context"] = naming.reference or naming.context
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def _oxigraph(rdf_format: ox.RdfFormat, with_prefixes: bool, with_graphs: bool):
    """Return a renderer that serialises with pyoxigraph."""

    def render(quads: list[ox.Quad], naming: Naming) -> bytes:
        """Serialise the statements grouped by graph and subject, so Turtle and TriG can nest them."""
        statements = sorted(quads if with_graphs else triples(quads), key=_grouping)
        return ox.serialize(statements, format=rdf_format, prefixes=naming.prefixes if with_prefixes else None)

    return render


def _grouping(statement: ox.Quad | ox.Triple) -> tuple[str, str, str]:
    """Order statements by graph, subject and predicate."""
    graph = getattr(statement, "graph_name", None)
    return (str(graph) if graph else "", str(statement.subject), str(statement.predicate))


RDF_FORMATS = (
    RdfFormat("ttl", "text/turtle", False, _oxigraph(ox.RdfFormat.TURTLE, True, False)),
    RdfFormat("jsonld", "application/ld+json", False, _jsonld),
    RdfFormat("rdf", "application/rdf+xml", False, _oxigraph(ox.RdfFormat.RDF_XML, True, False)),
    RdfFormat("nt", "application/n-triples", False, _oxigraph(ox.RdfFormat.N_TRIPLES, False, False)),
    RdfFormat("trig", "application/trig", True, _oxigraph(ox.RdfFormat.TRIG, True, True)),
    RdfFormat("nq", "application/n-quads", True, _oxigraph(ox.RdfFormat.N_QUADS, False, True)),
)

# What each dump of a release holds, by the end of its name; the N-Quads dump is that media type compressed with gzip.
DUMP_MEDIA_TYPES = {".trig": "application/trig", ".jsonld": "application/ld+json", ".nq.gz": "application/n-quads", ".ttl": "text/turtle"}


def dump_media_type(name: str) -> str:
    """Return the media type of the RDF in a dump, by its file name."""
    return next(kind for suffix, kind in DUMP_MEDIA_TYPES.items() if name.endswith(suffix))
