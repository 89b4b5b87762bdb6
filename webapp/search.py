"""/search: labels and definitions in English and Chinese, results grouped by kind; /search.json is its data twin."""

from __future__ import annotations

from flask import Blueprint, jsonify, render_template, request, url_for

from libkg.explore.search import Entry, Hit, fold
from libkg.namespaces import resource_iri

from .current import current_release, settings
from .i18n import LANGUAGES, current_language, pick_label, translate
from .naming import explorer_href, graph_name, upper_first
from .representations import curie, href

blueprint = Blueprint("search", __name__, template_folder="templates")

LIMIT = 100
SNIPPET = 70
# Characters of a query searched; the rest of a longer text (say a pasted paragraph) is cut, and the page says so.
MAX_QUERY = 200
SUGGESTIONS = 5


@blueprint.get("/search")
def page():
    """Render the search form and, given ?q=, its results (narrowed by ?kind= and ?study=)."""
    results = _results()
    response = render_template("search/page.html", results=results)
    twin = url_for("search.data", q=results["query"], kind=results["kind"], study=results["study"])
    return response, {"Link": f'<{twin}>; rel="alternate"; type="application/json"'}


@blueprint.get("/search.json")
def data():
    """Answer the same search as JSON, for the page's script and for other clients."""
    response = jsonify(_results())
    response.vary.add("Cookie")
    response.vary.add("Accept-Language")
    return response


def _results() -> dict:
    """Search the index and shape the answer once for both the page and the JSON twin."""
    asked = request.args.get("q", "").strip()
    query = asked[:MAX_QUERY].strip()
    index = current_release().search_index
    kind_name, study_slug = request.args.get("kind") or None, request.args.get("study") or None
    kind = _kind_iri(kind_name)
    study = resource_iri(settings().base_iri, study_slug) if study_slug else None
    found = index.search(query, LIMIT, kinds=({kind} | index.descendants(kind)) if kind else None, study=study)
    groups = []
    for group_kind, members in index.grouped(found.hits):
        label, fallback = pick_label(index.labels(group_kind) if group_kind else {}, translate("other_kind"))
        groups.append({"kind": group_kind, "label": upper_first(label), "lang": fallback, "count": len(members),
                       "results": [_result(hit) for hit in members]})
    suggestions = []
    if query and not found.total and not kind and not study:
        suggestions = [_named(entry.iri) for entry in index.suggest(query, SUGGESTIONS)]
    return {
        "query": query, "language": current_language(), "total": found.total, "shown": len(found.hits), "groups": groups,
        "cut": len(asked) > MAX_QUERY, "max_query": MAX_QUERY, "terms": found.terms, "every_word": found.every_word,
        "kind": kind_name if kind else None, "study": study_slug if study else None,
        "facets": {"kinds": _kind_facets(found.kinds, kind), "studies": _study_facets(found.studies, study)},
        "suggestions": suggestions,
    }


def _kind_iri(name: str | None) -> str | None:
    """Return the kind a ?kind= local name (Problem, ConceptScheme) names, or None."""
    if not name:
        return None
    return next((kind for kind in current_release().search_index.kinds if kind.rsplit("#", 1)[-1] == name), None)


def _kind_facets(counts, chosen: str | None) -> list[dict]:
    """Offer each kind the matches have, with its count, to narrow the results to it."""
    index = current_release().search_index
    facets = []
    for kind in sorted((k for k in counts if k), key=index.kind_order):
        label, fallback = pick_label(index.labels(kind), kind.rsplit("#", 1)[-1])
        facets.append({"name": kind.rsplit("#", 1)[-1], "label": upper_first(label), "lang": fallback,
                       "count": counts[kind], "chosen": kind == chosen})
    return facets


def _study_facets(counts, chosen: str | None) -> list[dict]:
    """Offer each study the matches come from, with its count, to narrow the results to it."""
    return [{**_named(study), "slug": study.rsplit("/", 1)[-1], "count": counts[study], "chosen": study == chosen}
            for study in sorted(counts)]


def _result(hit: Hit) -> dict:
    """Describe one hit: its name in the reader's language, its name in the other, what matched, its studies."""
    entry = hit.entry
    terms = list(hit.terms)
    shown, fallback = pick_label(entry.labels, curie(entry.iri))
    others = [(language, text) for language, text in entry.labels.items() if language in LANGUAGES and text != shown]
    snippet = None
    if hit.field == "definition":
        snippet = {"lang": hit.language, "parts": _snippet(entry.definitions[hit.language], terms)}
    alt = None
    if hit.field == "alt":
        alt = next(({"lang": language, "parts": _highlight(text, terms)} for language, texts in entry.alt_labels.items()
                    for text in texts if any(term in fold(text) for term in terms)), None)
    return {
        "iri": entry.iri,
        "href": explorer_href(entry.iri),
        "label": {"lang": fallback, "parts": _highlight(shown, terms)},
        "other": [{"lang": language, "parts": _highlight(text, terms)} for language, text in others],
        "field": hit.field,
        "snippet": snippet,
        "alt": alt,
        "terms": terms,
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


def _spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Return where the words occur in text, merged, ignoring case and script; none when folding changes lengths."""
    folded = fold(text)
    if len(folded) != len(text):
        return []
    found = []
    for term in terms:
        start = folded.find(term) if term else -1
        while start != -1:
            found.append((start, start + len(term)))
            start = folded.find(term, start + len(term))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _highlight(text: str, terms: list[str]) -> list[list]:
    """Split text into [part, matched] pairs around every occurrence of the words."""
    parts, position = [], 0
    for start, end in _spans(text, terms):
        parts += [[text[position:start], False], [text[start:end], True]]
        position = end
    parts.append([text[position:], False])
    return [part for part in parts if part[0]]


def _snippet(text: str, terms: list[str]) -> list[list]:
    """Cut a long definition to a window around the first match, then highlight it."""
    spans = _spans(text, terms)
    start = spans[0][0] if spans else 0
    if start > SNIPPET:
        text = "…" + text[start - SNIPPET // 2:]
    if len(text) > 3 * SNIPPET:
        text = text[:3 * SNIPPET] + "…"
    return _highlight(text, terms)
