"""The answers the home page shows: the competency questions marked for it, run once per release as small tables."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from libkg.query.guard import read_query
from libkg.query.questions import CompetencyQuestion
from libkg.query.store import GraphStore


@dataclass(frozen=True)
class Cell:
    """One value of an answer: an IRI (shown by its name) or a literal (shown as it is, with its language)."""

    value: str
    iri: bool = False
    language: str | None = None


@dataclass(frozen=True)
class Answer:
    """A question's answer: the columns shown, the rows (None where a variable is unbound), or a yes or no."""

    question: CompetencyQuestion
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[Cell | None, ...], ...] = ()
    boolean: bool | None = None


def home_questions(questions: list[CompetencyQuestion]) -> list[CompetencyQuestion]:
    """Return the questions the home page answers, in their order."""
    return sorted((q for q in questions if q.home is not None), key=lambda q: (q.home, q.slug))


def answer(store: GraphStore, question: CompetencyQuestion) -> Answer:
    """Run a question; keep the columns a reader needs (a ?xLabel beside ?x is dropped: ?x is shown by its name)."""
    result = store.evaluate(read_query(question.query))
    if isinstance(result, ox.QueryBoolean):
        return Answer(question, boolean=bool(result))
    variables = [v.value for v in result.variables]
    columns = tuple(v for v in variables if not (v.endswith("Label") and v[:-len("Label")] in variables))
    return Answer(question, columns, tuple(tuple(_cell(solution[column]) for column in columns) for solution in result))


def _cell(term) -> Cell | None:
    """Turn a term of a solution into a cell."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return Cell(term.value, iri=True)
    return Cell(term.value, language=getattr(term, "language", None) or None)
