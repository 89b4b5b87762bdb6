"""The home page: what the graph is, what it holds (charts per kind and per study) and where to start."""

from __future__ import annotations

from flask import Blueprint, render_template

from libkg.explore.browse import Node, class_tree
from libkg.explore.provenance import graph_role, study_graphs

from .current import current_release

blueprint = Blueprint("home", __name__, template_folder="templates")

# Studies the home page names and charts; the rest are on /browse.
HOME_STUDIES = 10


@blueprint.get("/")
def index():
    """Show what the graph holds, drawn from the build's report, summary and index."""
    release = current_release()
    figures = release.stats
    search_index = release.search_index
    summary = release.summary
    kinds = list(_flatten(class_tree(search_index, figures.get("classes", {}))))
    shown = summary.largest(HOME_STUDIES)
    study_kinds = sorted({kind for study in shown for kind in study.kinds}, key=search_index.kind_order)
    holders = study_graphs(search_index)
    graphs = [(graph, count, graph_role(graph, search_index, release.graph_roles), holders.get(graph))
              for graph, count in figures.get("graphs", {}).items()]
    return render_template(
        "home/index.html", figures=figures, kinds=kinds, search_index=search_index,
        kinds_max=max((node.count for node, _ in kinds), default=0), studies=shown, study_count=len(summary.studies),
        study_kinds=study_kinds, study_max=max((n for study in shown for n in study.kinds.values()), default=0),
        resources=summary.resources, graphs=graphs, graphs_max=max((count for _, count, _, _ in graphs), default=0),
    )


def _flatten(nodes: list[Node], depth: int = 0):
    """Yield (node, depth) for every class with instances, parents before children."""
    for node in nodes:
        if node.count:
            yield node, depth
            yield from _flatten(node.children, depth + 1)
