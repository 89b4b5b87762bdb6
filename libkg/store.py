"""One store interface over the embedded Oxigraph store and an external SPARQL 1.1 store."""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from pathlib import Path

import pyoxigraph as ox

from .guard import declares_dataset


Row = dict[str, object]


class GraphStore(ABC):
    """What libkg needs from a store: trusted SELECT/ASK/CONSTRUCT and the build's identity."""

    build_id: str
    report: dict

    def graph_names(self) -> set[str]:
        """Return the IRIs of the named graphs the current build published."""
        return set(self.report.get("stats", {}).get("graphs", {}))

    @abstractmethod
    def select(self, query: str) -> list[Row]:
        """Run a SELECT and return rows mapping variable names to pyoxigraph terms (absent if unbound)."""

    @abstractmethod
    def ask(self, query: str) -> bool:
        """Run an ASK query."""

    @abstractmethod
    def construct(self, query: str) -> list[ox.Triple]:
        """Run a CONSTRUCT or DESCRIBE query."""


class EmbeddedStore(GraphStore):
    """An Oxigraph store: a built release opened read-only, or an in-memory store during a build."""

    def __init__(self, store: ox.Store, build_id: str = "", report: dict | None = None, path: Path | None = None):
        self.oxigraph = store
        self.build_id = build_id
        self.report = report or {}
        self.path = path

    @classmethod
    def open_release(cls, release: Path) -> "EmbeddedStore":
        """Open a release folder's store read-only, with its build report."""
        report = json.loads((release / "report.json").read_text(encoding="utf-8"))
        return cls(ox.Store.read_only(str(release / "store")), report["build_id"], report, release)

    def query(self, query: str, **options):
        """Run any read query; the default graph is the union of all graphs unless the query names its own."""
        if not options.get("default_graph") and not declares_dataset(query):
            options.setdefault("use_default_graph_as_union", True)
        return self.oxigraph.query(query, **options)

    def select(self, query: str) -> list[Row]:
        """Run a SELECT over the union of graphs."""
        solutions = self.query(query)
        names = [v.value for v in solutions.variables]
        return [{name: solution[name] for name in names if solution[name] is not None} for solution in solutions]

    def ask(self, query: str) -> bool:
        """Run an ASK over the union of graphs."""
        return bool(self.query(query))

    def construct(self, query: str) -> list[ox.Triple]:
        """Run a CONSTRUCT or DESCRIBE over the union of graphs."""
        return list(self.query(query))
