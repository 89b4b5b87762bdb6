"""Count what the graph holds: triples per named graph, instances per class and claims per study."""

from __future__ import annotations

from libkg.query.store import GraphStore

TRIPLES_PER_GRAPH = """
SELECT ?graph (COUNT(*) AS ?triples) WHERE { GRAPH ?graph { ?s ?p ?o } }
GROUP BY ?graph ORDER BY ?graph
"""

INSTANCES_PER_CLASS = """
SELECT ?class (COUNT(DISTINCT ?s) AS ?instances) WHERE { ?s a ?class }
GROUP BY ?class ORDER BY DESC(?instances) ?class
"""

ITEMS_PER_STUDY = """
PREFIX lkg: <https://w3id.org/libkg/ontology#>
SELECT ?study ?kind (COUNT(DISTINCT ?item) AS ?items) WHERE {
  ?item lkg:reportedIn ?study .
  GRAPH ?graph { ?item a ?kind }
  FILTER(STRSTARTS(STR(?kind), STR(lkg:)))
}
GROUP BY ?study ?kind ORDER BY ?study ?kind
"""


def compute_stats(store: GraphStore, base_iri: str) -> dict:
    """Return triples per graph, instances per class and asserted items per study and kind."""
    per_study: dict[str, dict[str, int]] = {}
    for row in store.select(_rebase(ITEMS_PER_STUDY, base_iri)):
        per_study.setdefault(row["study"].value, {})[row["kind"].value] = int(row["items"].value)
    graphs = {row["graph"].value: int(row["triples"].value) for row in store.select(TRIPLES_PER_GRAPH)}
    return {
        "triples": sum(graphs.values()),
        "graphs": graphs,
        "classes": {row["class"].value: int(row["instances"].value) for row in store.select(INSTANCES_PER_CLASS)},
        "studies": per_study,
    }


def _rebase(query: str, base_iri: str) -> str:
    """Point a query's lkg: prefix at the configured base."""
    return query.replace("https://w3id.org/libkg/", base_iri)
