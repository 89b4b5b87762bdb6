"""/graph/<stem>: one named graph (a study, a scheme, the inferences) and its statements."""

from __future__ import annotations

from collections import Counter

from flask import Blueprint, render_template

from libkg.explore.describe import graph_contents
from libkg.namespaces import graph_iri

from .current import current_release, current_store, settings
from .paging import page_of, requested_page
from .representations import local, not_found, rdf_renderers, represent, split_suffix

blueprint = Blueprint("graph", __name__, template_folder="templates")


@blueprint.get("/graph/<name>")
def graph(name: str):
    """Describe one named graph: its size and subjects as HTML, its statements in RDF."""
    stem, suffix = split_suffix(name)
    iri = graph_iri(settings().base_iri, "graph/" + stem)
    release = current_release()
    if iri not in release.graph_names:
        return not_found(iri, sorted(release.graph_names))
    # Long graphs come a page of LIBKG_MAX_ROWS statements at a time, counted from the build's statistics.
    size = settings().max_rows
    paging = page_of(requested_page(), release.stats.get("graphs", {}).get(iri, 0), size)
    quads, truncated = graph_contents(current_store(), iri, size, (paging["page"] - 1) * size)

    def html() -> str:
        """Render the graph's page."""
        subjects = Counter(quad.subject for quad in quads)
        return render_template("graph/page.html", iri=iri, stem=stem, quads=quads, truncated=truncated, paging=paging,
                               subjects=sorted(subjects.items(), key=lambda item: str(item[0])),
                               triples=release.stats.get("graphs", {}).get(iri), path=local(f"/graph/{stem}"))

    renderers = rdf_renderers(html, lambda: quads)
    return represent(f"/graph/{stem}", suffix, renderers, dict.fromkeys(renderers, paging))
