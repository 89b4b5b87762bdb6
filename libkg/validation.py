"""Validate curated data against the SHACL shapes with pyshacl."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox
import rdflib
from pyshacl import validate
from rdflib.namespace import SH

from .sources import SourceFile


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


def to_rdflib(quads: Iterable[ox.Quad]) -> rdflib.Graph:
    """Copy quads into one rdflib graph (the union), as pyshacl needs."""
    data = ox.serialize([ox.Triple(q.subject, q.predicate, q.object) for q in quads], format=ox.RdfFormat.N_TRIPLES)
    return rdflib.Graph().parse(data=data, format="nt")


def load_shapes(shape_files: Iterable[SourceFile]) -> rdflib.Graph:
    """Parse every shapes file into one graph."""
    shapes = rdflib.Graph()
    for source in shape_files:
        shapes.parse(source.path, format="turtle")
    return shapes


def shacl_violations(data: rdflib.Graph, shapes: rdflib.Graph, files_by_subject: dict[str, set[str]]) -> list[Violation]:
    """Run pyshacl over data and return its violations, sorted by file."""
    conforms, report, _ = validate(data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True)
    if conforms:
        return []
    found = []
    for result in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        if report.value(result, SH.resultSeverity) != SH.Violation:
            continue
        focus = str(report.value(result, SH.focusNode))
        found.append(
            Violation(
                focus=focus,
                path=_text(report.value(result, SH.resultPath)),
                message=str(report.value(result, SH.resultMessage) or "constraint not met"),
                shape=_text(report.value(result, SH.sourceShape)),
                value=_text(report.value(result, SH.value)),
                files=tuple(sorted(files_by_subject.get(focus, ()))),
            )
        )
    return sorted(found, key=lambda v: (v.files, v.focus, v.path, v.message))


def _text(node) -> str:
    """Render a report node: IRIs and literals as text, blank nodes as nothing."""
    return "" if node is None or isinstance(node, rdflib.BNode) else str(node)
