"""Answer a linked-data URL in the representation its suffix or Accept picks, with alternates and validators."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import pyoxigraph as ox
from flask import Response, abort, render_template, request

from libkg.explore.describe import labels_in, name_statements
from libkg.formats import HTML, JSON, RDF_FORMATS, Format, by_suffix
from libkg.namespaces import prefixes, shorten
from libkg.rdf_formats import Naming, render

from .caching import conditional, precondition_failed, validators
from .current import current_release, current_store, settings
from .i18n import current_language
from .negotiation import choose
from .problems import ERROR_FORMATS, problem

# What a linked-data URL can answer as, by suffix: a page, its JSON twin, or RDF.
REPRESENTATIONS = (HTML, JSON, *RDF_FORMATS)

Renderer = Callable[[], bytes | str]


def split_suffix(name: str) -> tuple[str, str | None]:
    """Split "british-library.ttl" into ("british-library", "ttl"); names without a known suffix stay whole."""
    stem, dot, suffix = name.rpartition(".")
    return (stem, suffix) if dot and stem and by_suffix(suffix, REPRESENTATIONS) else (name, None)


def represent(path: str, suffix: str | None, renderers: dict[str, Renderer]) -> Response:
    """Answer path in the suffix's representation, or the one Accept prefers (the first renderer wins ties)."""
    if suffix is not None and suffix not in renderers:
        abort(problem(404, "not found", f"{path} has no .{suffix} representation; it has: {', '.join(renderers)}"))
    chosen = suffix or _negotiate(renderers)
    # Pages are in the reader's interface language, so each language has its own validator.
    language = current_language() if chosen == "html" else ""
    query = request.query_string.decode("latin-1")
    tag, modified = validators(current_release(), f"{request.url_root}\n{path}.{chosen}\n{language}\n{query}")
    content_type = f"{_format(chosen).media_type}; charset=utf-8"
    response = precondition_failed(tag, modified, content_type)
    if response is None:
        response = Response(renderers[chosen](), content_type=content_type)
    response.headers["Content-Location"] = local(f"{path}.{chosen}")
    alternates = [f'<{local(f"{path}.{other}")}>; rel="alternate"; type="{_format(other).media_type}"' for other in renderers if other != chosen]
    if alternates:
        response.headers["Link"] = ", ".join(alternates)
    if suffix is None:
        response.headers["Vary"] = "Accept"
    return conditional(response, tag, modified)


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
                           href=href, curie=curie)
    response = Response(page, 404, content_type="text/html; charset=utf-8")
    response.headers["Vary"] = "Accept"
    return response
