"""The libkg web app: SPARQL endpoint, linked data and explorer over the built graph."""

from __future__ import annotations

import dataclasses

from flask import Flask

from libkg.config import Settings
from libkg.errors import StoreUnavailable
from libkg.store import ReleaseFollower

from . import home


def create_app(config: dict | None = None) -> Flask:
    """Create the app: defaults, then LIBKG_* environment variables, then LIBKG_* keys of config."""
    app = Flask(__name__)
    config = dict(config or {})
    settings = config.pop("LIBKG_SETTINGS", None) or Settings.from_env()
    fields = {f.name for f in dataclasses.fields(Settings)}
    chosen = {key[6:].lower(): config.pop(key) for key in list(config) if key.startswith("LIBKG_") and key[6:].lower() in fields}
    settings = dataclasses.replace(settings, **chosen)
    app.config.update(SETTINGS=settings, MAX_CONTENT_LENGTH=settings.max_request_bytes)
    app.config.update(config)
    app.extensions["libkg"] = ReleaseFollower(settings)
    app.register_blueprint(home.blueprint)
    app.register_error_handler(StoreUnavailable, _store_unavailable)
    return app


def _store_unavailable(err: StoreUnavailable):
    """Answer 503 with the reason when no store can be opened."""
    return {"error": "store unavailable", "message": str(err)}, 503
