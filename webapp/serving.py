"""Run the app under gunicorn (several workers), or Flask's server with --debug."""

from __future__ import annotations

import json

from gunicorn import util
from gunicorn.app.base import BaseApplication
from gunicorn.http.errors import LimitRequestLine
from gunicorn.workers.gthread import ThreadWorker

from libkg.config import Settings

from . import create_app
from .problems import url_too_long

# gunicorn's longest request line, its largest finite limit (0, unlimited, would let a client make a worker buffer a
# line of any size): above the app's MAX_URL_BYTES, so that the app answers every URL up to its own limit, and the
# worker below answers longer ones the same way.
REQUEST_LINE_BYTES = 8190


class Worker(ThreadWorker):
    """gunicorn's threaded worker, answering a request line over its limit as the app answers a long URL: a JSON
    problem with CORS that says to POST (gunicorn's own answer is an HTML page without CORS)."""

    def handle_error(self, req, client, addr, exc):
        """Answer a too long request line with the app's 414; leave every other error to gunicorn."""
        if not isinstance(exc, LimitRequestLine):
            return super().handle_error(req, client, addr, exc)
        self.log.warning("Invalid request from ip=%s: %s", (addr or ("",))[0], exc)
        body = json.dumps(url_too_long(getattr(exc, "size", None)), ensure_ascii=False).encode("utf-8")
        head = ("HTTP/1.1 414 URI Too Long\r\nConnection: close\r\nContent-Type: application/json\r\n"
                f"Access-Control-Allow-Origin: *\r\nContent-Length: {len(body)}\r\n\r\n")
        util.write_nonblock(client, head.encode("latin-1") + body)
        return None


class _Gunicorn(BaseApplication):
    """A gunicorn application that serves create_app(settings)."""

    def __init__(self, settings: Settings):
        self.settings = settings
        super().__init__()

    def load_config(self):
        """Bind, workers and timeouts from the libkg settings."""
        self.cfg.set("bind", f"{self.settings.host}:{self.settings.port}")
        self.cfg.set("workers", self.settings.workers)
        self.cfg.set("worker_class", f"{Worker.__module__}.{Worker.__qualname__}")
        self.cfg.set("threads", self.settings.threads)
        self.cfg.set("limit_request_line", REQUEST_LINE_BYTES)
        self.cfg.set("timeout", int(self.settings.query_timeout) + 20)
        self.cfg.set("accesslog", "-")

    def load(self):
        """Build the WSGI app in each worker."""
        return create_app({"LIBKG_SETTINGS": self.settings})


def serve(settings: Settings, debug: bool = False) -> None:
    """Serve until interrupted."""
    if debug:
        create_app({"LIBKG_SETTINGS": settings}).run(settings.host, settings.port, debug=True)
    else:
        _Gunicorn(settings).run()
