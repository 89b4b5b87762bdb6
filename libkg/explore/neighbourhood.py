"""An entity page's data: statements grouped by property, each with who makes it, and the neighbourhood as a graph."""

from __future__ import annotations

import pyoxigraph as ox

from libkg.explore.describe import RDF_TYPE, Annotation, Description
from libkg.explore.provenance import statement_origin
from libkg.explore.search import SearchIndex
from libkg.namespaces import REASONER, ROLES


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


def sources(graphs: list[ox.NamedNode], roles: dict[str, str], study_of_graph: dict[str, str]) -> list[dict]:
    """Say, for each graph a statement is in, who makes it and (for a study's graph) which study."""
    found = [{"graph": g.value, "origin": statement_origin(g.value, roles), "study": study_of_graph.get(g.value)}
             for g in graphs]
    return sorted(found, key=lambda s: (ROLES.index(s["origin"]), s["graph"]))


# The properties of OWL axiom annotations: a page shows the curators' reason beside the statement instead.
ANNOTATION_PROPERTIES = {"http://www.w3.org/2002/07/owl#" + name for name in ("annotatedSource", "annotatedProperty", "annotatedTarget")}


def statement_groups(description: Description, direction: str, index: SearchIndex, roles: dict[str, str],
                     study_of_graph: dict[str, str], notes: dict[tuple[str, str, str], Annotation]) -> list[dict]:
    """Group one direction's statements by property: the other end of each, who makes it, and the curators' reason."""
    groups = []
    for predicate, rows in description.grouped(direction):
        if predicate.value in ANNOTATION_PROPERTIES:
            continue
        statements = []
        for triple, graphs in rows:
            other = triple.object if direction == "outgoing" else triple.subject
            statement = {**term_data(other), "sources": sources(graphs, roles, study_of_graph)}
            annotation = notes.get((str(triple.subject), str(triple.predicate), str(triple.object)))
            if annotation:
                statement["curator_note"] = {"notes": annotation.notes, "outside": list(annotation.outside)}
            statements.append(statement)
        groups.append({"property": predicate.value, "statements": statements})
    return sorted(groups, key=lambda group: _reading_order(group, index.base_iri))


def _reading_order(group: dict, base_iri: str) -> tuple:
    """Order property groups: types, then what sources and curators say (libkg's own properties first),
    then what only the reasoner adds."""
    own = group["property"].startswith(base_iri)
    only_reasoner = all(s["origin"] == REASONER for statement in group["statements"] for s in statement["sources"])
    return (group["property"] != RDF_TYPE, only_reasoner, not own, group["property"])


def neighbourhood_graph(description: Description, index: SearchIndex, roles: dict[str, str]) -> dict:
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
        edges.setdefault(key, set()).add(statement_origin(quad.graph_name.value, roles))
    made_by_others = {frozenset((s, o)) for (s, _, o), origins in edges.items() if origins - {REASONER}}
    drawn = []
    for (subject, predicate, obj), origins in sorted(edges.items()):
        if origins == {REASONER} and frozenset((subject, obj)) in made_by_others:
            continue
        for end in (subject, obj):
            nodes.setdefault(end, {"id": end})
        drawn.append({"source": subject, "target": obj, "property": predicate,
                      "origin": next(origin for origin in ROLES if origin in origins)})
    for node in nodes.values():
        entry = index.by_iri.get(node["id"])
        node["labels"] = index.labels(node["id"])
        node["kind"] = entry.kind if entry else None
    return {"nodes": list(nodes.values()), "edges": drawn}


def entity_data(description: Description, index: SearchIndex, roles: dict[str, str],
                notes: dict[tuple[str, str, str], Annotation]) -> dict:
    """Return everything an entity page shows, as JSON-ready data (the page's JSON twin)."""
    entry = index.by_iri.get(description.iri)
    return {
        "iri": description.iri,
        "labels": index.labels(description.iri),
        "definitions": entry.definitions if entry else {},
        "kind": entry.kind if entry else None,
        "studies": entry.studies if entry else [],
        "outgoing": statement_groups(description, "outgoing", index, roles, index.study_graphs, notes),
        "incoming": statement_groups(description, "incoming", index, roles, index.study_graphs, notes),
        "graph": neighbourhood_graph(description, index, roles),
        "truncated": description.truncated,
    }
