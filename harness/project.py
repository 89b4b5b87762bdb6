"""The project's curated sources: copies of them to build or break, and the command line run as a user runs it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import rdflib

from libkg.build.pipeline import build
from libkg.config import Settings

ROOT = Path(__file__).resolve().parents[1]
SOURCE_FOLDERS = ("ontology", "shapes", "queries", "kg")
# The curated project the tests copy and build: this one, or another (LIBKG_TEST_PROJECT), such as a copy with a
# study added, to show which tests survive a new study.
PROJECT = Path(os.environ.get("LIBKG_TEST_PROJECT", ROOT))
# The studies' source texts; copies of the project built in temporary folders (and their servers) read them from here.
SEEDS = Path(os.environ["LIBKG_SOURCES"]) if os.environ.get("LIBKG_SOURCES") else Settings(root=ROOT).sources_path
# A query whose answer on the curated graph is known: it holds three studies.
COUNT_STUDIES = "PREFIX lkg: <https://w3id.org/libkg/ontology#> SELECT (COUNT(?s) AS ?n) WHERE { ?s a lkg:Study }"

# A Study A context statement with its passage, added to tell two builds apart.
EXTRA_STATEMENT = """
res:bl-context-fault-test a lkg:ContextStatement ;
    rdfs:label "A statement added by the fault test"@en , "故障测试添加的陈述"@zh ;
    skos:definition "Exists only to tell two builds apart."@en , "仅用于区分两次构建。"@zh ;
    lkg:reportedIn res:study-bl-smes ;
    lkg:evidence <https://w3id.org/libkg/source/000_ea8717c4bec91050#span-0-108> .
<https://w3id.org/libkg/source/000_ea8717c4bec91050#span-0-108> a oa:SpecificResource ;
    oa:hasSource src:000_ea8717c4bec91050 ;
    oa:hasSelector [ a oa:TextPositionSelector ; oa:start "0"^^xsd:nonNegativeInteger ; oa:end "108"^^xsd:nonNegativeInteger ] .
"""


def copy_project(target: Path, kg: Path | None = None) -> Path:
    """Copy the curated sources (optionally with another kg folder) into target."""
    for name in SOURCE_FOLDERS:
        shutil.copytree(PROJECT / name, target / name, ignore=shutil.ignore_patterns("examples"))
    if kg is not None:
        shutil.rmtree(target / "kg")
        shutil.copytree(kg, target / "kg")
    return target


@contextmanager
def built_copy() -> Iterator[Settings]:
    """Build a copy of the project in a temporary folder; yield its settings, and remove it afterwards."""
    with tempfile.TemporaryDirectory(prefix="libkg-") as folder:
        settings = Settings(root=copy_project(Path(folder) / "project"), sources=SEEDS)
        build(settings)
        yield settings


def run_cli(*args: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run 'python -m libkg' as a user would, capturing its output."""
    return subprocess.run([sys.executable, "-m", "libkg", *args], cwd=cwd, capture_output=True, text=True, timeout=timeout)


def parse_folder(folder: Path) -> rdflib.Graph:
    """Parse every Turtle file directly in folder into one rdflib graph."""
    graph = rdflib.Graph()
    for path in sorted(folder.glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph
