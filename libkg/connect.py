"""Open the store the settings name over the current release, and follow the release as builds replace it."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from libkg.config import Settings
from libkg.errors import StoreUnavailable
from libkg.query.remote import RemoteStore
from libkg.query.store import GraphStore
from libkg.release import Release, current_release, current_release_link


@dataclass(frozen=True)
class Snapshot:
    """What one request or command answers from: a release and the store that holds its statements."""

    release: Release
    store: GraphStore


def open_snapshot(settings: Settings) -> Snapshot:
    """Open the current release with the store the settings name: its own embedded store or an external endpoint."""
    release = current_release(settings.build_path)
    if settings.store == "embedded":
        return Snapshot(release, release.store)
    if settings.store == "sparql":
        return Snapshot(release, RemoteStore(settings, release.graph_names))
    raise StoreUnavailable(f"unknown store kind {settings.store!r}: use 'embedded' or 'sparql'")


class ReleaseFollower:
    """Hand out the current snapshot, reopening it when a build switches releases."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._lock = threading.Lock()
        self._build_path = settings.build_path
        self._snapshot: Snapshot | None = None
        self._link: str | None = None

    def get(self) -> Snapshot:
        """Return the snapshot to answer one request from; one request keeps one snapshot. A release folder never
        changes once linked, so the link's text alone says whether a build has switched releases."""
        link = current_release_link(self._build_path)
        with self._lock:
            # An external store is reopened too, so that its build identity and graphs follow 'libkg build'.
            if self._snapshot is None or link is None or link != self._link:
                self._snapshot = open_snapshot(self.settings)
                self._link = link
                # Requests that need the release's indexes wait for this one reading, not each for their own.
                threading.Thread(target=self._snapshot.release.warm, name="libkg-warm", daemon=True).start()
            return self._snapshot
