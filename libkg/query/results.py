"""Serialise query answers in the registry's SPARQL results and RDF formats, capped in rows and bytes."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice

import pyoxigraph as ox

from libkg.formats import RDF_FORMATS, RESULT_FORMATS, Format, by_media_type


@dataclass(frozen=True)
class Answer:
    """A serialised answer: its bytes, media type and whether rows were cut."""

    body: bytes
    media_type: str
    truncated: bool = False
    rows: int = 0


def answer_kind(result) -> str:
    """Name the kind of a query result (pyoxigraph's, or a list of triples): select, ask or graph."""
    if isinstance(result, ox.QueryBoolean):
        return "ask"
    if isinstance(result, (ox.QueryTriples, list)):
        return "graph"
    return "select"


def formats_for(form: str) -> tuple[Format, ...]:
    """Return the formats an answer of a query form ("select", "ask" or "graph") can be written in."""
    return RDF_FORMATS if form == "graph" else RESULT_FORMATS


def serialise(result, media_type: str, max_rows: int, max_bytes: int, prefixes: dict[str, str] | None = None) -> Answer:
    """Serialise a pyoxigraph result in media_type, keeping at most max_rows rows and about max_bytes bytes."""
    kind = answer_kind(result)
    chosen = by_media_type(media_type, formats_for(kind))
    if kind == "ask":
        return Answer(chosen.write(result), media_type, rows=1)
    if kind == "graph":
        return _capped(list(islice(result, max_rows + 1)), max_rows, max_bytes, media_type,
                       lambda kept: chosen.write(kept, prefixes))
    names = [v.value for v in result.variables]
    return _capped(list(islice(result, max_rows + 1)), max_rows, max_bytes, media_type,
                   lambda kept: chosen.write(_as_solutions(names, kept)))


def _capped(items: list, max_rows: int, max_bytes: int, media_type: str, render) -> Answer:
    """Render at most max_rows items, halving them until the body fits in max_bytes."""
    kept = items[:max_rows]
    body = render(kept)
    while len(body) > max_bytes and kept:
        kept = kept[: len(kept) // 2]
        body = render(kept)
    return Answer(body, media_type, truncated=len(kept) < len(items), rows=len(kept))


def _as_solutions(names: list[str], rows) -> ox.QuerySolutions:
    """Rebuild a solution sequence from kept rows, via SPARQL TSV (terms in N-Triples syntax)."""
    lines = ["\t".join(f"?{name}" for name in names)]
    for row in rows:
        lines.append("\t".join("" if row[name] is None else str(row[name]) for name in names))
    return ox.parse_query_results("\n".join(lines).encode("utf-8") + b"\n", format=ox.QueryResultsFormat.TSV)
