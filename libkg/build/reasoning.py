"""Check OWL consistency (rules and HermiT) and materialise the inferences users query."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import owlready2
import pyoxigraph as ox

from libkg.errors import InconsistentOntology, ReasonerUnavailable, ReasoningGap
from libkg.build.property_closure import property_closure
from libkg.build.typing_rules import Typing

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
OWL_THING = "http://www.w3.org/2002/07/owl#Thing"
NAMED_INDIVIDUAL = ox.NamedNode("http://www.w3.org/2002/07/owl#NamedIndividual")
RDFS_RANGE = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#range")
# XSD datatypes outside the OWL 2 datatype map: HermiT refuses to parse their literals.
OUTSIDE_OWL2_DATATYPES = {
    "http://www.w3.org/2001/XMLSchema#" + name
    for name in ("gYear", "gYearMonth", "gMonth", "gMonthDay", "gDay", "date", "time", "duration")
}


def require_java() -> str:
    """Return the java executable HermiT will use, or say clearly that it is missing."""
    java = shutil.which(owlready2.JAVA_EXE) or shutil.which("java")
    if not java:
        raise ReasonerUnavailable(
            "HermiT (the OWL reasoner) needs Java, and no 'java' is on PATH. "
            "Install a Java runtime (Debian: apt-get install default-jre-headless); scripts/install does this."
        )
    owlready2.JAVA_EXE = java
    return java


def classify(quads: list[ox.Quad], ontology_graph: str, files_by_subject: dict[str, set[str]],
             abox_limit: int) -> dict[str, set[str]]:
    """Type every individual by rules and refuse disjoint memberships; HermiT checks the rest.

    HermiT realises the data too when it has at most abox_limit triples, and then every type it
    infers must also come from the rules, so that the rules never silently fall behind the ontology.
    Above the limit HermiT checks the ontology alone: its cost grows too fast with the data.
    """
    typing = Typing(quads, ontology_graph)
    types = typing.types()
    clashes = typing.disjoint_memberships(types)
    if clashes:
        raise InconsistentOntology([
            f"{_files(files_by_subject, individual)}: <{individual}> is both a <{a}> and a <{b}>, which are disjoint classes"
            for individual, a, b in clashes
        ])
    data = [q for q in quads if q.graph_name.value != ontology_graph]
    if len(data) > abox_limit:
        hermit_types([q for q in quads if q.graph_name.value == ontology_graph], ontology_graph)
        return types
    missed = sorted((individual, cls) for individual, found in hermit_types(quads, ontology_graph).items()
                    for cls in found - types.get(individual, set()))
    if missed:
        raise ReasoningGap([f"{_files(files_by_subject, individual)}: <{individual}> a <{cls}>" for individual, cls in missed])
    return types


def hermit_types(quads: list[ox.Quad], ontology_graph: str) -> dict[str, set[str]]:
    """Run HermiT over the quads; return each individual's named types, or raise if there is no model."""
    require_java()
    triples = [_within_owl2_datatypes(q) for q in quads if not _ranges_outside_owl2(q)]
    triples += _individual_declarations(quads, ontology_graph)
    with tempfile.TemporaryDirectory(prefix="libkg-owl-") as tmp:
        path = Path(tmp) / "union.nt"
        ox.serialize(triples, str(path), format=ox.RdfFormat.N_TRIPLES)
        world = owlready2.World()
        ontology = world.get_ontology(path.as_uri()).load()
        try:
            with ontology:
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError:
            raise InconsistentOntology([
                "HermiT found no model, though no individual is in two disjoint classes: check cardinality, "
                "functional-property and hasValue axioms against the data"
            ]) from None
        unsatisfiable = sorted(cls.iri for cls in world.inconsistent_classes())
        if unsatisfiable:
            raise InconsistentOntology([f"ontology/: <{iri}> can have no member (unsatisfiable class)" for iri in unsatisfiable])
        return _realised_types(world)


def _files(files_by_subject: dict[str, set[str]], subject: str) -> str:
    """Name the files that describe subject, for messages."""
    return ", ".join(sorted(files_by_subject.get(subject, ()))) or "(no file)"


def _ranges_outside_owl2(quad: ox.Quad) -> bool:
    """Tell whether quad sets a property range to a datatype HermiT rejects (SHACL checks those values)."""
    return quad.predicate == RDFS_RANGE and quad.object.value in OUTSIDE_OWL2_DATATYPES


def _within_owl2_datatypes(quad: ox.Quad) -> ox.Triple:
    """Return quad as a triple whose literal HermiT can parse: xsd:gYear and kin become plain strings."""
    value = quad.object
    if isinstance(value, ox.Literal) and value.datatype.value in OUTSIDE_OWL2_DATATYPES:
        value = ox.Literal(value.value)
    return ox.Triple(quad.subject, quad.predicate, value)


def _individual_declarations(quads: list[ox.Quad], ontology_graph: str) -> list[ox.Triple]:
    """Declare every data subject an owl:NamedIndividual, as OWL 2 DL asks and owlready2 needs."""
    subjects = {q.subject for q in quads if q.graph_name.value != ontology_graph and isinstance(q.subject, ox.NamedNode)}
    return [ox.Triple(subject, RDF_TYPE, NAMED_INDIVIDUAL) for subject in subjects]


def _realised_types(world: owlready2.World) -> dict[str, set[str]]:
    """Collect, per individual, every named class it belongs to after reasoning."""
    ancestors: dict[object, set[str]] = {}
    types: dict[str, set[str]] = {}
    for individual in world.individuals():
        found = set()
        for cls in individual.is_a:
            if isinstance(cls, owlready2.ThingClass):
                if cls not in ancestors:
                    ancestors[cls] = {a.iri for a in cls.ancestors() if isinstance(a, owlready2.ThingClass)}
                found |= ancestors[cls]
        found.discard(OWL_THING)
        types[individual.iri] = found
    return types


def materialise(asserted: ox.Store, types: dict[str, set[str]], graph: ox.NamedNode) -> list[ox.Quad]:
    """Derive types, super-properties, inverses, symmetric and transitive links not already asserted."""
    stated_types = {quad.triple for quad in asserted.quads_for_pattern(None, RDF_TYPE, None, None)}
    inferred = {
        ox.Triple(ox.NamedNode(individual), RDF_TYPE, ox.NamedNode(cls))
        for individual, classes in types.items()
        for cls in classes
    } - stated_types
    inferred |= property_closure(asserted)
    return [ox.Quad(t.subject, t.predicate, t.object, graph) for t in inferred]
