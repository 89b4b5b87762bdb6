"""An entity page's data: statements grouped by property, each with who makes it, and the neighbourhood as a graph."""

from __future__ import annotations

import pyoxigraph as ox

from libkg.explore.describe import RDF_TYPE, Annotation, Description
from libkg.explore.provenance import statement_origin
from libkg.explore.search import SearchIndex
from libkg.explore.terms import Terms
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


Key = tuple[str, str, str]

# The properties of OWL axiom annotations: a page shows the curators' reason beside the statement instead.
ANNOTATION_PROPERTIES = {"http://www.w3.org/2002/07/owl#" + name for name in ("annotatedSource", "annotatedProperty", "annotatedTarget")}


def statement_groups(description: Description, direction: str, index: SearchIndex, roles: dict[str, str],
                     study_of_graph: dict[str, str], notes: dict[tuple[str, str, str], Annotation],
                     restated: dict[Key, Key] | None = None) -> list[dict]:
    """Group one direction's statements by property: the other end of each, who makes it, and the curators' reason.

    A statement the reasoner only restates (restated maps it to the original) says which statement it restates
    ("restates"), and the original lists its restatements with who makes them ("restated_as").
    """
    restated = restated or {}
    graphs: dict[Key, list[ox.NamedNode]] = {}
    for quad in description.outgoing + description.incoming:
        graphs.setdefault(_key(quad.triple), []).append(quad.graph_name)
    echoes: dict[Key, list[Key]] = {}
    for echo, original in sorted(restated.items()):
        echoes.setdefault(original, []).append(echo)
    groups = []
    for predicate, rows in description.grouped(direction):
        if predicate.value in ANNOTATION_PROPERTIES:
            continue
        statements = []
        for triple, triple_graphs in rows:
            other = triple.object if direction == "outgoing" else triple.subject
            statement = {**term_data(other), "sources": sources(triple_graphs, roles, study_of_graph)}
            annotation = notes.get((str(triple.subject), str(triple.predicate), str(triple.object)))
            if annotation:
                statement["curator_note"] = {"notes": annotation.notes, "outside": list(annotation.outside)}
            key = _key(triple)
            if key in restated:
                statement["restates"] = _end(restated[key], description.iri)
            if key in echoes:
                statement["restated_as"] = [_end(echo, description.iri) | {"sources": sources(graphs[echo], roles, study_of_graph)}
                                            for echo in echoes[key]]
            statements.append(statement)
        groups.append({"property": predicate.value, "statements": statements})
    return sorted(groups, key=lambda group: _reading_order(group, index.base_iri))



def _key(triple: ox.Triple) -> Key:
    """Return a statement as comparable strings: IRIs by value, literals and blank nodes in N-Triples."""
    return tuple(term.value if isinstance(term, ox.NamedNode) else str(term) for term in triple)  # type: ignore[return-value]


def _end(key: Key, centre: str) -> dict:
    """Describe a statement as seen from the page's resource: its property, direction and other end."""
    subject, predicate, obj = key
    if subject == centre:
        return {"property": predicate, "direction": "outgoing", "other": obj}
    return {"property": predicate, "direction": "incoming", "other": subject}


def _reading_order(group: dict, base_iri: str) -> tuple:
    """Order property groups: types, then what sources and curators say (libkg's own properties first),
    then what only the reasoner adds."""
    own = group["property"].startswith(base_iri)
    only_reasoner = all(s["origin"] == REASONER for statement in group["statements"] for s in statement["sources"])
    return (group["property"] != RDF_TYPE, only_reasoner, not own, group["property"])


def restatements(description: Description, terms: Terms, roles: dict[str, str]) -> dict[Key, Key]:
    """Map each statement only the reasoner makes to the statement it restates, where the page holds that one:
    the same link by a broader property, the inverse link, or a broader type of a stated type."""
    origins: dict[Key, set[str]] = {}
    for quad in description.outgoing + description.incoming:
        key = _key(quad.triple)
        origins.setdefault(key, set()).add(statement_origin(quad.graph_name.value, roles))
    made = {key for key, found in origins.items() if found - {REASONER}}
    by_subject: dict[str, list[Key]] = {}
    for key in made:
        by_subject.setdefault(key[0], []).append(key)
    found: dict[Key, Key] = {}
    for key, origin in origins.items():
        if origin != {REASONER}:
            continue
        subject, predicate, obj = key
        inverse = terms.inverse_of(predicate)
        for original in by_subject.get(subject, []):
            if original[2] == obj and predicate in terms.ancestors(original[1]):
                found[key] = original
            elif predicate == original[1] == RDF_TYPE and obj in terms.ancestors(original[2]):
                found[key] = original
        for original in by_subject.get(obj, []) if inverse else []:
            if original[2] == subject and (original[1] == inverse or inverse in terms.ancestors(original[1])):
                found[key] = original
    return found


def neighbourhood_graph(description: Description, index: SearchIndex, roles: dict[str, str], terms: Terms | None = None) -> dict:
    """Return the resource and its IRI neighbours as nodes, the links between them as edges (types left out), and
    the neighbours grouped by how they are linked to the resource (direction, property and who makes the link).

    A link the reasoner only repeats (the inverse of a stated or curator link) is drawn once, as the original.
    Passages (the evidence) are nodes marked as such, in no group: the page quotes them.
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
    for edge in drawn:
        if edge["property"] == EVIDENCE % index.base_iri:
            nodes[edge["target"]]["passage"] = True
    return {"nodes": list(nodes.values()), "edges": drawn, "groups": neighbour_groups(centre, drawn, nodes, index.base_iri, terms)}


EVIDENCE = "%sontology#evidence"


def neighbour_groups(centre: str, edges: list[dict], nodes: dict[str, dict], base_iri: str, terms: Terms | None) -> list[dict]:
    """Group the resource's neighbours by the link that ties them to it: direction, property and who makes it.

    Groups come in reading order (stated before curators' before the reasoner's, links out before links in, libkg's
    own properties first); a neighbour linked in several ways is in the first of its groups only.
    """
    found: dict[tuple[str, str, str], list[str]] = {}
    for edge in edges:
        if centre not in (edge["source"], edge["target"]) or edge["property"] == EVIDENCE % base_iri:
            continue
        direction, other = ("out", edge["target"]) if edge["source"] == centre else ("in", edge["source"])
        found.setdefault((direction, edge["property"], edge["origin"]), []).append(other)
    order = sorted(found, key=lambda k: (ROLES.index(k[2]), k[0] != "out", not k[1].startswith(base_iri), k[1]))
    placed: set[str] = set()
    groups = []
    for direction, predicate, origin in order:
        members = [m for m in found[(direction, predicate, origin)] if m not in placed and not nodes[m].get("passage")]
        placed.update(members)
        if members:
            groups.append({"id": f"group-{len(groups)}", "direction": direction, "property": predicate, "origin": origin,
                           "inverse": terms.inverse_of(predicate) if terms else None, "members": members})
    return groups


def entity_data(description: Description, index: SearchIndex, roles: dict[str, str],
                notes: dict[tuple[str, str, str], Annotation], terms: Terms | None = None) -> dict:
    """Return everything an entity page shows, as JSON-ready data (the page's JSON twin)."""
    entry = index.by_iri.get(description.iri)
    restated = restatements(description, terms, roles) if terms else {}
    return {
        "iri": description.iri,
        "labels": index.labels(description.iri),
        "definitions": entry.definitions if entry else {},
        "kind": entry.kind if entry else None,
        "studies": entry.studies if entry else [],
        "outgoing": statement_groups(description, "outgoing", index, roles, index.study_graphs, notes, restated),
        "incoming": statement_groups(description, "incoming", index, roles, index.study_graphs, notes, restated),
        "graph": neighbourhood_graph(description, index, roles, terms),
        "truncated": description.truncated,
    }
