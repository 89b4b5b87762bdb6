"""The build: parse, validate, reason, check, then publish a new release atomically."""

from __future__ import annotations

import fcntl
import hashlib
import logging
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from libkg.build.checks import run_violation_queries
from libkg.build.evidence import check_evidence, read_evidence
from libkg.build.parsing import parse_source
from libkg.build.reasoning import classify, materialise
from libkg.build.sources import Sources, discover
from libkg.build.terms import slips
from libkg.build.validation import load_shapes, shacl_violations
from libkg.build.writing import write_release
from libkg.config import Settings
from libkg.errors import ValidationFailed
from libkg.namespaces import INFERRED_GRAPH, graph_iri, prefixes
from libkg.release import ReleaseWriter, new_build_id, publish

Progress = Callable[[str, float], None]
log = logging.getLogger("libkg.build")


@dataclass
class Checked:
    """The outcome of every step before writing: the full dataset and what it took."""

    sources: Sources
    store: ox.Store
    content_hash: str
    texts: dict[str, str] = field(default_factory=dict)  # the source texts the passages were checked against
    timings: dict[str, float] = field(default_factory=dict)


def validate_sources(settings: Settings, kg_dir: Path | None = None, progress: Progress | None = None) -> Checked:
    """Run every step but writing; raise on the first step that fails."""
    timings: dict[str, float] = {}

    @contextmanager
    def step(name: str):
        started = time.perf_counter()
        yield
        timings[name] = time.perf_counter() - started
        if progress:
            progress(name, timings[name])

    with step("discover"):
        sources = discover(settings, kg_dir)
    with step("parse"):
        quads = [quad for source in sources.graph_files for quad in parse_source(source, settings.base_iri)]
        files_by_subject = _files_by_subject(sources, quads)
    with step("terms"):
        found = slips(quads, sources.data, sources.ontology[0].graph, settings.base_iri)
        if found:
            raise ValidationFailed(f"{len(found)} unknown term(s) or dangling link(s)", found)
    with step("shacl"):
        violations = shacl_violations(quads, load_shapes(sources.shapes), files_by_subject)
        if violations:
            raise ValidationFailed(f"{len(violations)} SHACL violation(s)", [v.describe() for v in violations])
    with step("evidence"):
        evidence = check_evidence(read_evidence(quads, prefixes(settings.base_iri)["lkg"]), settings.sources_path, files_by_subject)
        for notice in evidence.notices:
            log.warning(notice)
        if evidence.problems:
            raise ValidationFailed(f"{len(evidence.problems)} evidence problem(s)", evidence.problems)
    with step("owl"):
        types = classify(quads, sources.ontology[0].graph, files_by_subject, settings.owl_abox_limit)
    with step("inference"):
        store = ox.Store()
        store.bulk_extend(quads)
        store.bulk_extend(materialise(store, types, ox.NamedNode(graph_iri(settings.base_iri, INFERRED_GRAPH))))
    with step("checks"):
        files_by_graph = {source.graph: source.display for source in sources.data}
        failures = run_violation_queries(store, sources.violation_queries, files_by_subject, files_by_graph)
        if failures:
            raise ValidationFailed(f"{len(failures)} row(s) from violation queries", failures)
    return Checked(sources, store, _content_hash(sources, evidence.texts), evidence.texts, timings)


def build(settings: Settings, kg_dir: Path | None = None, progress: Progress | None = None) -> Path:
    """Validate the sources and publish them as the new current release; return its folder."""
    settings.build_path.mkdir(parents=True, exist_ok=True)
    with _build_lock(settings.build_path):
        checked = validate_sources(settings, kg_dir, progress)
        started = time.perf_counter()
        build_id = new_build_id(checked.content_hash)

        def write(writer: ReleaseWriter) -> None:
            write_release(writer, checked, settings.base_iri, build_id, started)

        release = publish(settings.build_path, build_id, write, settings.keep_releases)
        if progress:
            progress("write", time.perf_counter() - started)
        return release


def _files_by_subject(sources: Sources, quads: list[ox.Quad]) -> dict[str, set[str]]:
    """Index which files describe each subject, so violations can name their file."""
    display = {source.graph: source.display for source in sources.graph_files if source.graph}
    ontology_graph = sources.ontology[0].graph
    index: dict[str, set[str]] = {}
    for quad in quads:
        graph = quad.graph_name.value
        name = display[graph] if graph != ontology_graph else "ontology/"
        index.setdefault(quad.subject.value, set()).add(name)
    return index


def _content_hash(sources: Sources, texts: dict[str, str]) -> str:
    """Hash every curated file and source text, so identical inputs give recognisable builds."""
    digest = hashlib.sha256()
    for path in [s.path for s in sources.graph_files + sources.shapes] + list(sources.violation_queries):
        digest.update(str(path.name).encode())
        digest.update(path.read_bytes())
    for name, text in sorted(texts.items()):
        digest.update(name.encode())
        digest.update(text.encode("utf-8"))
    return digest.hexdigest()


@contextmanager
def _build_lock(build_path: Path):
    """Hold an exclusive lock so two builds never write releases at once."""
    with open(build_path / ".build.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
