"""Give views the store of the current release."""

from __future__ import annotations

from flask import current_app

from libkg.config import Settings
from libkg.store import GraphStore


def current_store() -> GraphStore:
    """Return the store this request is answered from."""
    return current_app.extensions["libkg"].get()


def settings() -> Settings:
    """Return the app's libkg settings."""
    return current_app.config["SETTINGS"]
