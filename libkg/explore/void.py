"""Describe the dataset in VoID and DCAT: statistics counted at build time, links filled in when served."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from libkg.namespaces import EXTERNAL_PREFIXES
from libkg.formats import GZIP, compressed, file_format
from libkg.explore.stats import INSTANCES_PER_CLASS
from libkg.query.store import GraphStore

VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
SPDX = "http://spdx.org/rdf/terms#"
DCTERMS = EXTERNAL_PREFIXES["dcterms"]
XSD = EXTERNAL_PREFIXES["xsd"]
RDF_TYPE = ox.NamedNode(EXTERNAL_PREFIXES["rdf"] + "type")
MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"
VOID_PREFIXES = {"void": VOID, "dcat": DCAT, "spdx": SPDX}

TITLE = {"en": "libkg: a knowledge graph of library services", "zh": "libkg：图书馆服务知识图谱"}
COUNTS = ("triples", "entities", "classes", "properties", "distinctSubjects", "distinctObjects")

_MEASURES = """
(COUNT(*) AS ?triples) (COUNT(DISTINCT ?entity) AS ?entities) (COUNT(DISTINCT ?class) AS ?classes)
(COUNT(DISTINCT ?p) AS ?properties) (COUNT(DISTINCT ?s) AS ?distinctSubjects) (COUNT(DISTINCT ?o) AS ?distinctObjects)
"""
_ROLES = "BIND(IF(isIRI(?s), ?s, ?none) AS ?entity) BIND(IF(?p = rdf:type, ?o, ?none) AS ?class)"
PREFIX_RDF = "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
PER_GRAPH = PREFIX_RDF + f"SELECT ?g {_MEASURES} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_ROLES} }} GROUP BY ?g ORDER BY ?g"
WHOLE = PREFIX_RDF + f"SELECT {_MEASURES} WHERE {{ {{ SELECT DISTINCT ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }} }} {_ROLES} }}"
LICENCE = "SELECT ?licence WHERE { <%(ontology)s> <http://purl.org/dc/terms/license> ?licence }"
STUDIES = "SELECT DISTINCT ?study WHERE { ?study a <%(study)s> } ORDER BY ?study"


def dataset_statistics(store: GraphStore, base_iri: str) -> dict:
    """Count triples, entities, classes and properties for the dataset and each named graph (the slow part)."""
    licences = store.select(LICENCE % {"ontology": base_iri + "ontology"})
    return {
        "dataset": _counts(store.select(WHOLE)[0]),
        "graphs": {row["g"].value: _counts(row) for row in store.select(PER_GRAPH)},
        "class_partitions": {row["class"].value: int(row["instances"].value) for row in store.select(INSTANCES_PER_CLASS)},
        "licence": licences[0]["licence"].value if licences else None,
        "examples": [row["study"].value for row in store.select(STUDIES % {"study": base_iri + "ontology#Study"})],
    }


def _counts(row: dict) -> dict[str, int]:
    """Read the measures of one result row."""
    return {name: int(row[name].value) for name in COUNTS}


@dataclass(frozen=True)
class Distribution:
    """One downloadable file of the dataset, or of one named graph."""

    name: str
    url: str
    media_type: str
    bytes: int
    sha256: str
    graph: str | None


@dataclass(frozen=True)
class DatasetDescription:
    """Everything the VoID document says, built once and rendered as HTML or RDF."""

    iri: str
    title: dict[str, str]
    licence: str | None
    modified: str | None
    sparql_endpoint: str
    uri_space: str
    vocabulary: str
    counts: dict[str, int]
    subsets: dict[str, dict[str, int]]
    class_partitions: dict[str, int]
    examples: list[str]
    distributions: list[Distribution]

    def triples(self) -> list[ox.Triple]:
        """Return the description as VoID, DCAT and SPDX statements."""
        dataset = ox.NamedNode(self.iri)
        out = self._identity()
        if self.modified:
            out.append(ox.Triple(dataset, _dcterms("modified"), ox.Literal(self.modified, datatype=ox.NamedNode(XSD + "dateTime"))))
        out += [
            ox.Triple(dataset, _void("sparqlEndpoint"), ox.NamedNode(self.sparql_endpoint)),
            ox.Triple(dataset, _void("uriSpace"), ox.Literal(self.uri_space)),
            ox.Triple(dataset, _void("vocabulary"), ox.NamedNode(self.vocabulary)),
        ]
        out += _count_triples(dataset, self.counts)
        out += [ox.Triple(dataset, _void("exampleResource"), ox.NamedNode(iri)) for iri in self.examples]
        for graph, counts in self.subsets.items():
            subset = ox.NamedNode(graph)
            out += [ox.Triple(dataset, _void("subset"), subset), ox.Triple(subset, RDF_TYPE, ox.NamedNode(VOID + "Dataset")),
                    ox.Triple(subset, _dcterms("title"), ox.Literal(graph.rsplit("/", 1)[-1]))]
            out += _count_triples(subset, counts)
        for cls, entities in self.class_partitions.items():
            partition = ox.BlankNode()
            out += [ox.Triple(dataset, _void("classPartition"), partition), ox.Triple(partition, _void("class"), ox.NamedNode(cls)),
                    ox.Triple(partition, _void("entities"), _integer(entities))]
        return out + self._downloads()

    def catalogue(self) -> list[ox.Triple]:
        """Return the downloads as DCAT: the dataset (types, title, licence) and each dump with its size and SHA-256."""
        return self._identity() + self._downloads()

    def _downloads(self) -> list[ox.Triple]:
        """Describe each dump, a graph's under that graph."""
        dataset = ox.NamedNode(self.iri)
        return [triple for distribution in self.distributions
                for triple in _distribution_triples(ox.NamedNode(distribution.graph) if distribution.graph else dataset, distribution)]

    def _identity(self) -> list[ox.Triple]:
        """Return what the dataset is: its types, title and licence."""
        dataset = ox.NamedNode(self.iri)
        out = [ox.Triple(dataset, RDF_TYPE, ox.NamedNode(VOID + "Dataset")), ox.Triple(dataset, RDF_TYPE, ox.NamedNode(DCAT + "Dataset"))]
        out += [ox.Triple(dataset, _dcterms("title"), ox.Literal(text, language=lang)) for lang, text in self.title.items()]
        if self.licence:
            out.append(ox.Triple(dataset, _dcterms("license"), ox.NamedNode(self.licence)))
        return out


def dataset_description(statistics: dict, report: dict, base_iri: str, site: str) -> DatasetDescription:
    """Combine the build's statistics and dumps with the URLs of the site that serves them."""
    graph_space = base_iri + "graph/"
    distributions = [
        Distribution(entry["name"], f"{site}dumps/{entry['name']}", file_format(entry["name"]).media_type, entry["bytes"], entry["sha256"],
                     graph_space + entry["name"][len("graphs/"):].rpartition(".")[0] if entry["name"].startswith("graphs/") else None)
        for entry in report.get("dumps", [])
    ]
    return DatasetDescription(
        iri=base_iri + "void#dataset",
        title=TITLE,
        licence=statistics["licence"],
        modified=report.get("built_at"),
        sparql_endpoint=site + "sparql",
        uri_space=base_iri + "resource/",
        vocabulary=base_iri + "ontology",
        counts=statistics["dataset"],
        subsets=statistics["graphs"],
        class_partitions=statistics["class_partitions"],
        examples=statistics["examples"],
        distributions=distributions,
    )


def _distribution_triples(owner: ox.NamedNode, distribution: Distribution) -> list[ox.Triple]:
    """Describe one dump: where to get it, its media type, size and SHA-256."""
    node, checksum, url = ox.BlankNode(), ox.BlankNode(), ox.NamedNode(distribution.url)
    out = [
        ox.Triple(owner, _void("dataDump"), url),
        ox.Triple(owner, ox.NamedNode(DCAT + "distribution"), node),
        ox.Triple(node, RDF_TYPE, ox.NamedNode(DCAT + "Distribution")),
        ox.Triple(node, _dcterms("title"), ox.Literal(distribution.name)),
        ox.Triple(node, ox.NamedNode(DCAT + "downloadURL"), url),
        ox.Triple(node, ox.NamedNode(DCAT + "mediaType"), ox.NamedNode(MEDIA_TYPES + distribution.media_type)),
        ox.Triple(node, ox.NamedNode(DCAT + "byteSize"), _integer(distribution.bytes, "nonNegativeInteger")),
        ox.Triple(node, ox.NamedNode(SPDX + "checksum"), checksum),
        ox.Triple(checksum, RDF_TYPE, ox.NamedNode(SPDX + "Checksum")),
        ox.Triple(checksum, ox.NamedNode(SPDX + "algorithm"), ox.NamedNode(SPDX + "checksumAlgorithm_sha256")),
        ox.Triple(checksum, ox.NamedNode(SPDX + "checksumValue"), ox.Literal(distribution.sha256, datatype=ox.NamedNode(XSD + "hexBinary"))),
    ]
    if compressed(distribution.name):
        out.append(ox.Triple(node, ox.NamedNode(DCAT + "compressFormat"), ox.NamedNode(MEDIA_TYPES + GZIP)))
    return out


def _count_triples(subject: ox.NamedNode, counts: dict[str, int]) -> list[ox.Triple]:
    """State each VoID count of a dataset or subset."""
    return [ox.Triple(subject, _void(name), _integer(counts[name])) for name in COUNTS]


def _void(name: str) -> ox.NamedNode:
    """Return a VoID term."""
    return ox.NamedNode(VOID + name)


def _dcterms(name: str) -> ox.NamedNode:
    """Return a DCMI term."""
    return ox.NamedNode(DCTERMS + name)


def _integer(value: int, datatype: str = "integer") -> ox.Literal:
    """Return a count as an XSD integer literal."""
    return ox.Literal(str(value), datatype=ox.NamedNode(XSD + datatype))
