"""Answer a linked-data URL in the representation its suffix or Accept picks, with alternates and validators."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from urllib.parse import urlencode

import pyoxigraph as ox
from flask import Flask, Response, abort, g, render_template, request


from libkg.explore.describe import labels_in, name_statements
from libkg.formats import HTML, JSON, RDF_FORMATS, Format, by_suffix
from libkg.namespaces import prefixes, shorten
from libkg.rdf_formats import Naming, render

from .caching import conditional, precondition_failed, validators
from .current import current_release, current_store, settings
from .i18n import current_language
from .negotiation import choose
from .problems import ERROR_FORMATS, problem, words_of

# What a linked-data URL can answer as, by suffix: a page, its JSON twin, or RDF.
REPRESENTATIONS = (HTML, JSON, *RDF_FORMATS)

Renderer = Callable[[], bytes | str]


def split_suffix(name: str) -> tuple[str, str | None]:
    """Split "british-library.ttl" into ("british-library", "ttl"); names without a known suffix stay whole."""
    stem, dot, suffix = name.rpartition(".")
    return (stem, suffix) if dot and stem and by_suffix(suffix, REPRESENTATIONS) else (name, None)


def represent(path: str, suffix: str | None, renderers: dict[str, Renderer], pages: dict[str, dict] | None = None,
              cut: str | None = None) -> Response:
    """Answer path in the suffix's representation, or the one Accept prefers (the first renderer wins ties).

    pages says, by suffix, which page of a long answer each representation shows (from paging.page_of): the answer
    then carries the count (Libkg-Page) and, when there are several pages, links to the others (rel first, prev,
    next, last) and the mark Libkg-Results-Truncated that /sparql uses; cut names a limit the answer was cut at,
    marked the same way. Alternates name the same page where their pages are the same."""
    if suffix is not None and suffix not in renderers:
        abort(problem(404, "not found", f"{path} has no .{suffix} representation; it has: {', '.join(renderers)}"))
    chosen = suffix or _negotiate(renderers)
    # Pages are in the reader's interface language, so each language has its own validator.
    language = current_language() if chosen == "html" else ""
    query = request.query_string.decode("latin-1")
    tag, modified = validators(current_release(), f"{request.url_root}\n{path}.{chosen}\n{language}\n{query}")
    pages = pages or {}
    paging = pages.get(chosen)
    page = f"?page={paging['page']}" if paging and paging["page"] > 1 else ""
    g.alternates = [(local(f"{path}.{other}") + (page if pages.get(other) == paging else ""), _format(other))
                    for other in renderers if other != chosen]
    content_type = f"{_format(chosen).media_type}; charset=utf-8"
    response = precondition_failed(tag, modified, content_type)
    if response is None:
        response = Response(renderers[chosen](), content_type=content_type)
    response.headers["Content-Location"] = local(f"{path}.{chosen}") + page
    links = [f'<{url}>; rel="alternate"; type="{other.media_type}"' for url, other in g.alternates] + _page_links(paging)
    if links:
        response.headers["Link"] = ", ".join(links)
    marks = []
    if paging:
        response.headers["Libkg-Page"] = ", ".join(f"{key}={paging[key]}" for key in ("page", "pages", "first", "last", "total"))
        if paging["pages"] > 1:
            marks.append(f"page={paging['page']}; pages={paging['pages']}")
    if cut:
        marks.append(cut)
    if marks:
        response.headers["Libkg-Results-Truncated"] = "; ".join(["true", *marks])
    if suffix is None:
        response.headers["Vary"] = "Accept"
    return conditional(response, tag, modified)


def _page_links(paging: dict | None) -> list[str]:
    """Link the first, previous, next and last pages of a long answer (RFC 8288), keeping the URL's other parameters."""
    if not paging or paging["pages"] <= 1:
        return []
    pages = {"first": 1, "prev": paging["previous"], "next": paging["next"], "last": paging["pages"]}
    return [f'<{_page_url(number)}>; rel="{rel}"' for rel, number in pages.items() if number]


def _page_url(number: int) -> str:
    """Return this request's URL asking for another page."""
    arguments = request.args.copy()
    arguments["page"] = str(number)
    return f"{request.script_root}{request.path}?{urlencode(list(arguments.items(multi=True)))}"


def alternates() -> list[tuple[str, Format]]:
    """Return the other representations of the page being rendered (its URL and format), for its <head>."""
    return g.get("alternates", [])


def register(app: Flask) -> None:
    """Let every page's <head> link the other representations of what it shows."""
    app.jinja_env.globals["alternates"] = alternates


def _negotiate(renderers: dict[str, Renderer]) -> str:
    """Pick the suffix whose media type Accept prefers, or answer 406 listing what is offered."""
    offered = [_format(suffix) for suffix in renderers]
    chosen = choose(request.headers.get("Accept"), offered)
    if chosen is None:
        abort(problem(406, "not acceptable", "none of the Accept types is offered here; "
                                             f"offered: {', '.join(f.media_type for f in offered)}"))
    return chosen.suffix


def _format(suffix: str) -> Format:
    """Return the representation a suffix names."""
    return by_suffix(suffix, REPRESENTATIONS)


def rdf_renderers(html: Renderer, quads: Callable[[], list[ox.Quad]], extra_prefixes: dict[str, str] | None = None) -> dict[str, Renderer]:
    """Offer HTML first, then every RDF format of the same statements (computed once)."""
    statements = cache(quads)
    return {"html": html, **{f.suffix: (lambda f=f: render(f, statements(), naming(extra_prefixes or {}))) for f in RDF_FORMATS}}


def naming(extra_prefixes: dict[str, str]) -> Naming:
    """Name things with libkg's prefixes and its published JSON-LD context, plus any extra prefixes."""
    context_url = request.url_root + "context.jsonld"
    base = current_release().jsonld_context
    return Naming(
        prefixes={**prefixes(settings().base_iri), **extra_prefixes},
        context={**base, **extra_prefixes},
        reference=[context_url, extra_prefixes] if extra_prefixes else context_url,
    )


def local(path: str) -> str:
    """Return the URL path of one of the app's own pages, under any mount point."""
    return request.script_root + path


def href(iri: str) -> str:
    """Return where a browser should follow iri: the app's own page for IRIs of the data namespace."""
    base = settings().base_iri
    return local("/" + iri[len(base):]) if iri.startswith(base) else iri


def curie(iri: str) -> str:
    """Shorten iri with libkg's prefixes, for display."""
    return shorten(iri, prefixes(settings().base_iri)) or iri


def not_found(iri: str, suggestions: list[str]) -> Response:
    """Answer 404: a page with suggestions for browsers, a problem body for other clients."""
    if choose(request.headers.get("Accept"), (HTML, *ERROR_FORMATS)) is not HTML:
        return problem(404, "not found", f"{iri} is not described in this build of the graph")
    store = current_store()
    labels = labels_in(name_statements(store, [ox.NamedNode(s) for s in suggestions]))
    page = render_template("resource/not_found.html", iri=iri, suggestions=suggestions, labels=labels,
                           href=href, curie=curie, problem={"status": 404, "error": "not found", "message": f"{iri} is not described in this build of the graph"},
                           status="404", note=None, limit=None, searched=words_of(request.path))
    response = Response(page, 404, content_type="text/html; charset=utf-8")
    response.headers["Vary"] = "Accept"
    return response
