"""What one request answers from: the current release and its store, the same for the whole request."""

from __future__ import annotations

from flask import current_app, g

from libkg.config import Settings
from libkg.connect import Snapshot
from libkg.query.store import GraphStore
from libkg.release import Release


def snapshot() -> Snapshot:
    """Return this request's snapshot (release and store), taken once per request."""
    if "libkg_snapshot" not in g:
        g.libkg_snapshot = current_app.extensions["libkg"].get()
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
