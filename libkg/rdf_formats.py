"""Render statements in each RDF format of the registry, naming things with prefixes and the JSON-LD context."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox
import rdflib

from libkg.formats import JSONLD, Format


@dataclass(frozen=True)
class Naming:
    """How a representation names things: Turtle prefixes, the JSON-LD context and how to cite it."""

    prefixes: dict[str, str]
    context: dict
    reference: str | list | None = None


def triples(quads: Iterable[ox.Quad]) -> list[ox.Triple]:
    """Drop the graph of each quad, keeping each triple once, in order."""
    return list(dict.fromkeys(quad.triple for quad in quads))


def compact_jsonld(statements: Iterable[ox.Triple], context: dict) -> dict:
    """Return statements as compacted JSON-LD (rdflib's serialiser), with the context inline."""
    graph = rdflib.Graph()
    graph.parse(data=ox.serialize(statements, format=ox.RdfFormat.N_TRIPLES), format="nt")
    return json.loads(graph.serialize(format="json-ld", context=context))


def render(rdf_format: Format, quads: list[ox.Quad], naming: Naming) -> bytes:
    """Render statements in rdf_format: JSON-LD compacted against the published context, the others grouped by
    graph and subject so that Turtle and TriG can nest them; formats without graphs get each triple once."""
    if rdf_format is JSONLD:
        document = compact_jsonld(triples(quads), naming.context)
        document["@context"] = naming.reference or naming.context
        return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
    statements = sorted(quads if rdf_format.keeps_graphs else triples(quads), key=_grouping)
    return rdf_format.write(statements, naming.prefixes)


def _grouping(statement: ox.Quad | ox.Triple) -> tuple[str, str, str]:
    """Order statements by graph, subject and predicate."""
    graph = getattr(statement, "graph_name", None)
    return (str(graph) if graph else "", str(statement.subject), str(statement.predicate))
