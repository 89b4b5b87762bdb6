"""Document the ontology as one bilingual HTML page with pyLODE, with anchors named after the terms."""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterable

import pyoxigraph as ox
import rdflib
from rdflib.namespace import DCTERMS, RDFS

from libkg.namespaces import prefixes

# pyLODE shows a term's several labels run together ("library图书馆"), so the page is made
# from a copy whose labels and titles are joined, English first: "library / 图书馆".
JOINED = (RDFS.label, DCTERMS.title)
LANGUAGE_ORDER = ("en", "zh")


def ontology_html(quads: Iterable[ox.Quad], base_iri: str) -> str:
    """Render the ontology's statements as pyLODE documentation whose lkg term anchors are local names."""
    graph = rdflib.Graph(bind_namespaces="core")
    graph.parse(data=ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES), format="nt")
    names = prefixes(base_iri)
    for name, namespace in names.items():
        graph.bind(name, namespace, override=True)
    for predicate in JOINED:
        for subject in set(graph.subjects(predicate, None)):
            joined = " / ".join(str(label) for label in sorted(graph.objects(subject, predicate), key=_language_rank))
            graph.set((subject, predicate, rdflib.Literal(joined)))
    documentation = _ontpub()(graph, sort_subjects=True)
    # pyLODE takes anchors from labels ("organization", "usergroup") and numbers clashes ("Organization1");
    # seeding its table makes #Library land on lkg:Library and external terms unique ("schema-Library").
    documentation.fids.update(_anchors(graph, names))
    with warnings.catch_warnings():
        # pyLODE reads its stylesheet without closing the file.
        warnings.simplefilter("ignore", ResourceWarning)
        return documentation.make_html()


def _language_rank(label: rdflib.term.Node) -> tuple[int, str]:
    """Order labels English, Chinese, then any other language."""
    language = getattr(label, "language", None) or ""
    return (LANGUAGE_ORDER.index(language) if language in LANGUAGE_ORDER else len(LANGUAGE_ORDER), language)


def _anchors(graph: rdflib.Graph, names: dict[str, str]) -> dict[str, str]:
    """Name each documented IRI's anchor: the local name for lkg terms, prefix-local for the others."""
    anchors = {}
    for subject in set(graph.subjects()):
        iri = str(subject)
        for name, namespace in names.items():
            if isinstance(subject, rdflib.URIRef) and iri.startswith(namespace) and len(iri) > len(namespace):
                local = iri[len(namespace):]
                anchors[iri] = local if name == "lkg" else f"{name}-{local}"
    return anchors


def _ontpub():
    """Import pyLODE's OntPub, undoing the root logging set-up one of its modules does on import."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    from pylode import OntPub

    root.handlers[:] = handlers
    root.setLevel(level)
    return OntPub
