"""What one request answers from: the current release and its store, the same for the whole request."""

from __future__ import annotations

from flask import current_app, g, request

from libkg.config import Settings
from libkg.connect import Snapshot
from libkg.query.store import GraphStore
from libkg.release import Release

# Where the WSGI environment carries the snapshot taken for the request (by webapp.rendered).
SNAPSHOT = "libkg.snapshot"


def snapshot() -> Snapshot:
    """Return this request's snapshot (release and store), taken once per request (by webapp.rendered when it runs)."""
    if "libkg_snapshot" not in g:
        g.libkg_snapshot = request.environ.get(SNAPSHOT) or current_app.extensions["libkg"].get()
    return g.libkg_snapshot


def current_release() -> Release:
    """Return the release this request is answered from."""
    return snapshot().release


def current_store() -> GraphStore:
    """Return the store this request is answered from."""
    return snapshot().store


def settings() -> Settings:
    """Return the app's libkg settings."""
    return current_app.config["SETTINGS"]
