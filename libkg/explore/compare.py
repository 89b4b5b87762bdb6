"""Compare the studies side by side (one row per study) and show which strategy themes recur in which study.

Each value says who makes it: the source (a study or the shared records, with what the reasoner derives from
them), the curators' outside knowledge, or a curator's inference (the strategy themes).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field

from libkg.namespaces import sparql_prologue
from libkg.query.store import GraphStore

# A reported item, or something the study examines: where a column looks for its values.
TOUCHED = "{ ?study lkg:examines ?x } UNION { ?x lkg:reportedIn ?study } UNION { ?study lkg:hasSample ?x }"


@dataclass(frozen=True)
class Column:
    """One property compared across studies: its key, the graph pattern binding ?value for ?study, its source."""

    key: str
    pattern: str
    curator: bool = False


COLUMNS = (
    Column("subject", "?study lkg:examines ?value ."),
    Column("library_type", f"""{TOUCHED}
        ?x (lkg:libraryType|lkg:providerType|lkg:appliesTo|lkg:concerns|lkg:providedBy/lkg:libraryType) ?value .
        ?value a lkg:LibraryType ."""),
    Column("users_served", """{ ?x lkg:reportedIn ?study ; lkg:servesAudience ?value }
        UNION { ?study lkg:examines ?value . ?value a lkg:UserGroup }"""),
    Column("place", f"""{{ ?study lkg:examines ?value }} UNION {{ {TOUCHED} ?x (lkg:locatedIn|lkg:appliesTo|lkg:concerns) ?value }}
        ?value a lkg:Place ."""),
    Column("methods", "?study lkg:usesMethod ?value ."),
    Column("sample", "?study lkg:hasSample ?value . OPTIONAL { ?value lkg:sampleSize ?size }"),
    Column("problems", "?value lkg:reportedIn ?study ; a lkg:Problem ."),
    Column("remedies", "?value lkg:reportedIn ?study ; a lkg:Remedy ."),
    Column("themes", "?remedy lkg:reportedIn ?study . GRAPH graph:curator-links { ?remedy lkg:hasTheme ?value }", curator=True),
)

STUDIES = "SELECT ?study WHERE { ?study a lkg:Study . OPTIONAL { ?study lkg:sourceText/lkg:sourceFile ?file } } ORDER BY ?file ?study"
VALUES = "SELECT DISTINCT ?study ?value ?size WHERE { VALUES ?study { %s } ?study a lkg:Study . %s }"
STATED, KNOWLEDGE, CURATOR = "stated", "knowledge", "curator"
THEMES = "SELECT ?theme WHERE { ?theme a lkg:StrategyTheme }"
THEMED_REMEDIES = """
SELECT ?theme ?study ?remedy WHERE {
  VALUES ?study { %s } ?remedy lkg:reportedIn ?study . GRAPH graph:curator-links { ?remedy lkg:hasTheme ?theme }
}
"""


@dataclass(frozen=True)
class Value:
    """A value in a comparison cell: an IRI (or literal text), for samples their size, and who makes it."""

    value: str
    size: int | None = None
    origin: str = STATED


@dataclass
class Comparison:
    """Studies as rows, the COLUMNS as columns; each cell a list of values."""

    studies: list[str]
    cells: dict[tuple[str, str], list[Value]] = field(default_factory=dict)

    def cell(self, study: str, column: str) -> list[Value]:
        """Return the values of one cell, in a stable order."""
        return self.cells.get((study, column), [])

    def origins(self, study: str, column: str) -> list[str]:
        """Return who makes the values of one cell (stated, knowledge, curator), each once."""
        return sorted({value.origin for value in self.cell(study, column)}, key=(STATED, KNOWLEDGE, CURATOR).index)


@dataclass
class ThemeMatrix:
    """Which remedies of which study a curator placed under each strategy theme."""

    studies: list[str]
    themes: list[str]
    remedies: dict[tuple[str, str], list[str]]

    def recurrence(self, theme: str) -> int:
        """Return in how many studies a theme occurs."""
        return sum(1 for study in self.studies if self.remedies.get((theme, study)))


def list_studies(store: GraphStore, base_iri: str) -> list[str]:
    """Return the studies in the order of their source files (Study A, B, C...)."""
    return [row["study"].value for row in store.select(sparql_prologue(base_iri) + STUDIES)]


def _iris(studies: list[str]) -> str:
    """Return studies (IRIs the store listed) as the body of a VALUES clause."""
    return " ".join(f"<{study}>" for study in studies)


def stated_values(store: GraphStore, base_iri: str, studies: list[str], source_graphs: list[str]) -> set[tuple[str, str, str]]:
    """Return the (column, study, value) cells of the given studies that hold over the source graphs alone (no
    curator statement): a value found only with the curators' graphs is their outside knowledge. About ten times
    the cost of the comparison itself (a dataset of many graphs), so asked only for the studies shown."""
    prologue = sparql_prologue(base_iri)
    sources = " ".join(f"FROM <{graph}>" for graph in source_graphs)
    query = "SELECT DISTINCT ?study ?value %s WHERE { VALUES ?study { %s } ?study a lkg:Study . %s }"
    return {(column.key, row["study"].value, row["value"].value)
            for column in COLUMNS if not column.curator
            for row in store.select(prologue + query % (sources, _iris(studies), column.pattern))}


def compare_studies(store: GraphStore, base_iri: str, studies: list[str],
                    stated: set[tuple[str, str, str]] | None = None) -> Comparison:
    """Fill the comparison table of the given studies, one query per column.

    With stated (what stated_values found), a value outside it is the curators' outside knowledge; the themes are
    always their inference.
    """
    prologue = sparql_prologue(base_iri)
    comparison = Comparison(list(studies))
    for column in COLUMNS:
        for row in store.select(prologue + VALUES % (_iris(studies), column.pattern)):
            size = int(row["size"].value) if "size" in row else None
            study, value = row["study"].value, row["value"].value
            origin = (CURATOR if column.curator
                      else KNOWLEDGE if stated is not None and (column.key, study, value) not in stated else STATED)
            comparison.cells.setdefault((study, column.key), []).append(Value(value, size, origin))
    for values in comparison.cells.values():
        values.sort(key=lambda v: v.value)
    return comparison


def theme_matrix(store: GraphStore, base_iri: str, studies: list[str]) -> ThemeMatrix:
    """Return the themes-by-studies matrix of the given studies from the curator's theme links, most recurrent first."""
    prologue = sparql_prologue(base_iri)
    themes = {row["theme"].value for row in store.select(prologue + THEMES)}
    remedies: dict[tuple[str, str], list[str]] = {}
    for row in store.select(prologue + THEMED_REMEDIES % _iris(studies)):
        themes.add(row["theme"].value)
        remedies.setdefault((row["theme"].value, row["study"].value), []).append(row["remedy"].value)
    for values in remedies.values():
        values.sort()
    matrix = ThemeMatrix(studies, [], remedies)
    matrix.themes = sorted(themes, key=lambda t: (-matrix.recurrence(t), -sum(len(remedies.get((t, s), [])) for s in studies), t))
    return matrix


def comparison_csv(comparison: Comparison, matrix: ThemeMatrix, name: Callable[[str], str], headings: dict[str, str]) -> str:
    """Write the comparison as CSV: one row per study, names in one language, several values joined by '; ', and
    after each column who makes its values; then, after an empty row, the themes-by-studies matrix."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([headings["study"], headings["iri"],
                     *(part for c in COLUMNS for part in (headings[c.key], headings["who:" + c.key]))])
    for study in comparison.studies:
        cells = []
        for column in COLUMNS:
            cells.append("; ".join(
                name(v.value) + (f" ({v.size})" if v.size is not None else "") for v in comparison.cell(study, column.key)
            ))
            cells.append("; ".join(headings[origin] for origin in comparison.origins(study, column.key)))
        writer.writerow([name(study), study, *cells])
    writer.writerow([])
    writer.writerow([headings["matrix"]])
    writer.writerow([headings["theme"], headings["recurs_in"], *(name(study) for study in matrix.studies)])
    for theme in matrix.themes:
        writer.writerow([name(theme), matrix.recurrence(theme),
                         *("; ".join(name(r) for r in matrix.remedies.get((theme, study), [])) for study in matrix.studies)])
    return out.getvalue()
