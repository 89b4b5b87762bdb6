"""Open the store the settings name, and follow the current release as builds replace it."""

from __future__ import annotations

import threading
from pathlib import Path

from .config import Settings
from .errors import StoreUnavailable
from .releases import current_release
from .remote import RemoteStore
from .store import EmbeddedStore, GraphStore


def open_store(settings: Settings) -> GraphStore:
    """Open the store the settings name: the current embedded release or an external endpoint."""
    if settings.store == "embedded":
        release = current_release(settings.build_path)
        if release is None:
            raise StoreUnavailable(f"no built store under {settings.build_path}: run 'libkg build' first")
        return EmbeddedStore.open_release(release)
    if settings.store == "sparql":
        return RemoteStore(settings)
    raise StoreUnavailable(f"unknown store kind {settings.store!r}: use 'embedded' or 'sparql'")


class ReleaseFollower:
    """Hand out the current release's store, reopening it when a build switches releases."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._lock = threading.Lock()
        self._release: Path | None = None
        self._store: GraphStore | None = None

    def get(self) -> GraphStore:
        """Return the store to answer one request from; one request keeps one store."""
        release = current_release(self.settings.build_path)
        with self._lock:
            # An external store is reopened too, so that its build identity and graphs follow 'libkg build'.
            if self._store is None or release != self._release:
                self._store = open_store(self.settings)
                self._release = release
            return self._store
