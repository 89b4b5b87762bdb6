"""What-if measurements behind the recommendations, each printed as one JSON object.

    typing  --root R [--hermit-types T.json]: rule-based typing (libkg/typing_rules.py) alone,
            its agreement with HermiT's types, and a disjointness query over the typed data that
            would stand in for HermiT's consistency check.
    shacl   --root R: pyshacl with the project's shapes, then without the language-coverage shapes
            (sh:qualifiedValueShape with EnglishText/ChineseText) and the SPARQL-targeted language-tag
            shape, plus those checks as SPARQL queries in pyoxigraph (LANGUAGE_CHECKS).
"""

from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path

import pyoxigraph as ox
import rdflib
from pyshacl import validate
from libkg.config import Settings
from libkg.build.parsing import parse_source
from libkg.build.reasoning import RDF_TYPE
from libkg.build.sources import discover
from libkg.build.typing_rules import Typing


# Consistency as a query once types are materialised: an individual in two disjoint classes.
DISJOINT_TYPES = """PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT DISTINCT ?x ?a ?b WHERE {
  { ?a owl:disjointWith ?b }
  UNION { ?d a owl:AllDisjointClasses ; owl:members ?l . ?l rdf:rest*/rdf:first ?a . ?l rdf:rest*/rdf:first ?b . FILTER(STR(?a) < STR(?b)) }
  ?x a ?a , ?b .
}"""


LANGUAGE_PROLOGUE = """PREFIX lkg: <https://w3id.org/libkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
LABELLED = ("lkg:Organization lkg:Person lkg:UserGroup lkg:Place lkg:Service lkg:Study lkg:Journal lkg:CitationIndex "
            "lkg:Document lkg:Sample lkg:Case lkg:Claim skos:Concept skos:ConceptScheme")
DEFINED = "lkg:Claim skos:Concept lkg:Study lkg:Sample lkg:Case lkg:Service"
# The language rules of shapes/libkg-shapes.ttl that pyshacl spends most of its time on, as queries.
LANGUAGE_CHECKS = {
    "language-tags": "SELECT ?node ?property ?value WHERE { ?node ?property ?value . "
                     "FILTER(isLiteral(?value) && lang(?value) != '' && !(lcase(lang(?value)) IN ('en', 'zh'))) }",
    "one-label-per-language": LANGUAGE_PROLOGUE + """SELECT DISTINCT ?node ?language WHERE {
  { VALUES ?target { %s } ?node a ?class . ?class rdfs:subClassOf* ?target } UNION { ?node rdfs:isDefinedBy ?ontology }
  VALUES ?language { "en" "zh" }
  { SELECT ?node ?language (COUNT(?label) AS ?labels) WHERE { ?node rdfs:label ?label . BIND(lang(?label) AS ?language) }
    GROUP BY ?node ?language }
  FILTER(?labels != 1)
}""" % LABELLED,
    "missing-label": LANGUAGE_PROLOGUE + """SELECT DISTINCT ?node ?language WHERE {
  { VALUES ?target { %s } ?node a ?class . ?class rdfs:subClassOf* ?target } UNION { ?node rdfs:isDefinedBy ?ontology }
  VALUES ?language { "en" "zh" }
  FILTER NOT EXISTS { ?node rdfs:label ?label . FILTER(lang(?label) = ?language) }
}""" % LABELLED,
    "missing-definition": LANGUAGE_PROLOGUE + """SELECT DISTINCT ?node ?language WHERE {
  { VALUES ?target { %s } ?node a ?class . ?class rdfs:subClassOf* ?target } UNION { ?node rdfs:isDefinedBy ?ontology }
  VALUES ?language { "en" "zh" }
  FILTER NOT EXISTS { ?node skos:definition ?text . FILTER(lang(?text) = ?language) }
}""" % DEFINED,
    "missing-pref-label-or-purpose": LANGUAGE_PROLOGUE + """SELECT DISTINCT ?node ?property ?language WHERE {
  { ?node a ?class . ?class rdfs:subClassOf* skos:Concept . BIND(skos:prefLabel AS ?property) }
  UNION { ?node a ?class . ?class rdfs:subClassOf* lkg:Strategy . BIND(lkg:statedPurpose AS ?property) }
  VALUES ?language { "en" "zh" }
  FILTER NOT EXISTS { ?node ?property ?text . FILTER(lang(?text) = ?language) }
}""",
}


def peak_mb() -> float:
    """Return this process's peak resident memory since the last reset, in MiB."""
    return int(re.search(r"VmHWM:\s+(\d+)", Path("/proc/self/status").read_text()).group(1)) / 1024


def reset_peak() -> None:
    """Reset the kernel's peak-RSS counter for this process (Linux clear_refs)."""
    Path("/proc/self/clear_refs").write_text("5")


def typing(root: Path, hermit_types: Path | None) -> dict:
    """Time rule typing and the disjointness query on a project; compare with HermiT's types if given."""
    sources = discover(Settings(root=root))
    quads = [q for source in sources.graph_files for q in parse_source(source)]
    reset_peak()
    started = time.perf_counter()
    types = Typing(quads, sources.ontology[0].graph).types()
    result = {"rule_typing_seconds": round(time.perf_counter() - started, 3), "rule_typing_peak_rss_mb": round(peak_mb(), 1),
              "individuals_typed": sum(1 for v in types.values() if v)}
    store = ox.Store()
    store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object) for q in quads)
    store.bulk_extend(ox.Quad(ox.NamedNode(x), RDF_TYPE, ox.NamedNode(c)) for x, classes in types.items() for c in classes)
    started = time.perf_counter()
    clashes = list(store.query(DISJOINT_TYPES))
    result |= {"disjointness_query_seconds": round(time.perf_counter() - started, 3), "disjointness_rows": len(clashes)}
    if hermit_types and hermit_types.exists():
        hermit = {k: set(v) for k, v in json.loads(hermit_types.read_text()).items() if v}
        rules = {k: v for k, v in types.items() if v}
        result |= {"hermit_individuals_typed": len(hermit),
                   "types_missing_vs_hermit": sum(len(v - rules.get(k, set())) for k, v in hermit.items()),
                   "types_extra_vs_hermit": sum(len(v - hermit.get(k, set())) for k, v in rules.items())}
    return result


def structural_shapes(shapes: rdflib.Graph) -> rdflib.Graph:
    """Return the shapes without language-coverage property shapes, sh:sparql constraints and SPARQL-targeted shapes."""
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    kept = rdflib.Graph()
    for triple in shapes:
        kept.add(triple)
    for shape, _, property_shape in list(shapes.triples((None, sh.property, None))):
        if (property_shape, sh.qualifiedValueShape, None) in shapes:
            kept.remove((shape, sh.property, property_shape))
    kept.remove((None, sh.sparql, None))
    # Shapes with a SPARQL target (the language-tag shape) go whole: their target query scans all data.
    for shape in list(shapes.subjects(sh.target, None)):
        kept.remove((shape, None, None))
    return kept


def shacl(root: Path) -> dict:
    """Time pyshacl with all shapes, with structural shapes only, and the language checks as SPARQL."""
    sources = discover(Settings(root=root))
    quads = [q for source in sources.graph_files for q in parse_source(source)]
    shapes = rdflib.Graph()
    for source in sources.shapes:
        shapes.parse(source.path, format="turtle")
    data = rdflib.Graph().parse(data=ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES), format="nt")
    sh, result = rdflib.SH, {}
    for name, graph in (("pyshacl_all_shapes", shapes), ("pyshacl_structural_shapes", structural_shapes(shapes))):
        started, started_cpu = time.perf_counter(), time.process_time()
        _, report, _ = validate(data, shacl_graph=graph, inference="none", advanced=True, allow_warnings=True)
        violations = sum(1 for r in report.subjects(rdflib.RDF.type, sh.ValidationResult) if report.value(r, sh.resultSeverity) == sh.Violation)
        result[name] = {"seconds": round(time.perf_counter() - started, 3), "cpu_seconds": round(time.process_time() - started_cpu, 3),
                        "violations": violations}
    store = ox.Store()
    store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object) for q in quads)
    checks = {}
    for name, query in LANGUAGE_CHECKS.items():
        started, started_cpu = time.perf_counter(), time.process_time()
        rows = len(list(store.query(query)))
        checks[name] = {"seconds": round(time.perf_counter() - started, 3), "cpu_seconds": round(time.process_time() - started_cpu, 3),
                        "rows": rows}
    result["language_checks_in_pyoxigraph"] = checks
    result["language_checks_total_seconds"] = round(sum(c["seconds"] for c in checks.values()), 3)
    return result


def main() -> None:
    """Run one experiment and print its JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("experiment", choices=["typing", "shacl"])
    parser.add_argument("--root", type=Path, required=True)
    parser.add_argument("--hermit-types", type=Path)
    args = parser.parse_args()
    print(json.dumps(typing(args.root, args.hermit_types) if args.experiment == "typing" else shacl(args.root)))


if __name__ == "__main__":
    main()
