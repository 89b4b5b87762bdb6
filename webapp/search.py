"""/search: labels and definitions in English and Chinese, results grouped by kind; /search.json is its data twin."""

from __future__ import annotations

from flask import Blueprint, jsonify, render_template, request, url_for

from libkg.explore.search import Entry, Hit, fold

from .i18n import LANGUAGES, current_language, pick_label, translate
from .naming import upper_first
from .current import current_release
from .naming import explorer_href, graph_name
from .representations import curie, href

blueprint = Blueprint("search", __name__, template_folder="templates")

LIMIT = 100
SNIPPET = 70


@blueprint.get("/search")
def page():
    """Render the search form and, given ?q=, its results."""
    results = _results(request.args.get("q", ""))
    response = render_template("search/page.html", results=results)
    return response, {"Link": f'<{url_for("search.data", q=results["query"])}>; rel="alternate"; type="application/json"'}


@blueprint.get("/search.json")
def data():
    """Answer the same search as JSON, for the page's script and for other clients."""
    response = jsonify(_results(request.args.get("q", "")))
    response.vary.add("Cookie")
    response.vary.add("Accept-Language")
    return response


def _results(query: str) -> dict:
    """Search the index and shape the answer once for both the page and the JSON twin."""
    query = query.strip()[:200]
    index = current_release().search_index
    hits, total = index.search(query, LIMIT)
    groups = []
    for kind, members in index.grouped(hits):
        label, fallback = pick_label(index.labels(kind) if kind else {}, translate("other_kind"))
        groups.append({"kind": kind, "label": upper_first(label), "lang": fallback, "count": len(members),
                       "results": [_result(hit, query) for hit in members]})
    return {"query": query, "language": current_language(), "total": total, "shown": len(hits), "groups": groups}


def _result(hit: Hit, query: str) -> dict:
    """Describe one hit: its name in the reader's language, its name in the other, what matched, its studies."""
    entry = hit.entry
    shown, fallback = pick_label(entry.labels, curie(entry.iri))
    others = [(language, text) for language, text in entry.labels.items() if language in LANGUAGES and text != shown]
    snippet = None
    if hit.field == "definition":
        snippet = {"lang": hit.language, "parts": _snippet(entry.definitions[hit.language], query)}
    return {
        "iri": entry.iri,
        "href": explorer_href(entry.iri),
        "label": {"lang": fallback, "parts": _highlight(shown, query)},
        "other": [{"lang": language, "parts": _highlight(text, query)} for language, text in others],
        "field": hit.field,
        "snippet": snippet,
        "studies": [_named(study) for study in entry.studies if study != entry.iri],
        "source": _source(entry),
    }


def _named(iri: str) -> dict:
    """Name a linked resource for display."""
    label, fallback = pick_label(current_release().search_index.labels(iri), curie(iri))
    return {"href": href(iri), "label": label, "lang": fallback}


def _source(entry: Entry) -> str | None:
    """Name the shared graph an entry comes from when no study reports it."""
    if entry.studies or not entry.graph:
        return None
    return pick_label(graph_name(entry.graph))[0]


def _highlight(text: str, query: str) -> list[list]:
    """Split text into [part, matched] pairs around the first match of query (case-insensitive)."""
    start = _find(text, query)
    if start < 0:
        return [[text, False]]
    end = start + len(query)
    return [part for part in ([text[:start], False], [text[start:end], True], [text[end:], False]) if part[0]]


def _snippet(text: str, query: str) -> list[list]:
    """Cut a long definition to a window around the match, then highlight it."""
    start = _find(text, query)
    if start > SNIPPET:
        text = "…" + text[start - SNIPPET // 2:]
    if len(text) > 3 * SNIPPET:
        text = text[:3 * SNIPPET] + "…"
    return _highlight(text, query)


def _find(text: str, query: str) -> int:
    """Find query in text ignoring case; -1 when folding changes lengths (then nothing is highlighted)."""
    folded, needle = fold(text), fold(query)
    if not needle or len(folded) != len(text) or len(needle) != len(query):
        return -1
    return folded.find(needle)
