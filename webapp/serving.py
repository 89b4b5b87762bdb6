"""Run the app under gunicorn (several workers), or Flask's server with --debug."""

from __future__ import annotations

from gunicorn.app.base import BaseApplication

from libkg.config import Settings

from . import create_app


class _Gunicorn(BaseApplication):
    """A gunicorn application that serves create_app(settings)."""

    def __init__(self, settings: Settings):
        self.settings = settings
        super().__init__()

    def load_config(self):
        """Bind, workers and timeouts from the libkg settings."""
        self.cfg.set("bind", f"{self.settings.host}:{self.settings.port}")
        self.cfg.set("workers", self.settings.workers)
        self.cfg.set("worker_class", "gthread")
        self.cfg.set("threads", self.settings.threads)
        # No limit of its own (gunicorn would answer a bare page): the app answers 414 beyond LIBKG_MAX_REQUEST_BYTES.
        self.cfg.set("limit_request_line", 0)
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
