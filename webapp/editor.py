"""The query page for browsers: the YASGUI editor on /sparql, its example gallery, and the data its script loads."""

from __future__ import annotations

from flask import Blueprint, Response, json, render_template, request

from libkg.namespaces import prefixes, sparql_prologue

from .current import current_release, settings
from .i18n import current_language, pick_label, translate
from .representations import curie, href

blueprint = Blueprint("editor", __name__, template_folder="templates")

# The messages the editor's script shows (its own and YASGUI's labels), in the page's language.
SCRIPT_MESSAGES = (
    "query_truncated", "query_error_title", "query_error_syntax", "query_error_syntax_nowhere", "query_error_timeout",
    "query_error_unavailable", "query_error_refused", "query_error_other", "query_error_details",
    "yasgui_run", "yasgui_table", "yasgui_response", "yasgui_filter", "yasgui_download", "yasgui_fullscreen", "yasgui_share",
    "yasgui_ellipse", "yasgui_new_tab", "yasgui_query_tab", "yasgui_page_size", "yasgui_no_results", "yasgui_all",
    "yasgui_info", "yasgui_filtered", "yasgui_no_match", "yasgui_rows_in", "yasgui_response_in", "yasgui_close_tab", "yasgui_simple_view",
    "yasgui_show_all", "yasgui_true", "yasgui_false", "yasgui_editor",
)

DEFAULT_QUERY = """SELECT ?study ?label WHERE {
  ?study a lkg:Study ; rdfs:label ?label .
  FILTER(LANG(?label) = "%s")
}"""


def editor_page() -> Response:
    """Render the editor with libkg's prefixes declared and the competency questions as examples."""
    default = sparql_prologue(settings().base_iri) + "\n" + DEFAULT_QUERY % current_language()
    page = render_template("sparql/editor.html", questions=current_release().questions, default_query=default,
                           endpoint=request.url_root.rstrip("/") + "/sparql", prefixes=prefixes(settings().base_iri),
                           messages={key: translate(key) for key in SCRIPT_MESSAGES})
    return Response(page, content_type="text/html; charset=utf-8")


@blueprint.get("/prefixes.json")
def prefix_map():
    """Answer libkg's prefixes, which the editor offers when a PREFIX line is typed."""
    return Response(json.dumps(prefixes(settings().base_iri)), content_type="application/json")


@blueprint.get("/labels.json")
def labels():
    """Answer every labelled IRI's name in the reader's language and its page, for naming IRIs in result tables."""
    names = {}
    for entry in current_release().search_index.entries:
        label, fallback = pick_label(entry.labels, curie(entry.iri))
        names[entry.iri] = {"label": label, "lang": fallback, "href": href(entry.iri), "curie": curie(entry.iri)}
    response = Response(json.dumps(names, ensure_ascii=False), content_type="application/json; charset=utf-8")
    response.vary.add("Cookie")
    response.vary.add("Accept-Language")
    return response
