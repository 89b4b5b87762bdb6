"""/resource/<slug>: a resource's statements both ways, as HTML, its JSON twin or RDF, by Accept or suffix."""

from __future__ import annotations

import json

import pyoxigraph as ox
from flask import Blueprint, render_template, url_for

from libkg.explore.describe import annotation_statements, annotations, count_incoming, describe_resource, has_more_outgoing
from libkg.explore.evidence import evidence_statements, excerpt, passages_of
from libkg.explore.neighbourhood import entity_data
from libkg.namespaces import resource_iri

from .current import current_release, current_store, settings
from .naming import explorer_href, name_of, ontology_terms
from .paging import page_of, requested_page
from .representations import href, local, not_found, rdf_renderers, represent, split_suffix

blueprint = Blueprint("resource", __name__, template_folder="templates")

# Statements about a resource that its page (and JSON twin) shows at a time; ?page=N shows the next ones.
INCOMING_PER_PAGE = 100


def incoming_counts(iri: str) -> dict[str, int]:
    """Count the statements referring to iri per property; a hub's counts are counted once per build and process."""
    return current_release().cached(("incoming-counts", iri), lambda: count_incoming(current_store(), iri),
                                     keep=lambda counts: sum(counts.values()) > INCOMING_PER_PAGE)


def evidence(iri: str) -> list[dict]:
    """Return the passages that state a resource, each with its text and some context when the build has the source."""
    release = current_release()
    found = []
    for passage in passages_of(current_store(), iri, settings().base_iri):
        text = release.source_text(passage.file_name)
        shown = excerpt(text, passage.start, passage.end) if text is not None else None
        found.append({"passage": passage.iri, "source": passage.source, "file": passage.file_name,
                      "start": passage.start, "end": passage.end, "href": f"{href(passage.source)}#{passage.anchor}",
                      "language": _language(shown.text if shown else ""),
                      "excerpt": vars(shown) if shown else None})
    return found


def _language(text: str) -> str:
    """Guess the language to mark an excerpt with: Chinese where it holds CJK characters, else English."""
    return "zh" if any("\u4e00" <= char <= "\u9fff" for char in text) else "en"


@blueprint.app_template_test("iri")
def is_iri(term) -> bool:
    """Tell templates whether a term is an IRI."""
    return isinstance(term, ox.NamedNode)


@blueprint.app_template_test("literal")
def is_literal(term) -> bool:
    """Tell templates whether a term is a literal."""
    return isinstance(term, ox.Literal)


@blueprint.get("/resource/<name>")
def resource(name: str):
    """Describe one resource of the data namespace."""
    slug, suffix = split_suffix(name)
    iri = resource_iri(settings().base_iri, slug)
    store = current_store()
    try:
        counts = incoming_counts(iri)
        paging = page_of(requested_page(), sum(counts.values()), INCOMING_PER_PAGE)
        description = describe_resource(store, iri, incoming_limit=INCOMING_PER_PAGE, with_names=False,
                                        incoming_offset=(paging["page"] - 1) * INCOMING_PER_PAGE)
    except ValueError:
        description = None
    if description is None or not description.exists:
        return not_found(iri, current_release().search_index.similar(iri))
    release = current_release()
    notes = annotations(store, iri, settings().base_iri)
    terms = ontology_terms()
    data = {**entity_data(description, release.search_index, release.graph_roles, notes, terms), "incoming_counts": counts,
            "incoming_page": paging, "evidence": evidence(iri)}
    entry = release.search_index.by_iri.get(iri)
    path = local(f"/resource/{slug}")

    def html() -> str:
        """Render the resource's page: names in the reader's language, each statement with who makes it."""
        kind = data["kind"]
        study_page = url_for("browse.study", slug=slug) if iri in release.search_index.study_graphs.values() else None
        return render_template("resource/page.html", data=data, kind_page=kind and explorer_href(kind), path=path,
                               lkg=settings().base_iri + "ontology#", home_graph=entry.graph if entry else None,
                               study_page=study_page)

    def twin() -> str:
        """Answer the page's data as JSON, with the pages of the neighbours and the names of the properties."""
        for node in data["graph"]["nodes"]:
            node["href"] = explorer_href(node["id"])
        properties = {group["property"] for group in data["outgoing"] + data["incoming"]}
        properties |= {group["inverse"] for group in data["graph"]["groups"] if group["inverse"]}
        return json.dumps({**data, "page": path, "property_labels": {p: name_of(p) for p in sorted(properties)}},
                          ensure_ascii=False)

    # RDF answers hold every statement from the resource (up to LIBKG_MAX_ROWS, marked if cut) and a page of
    # LIBKG_MAX_ROWS statements about it, with their neighbours' names, its evidence and its annotations.
    limit = settings().max_rows
    rdf_paging = page_of(requested_page(), paging["total"], limit)

    def statements() -> list[ox.Quad]:
        """Return the RDF page's statements."""
        described = describe_resource(store, iri, limit=limit, incoming_limit=limit, incoming_offset=(rdf_paging["page"] - 1) * limit)
        return described.quads() + evidence_statements(store, iri, settings().base_iri) + annotation_statements(store, iri)

    renderers = {**rdf_renderers(html, statements), "json": twin}
    pages = {suffix: paging if suffix in ("html", "json") else rdf_paging for suffix in renderers}
    cut = f"limit={limit} statements from the resource" if has_more_outgoing(store, iri, limit) else None
    return represent(f"/resource/{slug}", suffix, renderers, pages, cut)

