"""Type individuals with SPARQL rules over the TBox instead of HermiT: the alternative the benchmark measures.

Rules: asserted types; domains and ranges (through sub-properties and inverses); the
owl:hasValue equivalences of the ontology (lkg:PublicLibrary = lkg:Library and libraryType
value public, and the like); then every named superclass. The result has the shape of
libkg.reasoning.classify's, so the build's materialisation can use it unchanged. It does no
consistency check: disjointness would need its own query (libkg.reasoning.DISJOINT_MEMBERS).
"""

from __future__ import annotations

import pyoxigraph as ox

ONTOLOGY = ox.NamedNode("urn:bench:ontology")
PREFIXES = """PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
DIRECT_TYPES = PREFIXES + """
SELECT DISTINCT ?x ?t WHERE {
  { ?x a ?t }
  UNION { ?x ?p ?y . GRAPH <urn:bench:ontology> { ?p rdfs:subPropertyOf* ?q . ?q rdfs:domain ?t } }
  UNION { ?y ?p ?x . GRAPH <urn:bench:ontology> { ?p rdfs:subPropertyOf* ?q . ?q a owl:ObjectProperty ; rdfs:range ?t } }
  UNION { ?x ?p ?y . GRAPH <urn:bench:ontology> { ?p rdfs:subPropertyOf* ?q . { ?q owl:inverseOf ?r } UNION { ?r owl:inverseOf ?q } ?r rdfs:range ?t } }
  UNION { ?y ?p ?x . GRAPH <urn:bench:ontology> { ?p rdfs:subPropertyOf* ?q . ?q a owl:ObjectProperty .
                                                   { ?q owl:inverseOf ?r } UNION { ?r owl:inverseOf ?q } ?r rdfs:domain ?t } }
  FILTER(isIRI(?x) && isIRI(?t))
}
"""
ANCESTORS = PREFIXES + """
SELECT ?c ?a WHERE { GRAPH <urn:bench:ontology> { ?c a owl:Class ; rdfs:subClassOf* ?a . FILTER(isIRI(?c) && isIRI(?a)) } }
"""
HAS_VALUE_CLASSES = PREFIXES + """
SELECT ?c ?base ?p ?v WHERE { GRAPH <urn:bench:ontology> {
  ?c owl:equivalentClass ?e . ?e owl:intersectionOf ?l .
  ?l rdf:first ?base ; rdf:rest/rdf:first ?r . ?r owl:onProperty ?p ; owl:hasValue ?v .
} }
"""
OWL_THING = "http://www.w3.org/2002/07/owl#Thing"
IGNORED = {"http://www.w3.org/2002/07/owl#NamedIndividual", OWL_THING}


def rule_types(quads: list[ox.Quad], ontology_graph: str) -> dict[str, set[str]]:
    """Return each individual's named types, derived by rules from the asserted data and the TBox."""
    store = ox.Store()
    store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, ONTOLOGY if q.graph_name.value == ontology_graph else ox.DefaultGraph())
                      for q in quads)
    ancestors: dict[str, set[str]] = {}
    for row in store.query(ANCESTORS):
        ancestors.setdefault(row["c"].value, {row["c"].value}).add(row["a"].value)
    types: dict[str, set[str]] = {}
    for row in store.query(DIRECT_TYPES):
        if row["t"].value not in IGNORED:
            types.setdefault(row["x"].value, set()).update(ancestors.get(row["t"].value, {row["t"].value}))
    for row in store.query(HAS_VALUE_CLASSES):
        cls, base, prop, value = (row[name] for name in ("c", "base", "p", "v"))
        for subject in store.quads_for_pattern(None, prop, value, ox.DefaultGraph()):
            found = types.get(subject.subject.value, set())
            if base.value in found:
                found |= ancestors.get(cls.value, {cls.value})
    for found in types.values():
        found.discard(OWL_THING)
    return types
