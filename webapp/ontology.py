"""/ontology: the ontology's pyLODE documentation, its statements in RDF, and the JSON-LD context."""

from __future__ import annotations

from flask import Blueprint

from libkg.describe import graph_contents
from libkg.linked_data import CONTEXT, FOLDER, ONTOLOGY_HTML
from libkg.sources import ONTOLOGY_GRAPH

from .representations import not_found, rdf_renderers, release_folder, represent, split_suffix
from .stores import current_store, settings

blueprint = Blueprint("ontology", __name__)

VERSION = "ASK { <%(ontology)s> <http://www.w3.org/2002/07/owl#versionIRI> <%(version)s> }"


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
    if not current_store().ask(VERSION % {"ontology": base + "ontology", "version": base + "ontology/" + stem}):
        return not_found(base + "ontology/" + stem, [base + "ontology"])
    return _ontology(f"/ontology/{stem}", suffix)


@blueprint.get("/context.jsonld")
def context():
    """Serve the JSON-LD context generated from the ontology at build time."""
    path = release_folder(current_store()) / FOLDER / CONTEXT
    return represent("/context", "jsonld", {"jsonld": path.read_bytes})


def _ontology(path: str, suffix: str | None):
    """Answer for the ontology at path with the documentation written at build time or its statements."""
    store = current_store()
    documentation = release_folder(store) / FOLDER / ONTOLOGY_HTML

    def statements():
        """Return the ontology graph's statements."""
        return graph_contents(store, settings().base_iri + ONTOLOGY_GRAPH, settings().max_rows)[0]

    return represent(path, suffix, rdf_renderers(documentation.read_bytes, statements))
