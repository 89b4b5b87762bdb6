"""An entity page's data: statements grouped by property, each with who makes it, and the neighbourhood as a graph."""

from __future__ import annotations

import pyoxigraph as ox

from libkg.explore.describe import RDF_TYPE, Description
from libkg.explore.provenance import CURATOR, REASONER, STATED, statement_origin
from libkg.explore.search import SearchIndex

# The order in which a statement's makers are shown, and the one a graph edge takes when several make it.
ORIGINS = (STATED, CURATOR, REASONER)


def term_data(term: ox.NamedNode | ox.Literal | ox.BlankNode) -> dict:
    """Describe a term as JSON: an IRI, a literal with its language or datatype, or a blank node."""
    if isinstance(term, ox.NamedNode):
        return {"iri": term.value}
    if isinstance(term, ox.Literal):
        data = {"value": term.value}
        if term.language:
            data["lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            data["datatype"] = term.datatype.value
        return data
    return {"blank": term.value}


def sources(graphs: list[ox.NamedNode], index: SearchIndex, study_of_graph: dict[str, str]) -> list[dict]:
    """Say, for each graph a statement is in, who makes it and (for a study's graph) which study."""
    found = [{"graph": g.value, "origin": statement_origin(g.value, index.base_iri), "study": study_of_graph.get(g.value)}
             for g in graphs]
    return sorted(found, key=lambda s: (ORIGINS.index(s["origin"]), s["graph"]))


def statement_groups(description: Description, direction: str, index: SearchIndex,
                     study_of_graph: dict[str, str]) -> list[dict]:
    """Group one direction's statements by property: the other end of each, and who makes it."""
    groups = []
    for predicate, rows in description.grouped(direction):
        statements = []
        for triple, graphs in rows:
            other = triple.object if direction == "outgoing" else triple.subject
            statements.append({**term_data(other), "sources": sources(graphs, index, study_of_graph)})
        groups.append({"property": predicate.value, "statements": statements})
    return sorted(groups, key=lambda group: _reading_order(group, index.base_iri))


def _reading_order(group: dict, base_iri: str) -> tuple:
    """Order property groups: types, then what sources and curators say (libkg's own properties first),
    then what only the reasoner adds."""
    own = group["property"].startswith(base_iri)
    only_reasoner = all(s["origin"] == REASONER for statement in group["statements"] for s in statement["sources"])
    return (group["property"] != RDF_TYPE, only_reasoner, not own, group["property"])


def neighbourhood_graph(description: Description, index: SearchIndex, study_of_graph: dict[str, str]) -> dict:
    """Return the resource and its IRI neighbours as nodes, and the links between them as edges (types left out).

    A link the reasoner only repeats (the inverse of a stated or curator link) is drawn once, as the original.
    """
    centre = description.iri
    nodes = {centre: {"id": centre, "centre": True}}
    edges: dict[tuple[str, str, str], set[str]] = {}
    for quad in description.outgoing + description.incoming:
        if quad.predicate.value == RDF_TYPE or not isinstance(quad.subject, ox.NamedNode) \
                or not isinstance(quad.object, ox.NamedNode) or quad.subject == quad.object:
            continue
        key = (quad.subject.value, quad.predicate.value, quad.object.value)
        edges.setdefault(key, set()).add(statement_origin(quad.graph_name.value, index.base_iri))
    made_by_others = {frozenset((s, o)) for (s, _, o), origins in edges.items() if origins - {REASONER}}
    drawn = []
    for (subject, predicate, obj), origins in sorted(edges.items()):
        if origins == {REASONER} and frozenset((subject, obj)) in made_by_others:
            continue
        for end in (subject, obj):
            nodes.setdefault(end, {"id": end})
        drawn.append({"source": subject, "target": obj, "property": predicate,
                      "origin": next(origin for origin in ORIGINS if origin in origins)})
    for node in nodes.values():
        entry = index.by_iri.get(node["id"])
        node["labels"] = index.labels(node["id"])
        node["kind"] = entry.kind if entry else None
    return {"nodes": list(nodes.values()), "edges": drawn}


def entity_data(description: Description, index: SearchIndex, study_of_graph: dict[str, str]) -> dict:
    """Return everything an entity page shows, as JSON-ready data (the page's JSON twin)."""
    entry = index.by_iri.get(description.iri)
    return {
        "iri": description.iri,
        "labels": index.labels(description.iri),
        "definitions": entry.definitions if entry else {},
        "kind": entry.kind if entry else None,
        "studies": entry.studies if entry else [],
        "outgoing": statement_groups(description, "outgoing", index, study_of_graph),
        "incoming": statement_groups(description, "incoming", index, study_of_graph),
        "graph": neighbourhood_graph(description, index, study_of_graph),
        "truncated": description.truncated,
    }
