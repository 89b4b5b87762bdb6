"""The home page: what the graph is, what it holds (charts per kind and per study) and where to start."""

from __future__ import annotations

from collections import Counter

from flask import Blueprint, render_template

from libkg.browse import Node, class_tree
from libkg.provenance import graph_role, study_graphs

from .compare import studies
from .stores import current_index, current_store

blueprint = Blueprint("home", __name__, template_folder="templates")


@blueprint.get("/")
def index():
    """Show what the graph holds, drawn from the build's report and index."""
    store = current_store()
    figures = store.report.get("stats", {})
    search_index = current_index()
    kinds = list(_flatten(class_tree(search_index, figures.get("classes", {}))))
    ordered = studies(store)
    per_study = {study: Counter(entry.kind for entry in search_index.reported_in(study)) for study in ordered}
    study_kinds = sorted({kind for counts in per_study.values() for kind in counts}, key=search_index.kind_order)
    holders = study_graphs(search_index)
    graphs = [(graph, count, graph_role(graph, search_index), holders.get(graph)) for graph, count in figures.get("graphs", {}).items()]
    resources = sum(1 for entry in search_index.entries if entry.iri.startswith(search_index.base_iri + "resource/"))
    return render_template(
        "home/index.html", report=store.report, figures=figures, kinds=kinds,
        kinds_max=max((node.count for node, _ in kinds), default=0), studies=ordered, per_study=per_study,
        study_kinds=study_kinds, study_max=max((n for c in per_study.values() for n in c.values()), default=0),
        resources=resources, graphs=graphs, graphs_max=max((count for _, count, _, _ in graphs), default=0),
    )


def _flatten(nodes: list[Node], depth: int = 0):
    """Yield (node, depth) for every class with instances, parents before children."""
    for node in nodes:
        if node.count:
            yield node, depth
            yield from _flatten(node.children, depth + 1)
