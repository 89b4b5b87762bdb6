"""Check the evidence: every source text is the file it says, every passage lies inside it, every claim has one.

Passages are W3C Web Annotation specific resources (oa:hasSource a lkg:SourceDocument, oa:hasSelector an
oa:TextPositionSelector with oa:start and oa:end counted in Unicode code points, end exclusive). The
repository stores offsets only; the texts are read from the sources folder (LIBKG_SOURCES).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from libkg.namespaces import EXTERNAL_PREFIXES

RDF_TYPE = EXTERNAL_PREFIXES["rdf"] + "type"
OA = "http://www.w3.org/ns/oa#"
SPDX = "http://spdx.org/rdf/terms#"
SPAN = "#span-"


@dataclass(frozen=True)
class SourceText:
    """A source text as the graph records it: its file, length in code points and SHA-256."""

    iri: str
    file_name: str
    length: int | None
    sha256: str | None


@dataclass(frozen=True)
class Passage:
    """A span of a source text: [start, end) in Unicode code points."""

    iri: str
    source: str
    start: int
    end: int


@dataclass
class Evidence:
    """Everything the graph says about source texts and passages, and which resources point to which passage."""

    sources: dict[str, SourceText] = field(default_factory=dict)
    passages: dict[str, Passage] = field(default_factory=dict)
    anchors: dict[str, set[str]] = field(default_factory=dict)  # resource -> its passages
    claims: set[str] = field(default_factory=set)  # resources that must have a passage

    def claims_on(self, source: str) -> list[str]:
        """Return the resources whose passages lie in the source text source."""
        return sorted(claim for claim, passages in self.anchors.items()
                      if any(self.passages.get(p) and self.passages[p].source == source for p in passages))


def span_iri(source_iri: str, start: int, end: int) -> str:
    """Return the IRI of the passage [start, end) of a source text."""
    return f"{source_iri}{SPAN}{start}-{end}"


def read_evidence(quads: Iterable[ox.Quad], lkg: str) -> Evidence:
    """Collect source texts, passages, anchors and the resources that need one (claims and studies), in one pass."""
    found = Evidence()
    wanted = {OA + "hasSource", OA + "start", OA + "end", lkg + "sourceFile", lkg + "characterCount",
              SPDX + "checksum", SPDX + "checksumValue"}
    value: dict[tuple[str, str], str] = {}  # (subject, predicate) -> the object's value, for the wanted predicates
    selectors: dict[str, str] = {}  # passage -> its selector
    documents: list[str] = []
    for quad in quads:
        subject, predicate, obj = quad.subject.value, quad.predicate.value, quad.object
        if predicate in wanted:
            value[(subject, predicate)] = obj.value
        elif predicate == lkg + "reportedIn" or (predicate == RDF_TYPE and obj.value == lkg + "Study"):
            found.claims.add(subject)
        elif predicate == lkg + "evidence":
            found.anchors.setdefault(subject, set()).add(obj.value)
        elif predicate == RDF_TYPE and obj.value == lkg + "SourceDocument":
            documents.append(subject)
        elif predicate == OA + "hasSelector" and isinstance(quad.subject, ox.NamedNode):
            selectors[subject] = obj.value
    for document in documents:
        length = value.get((document, lkg + "characterCount"))
        checksum = value.get((document, SPDX + "checksum"), "")
        found.sources[document] = SourceText(document, value.get((document, lkg + "sourceFile"), ""),
                                             int(length) if length is not None else None,
                                             value.get((checksum, SPDX + "checksumValue")))
    for passage, selector in selectors.items():
        found.passages[passage] = Passage(passage, value.get((passage, OA + "hasSource"), ""),
                                          int(value.get((selector, OA + "start"), -1)), int(value.get((selector, OA + "end"), -1)))
    return found


@dataclass
class EvidenceCheck:
    """The outcome of checking the evidence: problems (which fail the build), notices, and the texts read."""

    problems: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)  # file name -> text, for sources that checked out


def check_evidence(evidence: Evidence, folder: Path, files_by_subject: dict[str, set[str]]) -> EvidenceCheck:
    """Check anchors against the source texts in folder; without the folder, check only what needs no text."""
    result = EvidenceCheck()
    where = lambda iri: ", ".join(sorted(files_by_subject.get(iri, ()))) or "(no file)"  # noqa: E731
    for claim in sorted(evidence.claims - set(evidence.anchors)):
        result.problems.append(f"{where(claim)}: <{claim}> has no lkg:evidence: point it to the passage of its source "
                               "that states it (find the offsets with 'libkg passage FILE \"phrase\"')")
    for passage in sorted(evidence.passages.values(), key=lambda p: p.iri):
        expected = span_iri(passage.source, passage.start, passage.end)
        if passage.iri != expected:
            result.problems.append(f"{where(passage.iri)}: <{passage.iri}> selects characters {passage.start}-{passage.end} "
                                   f"of <{passage.source}>, so its IRI must be <{expected}>")
    for claim, passages in sorted(evidence.anchors.items()):
        for missing in sorted(passage for passage in passages if passage not in evidence.passages):
            result.problems.append(f"{where(claim)}: <{claim}> has lkg:evidence <{missing}>, which is not a passage "
                                   "defined anywhere (an oa:SpecificResource with oa:hasSource and oa:hasSelector)")
    if not Path(folder).is_dir():
        result.notices.append(f"no sources folder at {folder} (set LIBKG_SOURCES): the passages were not checked "
                              "against the source texts, and the source reader will have no texts")
        return result
    by_source: dict[str, list[Passage]] = {}
    for passage in sorted(evidence.passages.values(), key=lambda p: p.iri):
        by_source.setdefault(passage.source, []).append(passage)
    for source in sorted(evidence.sources.values(), key=lambda s: s.iri):
        text = _checked_text(source, Path(folder), evidence, where, result.problems)
        if text is None:
            continue
        result.texts[source.file_name] = text
        for passage in by_source.get(source.iri, []):
            if not 0 <= passage.start < passage.end <= len(text):
                result.problems.append(f"{where(passage.iri)}: <{passage.iri}> selects characters {passage.start}-{passage.end}, "
                                       f"outside {source.file_name} ({len(text)} characters)")
    return result


def _checked_text(source: SourceText, folder: Path, evidence: Evidence, where, problems: list[str]) -> str | None:
    """Read a source text if its file exists and matches the recorded SHA-256 and length; else record why not."""
    path = folder / source.file_name
    if not source.file_name or "/" in source.file_name or not path.is_file():
        problems.append(f"{where(source.iri)}: <{source.iri}> names the file {source.file_name!r}, "
                        f"which is not in the sources folder {folder}")
        return None
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    text = data.decode("utf-8", errors="replace")
    if digest != source.sha256 or len(text) != source.length:
        claims = evidence.claims_on(source.iri)
        problems.append(
            f"{where(source.iri)}: the source text {source.file_name} has changed (SHA-256 {digest}, {len(text)} characters; "
            f"recorded {source.sha256}, {source.length}): check the passages of these {len(claims)} resources, then record "
            f"the new checksum and length ('libkg passage {source.file_name} --checksum'):\n    "
            + "\n    ".join(f"<{claim}>" for claim in claims))
        return None
    return text
