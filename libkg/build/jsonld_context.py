"""Generate libkg's JSON-LD context from the ontology: short keys for every lkg term."""

from __future__ import annotations

from libkg.namespaces import EXTERNAL_PREFIXES, prefixes
from libkg.namespaces import ONTOLOGY_GRAPH
from libkg.query.store import GraphStore

RDFS = EXTERNAL_PREFIXES["rdfs"]
SKOS = EXTERNAL_PREFIXES["skos"]
XSD = EXTERNAL_PREFIXES["xsd"]
LANG_STRING = EXTERNAL_PREFIXES["rdf"] + "langString"

# Labels and definitions come in English and Chinese: a language map reads {"en": ..., "zh": ...}.
LANGUAGE_MAPS = {
    "label": RDFS + "label",
    "prefLabel": SKOS + "prefLabel",
    "altLabel": SKOS + "altLabel",
    "definition": SKOS + "definition",
}

TERMS = """
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?term ?kind (SAMPLE(?anyRange) AS ?range) WHERE {
  GRAPH <%(graph)s> {
    ?term a ?kind .
    FILTER(?kind IN (owl:Class, owl:ObjectProperty, owl:DatatypeProperty) && STRSTARTS(STR(?term), "%(lkg)s"))
    OPTIONAL { ?term rdfs:range ?anyRange }
  }
}
GROUP BY ?term ?kind ORDER BY ?term
"""


def jsonld_context(store: GraphStore, base_iri: str) -> dict:
    """Return the JSON-LD context (the object under "@context") for the ontology in store."""
    lkg = prefixes(base_iri)["lkg"]
    context: dict = {"@version": 1.1, **prefixes(base_iri), "id": "@id", "type": "@type"}
    context.update({name: {"@id": iri, "@container": "@language"} for name, iri in LANGUAGE_MAPS.items()})
    rows = store.select(TERMS % {"graph": base_iri + ONTOLOGY_GRAPH, "lkg": lkg})
    for row in rows:
        iri, kind = row["term"].value, row["kind"].value.rsplit("#", 1)[-1]
        context[iri[len(lkg):]] = _definition(iri, kind, row["range"].value if "range" in row else None)
    return context


def _definition(iri: str, kind: str, range_iri: str | None) -> str | dict:
    """Define one term: classes by name, links as @id, values by their declared range."""
    if kind == "Class":
        return iri
    if kind == "ObjectProperty":
        return {"@id": iri, "@type": "@id"}
    if range_iri == LANG_STRING:
        return {"@id": iri, "@container": "@language"}
    if range_iri and range_iri.startswith(XSD) and range_iri != XSD + "string":
        return {"@id": iri, "@type": range_iri}
    return {"@id": iri}
