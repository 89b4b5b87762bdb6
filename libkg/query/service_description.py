"""Describe the SPARQL endpoint with the W3C Service Description vocabulary."""

from __future__ import annotations

import pyoxigraph as ox

from libkg.formats import RDF_FORMATS, RESULT_FORMATS, W3C_FORMATS
from libkg.query.guard import read_query
from libkg.query.questions import CompetencyQuestion

SD = "http://www.w3.org/ns/sparql-service-description#"
SH = "http://www.w3.org/ns/shacl#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_COMMENT = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment")
SCHEMA_TARGET = ox.NamedNode("https://schema.org/target")

EXECUTABLE_TEXT = {"select": "select", "ask": "ask", "graph": "construct"}


def describe_service(endpoint: str, graphs: list[str], examples: list[CompetencyQuestion]) -> list[ox.Triple]:
    """Return the sd:Service description: languages, formats, dataset and example queries."""
    service = ox.NamedNode(endpoint + "#service")
    dataset = ox.BlankNode("dataset")
    default_graph = ox.BlankNode("default")
    triples = [
        ox.Triple(service, RDF_TYPE, ox.NamedNode(SD + "Service")),
        ox.Triple(service, ox.NamedNode(SD + "endpoint"), ox.NamedNode(endpoint)),
        ox.Triple(service, ox.NamedNode(SD + "supportedLanguage"), ox.NamedNode(SD + "SPARQL11Query")),
        ox.Triple(service, ox.NamedNode(SD + "feature"), ox.NamedNode(SD + "UnionDefaultGraph")),
        ox.Triple(service, ox.NamedNode(SD + "defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE, ox.NamedNode(SD + "Dataset")),
        ox.Triple(dataset, ox.NamedNode(SD + "defaultGraph"), default_graph),
        ox.Triple(default_graph, RDF_TYPE, ox.NamedNode(SD + "Graph")),
        ox.Triple(default_graph, RDFS_COMMENT, ox.Literal("The union of all named graphs.", language="en")),
        ox.Triple(default_graph, RDFS_COMMENT, ox.Literal("所有命名图的并集。", language="zh")),
    ]
    triples += [ox.Triple(service, ox.NamedNode(SD + "resultFormat"), ox.NamedNode(W3C_FORMATS + f.w3c))
                for f in RESULT_FORMATS + RDF_FORMATS]
    for index, graph in enumerate(sorted(graphs)):
        named = ox.BlankNode(f"graph{index}")
        triples += [
            ox.Triple(dataset, ox.NamedNode(SD + "namedGraph"), named),
            ox.Triple(named, RDF_TYPE, ox.NamedNode(SD + "NamedGraph")),
            ox.Triple(named, ox.NamedNode(SD + "name"), ox.NamedNode(graph)),
        ]
    for question in examples:
        example = ox.NamedNode(f"{endpoint}/examples#{question.slug}")
        triples += [
            ox.Triple(example, RDF_TYPE, ox.NamedNode(SH + "SPARQLExecutable")),
            ox.Triple(example, RDFS_COMMENT, ox.Literal(question.question_en, language="en")),
            ox.Triple(example, ox.NamedNode(SH + EXECUTABLE_TEXT[read_query(question.query).form]), ox.Literal(question.query)),
            ox.Triple(example, SCHEMA_TARGET, ox.NamedNode(endpoint)),
        ]
        if question.question_zh:
            triples.append(ox.Triple(example, RDFS_COMMENT, ox.Literal(question.question_zh, language="zh")))
    return triples
