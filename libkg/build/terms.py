"""Catch a curator's slips before validation: terms the ontology does not define, and links to resources defined nowhere."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from libkg.build.sources import SourceFile


def slips(quads: list[ox.Quad], data: Iterable[SourceFile], ontology_graph: str, base_iri: str) -> list[str]:
    """Return one message per undefined ontology term and per dangling link, each with its file, line and a fix."""
    files = {source.graph: source for source in data}
    lkg = base_iri + "ontology#"
    defined_terms = {q.subject.value for q in quads if q.graph_name.value == ontology_graph and q.subject.value.startswith(lkg)}
    spaces = (base_iri + "resource/", base_iri + "source/")
    subjects = {q.subject.value for q in quads if isinstance(q.subject, ox.NamedNode)}
    found: dict[tuple[str, str], str] = {}
    lines: dict[Path, list[str]] = {}
    for quad in quads:
        source = files.get(quad.graph_name.value)
        if source is None:
            continue
        for term in (quad.subject, quad.predicate, quad.object):
            if isinstance(term, ox.NamedNode) and term.value.startswith(lkg) and term.value not in defined_terms:
                name = term.value[len(lkg):]
                found.setdefault((source.display, term.value), _located(source, name, lines) + (
                    f"lkg:{name} is not defined in the ontology{_did_you_mean('lkg:', name, defined_terms, lkg)}"))
        target = quad.object
        if isinstance(target, ox.NamedNode) and target.value.startswith(spaces) and target.value not in subjects:
            space = next(s for s in spaces if target.value.startswith(s))
            prefix = "res:" if space.endswith("resource/") else "src:"
            name = target.value[len(space):]
            found.setdefault((source.display, target.value), _located(source, name, lines) + (
                f"{prefix}{name} is linked to (from <{quad.subject.value}> {_short(quad.predicate.value, lkg)}) "
                f"but defined nowhere{_did_you_mean(prefix, name, {s for s in subjects if s.startswith(space)}, space)}; "
                "define it, or find the existing resource with 'libkg terms'"))
    return [message for _, message in sorted(found.items())]


def _did_you_mean(prefix: str, name: str, known: set[str], namespace: str) -> str:
    """Suggest the closest known name, if one is close."""
    close = difflib.get_close_matches(name, [iri[len(namespace):] for iri in known], n=1, cutoff=0.75)
    return f"; did you mean {prefix}{close[0]}?" if close else ""


def _short(iri: str, lkg: str) -> str:
    """Name a property briefly."""
    return f"lkg:{iri[len(lkg):]}" if iri.startswith(lkg) else f"<{iri}>"


def _located(source: SourceFile, name: str, lines: dict[Path, list[str]]) -> str:
    """Return 'file:line: ' for the first line of the file that names the term (prefixed or in a full IRI), or 'file: '."""
    if source.path not in lines:
        lines[source.path] = source.path.read_text(encoding="utf-8").splitlines()
    pattern = re.compile(rf"[:/#]{re.escape(name)}(?![\w.-]*[\w-])")
    line = next((number for number, text in enumerate(lines[source.path], 1) if pattern.search(text)), None)
    return f"{source.display}:{line}: " if line else f"{source.display}: "
