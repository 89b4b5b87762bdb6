"""Run a query against a store and render the answer for a terminal or a file."""

from __future__ import annotations

import io
import json

import pyoxigraph as ox

from libkg.namespaces import prefixes, shorten
from libkg.query.guard import read_query
from libkg.query.store import GraphStore

OUTPUT_FORMATS = ("table", "csv", "tsv", "json", "turtle")

RESULT_FORMATS = {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV, "json": ox.QueryResultsFormat.JSON}


def render_answer(store: GraphStore, query: str, output: str, base_iri: str) -> str:
    """Run query and return its answer as text in the chosen output format."""
    answer = store.evaluate(read_query(query))
    if isinstance(answer, ox.QueryBoolean):
        return _render_boolean(bool(answer), output)
    if isinstance(answer, (ox.QueryTriples, list)):
        if output not in ("turtle", "table"):
            raise ValueError(f"a CONSTRUCT/DESCRIBE answer can be shown as turtle or table, not {output}")
        return ox.serialize(list(answer), format=ox.RdfFormat.TURTLE, prefixes=prefixes(base_iri)).decode("utf-8")
    if output in RESULT_FORMATS:
        return answer.serialize(format=RESULT_FORMATS[output]).decode("utf-8")
    if output == "turtle":
        raise ValueError("a SELECT answer can be shown as table, csv, tsv or json, not turtle")
    return _render_table(answer, prefixes(base_iri))


def _render_boolean(value: bool, output: str) -> str:
    """Render an ASK answer."""
    if output == "json":
        return json.dumps({"head": {}, "boolean": value}) + "\n"
    return "true\n" if value else "false\n"


def _render_table(solutions: ox.QuerySolutions, known: dict[str, str]) -> str:
    """Render SELECT rows as an aligned text table with prefixed names."""
    names = [v.value for v in solutions.variables]
    rows = [[_short(solution[name], known) for name in names] for solution in solutions]
    widths = [max([len(name)] + [len(row[i]) for row in rows]) for i, name in enumerate(names)]
    out = io.StringIO()
    line = "  ".join(name.ljust(width) for name, width in zip(names, widths))
    out.write(line.rstrip() + "\n" + "  ".join("-" * w for w in widths) + "\n")
    for row in rows:
        out.write("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() + "\n")
    out.write(f"({len(rows)} row{'s' if len(rows) != 1 else ''})\n")
    return out.getvalue()


def _short(term, known: dict[str, str]) -> str:
    """Show an IRI as a prefixed name when a prefix covers it, a literal with its language."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return shorten(term.value, known) or f"<{term.value}>"
    if isinstance(term, ox.Literal):
        return f"{term.value}@{term.language}" if term.language else term.value
    return str(term)
