"""Run a query against a store and render the answer for a terminal or a file."""

from __future__ import annotations

import io

import pyoxigraph as ox

from libkg.formats import RDF_FORMATS, RESULT_FORMATS, TURTLE, named
from libkg.namespaces import prefixes, shorten
from libkg.query.guard import read_query
from libkg.query.results import answer_kind, formats_for
from libkg.query.store import GraphStore

TABLE = "table"
# -f takes "table" (Turtle for a graph) or a registered format by its name or suffix; for a graph, "json" and
# "xml" mean JSON-LD and RDF/XML.
OUTPUT_FORMATS = (TABLE, *dict.fromkeys(name for f in RESULT_FORMATS + RDF_FORMATS for name in (f.name, f.suffix)))


def render_answer(store: GraphStore, query: str, output: str, base_iri: str) -> str:
    """Run query and return its answer as text in the chosen output format."""
    answer = store.evaluate(read_query(query))
    kind = answer_kind(answer)
    if output == TABLE:
        if kind == "ask":
            return "true\n" if answer else "false\n"
        if kind == "select":
            return _render_table(answer, prefixes(base_iri))
    chosen = TURTLE if output == TABLE else named(output, formats_for(kind))
    if chosen is None:
        offered = ", ".join(f.name for f in formats_for(kind))
        raise ValueError(f"a {'CONSTRUCT/DESCRIBE' if kind == 'graph' else kind.upper()} answer can be shown as "
                         f"{'' if kind == 'graph' else 'table, '}{offered}, not {output}")
    if kind == "graph":
        return chosen.write(list(answer), prefixes(base_iri)).decode("utf-8")
    return chosen.write(answer).decode("utf-8")


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
