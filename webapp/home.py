"""The home page: what the graph is and what it holds."""

from __future__ import annotations

from flask import Blueprint, render_template

from .stores import current_store, settings

blueprint = Blueprint("home", __name__, template_folder="templates")


@blueprint.get("/")
def index():
    """Show the graph's statistics from the current build's report."""
    store = current_store()
    figures = store.report.get("stats", {})
    lkg = settings().base_iri + "ontology#"
    kinds = sorted(
        ((iri[len(lkg):], count) for iri, count in figures.get("classes", {}).items() if iri.startswith(lkg)),
        key=lambda item: (-item[1], item[0]),
    )
    return render_template("home/index.html", report=store.report, figures=figures, kinds=kinds)
