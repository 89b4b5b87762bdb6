"""The libkg web app: SPARQL endpoint, linked data and explorer over the built graph."""

from __future__ import annotations

import dataclasses

from flask import Flask
from flask_cors import CORS

from libkg.config import Settings
from libkg.connect import ReleaseFollower
from libkg.query.endpoint import Endpoint

from . import (browse, compare, compression, crawlers, dumps, editor, graph, headers, home, i18n, naming, ontology, problems,
               rendered, representations, resource, search, source, sparql, vendor, void)

EXPOSED_HEADERS = ["ETag", "Last-Modified", "Link", "Content-Location", "Libkg-Rows", "Libkg-Results-Truncated", "Libkg-Page"]


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
    follower = ReleaseFollower(settings)
    app.extensions["libkg"] = follower
    app.extensions["libkg-endpoint"] = Endpoint(settings)
    # Only the methods something here accepts (flask-cors would also advertise PUT, PATCH and DELETE).
    CORS(app, expose_headers=EXPOSED_HEADERS, methods=["GET", "HEAD", "POST", "OPTIONS"])
    for module in (home, sparql, resource, source, graph, ontology, void, dumps, search, browse, compare, editor, vendor,
                   crawlers):
        app.register_blueprint(module.blueprint)
    problems.register(app)
    i18n.register(app)
    naming.register(app)
    representations.register(app)
    headers.register(app)
    compression.register(app)
    rendered.register(app)
    return app
