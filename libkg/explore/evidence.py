"""The evidence behind claims: which passage of which source text states each one, and what a source text supports."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from libkg.namespaces import sparql_prologue
from libkg.query.store import GraphStore

CONTEXT = 90

PASSAGES_OF = """
SELECT DISTINCT ?passage ?source ?file ?start ?end WHERE {
  <%(iri)s> lkg:evidence ?passage .
  ?passage oa:hasSource ?source ; oa:hasSelector ?selector .
  ?selector oa:start ?start ; oa:end ?end .
  ?source lkg:sourceFile ?file .
} ORDER BY ?file ?start ?end
"""
PASSAGES_IN = """
SELECT DISTINCT ?passage ?start ?end ?claim WHERE {
  ?passage oa:hasSource <%(source)s> ; oa:hasSelector ?selector .
  ?selector oa:start ?start ; oa:end ?end .
  OPTIONAL { ?claim lkg:evidence ?passage }
} ORDER BY ?start ?end ?claim
"""
SOURCE_TEXT = """
SELECT ?file ?study ?language WHERE {
  <%(source)s> a lkg:SourceDocument ; lkg:sourceFile ?file .
  OPTIONAL { ?study lkg:sourceText <%(source)s> }
  OPTIONAL { <%(source)s> dcterms:language ?language }
}
"""
# The statements that make up a resource's passages (with their selectors), each in its graph.
EVIDENCE_STATEMENTS = """
SELECT ?s ?p ?o ?g WHERE {
  <%(iri)s> lkg:evidence ?passage .
  GRAPH ?g { { ?passage ?p ?o BIND(?passage AS ?s) } UNION { ?passage oa:hasSelector ?s . ?s ?p ?o } }
}
"""
# A source text's record (with its checksum) and its passages (with their selectors), each in its graph.
SOURCE_STATEMENTS = """
SELECT ?s ?p ?o ?g WHERE {
  GRAPH ?g {
    { <%(source)s> ?p ?o BIND(<%(source)s> AS ?s) }
    UNION { <%(source)s> spdx:checksum ?s . ?s ?p ?o }
    UNION { ?s oa:hasSource <%(source)s> ; ?p ?o }
    UNION { ?passage oa:hasSource <%(source)s> ; oa:hasSelector ?s . ?s ?p ?o }
  }
}
"""


@dataclass(frozen=True)
class Passage:
    """A span [start, end) of a source text, in Unicode code points, and the resources it supports."""

    iri: str
    source: str
    file_name: str
    start: int
    end: int
    claims: tuple[str, ...] = ()

    @property
    def anchor(self) -> str:
        """Return the fragment that names the passage on its source text's page (span-<start>-<end>)."""
        return f"span-{self.start}-{self.end}"


@dataclass(frozen=True)
class SourceRecord:
    """What the graph records of a source text: its file, the studies read from it, its languages (ISO 639-1)."""

    file_name: str
    studies: tuple[str, ...]
    languages: tuple[str, ...]


@dataclass(frozen=True)
class Excerpt:
    """A passage's text with a little of what comes before and after it."""

    before: str
    text: str
    after: str


@dataclass(frozen=True)
class Segment:
    """A stretch of a source text that the same passages cover (none, one, or several overlapping)."""

    text: str
    covered_by: tuple[Passage, ...]
    starting: tuple[Passage, ...]
    ending: tuple[Passage, ...]


def passages_of(store: GraphStore, iri: str, base_iri: str) -> list[Passage]:
    """Return the passages a resource points to as its evidence, in source order."""
    rows = store.select(sparql_prologue(base_iri) + PASSAGES_OF % {"iri": iri})
    return [Passage(r["passage"].value, r["source"].value, r["file"].value, int(r["start"].value), int(r["end"].value), (iri,))
            for r in rows]


def passages_in(store: GraphStore, source: str, base_iri: str) -> list[Passage]:
    """Return every passage of a source text, in text order, each with the resources it supports."""
    found: dict[str, dict] = {}
    for row in store.select(sparql_prologue(base_iri) + PASSAGES_IN % {"source": source}):
        passage = found.setdefault(row["passage"].value, {"start": int(row["start"].value), "end": int(row["end"].value), "claims": []})
        if "claim" in row:
            passage["claims"].append(row["claim"].value)
    return sorted((Passage(iri, source, "", p["start"], p["end"], tuple(p["claims"])) for iri, p in found.items()),
                  key=lambda p: (p.start, p.end, p.iri))


def source_text_record(store: GraphStore, source: str, base_iri: str) -> SourceRecord | None:
    """Return what the graph records of a source text, or None if source is no source text."""
    rows = store.select(sparql_prologue(base_iri) + SOURCE_TEXT % {"source": source})
    if not rows:
        return None
    languages = sorted({row["language"].value.rsplit("/", 1)[-1] for row in rows if "language" in row})
    return SourceRecord(rows[0]["file"].value, tuple(sorted({row["study"].value for row in rows if "study" in row})),
                        tuple(languages))


def evidence_statements(store: GraphStore, iri: str, base_iri: str) -> list[ox.Quad]:
    """Return the statements of a resource's passages and their selectors, each in its named graph."""
    rows = store.select(sparql_prologue(base_iri) + EVIDENCE_STATEMENTS % {"iri": iri})
    return [ox.Quad(row["s"], row["p"], row["o"], row["g"]) for row in rows]


def source_statements(store: GraphStore, source: str, base_iri: str) -> list[ox.Quad]:
    """Return the statements of a source text's record and of its passages, each in its named graph."""
    rows = store.select(sparql_prologue(base_iri) + SOURCE_STATEMENTS % {"source": source})
    return [ox.Quad(row["s"], row["p"], row["o"], row["g"]) for row in rows]


def excerpt(text: str, start: int, end: int, context: int = CONTEXT) -> Excerpt:
    """Cut a passage out of text with up to context characters around it, ellipsis marking a cut."""
    before, after = text[max(0, start - context):start], text[end:end + context]
    return Excerpt(("…" if start > context else "") + before, text[start:end], after + ("…" if end + context < len(text) else ""))


def segments(text: str, passages: list[Passage]) -> list[Segment]:
    """Split text at every passage boundary, so overlapping passages can be shown as flat, shaded stretches."""
    cuts = sorted({0, len(text)} | {p.start for p in passages} | {p.end for p in passages if p.end <= len(text)})
    found = []
    for start, end in zip(cuts, cuts[1:]):
        found.append(Segment(
            text[start:end],
            tuple(p for p in passages if p.start <= start and end <= p.end),
            tuple(p for p in passages if p.start == start),
            tuple(p for p in passages if p.end == end),
        ))
    return found
