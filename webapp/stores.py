"""Give views the store of the current release, and what the explorer derives from it once per build."""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar
from weakref import WeakKeyDictionary

from flask import current_app, g

from libkg.compare import list_studies
from libkg.config import Settings
from libkg.releases import current_release
from libkg.search import SearchIndex, build_index, read_index
from libkg.store import GraphStore
from libkg.summary import Summary, read_summary, summarise

T = TypeVar("T")
_derived: WeakKeyDictionary = WeakKeyDictionary()
_derived_lock = threading.Lock()


def current_store() -> GraphStore:
    """Return the store this request is answered from: the same one for the whole request."""
    if "libkg_store" not in g:
        g.libkg_store = current_app.extensions["libkg"].get()
    return g.libkg_store


def settings() -> Settings:
    """Return the app's libkg settings."""
    return current_app.config["SETTINGS"]


def per_build(compute: Callable[[GraphStore], T]) -> Callable[[GraphStore], T]:
    """Compute something from a store once per store (that is, once per release and process)."""

    def cached(store: GraphStore) -> T:
        with _derived_lock:
            known = _derived.setdefault(store, {})
        if compute not in known:
            known[compute] = compute(store)
        return known[compute]

    return cached


@per_build
def index_of(store: GraphStore) -> SearchIndex:
    """Return the build's explorer index: the file the build wrote, else (older builds) one read from the store."""
    release = getattr(store, "path", None) or current_release(settings().build_path)
    index = _read(release) if release else None
    return index or build_index(store, settings().base_iri)


@lru_cache(maxsize=4)
def _read(release: Path) -> SearchIndex | None:
    """Read one release's index file once."""
    return read_index(release)


def current_index() -> SearchIndex:
    """Return the explorer index of the current release."""
    return index_of(current_store())


@per_build
def summary_of(store: GraphStore) -> Summary:
    """Return the build's page counts: the file the build wrote, else (older builds) counted from the index once."""
    release = getattr(store, "path", None) or current_release(settings().build_path)
    found = read_summary(release) if release else None
    return found or summarise(index_of(store), list_studies(store, settings().base_iri))
