"""Type individuals by rules over the ontology, in linear time: what HermiT's realisation gives on this ontology.

Rules: asserted types; domains and ranges (through sub-properties and inverses); the ontology's
owl:hasValue equivalences (a library whose library type is public is a public library); then every
named superclass. They cover the kinds of axiom libkg's ontology uses, not OWL in general: the build
compares them with HermiT whenever HermiT realises the data (see reasoning.classify).
"""

from __future__ import annotations

import pyoxigraph as ox

PREFIXES = """PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
TBOX = ox.NamedNode("urn:libkg:tbox")
DIRECT_TYPES = PREFIXES + """
SELECT DISTINCT ?x ?t WHERE {
  { ?x a ?t }
  UNION { ?x ?p ?y . GRAPH <urn:libkg:tbox> { ?p rdfs:subPropertyOf* ?q . ?q rdfs:domain ?t } }
  UNION { ?y ?p ?x . GRAPH <urn:libkg:tbox> { ?p rdfs:subPropertyOf* ?q . ?q a owl:ObjectProperty ; rdfs:range ?t } }
  UNION { ?x ?p ?y . GRAPH <urn:libkg:tbox> { ?p rdfs:subPropertyOf* ?q .
                                              { ?q owl:inverseOf ?r } UNION { ?r owl:inverseOf ?q } ?r rdfs:range ?t } }
  UNION { ?y ?p ?x . GRAPH <urn:libkg:tbox> { ?p rdfs:subPropertyOf* ?q . ?q a owl:ObjectProperty .
                                              { ?q owl:inverseOf ?r } UNION { ?r owl:inverseOf ?q } ?r rdfs:domain ?t } }
  FILTER(isIRI(?x) && isIRI(?t))
}
"""
ANCESTORS = PREFIXES + """
SELECT ?c ?a WHERE { GRAPH <urn:libkg:tbox> { ?c a owl:Class ; rdfs:subClassOf* ?a . FILTER(isIRI(?c) && isIRI(?a)) } }
"""
HAS_VALUE_CLASSES = PREFIXES + """
SELECT ?c ?base ?p ?v WHERE { GRAPH <urn:libkg:tbox> {
  ?c owl:equivalentClass ?e . ?e owl:intersectionOf ?l .
  ?l rdf:first ?base ; rdf:rest/rdf:first ?r . ?r owl:onProperty ?p ; owl:hasValue ?v .
} }
"""
DISJOINT_PAIRS = PREFIXES + """
SELECT DISTINCT ?a ?b WHERE { GRAPH <urn:libkg:tbox> {
  { ?a owl:disjointWith ?b }
  UNION { ?d a owl:AllDisjointClasses ; owl:members ?l . ?l rdf:rest*/rdf:first ?a . ?l rdf:rest*/rdf:first ?b .
          FILTER(STR(?a) < STR(?b)) }
} }
"""
IGNORED = {"http://www.w3.org/2002/07/owl#NamedIndividual", "http://www.w3.org/2002/07/owl#Thing"}


class Typing:
    """The data and the ontology side by side, ready to derive types and find disjoint memberships."""

    def __init__(self, quads: list[ox.Quad], ontology_graph: str):
        """Load the data into the default graph and the ontology into its own."""
        self.store = ox.Store()
        self.store.bulk_extend(
            ox.Quad(q.subject, q.predicate, q.object, TBOX if q.graph_name.value == ontology_graph else ox.DefaultGraph())
            for q in quads
        )
        self.ancestors: dict[str, set[str]] = {}
        for row in self.store.query(ANCESTORS):
            self.ancestors.setdefault(row["c"].value, {row["c"].value}).add(row["a"].value)

    def types(self) -> dict[str, set[str]]:
        """Return each individual's named types, derived from the asserted data and the ontology."""
        types: dict[str, set[str]] = {}
        for row in self.store.query(DIRECT_TYPES):
            if row["t"].value not in IGNORED:
                types.setdefault(row["x"].value, set()).update(self.ancestors.get(row["t"].value, {row["t"].value}))
        for row in self.store.query(HAS_VALUE_CLASSES):
            cls, base, prop, value = (row[name] for name in ("c", "base", "p", "v"))
            for quad in self.store.quads_for_pattern(None, prop, value, ox.DefaultGraph()):
                found = types.get(quad.subject.value, set())
                if base.value in found:
                    found |= self.ancestors.get(cls.value, {cls.value})
        for found in types.values():
            found -= IGNORED
        return types

    def disjoint_memberships(self, types: dict[str, set[str]]) -> list[tuple[str, str, str]]:
        """Return (individual, class, class) for every individual typed into two disjoint classes."""
        pairs = [(row["a"].value, row["b"].value) for row in self.store.query(DISJOINT_PAIRS)]
        return sorted({
            (individual, *sorted((a, b)))
            for individual, found in types.items()
            for a, b in pairs
            if a in found and b in found
        })
