"""Answer the explorer's pages from what this worker already rendered for the release being served.

Everything an explorer page shows changes only with a build, so a page is rendered once per release and request
form (URL, host, and the headers it is negotiated and compressed by), then sent as stored: status, headers and
bytes, compressed as they were. Every request takes its snapshot here, so that a page and the cache it lands in
belong to one release; a new release starts with an empty cache, and the old one goes with its release.
Conditional requests go to the app, which answers them from its validators. Memory is bounded per worker by
PAGE_CACHE_BYTES, the least recently used pages dropped first.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from flask import Flask, request

from libkg.connect import ReleaseFollower

from .current import SNAPSHOT

# Endpoints whose answers depend only on the release and the request form.
RENDERED_ONCE = {
    "home.index", "browse.overview", "browse.kind", "browse.property", "browse.study", "compare.page", "compare.csv",
    "search.page", "search.data", "resource.resource", "graph.graph", "source.source", "ontology.ontology",
    "editor.labels", "editor.prefix_map",
}
# What a stored page is looked up by: the URL and every header the app's answers vary by.
REQUEST_FORM = ("wsgi.url_scheme", "HTTP_HOST", "SCRIPT_NAME", "PATH_INFO", "QUERY_STRING", "HTTP_ACCEPT",
                "HTTP_ACCEPT_ENCODING", "HTTP_ACCEPT_LANGUAGE", "HTTP_COOKIE", "HTTP_ORIGIN")
CONDITIONAL = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_MATCH", "HTTP_IF_UNMODIFIED_SINCE", "HTTP_RANGE")
PAGE_CACHE_BYTES = 64 * 1024 * 1024
LARGEST_PAGE_BYTES = 8 * 1024 * 1024
RENDERED = "libkg.rendered-once"


@dataclass(frozen=True)
class Page:
    """A stored answer: status line, headers and body."""

    status: str
    headers: list[tuple[str, str]]
    body: bytes


class RenderedPages:
    """Pages one worker rendered for one release, the least recently used dropped past a limit in bytes."""

    def __init__(self, limit: int = PAGE_CACHE_BYTES):
        self.limit = limit
        self._pages: OrderedDict[tuple, Page] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: tuple) -> Page | None:
        """Return the page stored for key, marking it recently used."""
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def put(self, key: tuple, page: Page) -> None:
        """Store a page, dropping the least recently used ones until all fit."""
        with self._lock:
            if key in self._pages:
                return
            self._pages[key] = page
            self._bytes += len(page.body)
            while self._bytes > self.limit and self._pages:
                _, dropped = self._pages.popitem(last=False)
                self._bytes -= len(dropped.body)


class RenderOnce:
    """WSGI middleware: take the request's snapshot, answer from the release's stored pages, store what is new."""

    def __init__(self, app, follower: ReleaseFollower):
        self.app = app
        self.follower = follower

    def __call__(self, environ, start_response):
        """Answer one request."""
        snapshot = self.follower.get()
        environ[SNAPSHOT] = snapshot
        method = environ.get("REQUEST_METHOD")
        if method not in ("GET", "HEAD") or any(name in environ for name in CONDITIONAL):
            return self.app(environ, start_response)
        pages = snapshot.release.cached("rendered-pages", RenderedPages)
        key = tuple(environ.get(name, "") for name in REQUEST_FORM)
        page = pages.get(key)
        if page is not None:
            start_response(page.status, page.headers)
            return [] if method == "HEAD" else [page.body]
        if method == "HEAD":
            return self.app(environ, start_response)
        answered: dict = {}

        def remember(status, headers, exc_info=None):
            answered.update(status=status, headers=list(headers))
            return start_response(status, headers, exc_info)

        body = self.app(environ, remember)
        if not environ.get(RENDERED):
            return body
        try:
            data = b"".join(body)
        finally:
            if hasattr(body, "close"):
                body.close()
        if answered.get("status", "").startswith("200") and len(data) <= LARGEST_PAGE_BYTES:
            pages.put(key, Page(answered["status"], answered["headers"], data))
        return [data]


def register(app: Flask) -> None:
    """Serve pages through RenderOnce; mark the answers it may store (complete 200s of RENDERED_ONCE endpoints)."""
    app.wsgi_app = RenderOnce(app.wsgi_app, app.extensions["libkg"])

    @app.after_request
    def mark_rendered_once(response):
        if request.endpoint in RENDERED_ONCE and response.status_code == 200 and not response.is_streamed:
            request.environ[RENDERED] = True
        return response
