"""What the explorer's browse pages show: the class tree with instance counts and each concept scheme as a tree."""

from __future__ import annotations

from dataclasses import dataclass, field

from libkg.namespaces import prefixes, sparql_prologue
from libkg.explore.provenance import statement_origin
from libkg.explore.search import SearchIndex
from libkg.query.store import GraphStore


@dataclass
class Node:
    """One class or concept in a tree, with a count and its children."""

    iri: str
    count: int = 0
    children: list["Node"] = field(default_factory=list)

    def total(self) -> int:
        """Return the number of nodes in this subtree, itself included."""
        return 1 + sum(child.total() for child in self.children)


@dataclass
class Scheme:
    """A SKOS concept scheme and its concepts as a tree (top concepts at the root)."""

    iri: str
    roots: list[Node]

    def size(self) -> int:
        """Return how many concepts the tree shows."""
        return sum(root.total() for root in self.roots)


SCHEMES = """
SELECT ?scheme ?concept ?top ?broader ?uses WHERE {
  ?scheme a skos:ConceptScheme .
  ?concept skos:inScheme ?scheme .
  BIND(EXISTS { { ?scheme skos:hasTopConcept ?concept } UNION { ?concept skos:topConceptOf ?scheme } } AS ?top)
  OPTIONAL { ?concept skos:broader ?broader . ?broader skos:inScheme ?scheme }
  OPTIONAL {
    SELECT ?concept (COUNT(*) AS ?uses) WHERE {
      GRAPH ?g { ?user ?p ?concept }
      FILTER(?g != graph:inferred && !STRSTARTS(STR(?p), STR(skos:)))
    } GROUP BY ?concept
  }
}
"""


def class_tree(index: SearchIndex, counts: dict[str, int]) -> list[Node]:
    """Return the lkg: classes as a forest (a class under each of its lkg: superclasses), with instance counts."""
    classes = {iri: kind for iri, kind in index.kinds.items() if iri.startswith(prefixes(index.base_iri)["lkg"])}

    def node(iri: str, path: frozenset) -> Node:
        children = sorted((c for c, k in classes.items() if iri in k["parents"] and c not in path), key=index.kind_order)
        return Node(iri, counts.get(iri, 0), [node(child, path | {child}) for child in children])

    roots = sorted((c for c, k in classes.items() if not k["parents"]), key=index.kind_order)
    return [node(root, frozenset({root})) for root in roots]


def scheme_trees(store: GraphStore, index: SearchIndex) -> list[Scheme]:
    """Return every concept scheme as a tree of its concepts by skos:broader, each with how often data uses it."""
    prologue = sparql_prologue(index.base_iri)
    members: dict[str, dict[str, dict]] = {}
    for row in store.select(prologue + SCHEMES):
        concept = members.setdefault(row["scheme"].value, {}).setdefault(
            row["concept"].value, {"top": False, "broader": set(), "uses": 0})
        concept["top"] |= row["top"].value == "true"
        concept["uses"] = int(row["uses"].value) if "uses" in row else concept["uses"]
        if "broader" in row:
            concept["broader"].add(row["broader"].value)

    def label(iri: str) -> str:
        return index.labels(iri).get("en", iri).casefold()

    def grow(scheme: dict[str, dict], iri: str, path: frozenset) -> Node:
        narrower = sorted((c for c, v in scheme.items() if iri in v["broader"] and c not in path), key=label)
        return Node(iri, scheme[iri]["uses"], [grow(scheme, child, path | {child}) for child in narrower])

    trees = []
    for scheme_iri, scheme in members.items():
        roots = sorted((c for c, v in scheme.items() if v["top"] or not v["broader"]), key=label)
        trees.append(Scheme(scheme_iri, [grow(scheme, root, frozenset({root})) for root in roots]))
    return sorted(trees, key=lambda tree: label(tree.iri))


@dataclass(frozen=True)
class Link:
    """A link between two claims that a study page shows beside an item, with who made it."""

    property: str
    other: str
    origin: str


OPEN_LISTS = "SELECT ?study ?kind WHERE { ?study lkg:openListOf ?kind }"
STUDY_SOURCE = "SELECT ?source WHERE { <%(study)s> lkg:sourceText ?source }"


def open_lists(store: GraphStore, base_iri: str) -> dict[str, set[str]]:
    """Return, for each study, the kinds of item it lists openly (so the graph may hold fewer than the study counts)."""
    found: dict[str, set[str]] = {}
    for row in store.select(sparql_prologue(base_iri) + OPEN_LISTS):
        found.setdefault(row["study"].value, set()).add(row["kind"].value)
    return found


def study_source(store: GraphStore, base_iri: str, study: str) -> str | None:
    """Return the source text a study was read from, if the graph records one."""
    rows = store.select(sparql_prologue(base_iri) + STUDY_SOURCE % {"study": study})
    return rows[0]["source"].value if rows else None


# The links that tie a study's claims together: remedies to problems and themes, lessons to their grounds.
STUDY_LINKS = """
SELECT DISTINCT ?s ?p ?o ?g ?inverse WHERE {
  VALUES ?p { lkg:addresses lkg:hasTheme lkg:drawnFrom lkg:contributesTo }
  { ?s lkg:reportedIn <%(study)s> . GRAPH ?g { ?s ?p ?o } } UNION { ?o lkg:reportedIn <%(study)s> . GRAPH ?g { ?s ?p ?o } }
  FILTER(?g != graph:inferred)
  OPTIONAL { { ?p owl:inverseOf ?inverse } UNION { ?inverse owl:inverseOf ?p } }
}
ORDER BY ?s ?p ?o
"""


def study_links(store: GraphStore, base_iri: str, study: str, roles: dict[str, str]) -> dict[str, list[Link]]:
    """Return, for each item a study reports, its links both ways (incoming ones named by their inverse where there is one)."""
    prologue = sparql_prologue(base_iri)
    links: dict[str, list[Link]] = {}
    for row in store.select(prologue + STUDY_LINKS % {"study": study}):
        origin = statement_origin(row["g"].value, roles)
        subject, predicate, obj = row["s"].value, row["p"].value, row["o"].value
        links.setdefault(subject, []).append(Link(predicate, obj, origin))
        if "inverse" in row:
            links.setdefault(obj, []).append(Link(row["inverse"].value, subject, origin))
    return links
