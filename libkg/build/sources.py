"""Find the curated source files and name the graph each one becomes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from libkg.config import Settings
from libkg.errors import CurationError
from libkg.namespaces import CURATOR, KNOWLEDGE, ONTOLOGY, ONTOLOGY_GRAPH, STATED, VOCABULARY, graph_iri

# Where curated files go (folders of kg/), and who makes their statements.
PLACES = {
    "studies": (STATED, "one file per study: what its source states, with evidence"),
    "shared": (STATED, "actors, places and documents the sources name"),
    "schemes": (VOCABULARY, "the curators' concept schemes"),
    "synthesis": (None, "curator-links.ttl (inferences between claims) and curator-knowledge.ttl (outside knowledge)"),
}
SYNTHESIS = {"curator-links": CURATOR, "curator-knowledge": KNOWLEDGE}


@dataclass(frozen=True)
class SourceFile:
    """One curated Turtle file and the named graph it is loaded into."""

    path: Path
    graph: str
    root: Path
    role: str = STATED

    @property
    def display(self) -> str:
        """Return the path relative to the project root, for messages."""
        try:
            return str(self.path.relative_to(self.root))
        except ValueError:
            return str(self.path)


@dataclass(frozen=True)
class Sources:
    """Everything the build reads."""

    ontology: tuple[SourceFile, ...]
    data: tuple[SourceFile, ...]
    shapes: tuple[SourceFile, ...]
    violation_queries: tuple[Path, ...]
    competency_queries: tuple[Path, ...]

    @property
    def graph_files(self) -> tuple[SourceFile, ...]:
        """Return ontology and data files: everything that enters the store."""
        return self.ontology + self.data


def discover(settings: Settings, kg_dir: Path | None = None) -> Sources:
    """List the ontology, data, shape and query files of a project."""
    root = Path(settings.root)
    kg = Path(kg_dir) if kg_dir else root / "kg"
    ontology = tuple(
        SourceFile(p, graph_iri(settings.base_iri, ONTOLOGY_GRAPH), root, ONTOLOGY) for p in sorted((root / "ontology").glob("*.ttl"))
    )
    if not ontology:
        raise CurationError(f"no ontology files (*.ttl) in {root / 'ontology'}")
    data = _data_files(settings, kg, root)
    shapes = tuple(SourceFile(p, "", root) for p in sorted((root / "shapes").glob("*.ttl")))
    queries = root / "queries"
    return Sources(
        ontology=ontology,
        data=data,
        shapes=shapes,
        violation_queries=tuple(sorted(queries.glob("*-violation.rq"))),
        competency_queries=tuple(sorted(queries.glob("cq-*.rq"))),
    )


def _data_files(settings: Settings, kg: Path, root: Path) -> tuple[SourceFile, ...]:
    """Map each kg/**/*.ttl file to graph/{stem}, refusing two files with one stem."""
    if not kg.is_dir():
        raise CurationError(f"no data folder at {kg}")
    seen: dict[str, Path] = {}
    files = []
    for path in sorted(kg.rglob("*.ttl")):
        stem = path.stem
        if stem in seen:
            raise CurationError(
                f"two data files would become the same named graph graph/{stem}: {seen[stem]} and {path}",
                file=str(path),
            )
        if stem in {"ontology", "inferred"}:
            raise CurationError(f"graph/{stem} is reserved for the build; rename the file", file=str(path))
        seen[stem] = path
        files.append(SourceFile(path, graph_iri(settings.base_iri, f"graph/{stem}"), root, _role(path, kg, root)))
    return tuple(files)


def _role(path: Path, kg: Path, root: Path) -> str:
    """Tell who makes the statements of a data file from where it lies, refusing files outside the known places."""
    folder = path.relative_to(kg).parts[0] if len(path.relative_to(kg).parts) > 1 else ""
    if folder in PLACES and folder != "synthesis":
        return PLACES[folder][0]
    if folder == "synthesis" and path.stem in SYNTHESIS:
        return SYNTHESIS[path.stem]
    places = "; ".join(f"kg/{name}/: {what}" for name, (_, what) in PLACES.items())
    shown = path.relative_to(root) if path.is_relative_to(root) else path
    raise CurationError(f"a data file cannot go here; the places for data are {places}", file=str(shown))
