"""One store interface over the embedded Oxigraph store and an external SPARQL 1.1 store."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from libkg.query.guard import CheckedQuery, read_query
from libkg.query.results import Answer, serialise

if TYPE_CHECKING:
    from libkg.query.executor import QueryExecutor

Row = dict[str, object]


@dataclass(frozen=True)
class AnswerRules:
    """How an answer to an untrusted query is bounded and written: row and byte caps, prefixes, where it runs."""

    max_rows: int
    max_bytes: int
    prefixes: dict[str, str] = field(default_factory=dict)
    executor: QueryExecutor | None = None  # a pool of killable processes; None runs the query here (trusted callers)


class GraphStore(ABC):
    """What libkg needs from a store: evaluate a read query, and answer one within limits."""

    @abstractmethod
    def evaluate(self, query: CheckedQuery):
        """Run a read query; return pyoxigraph's solutions, boolean or triples."""

    def answer(self, query: CheckedQuery, media_type: str, rules: AnswerRules) -> Answer:
        """Run query and serialise its answer in media_type within the rules' caps."""
        return serialise(self.evaluate(query), media_type, rules.max_rows, rules.max_bytes, rules.prefixes)

    def select(self, text: str) -> list[Row]:
        """Run a trusted SELECT; return rows mapping variable names to terms (absent if unbound)."""
        solutions = self.evaluate(read_query(text))
        names = [v.value for v in solutions.variables]
        return [{name: solution[name] for name in names if solution[name] is not None} for solution in solutions]

    def ask(self, text: str) -> bool:
        """Run a trusted ASK query."""
        return bool(self.evaluate(read_query(text)))

    def construct(self, text: str) -> list[ox.Triple]:
        """Run a trusted CONSTRUCT or DESCRIBE query."""
        return list(self.evaluate(read_query(text)))


def dataset_options(query: CheckedQuery) -> dict:
    """Return pyoxigraph's dataset and base options: the dataset the request names (SPARQL 1.1 Protocol 2.1.4 and
    Query 13.2: the protocol's graphs in place of the query's FROM and FROM NAMED, a side not named empty), else the
    union of all graphs as the default graph with every graph named; relative IRIs resolve against the query's base."""
    options: dict = {"base_iri": query.base_iri} if query.base_iri else {}
    if query.dataset is None:
        return {**options, "use_default_graph_as_union": True}
    default_graphs, named_graphs = query.dataset
    return {**options, "default_graph": [ox.NamedNode(g) for g in default_graphs],
            "named_graphs": [ox.NamedNode(g) for g in named_graphs]}


class EmbeddedStore(GraphStore):
    """An Oxigraph store: a built release opened read-only, or an in-memory store during a build."""

    def __init__(self, store: ox.Store, path: Path | None = None):
        self.oxigraph = store
        self.path = path

    @classmethod
    def open(cls, path: Path) -> "EmbeddedStore":
        """Open an on-disk store read-only."""
        return cls(ox.Store.read_only(str(path)), path)

    def evaluate(self, query: CheckedQuery):
        """Run a read query over the dataset the query chooses (the union of all graphs by default)."""
        return self.oxigraph.query(query.text, **dataset_options(query))

    def answer(self, query: CheckedQuery, media_type: str, rules: AnswerRules) -> Answer:
        """Answer in a killable process when the rules give one (a query that runs away is stopped there); a query
        proven bounded (CheckedQuery.bounded) runs here, sparing the hand-off."""
        if rules.executor is None or self.path is None or query.bounded:
            return super().answer(query, media_type, rules)
        return rules.executor.run(str(self.path), query, media_type, rules.max_rows, rules.max_bytes)
