"""Validate curated data against the SHACL shapes with the shacl engine (Rust)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox
import shacl

from libkg.build.sources import SourceFile


@dataclass(frozen=True)
class Violation:
    """One SHACL result, located in the files that describe its focus node."""

    focus: str
    path: str
    message: str
    shape: str
    value: str
    files: tuple[str, ...]

    def describe(self) -> str:
        """Return a one-line human report."""
        where = ", ".join(self.files) or "(not described in any file)"
        path = f" {self.path}" if self.path else ""
        value = f" (value: {self.value})" if self.value else ""
        return f"{where}: <{self.focus}>{path}: {self.message}{value} [shape {self.shape}]"


def load_shapes(shape_files: Iterable[SourceFile]) -> shacl.Shapes:
    """Parse every shapes file and compile them into one shapes graph."""
    triples = [triple for source in shape_files for triple in ox.parse(path=source.path, format=ox.RdfFormat.TURTLE)]
    return shacl.Shapes.from_text(_ntriples(triples), "ntriples")


def shacl_violations(data: Iterable[ox.Quad | ox.Triple], shapes: shacl.Shapes, files_by_subject: dict[str, set[str]]) -> list[Violation]:
    """Validate data (the union of its graphs) and return its violations, sorted by file."""
    text = _ntriples(data)
    found = []
    for result in shapes.validate_text(text, "ntriples").results:
        if result.severity != "Violation":
            continue
        focus = _text(result.focus_node)
        found.append(
            Violation(
                focus=focus,
                path=_text(result.path),
                message=result.message or "constraint not met",
                shape=_text(result.source_shape) or _text(result.root_shape),
                value=_text(result.value),
                files=tuple(sorted(files_by_subject.get(focus, ()))),
            )
        )
    return sorted(found, key=lambda v: (v.files, v.focus, v.path, v.message))


def _ntriples(statements: Iterable[ox.Quad | ox.Triple]) -> str:
    """Serialise quads or triples as N-Triples, dropping graph names (the union)."""
    return ox.serialize([ox.Triple(s.subject, s.predicate, s.object) for s in statements], format=ox.RdfFormat.N_TRIPLES).decode()


def _text(term: str | None) -> str:
    """Render an N-Triples term or path for a report: IRIs bare, literals as written, blank nodes as nothing."""
    if not term or term.startswith("_:"):
        return ""
    return term[1:-1] if term.startswith("<") and term.endswith(">") and term.count("<") == 1 else term
