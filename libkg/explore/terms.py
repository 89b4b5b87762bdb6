"""The ontology's terms as the explorer shows them: each class and property with its names, definition, place in
the hierarchy, domain, range and inverse, and how often the data uses it.

Terms of other vocabularies (rdfs:label, prov:Entity, ...) take their names from the catalogue in vocabularies.py,
and their place in the hierarchy from what the ontology says of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from libkg.explore.vocabularies import EXTERNAL_CLASSES, EXTERNAL_PROPERTIES, external_definitions, external_labels
from libkg.namespaces import EXTERNAL_PREFIXES, ONTOLOGY_GRAPH, sparql_prologue
from libkg.query.store import GraphStore

OWL = EXTERNAL_PREFIXES["owl"]
PROPERTY_TYPES = {OWL + "ObjectProperty": "object", OWL + "DatatypeProperty": "datatype", OWL + "AnnotationProperty": "annotation"}
CLASS_TYPES = {OWL + "Class", EXTERNAL_PREFIXES["rdfs"] + "Class"}
CHARACTERISTICS = {OWL + "FunctionalProperty": "functional", OWL + "TransitiveProperty": "transitive",
                   OWL + "SymmetricProperty": "symmetric"}

# Every statement the ontology makes about its named terms that the explorer shows; unions of classes in a domain or
# range are read as their members.
TERM_FACTS = """
SELECT ?term ?fact ?value WHERE {
  GRAPH <%(ontology)s> {
    {
      ?term ?fact ?value
      VALUES ?fact { rdf:type rdfs:label skos:definition rdfs:subClassOf rdfs:subPropertyOf owl:inverseOf rdfs:domain rdfs:range }
      FILTER(isIRI(?value) || isLITERAL(?value))
    } UNION {
      ?term ?fact ?union . ?union owl:unionOf/rdf:rest*/rdf:first ?value
      VALUES ?fact { rdfs:domain rdfs:range }
    }
  }
  FILTER(isIRI(?term))
}
"""
USAGE = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s <%(property)s> ?o } } GROUP BY ?g"
EXAMPLES = """
SELECT ?s ?o ?g WHERE { GRAPH ?g { ?s <%(property)s> ?o } FILTER(?g != <%(inferred)s> && isIRI(?s)) } LIMIT %(limit)d
"""
# In the store's index order, stable for a build (ORDER BY over a class of hundreds of thousands takes seconds).
INSTANCES = "SELECT DISTINCT ?s WHERE { ?s a <%(kind)s> FILTER(isIRI(?s)) } LIMIT %(limit)d OFFSET %(offset)d"


@dataclass
class Term:
    """A class or property: its names and definitions by language, and what the ontology says of its place."""

    iri: str
    is_property: bool
    labels: dict[str, str] = field(default_factory=dict)
    definitions: dict[str, str] = field(default_factory=dict)
    parents: list[str] = field(default_factory=list)
    children: list[str] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)
    ranges: list[str] = field(default_factory=list)
    inverse: str | None = None
    property_type: str | None = None
    characteristics: list[str] = field(default_factory=list)


class Terms:
    """Every class and property the ontology names or the catalogue knows, with their hierarchies."""

    def __init__(self, terms: dict[str, Term], base_iri: str):
        self.by_iri = terms
        self.base_iri = base_iri
        self._ancestors: dict[str, set[str]] = {}

    def get(self, iri: str) -> Term | None:
        """Return the term iri, or None if neither the ontology nor the catalogue knows it."""
        return self.by_iri.get(iri)

    def is_class(self, iri: str) -> bool:
        """Tell whether iri is a class."""
        return iri in self.by_iri and not self.by_iri[iri].is_property

    def is_property(self, iri: str) -> bool:
        """Tell whether iri is a property."""
        return iri in self.by_iri and self.by_iri[iri].is_property

    def ancestors(self, iri: str) -> set[str]:
        """Return every broader class or property of iri (transitively, itself excluded)."""
        if iri not in self._ancestors:
            found: set[str] = set()
            frontier = list(self.by_iri[iri].parents) if iri in self.by_iri else []
            while frontier:
                parent = frontier.pop()
                if parent not in found and parent != iri:
                    found.add(parent)
                    frontier.extend(self.by_iri[parent].parents if parent in self.by_iri else ())
            self._ancestors[iri] = found
        return self._ancestors[iri]

    def lineage(self, iri: str) -> list[str]:
        """Return the chain of broader terms from a root down to iri, following each term's first own parent (an lkg:
        one before one of another vocabulary)."""
        chain = [iri]
        while True:
            parents = self.by_iri[chain[-1]].parents if chain[-1] in self.by_iri else []
            parents = sorted(parents, key=lambda p: (not p.startswith(self.base_iri), p))
            if not parents or parents[0] in chain:
                return chain[::-1]
            chain.append(parents[0])

    def inverse_of(self, iri: str) -> str | None:
        """Return the property that states iri's links the other way round, if the ontology names one."""
        term = self.by_iri.get(iri)
        return term.inverse if term else None

    def uses_of(self, iri: str) -> list[str]:
        """Return the properties whose domain or range is the class iri (or one of its broader classes)."""
        wanted = {iri} | self.ancestors(iri)
        return sorted(t.iri for t in self.by_iri.values() if t.is_property and wanted & set(t.domains + t.ranges))


def read_terms(store: GraphStore, base_iri: str) -> Terms:
    """Read the ontology's classes and properties from its named graph, completed by the catalogue's outside terms."""
    terms: dict[str, Term] = {}
    facts = store.select(sparql_prologue(base_iri) + TERM_FACTS % {"ontology": base_iri + ONTOLOGY_GRAPH})
    rdf, rdfs, skos = EXTERNAL_PREFIXES["rdf"], EXTERNAL_PREFIXES["rdfs"], EXTERNAL_PREFIXES["skos"]
    kinds: dict[str, set[str]] = {}
    for row in facts:
        if row["fact"].value == rdf + "type":
            kinds.setdefault(row["term"].value, set()).add(row["value"].value)
    for iri, types in kinds.items():
        if types & (set(PROPERTY_TYPES) | set(CHARACTERISTICS)):
            terms[iri] = Term(iri, True, property_type=next((PROPERTY_TYPES[t] for t in PROPERTY_TYPES if t in types), None),
                              characteristics=sorted(CHARACTERISTICS[t] for t in types if t in CHARACTERISTICS))
        elif types & CLASS_TYPES:
            terms[iri] = Term(iri, False)
    for table, is_property in ((EXTERNAL_PROPERTIES, True), (EXTERNAL_CLASSES, False)):
        for iri in table:
            terms.setdefault(iri, Term(iri, is_property))
    for row in facts:
        term, fact, value = row["term"].value, row["fact"].value, row["value"]
        if term not in terms:
            continue
        entry = terms[term]
        if isinstance(value, ox.Literal):
            target = entry.labels if fact == rdfs + "label" else entry.definitions if fact == skos + "definition" else None
            if target is not None and value.language:
                target.setdefault(value.language, value.value)
            continue
        if fact in (rdfs + "subClassOf", rdfs + "subPropertyOf"):
            entry.parents.append(value.value)
            terms.setdefault(value.value, Term(value.value, fact.endswith("subPropertyOf"))).children.append(term)
        elif fact == rdfs + "domain":
            entry.domains.append(value.value)
        elif fact == rdfs + "range":
            entry.ranges.append(value.value)
        elif fact == EXTERNAL_PREFIXES["owl"] + "inverseOf":
            entry.inverse = value.value
            terms.setdefault(value.value, Term(value.value, True)).inverse = term
    for entry in terms.values():
        entry.labels = entry.labels or external_labels(entry.iri)
        entry.definitions = entry.definitions or external_definitions(entry.iri)
        for values in (entry.parents, entry.children, entry.domains, entry.ranges):
            values[:] = sorted(set(values))
    return Terms(terms, base_iri)


def property_usage(store: GraphStore, iri: str) -> dict[str, int]:
    """Count the statements with property iri in each named graph."""
    return {row["g"].value: int(row["n"].value) for row in store.select(USAGE % {"property": iri})}


def property_examples(store: GraphStore, iri: str, base_iri: str, limit: int = 8) -> list[tuple[str, ox.Term, str]]:
    """Return up to limit statements made with property iri outside the reasoner's graph: (subject, object, graph)."""
    rows = store.select(EXAMPLES % {"property": iri, "inferred": base_iri + "graph/inferred", "limit": limit})
    return [(row["s"].value, row["o"], row["g"].value) for row in rows]


def instances(store: GraphStore, kind: str, limit: int, offset: int = 0) -> list[str]:
    """Return a page of the resources typed kind (asserted or inferred), in the store's order."""
    return [row["s"].value for row in store.select(INSTANCES % {"kind": kind, "limit": limit, "offset": offset})]
