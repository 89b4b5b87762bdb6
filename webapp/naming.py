"""Name things on explorer pages: labels from the build's index in the reader's language, links to their pages."""

from __future__ import annotations

import re

from flask import Flask, url_for

from libkg.errors import StoreUnavailable
from libkg.explore.provenance import statement_origin
from libkg.explore.terms import Terms, read_terms
from libkg.explore.vocabularies import NAMESPACES
from libkg.namespaces import ONTOLOGY_GRAPH, ROLES

from .current import current_release, current_store, settings
from .i18n import LANGUAGES, MESSAGES, pick_label
from .representations import curie, href


def ontology_terms() -> Terms:
    """Return the ontology's classes and properties (and the outside terms the catalogue names), read once per build."""
    return current_release().cached("ontology-terms", lambda: read_terms(current_store(), settings().base_iri))


PASSAGE = re.compile(r"#span-(\d+)-(\d+)$")


def name_of(iri: str) -> dict[str, str]:
    """Return the labels of iri by language: the graph's, else the catalogue's for an outside term, else a passage's
    place in its source text (else none)."""
    labels = current_release().search_index.labels(iri)
    if labels:
        return labels
    term = ontology_terms().get(iri)
    if term:
        return term.labels
    passage = PASSAGE.search(iri)
    if passage and iri.startswith(settings().base_iri + "source/"):
        start, end = passage.groups()
        return {language: text.format(start=start, end=end) for language, text in in_every_language("passage_at").items()}
    return {}


def display_name(iri: str) -> tuple[str, str | None]:
    """Return iri's label in the reader's language (or another, with its tag), else its short form."""
    return pick_label(name_of(iri), curie(iri))


def term_name(iri: str) -> str:
    """Name a class or property in the address of its explorer page: lkg: terms by local name, others as prefix:name."""
    own = settings().base_iri + "ontology#"
    if iri.startswith(own):
        return iri[len(own):]
    for prefix, namespace in NAMESPACES.items():
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def term_iri(name: str) -> str:
    """Return the IRI a kind or property page's name stands for (the inverse of term_name)."""
    prefix, colon, local = name.partition(":")
    if colon and prefix in NAMESPACES:
        return NAMESPACES[prefix] + local
    return settings().base_iri + "ontology#" + name


def explorer_href(iri: str) -> str:
    """Return where a reader should follow iri: a class to its kind page, a property to its property page, the
    ontology to its document, anything else of the data namespace to its page (outside IRIs are left as they are)."""
    terms = ontology_terms()
    if terms.is_class(iri):
        return url_for("browse.kind", name=term_name(iri))
    if terms.is_property(iri):
        return url_for("browse.property", name=term_name(iri))
    return href(iri)


def graph_name(graph: str) -> dict[str, str]:
    """Name a named graph by what it holds: its study, its concept scheme, or its role (shared records by file)."""
    release = current_release()
    index = release.search_index
    if graph in index.study_graphs:
        return index.labels(index.study_graphs[graph])
    scheme = release.cached("scheme-graphs", lambda: {e.graph: e.iri for e in index.entries
                                                      if e.kind == NAMESPACES["skos"] + "ConceptScheme" and e.graph})
    if graph in scheme and release.graph_roles.get(graph) == "vocabulary":
        return index.labels(scheme[graph])
    role, stem = release.graph_roles.get(graph), graph.rsplit("/", 1)[-1]
    if graph == settings().base_iri + ONTOLOGY_GRAPH or (role in ROLES and role not in ("stated", "vocabulary")):
        return in_every_language(f"graph_role_{role or 'ontology'}")
    if f"graph_shared_{stem}" in MESSAGES["en"]:
        return in_every_language(f"graph_shared_{stem}")
    return {language: text.format(name=stem) for language, text in in_every_language("graph_shared").items()}


def graph_origin(graph: str) -> str:
    """Tell who makes the statements of a named graph (a source, the curators, the ontology, the reasoner)."""
    return statement_origin(graph, current_release().graph_roles)


def in_every_language(key: str) -> dict[str, str]:
    """Return an interface text in every language, as labels are (English where a language lacks it)."""
    return {language: MESSAGES[language].get(key) or MESSAGES["en"][key] for language in LANGUAGES}


def upper_first(text: str) -> str:
    """Capitalise the first letter only (class labels are lower case in running text)."""
    return text[:1].upper() + text[1:]


def register(app: Flask) -> None:
    """Expose the naming helpers to templates: every link to a term leads to its page in the explorer."""
    app.jinja_env.globals.update(name_of=name_of, display_name=display_name, href=explorer_href, curie=curie,
                                 graph_name=graph_name, graph_origin=graph_origin, term_name=term_name, data_href=href)
    app.jinja_env.filters["upper_first"] = upper_first

    @app.context_processor
    def build_report() -> dict:
        """Give every page the build report it names in its footer (none before the first build)."""
        try:
            return {"report": current_release().report}
        except StoreUnavailable:
            return {"report": None}
