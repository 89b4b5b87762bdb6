"""Run the queries/*-violation.rq checks: any row they return fails the build."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from libkg.errors import CurationError


def run_violation_queries(store: ox.Store, queries: Iterable[Path]) -> list[str]:
    """Return one line per offending row, prefixed by the query file that found it."""
    failures = []
    for path in queries:
        try:
            solutions = store.query(path.read_text(encoding="utf-8"), use_default_graph_as_union=True)
        except SyntaxError as err:
            raise CurationError(f"SPARQL syntax error: {err}", file=str(path)) from None
        for solution in solutions:
            cells = ", ".join(f"?{var.value}={_term(solution[var])}" for var in solutions.variables)
            failures.append(f"{path.name}: {cells}")
    return failures


def _term(term) -> str:
    """Show a term as N-Triples-like text, or 'unbound'."""
    return "unbound" if term is None else str(term)
