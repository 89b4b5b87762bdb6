"""Settings for libkg, with defaults that work on a fresh clone and LIBKG_* overrides."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

CANONICAL_BASE_IRI = "https://w3id.org/libkg/"
INTEGER_FIELDS = {
    "max_rows", "max_response_bytes", "max_request_bytes", "port", "workers", "threads", "query_processes",
    "keep_releases", "owl_abox_limit",
}


@dataclass(frozen=True)
class Settings:
    """Where the sources and the build live, and how queries are answered."""

    root: Path = field(default_factory=Path.cwd)
    build_dir: Path | None = None
    sources: Path | None = None
    base_iri: str = CANONICAL_BASE_IRI
    store: str = "embedded"
    sparql_endpoint: str = ""
    query_timeout: float = 10.0
    max_rows: int = 10_000
    max_response_bytes: int = 16 * 1024 * 1024
    max_request_bytes: int = 256 * 1024
    host: str = "127.0.0.1"
    port: int = 5000
    workers: int = 2
    threads: int = 4
    query_processes: int = 4
    keep_releases: int = 3
    owl_abox_limit: int = 50_000

    @property
    def build_path(self) -> Path:
        """Return the folder that holds build outputs."""
        return Path(self.build_dir) if self.build_dir else Path(self.root) / "build"

    @property
    def sources_path(self) -> Path:
        """Return the folder holding the studies' source texts (default: ../shared/seeds beside the project)."""
        return Path(self.sources) if self.sources else Path(self.root).resolve().parent / "shared" / "seeds"

    @classmethod
    def from_env(cls, **overrides) -> "Settings":
        """Read LIBKG_<FIELD> environment variables, then apply explicit overrides."""
        values = {}
        for f in fields(cls):
            raw = os.environ.get(f"LIBKG_{f.name.upper()}")
            if raw is not None:
                values[f.name] = _coerce(f.name, raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **values)


def _coerce(name: str, raw: str):
    """Turn an environment string into the type the field expects."""
    if name in {"root", "build_dir", "sources"}:
        return Path(raw)
    if name == "query_timeout":
        return float(raw)
    if name in INTEGER_FIELDS:
        return int(raw)
    return raw
