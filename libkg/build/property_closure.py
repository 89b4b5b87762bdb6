"""Materialise what property axioms imply: super-properties, inverses, symmetric and transitive links.

The axioms are few and the data is large, so the closure is computed on the ontology first (which
property implies which, and in which direction), then applied to each triple once, semi-naively:
each round looks only at the triples the previous round added.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

PROPERTY_AXIOMS = """PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?p ?q ?flip ?transitive WHERE {
  { ?p rdfs:subPropertyOf ?q . BIND(false AS ?flip) }
  UNION { ?p owl:inverseOf ?q . BIND(true AS ?flip) }
  UNION { ?q owl:inverseOf ?p . BIND(true AS ?flip) }
  UNION { ?p a owl:SymmetricProperty . BIND(?p AS ?q) BIND(true AS ?flip) }
  UNION { ?p a owl:TransitiveProperty . BIND(true AS ?transitive) }
  FILTER(isIRI(?p))
}
"""

Step = tuple[ox.NamedNode, bool]


def property_closure(store: ox.Store) -> set[ox.Triple]:
    """Return every triple the property axioms imply from the store's triples and are not in it already."""
    direct, transitive = _axioms(store)
    implied = {p: _reachable(p, direct) for p in direct}
    predicates = set(implied) | {q for steps in implied.values() for q, _ in steps} | transitive
    known = {quad.triple for p in predicates for quad in store.quads_for_pattern(None, p, None, None)}
    chains = {p: {t for t in known if t.predicate == p} for p in transitive}
    derived: set[ox.Triple] = set()
    frontier: Iterable[ox.Triple] = list(known)
    while True:
        new = {t for t in _apply(frontier, implied) if t not in known}
        for p, links in chains.items():
            links |= {t for t in new if t.predicate == p}
            new |= {t for t in _transitive_links(p, links) if t not in known}
        if not new:
            return derived
        known |= new
        derived |= new
        frontier = new


def _axioms(store: ox.Store) -> tuple[dict[ox.NamedNode, set[Step]], set[ox.NamedNode]]:
    """Read, per property, the properties it directly implies (and whether subject and object swap)."""
    direct: dict[ox.NamedNode, set[Step]] = {}
    transitive: set[ox.NamedNode] = set()
    for row in store.query(PROPERTY_AXIOMS, use_default_graph_as_union=True):
        prop, target = row["p"], row["q"]
        if row["transitive"] is not None:
            transitive.add(prop)
            continue
        swapped = row["flip"].value == "true"
        if isinstance(target, ox.NamedNode) and (swapped or target != prop):
            direct.setdefault(prop, set()).add((target, swapped))
    return direct, transitive


def _reachable(start: ox.NamedNode, direct: dict[ox.NamedNode, set[Step]]) -> set[Step]:
    """Return every (property, swapped) a triple with predicate start implies, through any chain of axioms."""
    seen = {(start, False)}
    pending = [(start, False)]
    while pending:
        prop, swapped = pending.pop()
        for target, flips in direct.get(prop, ()):
            step = (target, swapped != flips)
            if step not in seen:
                seen.add(step)
                pending.append(step)
    seen.discard((start, False))
    return seen


def _apply(triples: Iterable[ox.Triple], implied: dict[ox.NamedNode, set[Step]]) -> Iterable[ox.Triple]:
    """Yield the triples each triple implies; swapped ones only where the object is not a literal."""
    for triple in triples:
        for target, swapped in implied.get(triple.predicate, ()):
            if not swapped:
                yield ox.Triple(triple.subject, target, triple.object)
            elif not isinstance(triple.object, ox.Literal):
                yield ox.Triple(triple.object, target, triple.subject)


def _transitive_links(prop: ox.NamedNode, links: set[ox.Triple]) -> Iterable[ox.Triple]:
    """Yield a prop c for every chain a prop b prop ... c in links, a and c distinct."""
    following: dict[object, set[object]] = {}
    for triple in links:
        following.setdefault(triple.subject, set()).add(triple.object)
    for start, firsts in following.items():
        reached, pending = set(firsts), list(firsts)
        while pending:
            for after in following.get(pending.pop(), ()):
                if after not in reached:
                    reached.add(after)
                    pending.append(after)
        yield from (ox.Triple(start, prop, end) for end in reached - firsts if end != start)
