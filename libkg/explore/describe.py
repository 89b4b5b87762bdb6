"""Describe a resource: its statements both ways, each with its named graph, and its neighbours' names."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from libkg.namespaces import EXTERNAL_PREFIXES
from libkg.query.store import GraphStore

MAX_STATEMENTS = 500
LABELS = (EXTERNAL_PREFIXES["rdfs"] + "label", EXTERNAL_PREFIXES["skos"] + "prefLabel")
RDF_TYPE = EXTERNAL_PREFIXES["rdf"] + "type"

OUTGOING = "SELECT ?p ?o ?g WHERE { GRAPH ?g { %(iri)s ?p ?o } } LIMIT %(limit)d"
OUTGOING_BEYOND = "ASK { { SELECT * WHERE { GRAPH ?g { %(iri)s ?p ?o } } OFFSET %(limit)d LIMIT 1 } }"
# Incoming statements come a page at a time: distinct (subject, property) pairs in the store's index order (stable
# for a build, and cheap: ORDER BY over a hub's 15,000 links takes seconds at 1M triples), then their graphs.
# An OWL axiom annotation (a curator's reason for a statement) is not a statement about the resource: pages show
# it beside the statement it explains (ANNOTATIONS), and RDF answers carry it whole (ANNOTATION_STATEMENTS).
NOT_ANNOTATION = ("FILTER(?p NOT IN (<http://www.w3.org/2002/07/owl#annotatedSource>, "
                  "<http://www.w3.org/2002/07/owl#annotatedTarget>))")
INCOMING = "SELECT DISTINCT ?s ?p WHERE { ?s ?p %(iri)s " + NOT_ANNOTATION + " } LIMIT %(limit)d OFFSET %(offset)d"
INCOMING_GRAPHS = "SELECT ?s ?p ?g WHERE { VALUES ?s { %(subjects)s } GRAPH ?g { ?s ?p %(iri)s } }"
INCOMING_BLANK_GRAPHS = "SELECT ?s ?p ?g WHERE { GRAPH ?g { ?s ?p %(iri)s } FILTER(isBLANK(?s)) " + NOT_ANNOTATION + " }"
INCOMING_COUNTS = "SELECT ?p (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p %(iri)s " + NOT_ANNOTATION + " } GROUP BY ?p"
ANNOTATION_STATEMENTS = """
SELECT ?s ?p ?o ?g WHERE {
  GRAPH ?g { ?s a <http://www.w3.org/2002/07/owl#Axiom> ; ?p ?o }
  { ?s <http://www.w3.org/2002/07/owl#annotatedSource> %(iri)s } UNION { ?s <http://www.w3.org/2002/07/owl#annotatedTarget> %(iri)s }
}
"""
# FILTER rather than a second VALUES: with two VALUES blocks pyoxigraph 0.5 scans every label in the store.
NAMES = "SELECT ?x ?p ?label ?g WHERE { VALUES ?x { %(iris)s } GRAPH ?g { ?x ?p ?label } FILTER(?p IN (%(labels)s)) }"
# The curators' reasons for statements about a resource they add from outside knowledge (OWL axiom annotations).
ANNOTATIONS = """
SELECT ?s ?p ?o ?note ?outside WHERE {
  ?axiom a <http://www.w3.org/2002/07/owl#Axiom> ;
    <http://www.w3.org/2002/07/owl#annotatedSource> ?s ; <http://www.w3.org/2002/07/owl#annotatedProperty> ?p ;
    <http://www.w3.org/2002/07/owl#annotatedTarget> ?o .
  FILTER(?s = %(iri)s || ?o = %(iri)s)
  OPTIONAL { ?axiom <http://www.w3.org/2004/02/skos/core#note> ?note }
  OPTIONAL { ?axiom <%(lkg)soutsideSource> ?outside }
}
"""
ONTOLOGY_VERSION = "ASK { <%(ontology)s> <http://www.w3.org/2002/07/owl#versionIRI> <%(version)s> }"
# A graph's statements a page at a time, in the store's index order (stable for a build; ORDER BY would sort the
# whole graph for every page).
GRAPH_CONTENTS = "SELECT ?s ?p ?o WHERE { GRAPH %(graph)s { ?s ?p ?o } } LIMIT %(limit)d OFFSET %(offset)d"


@dataclass(frozen=True)
class Description:
    """What the store says about one IRI: statements from and to it, and the names of what they mention."""

    iri: str
    outgoing: tuple[ox.Quad, ...]
    incoming: tuple[ox.Quad, ...]
    names: tuple[ox.Quad, ...]
    truncated: bool = False

    @property
    def exists(self) -> bool:
        """Tell whether any statement mentions the IRI."""
        return bool(self.outgoing or self.incoming)

    def quads(self) -> list[ox.Quad]:
        """Return every statement once, each in the named graph it comes from."""
        return list(dict.fromkeys(self.outgoing + self.incoming + self.names))

    def values(self, predicate: str) -> dict[str, str]:
        """Return the resource's own literal values of predicate, by language."""
        return {q.object.language or "": q.object.value for q in self.outgoing
                if q.predicate.value == predicate and isinstance(q.object, ox.Literal)}

    def grouped(self, direction: str) -> list[tuple[ox.NamedNode, list[tuple[ox.Triple, list[ox.NamedNode]]]]]:
        """Group outgoing or incoming statements by property; each triple once, with all its graphs."""
        statements = self.outgoing if direction == "outgoing" else self.incoming
        groups: dict[ox.NamedNode, dict[ox.Triple, list[ox.NamedNode]]] = {}
        for quad in statements:
            groups.setdefault(quad.predicate, {}).setdefault(quad.triple, []).append(quad.graph_name)
        ordered = sorted(groups, key=lambda p: (p.value != RDF_TYPE, p.value))
        return [(p, [(triple, graphs) for triple, graphs in groups[p].items()]) for p in ordered]


def describe_resource(store: GraphStore, iri: str, limit: int = MAX_STATEMENTS, incoming_limit: int | None = None,
                      incoming_offset: int = 0, with_names: bool = True) -> Description:
    """Describe iri: up to limit statements out, a page of statements in (limit from incoming_offset, or
    incoming_limit), and (with_names) the labels of its neighbours and properties."""
    node = ox.NamedNode(iri)
    outgoing = [ox.Quad(node, row["p"], row["o"], row["g"]) for row in store.select(OUTGOING % {"iri": node, "limit": limit + 1})]
    incoming, more = incoming_page(store, node, incoming_limit or limit, incoming_offset)
    truncated = len(outgoing) > limit or more
    outgoing = outgoing[:limit]
    mentioned = {q.predicate for q in outgoing + incoming} | {q.object for q in outgoing} | {q.subject for q in incoming}
    mentioned = sorted((term for term in mentioned if isinstance(term, ox.NamedNode) and term != node), key=lambda t: t.value)
    names = name_statements(store, mentioned) if with_names else []
    return Description(iri, tuple(outgoing), tuple(incoming), tuple(names), truncated)


def has_more_outgoing(store: GraphStore, iri: str, limit: int) -> bool:
    """Tell whether more than limit statements are made from iri (cheap: at most limit + 1 are read)."""
    return store.ask(OUTGOING_BEYOND % {"iri": ox.NamedNode(iri), "limit": limit})


def incoming_page(store: GraphStore, node: ox.NamedNode, limit: int, offset: int) -> tuple[list[ox.Quad], bool]:
    """Return up to limit statements about node from offset on (each once per graph it is in), and whether more follow."""
    pairs = [(row["s"], row["p"]) for row in store.select(INCOMING % {"iri": node, "limit": limit + 1, "offset": offset})]
    more, pairs = len(pairs) > limit, pairs[:limit]
    if not pairs:
        return [], more
    wanted = set(pairs)
    subjects = sorted({str(subject) for subject, _ in pairs if isinstance(subject, ox.NamedNode)})
    rows = store.select(INCOMING_GRAPHS % {"subjects": " ".join(subjects), "iri": node}) if subjects else []
    if any(isinstance(subject, ox.BlankNode) for subject, _ in pairs):  # VALUES cannot name a blank node
        rows += store.select(INCOMING_BLANK_GRAPHS % {"iri": node})
    quads = [ox.Quad(row["s"], row["p"], node, row["g"]) for row in rows if (row["s"], row["p"]) in wanted]
    return sorted(quads, key=lambda q: (q.predicate.value, str(q.subject), q.graph_name.value)), more


def count_incoming(store: GraphStore, iri: str) -> dict[str, int]:
    """Return how many statements about iri each property makes (each statement once, whatever its graphs)."""
    rows = store.select(INCOMING_COUNTS % {"iri": ox.NamedNode(iri)})
    return {row["p"].value: int(row["n"].value) for row in rows}


def name_statements(store: GraphStore, iris: list[ox.NamedNode]) -> list[ox.Quad]:
    """Return the label statements of iris, each with its graph."""
    if not iris:
        return []
    query = NAMES % {"iris": " ".join(map(str, iris)), "labels": ", ".join(f"<{p}>" for p in LABELS)}
    return [ox.Quad(row["x"], row["p"], row["label"], row["g"]) for row in store.select(query)]


def labels_in(quads: tuple[ox.Quad, ...] | list[ox.Quad]) -> dict[str, dict[str, str]]:
    """Map each subject that has labels among quads to its first label per language."""
    found: dict[str, dict[str, str]] = {}
    for quad in quads:
        if quad.predicate.value in LABELS and isinstance(quad.object, ox.Literal):
            found.setdefault(quad.subject.value, {}).setdefault(quad.object.language or "", quad.object.value)
    return found


def graph_contents(store: GraphStore, graph_iri: str, limit: int, offset: int = 0) -> tuple[list[ox.Quad], bool]:
    """Return up to limit statements of one named graph from offset on, and whether more follow."""
    graph = ox.NamedNode(graph_iri)
    rows = store.select(GRAPH_CONTENTS % {"graph": graph, "limit": limit + 1, "offset": offset})
    return [ox.Quad(row["s"], row["p"], row["o"], graph) for row in rows[:limit]], len(rows) > limit


@dataclass(frozen=True)
class Annotation:
    """Why the curators state something: their note (by language) and the outside source they took it from."""

    notes: dict[str, str]
    outside: tuple[str, ...]


def annotations(store: GraphStore, iri: str, base_iri: str) -> dict[tuple[str, str, str], Annotation]:
    """Return the curators' annotations of statements from or to iri, by (subject, property, object) as N-Triples terms."""
    found: dict[tuple[str, str, str], dict] = {}
    for row in store.select(ANNOTATIONS % {"iri": ox.NamedNode(iri), "lkg": base_iri + "ontology#"}):
        key = (str(row["s"]), str(row["p"]), str(row["o"]))
        entry = found.setdefault(key, {"notes": {}, "outside": set()})
        if "note" in row:
            entry["notes"][row["note"].language or ""] = row["note"].value
        if "outside" in row:
            entry["outside"].add(row["outside"].value)
    return {key: Annotation(value["notes"], tuple(sorted(value["outside"]))) for key, value in found.items()}


def annotation_statements(store: GraphStore, iri: str) -> list[ox.Quad]:
    """Return the curators' axiom annotations of statements from or to iri, whole, each in its named graph."""
    return [ox.Quad(row["s"], row["p"], row["o"], row["g"]) for row in store.select(ANNOTATION_STATEMENTS % {"iri": ox.NamedNode(iri)})]


def has_ontology_version(store: GraphStore, base_iri: str, version: str) -> bool:
    """Tell whether the ontology in store has the version IRI <base>ontology/<version>."""
    return store.ask(ONTOLOGY_VERSION % {"ontology": base_iri + "ontology", "version": base_iri + "ontology/" + version})
