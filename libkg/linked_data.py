"""Write, at build time, the files the linked-data pages serve: JSON-LD context, ontology docs, VoID statistics."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox

from .jsonld_context import jsonld_context
from .ontology_docs import ontology_html
from .sources import ONTOLOGY_GRAPH
from .store import EmbeddedStore
from .void import dataset_statistics

FOLDER = "linked-data"
CONTEXT = "context.jsonld"
ONTOLOGY_HTML = "ontology.html"
STATISTICS = "void-statistics.json"


def write_linked_data(store: ox.Store, release: Path, base_iri: str) -> None:
    """Write the context, the ontology's HTML documentation and the dataset statistics into release."""
    folder = release / FOLDER
    folder.mkdir()
    graphs = EmbeddedStore(store)
    context = {"@context": jsonld_context(graphs, base_iri)}
    (folder / CONTEXT).write_text(json.dumps(context, ensure_ascii=False, indent=2), encoding="utf-8")
    ontology = store.quads_for_pattern(None, None, None, ox.NamedNode(base_iri + ONTOLOGY_GRAPH))
    (folder / ONTOLOGY_HTML).write_text(ontology_html(ontology, base_iri), encoding="utf-8")
    statistics = dataset_statistics(graphs, base_iri)
    (folder / STATISTICS).write_text(json.dumps(statistics, ensure_ascii=False, indent=2), encoding="utf-8")
