"""/void and /.well-known/void: the dataset's VoID and DCAT description, with build-time statistics."""

from __future__ import annotations

import pyoxigraph as ox
from flask import Blueprint, render_template, request

from libkg.explore.void import VOID_PREFIXES, dataset_description

from .current import current_release, settings
from .representations import curie, href, local, rdf_renderers, represent

blueprint = Blueprint("void", __name__, template_folder="templates")


@blueprint.get("/void")
@blueprint.get("/void.<suffix>")
@blueprint.get("/.well-known/void")
def void(suffix: str | None = None):
    """Describe the dataset: statistics, licence, SPARQL endpoint, dumps and example resources."""
    release = current_release()
    description = dataset_description(release.void_statistics, release.report, settings().base_iri, request.url_root)

    def html() -> str:
        """Render the description as a page."""
        return render_template("void/page.html", dataset=description, href=href, curie=curie, path=local("/void"))

    def quads() -> list[ox.Quad]:
        """Return the description's statements."""
        return [ox.Quad(t.subject, t.predicate, t.object) for t in description.triples()]

    return represent("/void", suffix, rdf_renderers(html, quads, VOID_PREFIXES))

