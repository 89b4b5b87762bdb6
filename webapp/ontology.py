"""/ontology: the ontology's pyLODE documentation, its statements in RDF, and the JSON-LD context."""

from __future__ import annotations

from flask import Blueprint, render_template

from libkg.explore.describe import graph_contents, has_ontology_version
from libkg.namespaces import ONTOLOGY_GRAPH

from .current import current_release, current_store, settings
from .i18n import current_language, translate
from .naming import explorer_href, ontology_terms
from .ontology_document import ontology_document
from .paging import page_of, requested_page
from .representations import not_found, rdf_renderers, represent, split_suffix

blueprint = Blueprint("ontology", __name__, template_folder="templates")


@blueprint.get("/ontology")
@blueprint.get("/ontology.<suffix>")
def ontology(suffix: str | None = None):
    """Serve the ontology (each term is a fragment of it): documentation for browsers, RDF for clients."""
    return _ontology("/ontology", suffix)


@blueprint.get("/ontology/<name>")
def version(name: str):
    """Serve the ontology under its version IRI, for the version this build holds."""
    stem, suffix = split_suffix(name)
    base = settings().base_iri
    if not has_ontology_version(current_store(), base, stem):
        return not_found(base + "ontology/" + stem, [base + "ontology"])
    return _ontology(f"/ontology/{stem}", suffix)


@blueprint.get("/context.jsonld")
def context():
    """Serve the JSON-LD context generated from the ontology at build time."""
    return represent("/context", "jsonld", {"jsonld": lambda: current_release().jsonld_context_bytes})


def _ontology(path: str, suffix: str | None):
    """Answer for the ontology at path with the documentation written at build time or its statements, paged as
    /graph/ontology is."""
    release = current_release()
    graph = settings().base_iri + ONTOLOGY_GRAPH
    size = settings().max_rows
    paging = page_of(requested_page(), release.stats.get("graphs", {}).get(graph, 0), size)

    def statements():
        """Return the page's statements of the ontology graph."""
        return graph_contents(current_store(), graph, size, (paging["page"] - 1) * size)[0]

    def page() -> str:
        """Show the documentation inside the site's frame, in the reader's language around it."""
        document = release.cached(("ontology-document", current_language()), lambda: ontology_document(
            release.ontology_html, explorer_href, _term_page, translate("ontology_open_in_explorer")))
        return render_template("ontology/page.html", document=document)

    renderers = rdf_renderers(page, statements)
    return represent(path, suffix, renderers, dict.fromkeys(renderers, paging))


def _term_page(anchor: str) -> str | None:
    """Return the explorer page of the libkg term a documentation entry describes (its anchor is the local name)."""
    iri = settings().base_iri + "ontology#" + anchor
    terms = ontology_terms()
    return explorer_href(iri) if terms.is_class(iri) or terms.is_property(iri) else None

