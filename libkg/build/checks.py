"""Run the queries/*-violation.rq checks: any row they return fails the build, with what it means, where, and the fix."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from libkg.errors import CurationError
from libkg.query.questions import read_question


def run_violation_queries(store: ox.Store, queries: Iterable[Path], files_by_subject: dict[str, set[str]],
                          files_by_graph: dict[str, str]) -> list[str]:
    """Return one report per offending row: the check's explanation, the row with the files involved, and the fix."""
    failures = []
    for path in queries:
        check = read_question(path)
        try:
            solutions = store.query(check.query, use_default_graph_as_union=True)
        except SyntaxError as err:
            raise CurationError(f"SPARQL syntax error: {err}", file=str(path)) from None
        names = [var.value for var in solutions.variables]
        for solution in solutions:
            terms = [solution[name] for name in names]
            files = sorted({file for term in terms if isinstance(term, ox.NamedNode)
                            for file in set(files_by_subject.get(term.value, ())) | _graph_file(files_by_graph, term.value)})
            cells = ", ".join(f"?{name}={_term(term)}" for name, term in zip(names, terms))
            explanation = check.question_en.removeprefix("Violation: ")
            fix = f"\n    fix: {check.fix}" if check.fix else ""
            failures.append(f"{', '.join(files) or '(no file)'}: {explanation} [{path.name}]\n    found: {cells}{fix}")
    return failures


def _graph_file(files_by_graph: dict[str, str], iri: str) -> set[str]:
    """Return the file a named graph comes from, if iri names one."""
    return {files_by_graph[iri]} if iri in files_by_graph else set()


def _term(term) -> str:
    """Show a term as N-Triples-like text, or 'unbound'."""
    return "unbound" if term is None else str(term)
