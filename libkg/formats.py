"""One registry of the formats libkg writes: name, media type, aliases, suffix, kind and writer.

Content negotiation, the SPARQL protocol's format= parameter, linked-data suffixes, the command line's -f,
the dumps and the service description all read this table; nothing else spells a media type or a suffix.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

# What a format carries: SPARQL results (SELECT, ASK), an RDF graph or dataset (CONSTRUCT, DESCRIBE, linked
# data, dumps), or a page for people and its data twin.
RESULTS, GRAPH, PAGE = "results", "graph", "page"
W3C_FORMATS = "http://www.w3.org/ns/formats/"
GZIP = "application/gzip"


@dataclass(frozen=True)
class Format:
    """One format: what format= and -f call it, its media type and the others clients send for it, its file suffix."""

    name: str
    label: str
    media_type: str
    kind: str
    suffix: str
    names: tuple[str, ...] = ()  # other names for format= and -f (media types are accepted too)
    aliases: tuple[str, ...] = ()  # other media types that clients send meaning this one
    writer: ox.RdfFormat | ox.QueryResultsFormat | None = None  # pyoxigraph's streaming writer
    keeps_graphs: bool = False  # writes each statement in its named graph (TriG, N-Quads)
    abbreviates: bool = False  # writes IRIs with prefixes
    w3c: str | None = None  # its name in http://www.w3.org/ns/formats/, for the service description

    def called(self, name: str) -> bool:
        """Tell whether a format= value names this format (case-insensitive; names, media type and aliases)."""
        return name.strip().lower() in (self.name, self.suffix, *self.names, self.media_type, *self.aliases)

    def write(self, answer, prefixes: dict[str, str] | None = None) -> bytes:
        """Serialise statements (graph formats) or a pyoxigraph solution sequence or boolean (results formats)."""
        if self.kind == GRAPH:
            return ox.serialize(answer, format=self.writer, prefixes=prefixes if self.abbreviates else None)
        return answer.serialize(format=self.writer)


FORMATS = (
    # SPARQL results, for SELECT and ASK
    Format("json", "SPARQL JSON", "application/sparql-results+json", RESULTS, "srj",
           aliases=("application/json", "text/javascript", "application/javascript"),
           writer=ox.QueryResultsFormat.JSON, w3c="SPARQL_Results_JSON"),
    Format("xml", "SPARQL XML", "application/sparql-results+xml", RESULTS, "srx", aliases=("application/xml", "text/xml"),
           writer=ox.QueryResultsFormat.XML, w3c="SPARQL_Results_XML"),
    Format("csv", "CSV", "text/csv", RESULTS, "csv", writer=ox.QueryResultsFormat.CSV, w3c="SPARQL_Results_CSV"),
    Format("tsv", "TSV", "text/tab-separated-values", RESULTS, "tsv", writer=ox.QueryResultsFormat.TSV,
           w3c="SPARQL_Results_TSV"),
    # RDF, for CONSTRUCT, DESCRIBE, linked data and dumps. For a graph, "xml" means RDF/XML and "json" JSON-LD;
    # N3 is asked for as Turtle, which is N3 without its extensions.
    Format("turtle", "Turtle", "text/turtle", GRAPH, "ttl", names=("n3",),
           aliases=("application/turtle", "application/x-turtle", "text/n3", "text/rdf+n3", "application/n3"),
           writer=ox.RdfFormat.TURTLE, abbreviates=True, w3c="Turtle"),
    Format("jsonld", "JSON-LD", "application/ld+json", GRAPH, "jsonld", names=("json-ld", "json"),
           aliases=("application/json", "application/x-json+ld", "application/json-ld"),
           writer=ox.RdfFormat.JSON_LD, w3c="JSON-LD"),
    Format("rdfxml", "RDF/XML", "application/rdf+xml", GRAPH, "rdf", names=("rdf+xml", "xml"),
           aliases=("application/xml", "text/xml"), writer=ox.RdfFormat.RDF_XML, abbreviates=True, w3c="RDF_XML"),
    Format("ntriples", "N-Triples", "application/n-triples", GRAPH, "nt", names=("n-triples",), aliases=("text/plain",),
           writer=ox.RdfFormat.N_TRIPLES, w3c="N-Triples"),
    Format("trig", "TriG", "application/trig", GRAPH, "trig", aliases=("application/x-trig",), writer=ox.RdfFormat.TRIG,
           keeps_graphs=True, abbreviates=True, w3c="TriG"),
    Format("nquads", "N-Quads", "application/n-quads", GRAPH, "nq", names=("n-quads",), aliases=("text/x-nquads",),
           writer=ox.RdfFormat.N_QUADS, keeps_graphs=True, w3c="N-Quads"),
    # Pages for people, their JSON data twins, and plain text (error messages, robots.txt)
    Format("html", "HTML", "text/html", PAGE, "html", aliases=("application/xhtml+xml",)),
    Format("json", "JSON", "application/json", PAGE, "json"),
    Format("text", "plain text", "text/plain", PAGE, "txt"),
)

SPARQL_JSON, SPARQL_XML, CSV, TSV, TURTLE, JSONLD, RDFXML, NTRIPLES, TRIG, NQUADS, HTML, JSON, TEXT = FORMATS
RESULT_FORMATS = tuple(f for f in FORMATS if f.kind == RESULTS)
RDF_FORMATS = tuple(f for f in FORMATS if f.kind == GRAPH)


def named(name: str, candidates: Iterable[Format]) -> Format | None:
    """Return the first of candidates that name calls (by name, suffix, media type or alias), if any."""
    return next((f for f in candidates if f.called(name)), None)


def by_media_type(media_type: str, candidates: Iterable[Format] = FORMATS) -> Format:
    """Return the format among candidates whose media type this is."""
    return next(f for f in candidates if f.media_type == media_type)


def by_suffix(suffix: str, candidates: Iterable[Format] = FORMATS) -> Format | None:
    """Return the format a file or URL suffix stands for among candidates."""
    return next((f for f in candidates if f.suffix == suffix), None)


def file_format(name: str) -> Format:
    """Return the RDF format of a file by its name, looking through a final .gz (the file is that format, gzipped)."""
    stem = name[: -len(".gz")] if name.endswith(".gz") else name
    found = by_suffix(stem.rpartition(".")[2], RDF_FORMATS)
    if found is None:
        raise ValueError(f"{name} is not named as an RDF file of a known format")
    return found


def compressed(name: str) -> bool:
    """Tell whether a file is stored gzipped (its name ends in .gz)."""
    return name.endswith(".gz")

