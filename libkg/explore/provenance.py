"""Who makes a statement: a source, the curators (vocabulary, inference, outside knowledge), the ontology or the reasoner."""

from __future__ import annotations

from libkg.explore.search import SearchIndex
from libkg.namespaces import STATED


def statement_origin(graph: str, roles: dict[str, str]) -> str:
    """Tell who makes the statements of graph, from the roles the build recorded."""
    return roles.get(graph, STATED)


def study_graphs(index: SearchIndex) -> dict[str, str]:
    """Map each study's named graph to the study it holds."""
    return index.study_graphs


def graph_role(graph: str, index: SearchIndex, roles: dict[str, str]) -> str:
    """Name what a graph holds: a study's statements, shared records, or its origin (vocabulary, curator, reasoner...)."""
    if graph in study_graphs(index):
        return "study"
    origin = statement_origin(graph, roles)
    return origin if origin != STATED else "shared"
