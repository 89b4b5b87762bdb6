"""/robots.txt and /sitemap.xml: what crawlers may fetch, and every page of the data to find."""

from __future__ import annotations

from xml.sax.saxutils import escape

from flask import Blueprint, Response, request

from libkg.formats import TEXT

from .current import current_release, settings
from .paging import page_of, requested_page

blueprint = Blueprint("crawlers", __name__)

# A sitemap holds at most 50,000 URLs (sitemaps.org); longer lists are pages of one, listed by a sitemap index.
SITEMAP_URLS = 50_000
PAGES = ("/", "/browse", "/compare", "/sparql", "/void", "/ontology", "/dumps/")
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
SITEMAP_TYPE = "application/xml"

ROBOTS = """# libkg: pages for people and their linked data. Query and search answers are not pages to index.
User-agent: *
Disallow: /sparql?
Disallow: /search
Sitemap: {root}sitemap.xml
"""


@blueprint.get("/robots.txt")
def robots():
    """Let crawlers fetch the pages and the data, not query or search answers, and point them to the sitemap."""
    return Response(ROBOTS.format(root=request.url_root), content_type=f"{TEXT.media_type}; charset=utf-8")


def site_paths() -> list[str]:
    """Return the path (under the app's root) of every page of this build: the main pages, each named graph, each
    labelled resource and source text."""
    release = current_release()
    base = settings().base_iri

    def paths() -> list[str]:
        """List the paths once per release."""
        data = {entry.iri for entry in release.search_index.entries if entry.iri.startswith((base + "resource/", base + "source/"))}
        graphs = {graph for graph in release.graph_names if graph.startswith(base)}
        return [*PAGES, *("/" + iri[len(base):] for iri in sorted(graphs) + sorted(data))]

    return release.cached("sitemap", paths)


@blueprint.get("/sitemap.xml")
def sitemap():
    """List every page (sitemaps.org); beyond SITEMAP_URLS, a sitemap index of pages of the list (?page=N)."""
    paths = site_paths()
    paging = page_of(requested_page(), len(paths), SITEMAP_URLS)
    built = current_release().built_at
    modified = f"<lastmod>{built.date().isoformat()}</lastmod>" if built else ""
    if paging["pages"] > 1 and "page" not in request.args:
        entries = "".join(f"<sitemap><loc>{escape(request.base_url)}?page={number}</loc>{modified}</sitemap>"
                          for number in range(1, paging["pages"] + 1))
        body = f'<sitemapindex xmlns="{SITEMAP}">{entries}</sitemapindex>'
    else:
        shown = paths[paging["first"] - 1 : paging["last"]]
        root = request.url_root.rstrip("/")
        entries = "".join(f"<url><loc>{escape(root + path)}</loc>{modified}</url>" for path in shown)
        body = f'<urlset xmlns="{SITEMAP}">{entries}</urlset>'
    return Response('<?xml version="1.0" encoding="UTF-8"?>\n' + body, content_type=f"{SITEMAP_TYPE}; charset=utf-8")
