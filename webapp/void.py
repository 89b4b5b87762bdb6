"""/void and /.well-known/void: the dataset's VoID and DCAT description, with build-time statistics."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from flask import Blueprint, render_template, request

from libkg.linked_data import FOLDER, STATISTICS
from libkg.void import VOID_PREFIXES, dataset_description

from .representations import curie, href, local, rdf_renderers, release_folder, represent
from .stores import current_store, settings

blueprint = Blueprint("void", __name__, template_folder="templates")


@blueprint.get("/void")
@blueprint.get("/void.<suffix>")
@blueprint.get("/.well-known/void")
def void(suffix: str | None = None):
    """Describe the dataset: statistics, licence, SPARQL endpoint, dumps and example resources."""
    store = current_store()
    description = dataset_description(_statistics(release_folder(store)), store.report, settings().base_iri, request.url_root)

    def html() -> str:
        """Render the description as a page."""
        return render_template("void/page.html", dataset=description, href=href, curie=curie, path=local("/void"), report=store.report)

    def quads() -> list[ox.Quad]:
        """Return the description's statements."""
        return [ox.Quad(t.subject, t.predicate, t.object) for t in description.triples()]

    return represent("/void", suffix, rdf_renderers(html, quads, VOID_PREFIXES))


@lru_cache(maxsize=8)
def _statistics(release: Path) -> dict:
    """Read the statistics one build counted."""
    return json.loads((release / FOLDER / STATISTICS).read_text(encoding="utf-8"))
