"""Write a validated dataset as a release: the store, dumps, linked-data files, explorer index, summary and report."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import pyoxigraph as ox

from libkg.build.dumps import write_dumps
from libkg.build.jsonld_context import jsonld_context
from libkg.build.ontology_docs import ontology_html
from libkg.explore.browse import open_lists
from libkg.explore.compare import list_studies
from libkg.explore.search import build_index
from libkg.explore.stats import compute_stats
from libkg.explore.summary import summarise
from libkg.explore.void import dataset_statistics
from libkg.namespaces import INFERRED_GRAPH, ONTOLOGY_GRAPH, REASONER, graph_iri
from libkg.query.store import EmbeddedStore
from libkg.release import ReleaseWriter

if TYPE_CHECKING:
    from libkg.build.pipeline import Checked


def write_release(writer: ReleaseWriter, checked: Checked, base_iri: str, build_id: str, started: float) -> None:
    """Write every file of a release from the validated dataset, then its report (with the write's own time)."""
    dataset, sources = checked.store, checked.sources
    disk = ox.Store(str(writer.store_path))
    disk.bulk_extend(dataset.quads_for_pattern(None, None, None, None))
    disk.flush()
    disk.optimize()
    manifest = write_dumps(dataset, writer.dumps_folder, base_iri)
    writer.write_manifest(manifest)
    graphs = EmbeddedStore(dataset)
    ontology = dataset.quads_for_pattern(None, None, None, ox.NamedNode(base_iri + ONTOLOGY_GRAPH))
    writer.write_linked_data(jsonld_context(graphs, base_iri), ontology_html(ontology, base_iri), dataset_statistics(graphs, base_iri))
    index = build_index(graphs, base_iri)
    writer.write_index(index)
    writer.write_summary(summarise(index, list_studies(graphs, base_iri), open_lists(graphs, base_iri)))
    writer.copy_questions(list(sources.competency_queries))
    for name, text in checked.texts.items():
        writer.write_source_text(name, text)
    stats = compute_stats(graphs, base_iri)
    timings = {**checked.timings, "write": time.perf_counter() - started}
    writer.write_report({"build_id": build_id, "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                         "base_iri": base_iri, "sources": [s.display for s in sources.graph_files], "stats": stats,
                         "graph_roles": {**{source.graph: source.role for source in sources.graph_files},
                                         graph_iri(base_iri, INFERRED_GRAPH): REASONER},
                         "dumps": manifest, "timings": timings})
