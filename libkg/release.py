"""A release: one built folder, its files named here and nowhere else, and what is read from them, once each.

The build writes a release through a ReleaseWriter into a staging folder and switches the served
release with one rename of a symlink; readers open a Release and get its report, store, dumps,
questions, JSON-LD context, VoID statistics, search index and summary, each read once.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
from collections.abc import Callable, Hashable
from datetime import datetime, timezone
from pathlib import Path
from typing import TypeVar

from libkg.errors import ReleaseWriteFailed, StoreUnavailable
from libkg.explore.search import SearchIndex
from libkg.explore.summary import Summary
from libkg.query.questions import CompetencyQuestion, read_questions
from libkg.query.store import EmbeddedStore

CURRENT = "current"
RELEASES = "releases"
STORE = "store"
REPORT = "report.json"
DUMPS = "dumps"
MANIFEST = "manifest.json"
QUESTIONS = "queries"
EXPLORER = "explorer"
INDEX = "index.json"
SUMMARY = "summary.json"
LINKED_DATA = "linked-data"
CONTEXT = "context.jsonld"
ONTOLOGY_HTML = "ontology.html"
STATISTICS = "void-statistics.json"
SOURCES = "sources"

T = TypeVar("T")


class Release:
    """One built release folder and what is read from it, each at most once (thread-safe)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._memo: dict[Hashable, object] = {}
        self._computing: dict[Hashable, threading.Lock] = {}
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"Release({str(self.path)!r})"

    def cached(self, key: Hashable, compute: Callable[[], T], keep: Callable[[T], bool] | None = None) -> T:
        """Return what compute() gives for key, computed once for this release (kept only where keep says so).

        Threads asking for the same key wait for one computation; other keys are not held up by it.
        """
        with self._lock:
            if key in self._memo:
                return self._memo[key]  # type: ignore[return-value]
            computing = self._computing.setdefault(key, threading.Lock())
        with computing:
            with self._lock:
                if key in self._memo:
                    return self._memo[key]  # type: ignore[return-value]
            value = compute()
            with self._lock:
                if keep is None or keep(value):
                    self._memo[key] = value
                self._computing.pop(key, None)
            return value

    def _json(self, *parts: str):
        """Read one JSON file of the release, once."""
        return self.cached(("json",) + parts, lambda: json.loads(self.path.joinpath(*parts).read_text(encoding="utf-8")))

    @property
    def report(self) -> dict:
        """Return the build report: id, time, sources, statistics, dumps and timings."""
        return self._json(REPORT)

    @property
    def build_id(self) -> str:
        """Return the build's id."""
        return self.report["build_id"]

    @property
    def built_at(self) -> datetime | None:
        """Return when the release was built (UTC)."""
        return self.cached("built_at", self._read_built_at)

    def _read_built_at(self) -> datetime | None:
        """Read the build time from the report."""
        built = self.report.get("built_at")
        return datetime.strptime(built, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc) if built else None

    @property
    def stats(self) -> dict:
        """Return the build's counts: triples per graph, instances per class, items per study."""
        return self.report.get("stats", {})

    @property
    def graph_names(self) -> set[str]:
        """Return the IRIs of the named graphs this release holds."""
        return set(self.stats.get("graphs", {}))

    @property
    def graph_roles(self) -> dict[str, str]:
        """Return who makes the statements of each named graph (a source, the curators, the reasoner...)."""
        return self.report.get("graph_roles", {})

    @property
    def store_path(self) -> Path:
        """Return the folder of the on-disk store."""
        return self.path / STORE

    @property
    def store(self) -> EmbeddedStore:
        """Return the release's store, opened read-only once."""
        return self.cached("store", lambda: EmbeddedStore.open(self.store_path))

    @property
    def dumps(self) -> list[dict]:
        """Return the dumps of the release: name, bytes and SHA-256 of each."""
        return self.report.get("dumps", [])

    def dump_path(self, name: str) -> Path | None:
        """Return the file of the dump called name, or None if the build wrote no such dump."""
        return self.path / DUMPS / name if name in {dump["name"] for dump in self.dumps} else None

    @property
    def questions(self) -> list[CompetencyQuestion]:
        """Return the competency questions the build copied into the release."""
        return self.cached("questions", lambda: read_questions(self.path / QUESTIONS))

    @property
    def jsonld_context(self) -> dict:
        """Return the JSON-LD context (the object under "@context")."""
        return self._json(LINKED_DATA, CONTEXT)["@context"]

    @property
    def jsonld_context_bytes(self) -> bytes:
        """Return the JSON-LD context document as written."""
        return (self.path / LINKED_DATA / CONTEXT).read_bytes()

    @property
    def ontology_html(self) -> bytes:
        """Return the ontology's HTML documentation."""
        return (self.path / LINKED_DATA / ONTOLOGY_HTML).read_bytes()

    @property
    def void_statistics(self) -> dict:
        """Return the dataset statistics counted at build time."""
        return self._json(LINKED_DATA, STATISTICS)

    def source_text(self, file_name: str) -> str | None:
        """Return a source text the build checked the passages against, or None if the build had no such text."""
        path = self.path / SOURCES / file_name
        if "/" in file_name or not path.is_file():
            return None
        return self.cached(("source", file_name), lambda: path.read_text(encoding="utf-8"))

    @property
    def search_index(self) -> SearchIndex:
        """Return the explorer's index of labelled resources."""
        return self.cached("index", lambda: SearchIndex.from_json(self._json(EXPLORER, INDEX)))

    @property
    def summary(self) -> Summary:
        """Return the counts the explorer's home and browse pages show."""
        return self.cached("summary", lambda: Summary.from_json(self._json(EXPLORER, SUMMARY)))

    def warm(self) -> None:
        """Read what every explorer page needs (the index and the summary; seconds at a million statements), once;
        a release without them is left for the pages to report."""
        try:
            _ = self.search_index, self.summary
        except (OSError, ValueError):
            return


class ReleaseWriter:
    """Write the files of a new release into its (staging) folder; used by the build only."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    @property
    def graph_roles(self) -> dict[str, str]:
        """Return who makes the statements of each named graph (a source, the curators, the reasoner...)."""
        return self.report.get("graph_roles", {})

    @property
    def store_path(self) -> Path:
        """Return where the on-disk store goes."""
        return self.folder / STORE

    @property
    def dumps_folder(self) -> Path:
        """Return where the dumps go."""
        return self.folder / DUMPS

    def write_manifest(self, manifest: list[dict]) -> None:
        """Write the dumps' names, sizes and checksums beside them."""
        self._write_json((DUMPS, MANIFEST), manifest, indent=2)

    def write_report(self, report: dict) -> None:
        """Write the build report."""
        self._write_json((REPORT,), report, indent=2)

    def write_index(self, index: SearchIndex) -> None:
        """Write the explorer's index."""
        self._write_json((EXPLORER, INDEX), index.to_json())

    def write_summary(self, summary: Summary) -> None:
        """Write the explorer's per-build counts."""
        self._write_json((EXPLORER, SUMMARY), summary.to_json())

    def write_linked_data(self, context: dict, ontology_html: str, statistics: dict) -> None:
        """Write the JSON-LD context, the ontology's documentation and the VoID statistics."""
        self._write_json((LINKED_DATA, CONTEXT), {"@context": context}, indent=2)
        (self.folder / LINKED_DATA / ONTOLOGY_HTML).write_text(ontology_html, encoding="utf-8")
        self._write_json((LINKED_DATA, STATISTICS), statistics, indent=2)

    def write_source_text(self, file_name: str, text: str) -> None:
        """Keep a copy of a checked source text, so the release serves the very text its passages point into."""
        (self.folder / SOURCES).mkdir(exist_ok=True)
        (self.folder / SOURCES / file_name).write_text(text, encoding="utf-8", newline="")

    def copy_questions(self, paths: list[Path]) -> None:
        """Copy the competency questions into the release."""
        (self.folder / QUESTIONS).mkdir(parents=True, exist_ok=True)
        for path in paths:
            shutil.copy2(path, self.folder / QUESTIONS / path.name)

    def _write_json(self, parts: tuple[str, ...], data, indent: int | None = None) -> None:
        """Write one JSON file of the release (compact unless indent is given)."""
        path = self.folder.joinpath(*parts)
        path.parent.mkdir(parents=True, exist_ok=True)
        separators = None if indent else (",", ":")
        path.write_text(json.dumps(data, ensure_ascii=False, indent=indent, separators=separators), encoding="utf-8")


_opened: dict[Path, Release] = {}
_opened_lock = threading.Lock()
OPENED_KEPT = 4


def open_release(path: Path) -> Release:
    """Return the Release of a folder, the same object for every caller while it is among the newest few opened."""
    path = Path(path).resolve()
    with _opened_lock:
        release = _opened.get(path)
        if release is None:
            release = _opened[path] = Release(path)
            while len(_opened) > OPENED_KEPT:
                del _opened[next(iter(_opened))]
        return release


def current_release_path(build_path: Path) -> Path | None:
    """Return the folder of the release being served, or None before the first build."""
    link = Path(build_path) / CURRENT
    if not link.is_symlink():
        return None
    target = link.parent / os.readlink(link)
    return target if target.is_dir() else None


def current_release_link(build_path: Path) -> str | None:
    """Return where the current-release link points, as written (one system call): it changes with every switch."""
    try:
        return os.readlink(Path(build_path) / CURRENT)
    except OSError:
        return None


def current_release(build_path: Path) -> Release:
    """Return the release being served, or say that there is none yet."""
    path = current_release_path(build_path)
    if path is None:
        raise StoreUnavailable(f"no built store under {build_path}: run 'libkg build' first")
    return open_release(path)


def new_build_id(content_hash: str) -> str:
    """Name a build by its UTC time and a prefix of its content hash."""
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ") + "-" + content_hash[:10]


def publish(build_path: Path, build_id: str, write: Callable[[ReleaseWriter], None], keep: int = 3) -> Path:
    """Write a release into a staging folder, then point 'current' at it in one rename."""
    releases = Path(build_path) / RELEASES
    releases.mkdir(parents=True, exist_ok=True)
    staging = releases / f".staging-{build_id}"
    final = releases / build_id
    try:
        staging.mkdir()
        write(ReleaseWriter(staging))
        staging.rename(final)
        _switch(Path(build_path) / CURRENT, Path(RELEASES) / build_id)
    except BaseException as err:
        shutil.rmtree(staging, ignore_errors=True)
        if final.exists() and current_release_path(build_path) != final:
            shutil.rmtree(final, ignore_errors=True)
        if isinstance(err, OSError):
            raise ReleaseWriteFailed(
                f"could not write the release under {releases}: {err.strerror or err}; "
                "nothing was switched, the current release is unchanged"
            ) from err
        raise
    _prune(releases, keep, final)
    return final


def _switch(link: Path, target: Path) -> None:
    """Atomically repoint a symlink: create a new one beside it and rename over."""
    temporary = link.with_name(f".{link.name}.{os.getpid()}")
    if temporary.is_symlink():
        temporary.unlink()
    os.symlink(target, temporary)
    os.replace(temporary, link)


def _prune(releases: Path, keep: int, current: Path) -> None:
    """Remove old releases and stale staging folders, keeping the newest few."""
    for stale in releases.glob(".staging-*"):
        shutil.rmtree(stale, ignore_errors=True)
    finished = sorted((p for p in releases.iterdir() if p.is_dir() and not p.name.startswith(".")), key=lambda p: p.name)
    for old in finished[:-keep] if keep > 0 else []:
        if old != current:
            shutil.rmtree(old, ignore_errors=True)
