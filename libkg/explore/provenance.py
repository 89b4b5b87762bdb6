"""Where a statement comes from: a source (a study or the curated shared data), a curator's inference, or the reasoner."""

from __future__ import annotations

from libkg.explore.search import SearchIndex
from libkg.namespaces import CURATOR_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH

STATED, CURATOR, REASONER = "stated", "curator", "reasoner"


def statement_origin(graph: str, base_iri: str) -> str:
    """Tell who makes a statement of graph: the source (stated), a curator, or the reasoner."""
    if graph == base_iri + CURATOR_GRAPH:
        return CURATOR
    if graph == base_iri + INFERRED_GRAPH:
        return REASONER
    return STATED


def study_graphs(index: SearchIndex) -> dict[str, str]:
    """Map each study's named graph to the study it holds."""
    return index.study_graphs


def graph_role(graph: str, index: SearchIndex) -> str:
    """Name what a graph holds: a study's statements, curator links, reasoner output, the ontology, or shared data."""
    if graph in study_graphs(index):
        return "study"
    if graph == index.base_iri + ONTOLOGY_GRAPH:
        return "ontology"
    origin = statement_origin(graph, index.base_iri)
    return origin if origin != STATED else "shared"
