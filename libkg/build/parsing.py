"""Parse curated Turtle files into quads, with errors that give file, line and column."""

from __future__ import annotations

import re

import pyoxigraph as ox

from libkg.config import CANONICAL_BASE_IRI
from libkg.errors import CurationError
from libkg.build.sources import SourceFile

_POSITION_PREFIX = re.compile(r"^Parser error at line \d+ column \d+: ")


def parse_source(source: SourceFile, base_iri: str = CANONICAL_BASE_IRI) -> list[ox.Quad]:
    """Read one Turtle file into quads of its named graph, rebased to base_iri."""
    data = source.path.read_bytes()
    _require_utf8(source, data)
    graph = ox.NamedNode(source.graph)
    try:
        triples = list(ox.parse(data, format=ox.RdfFormat.TURTLE, base_iri=CANONICAL_BASE_IRI))
    except SyntaxError as err:
        raise _syntax_error(source, err) from None
    if not triples:
        raise CurationError("the file holds no triples (empty, or only prefixes and comments)", file=source.display)
    rebase = _rebaser(base_iri)
    return [ox.Quad(rebase(t.subject), rebase(t.predicate), rebase(t.object), graph) for t in triples]


def _require_utf8(source: SourceFile, data: bytes) -> None:
    """Refuse a file that is not UTF-8, naming the line of the first bad byte."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        raise CurationError(
            f"not UTF-8: byte 0x{data[err.start]:02x} cannot be decoded; save the file as UTF-8",
            file=source.display,
            line=line,
            column=column,
        ) from None


def _syntax_error(source: SourceFile, err: SyntaxError) -> CurationError:
    """Turn pyoxigraph's parser error into a CurationError with a position."""
    detail = _POSITION_PREFIX.sub("", str(err.msg or err))
    return CurationError(f"Turtle syntax error: {detail}", file=source.display, line=err.lineno, column=err.offset)


def _rebaser(base_iri: str):
    """Return a function that moves canonical IRIs under the configured base."""
    if base_iri == CANONICAL_BASE_IRI:
        return lambda term: term

    def rebase(term):
        if isinstance(term, ox.NamedNode) and term.value.startswith(CANONICAL_BASE_IRI):
            return ox.NamedNode(base_iri + term.value[len(CANONICAL_BASE_IRI) :])
        return term

    return rebase
