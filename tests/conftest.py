"""Shared fixtures: copies of the project to break, a build of the real graph, real servers."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from harness.project import SEEDS, copy_project
from harness.servers import LIMITED, libkg_server
from libkg.build.pipeline import build
from libkg.config import Settings

# Servers and commands started by the tests read the studies' source texts from the real project's.
os.environ.setdefault("LIBKG_SOURCES", str(SEEDS))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A throwaway copy of the real project's sources."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_project(tmp_path_factory) -> Settings:
    """The real curated graph, built once per test session into a temporary folder."""
    root = copy_project(tmp_path_factory.mktemp("built") / "project")
    settings = Settings(root=root, sources=SEEDS)
    build(settings)
    return settings


@pytest.fixture(scope="session")
def server(built_project: Settings):
    """A real 'libkg serve' over the built graph, shared by the session; yields its base URL."""
    with libkg_server(built_project.root) as running:
        yield running.url


@pytest.fixture(scope="session")
def limited_server(built_project: Settings):
    """A server with a 2 s query limit and small result caps, for pathological input."""
    with libkg_server(built_project.root, **LIMITED) as running:
        yield running.url
