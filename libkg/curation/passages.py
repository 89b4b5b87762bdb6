"""Find a phrase in a source text and say where it is, so that no curator counts characters by hand."""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass
from pathlib import Path

from libkg.errors import CurationError

CONTEXT = 40


@dataclass(frozen=True)
class Found:
    """A phrase found in a source text: [start, end) in Unicode code points, and its surroundings."""

    start: int
    end: int
    before: str
    after: str


def read_source(folder: Path, file_name: str) -> str:
    """Read a source text from the sources folder, or say plainly that it is not there."""
    path = Path(folder) / file_name
    if "/" in file_name or not path.is_file():
        known = ", ".join(sorted(p.name for p in Path(folder).glob("*") if p.is_file())) if Path(folder).is_dir() else "none"
        raise CurationError(f"no source text {file_name!r} in {folder} (LIBKG_SOURCES); the folder holds: {known}")
    return path.read_text(encoding="utf-8")


def find_phrase(text: str, phrase: str, occurrence: int | None = None, file_name: str = "the source") -> Found:
    """Return where phrase occurs in text; with several occurrences, occurrence (1-based) says which."""
    if not phrase:
        raise CurationError("the phrase is empty")
    starts = []
    position = text.find(phrase)
    while position != -1:
        starts.append(position)
        position = text.find(phrase, position + 1)
    if not starts:
        raise CurationError(f"{phrase!r} does not occur in {file_name}{_nearest(text, phrase)}")
    if occurrence is None and len(starts) > 1:
        places = "; ".join(f"{n}: ...{text[max(0, s - 20):s]}[{phrase}]{text[s + len(phrase):s + len(phrase) + 20]}..."
                           for n, s in enumerate(starts, 1))
        raise CurationError(f"{phrase!r} occurs {len(starts)} times in {file_name}; say which (occurrence 1 to "
                            f"{len(starts)}) or give a longer phrase: {places}")
    if occurrence is not None and not 1 <= occurrence <= len(starts):
        raise CurationError(f"{phrase!r} occurs {len(starts)} time(s) in {file_name}, so there is no occurrence {occurrence}")
    start = starts[(occurrence or 1) - 1]
    end = start + len(phrase)
    return Found(start, end, text[max(0, start - CONTEXT):start], text[end:end + CONTEXT])


def _nearest(text: str, phrase: str) -> str:
    """Suggest the stretch of text that most resembles phrase (a retyped quote, different spacing or punctuation)."""
    matcher = difflib.SequenceMatcher(None, text, phrase, autojunk=False)
    block = max(matcher.get_matching_blocks(), key=lambda b: b.size)
    if block.size < 4:
        return ""
    start = max(0, block.a - block.b)
    return f"; the closest stretch is at {start}: {text[start:start + len(phrase)]!r}"


def passage_turtle(source: str, start: int, end: int) -> str:
    """Return the Turtle of one passage (a Web Annotation specific resource with a text position selector)."""
    xsd = "<http://www.w3.org/2001/XMLSchema#nonNegativeInteger>"
    return (f"<{source}#span-{start}-{end}> a <http://www.w3.org/ns/oa#SpecificResource> ;\n"
            f"    <http://www.w3.org/ns/oa#hasSource> <{source}> ;\n"
            f"    <http://www.w3.org/ns/oa#hasSelector> [ a <http://www.w3.org/ns/oa#TextPositionSelector> ;\n"
            f"        <http://www.w3.org/ns/oa#start> \"{start}\"^^{xsd} ; <http://www.w3.org/ns/oa#end> \"{end}\"^^{xsd} ] .\n")


def checksum(path: Path) -> tuple[int, str]:
    """Return a source file's length in Unicode code points and its SHA-256, as the graph records them."""
    data = Path(path).read_bytes()
    return len(data.decode("utf-8")), hashlib.sha256(data).hexdigest()
