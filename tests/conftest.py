"""Shared fixtures: copies of the project to break, a build of the real graph, a running server."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
import rdflib

from libkg.build.pipeline import build
from libkg.config import Settings

ROOT = Path(__file__).resolve().parents[1]
SOURCE_FOLDERS = ("ontology", "shapes", "queries", "kg")
# The studies' source texts; copies of the project built in temporary folders (and servers) read them from here.
SEEDS = Settings(root=ROOT).sources_path
os.environ.setdefault("LIBKG_SOURCES", str(SEEDS))


def copy_project(target: Path, kg: Path | None = None) -> Path:
    """Copy the curated sources (optionally with another kg folder) into target."""
    for name in SOURCE_FOLDERS:
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("examples"))
    if kg is not None:
        shutil.rmtree(target / "kg")
        shutil.copytree(kg, target / "kg")
    return target


def parse_folder(folder: Path) -> rdflib.Graph:
    """Parse every Turtle file directly in folder into one rdflib graph."""
    graph = rdflib.Graph()
    for path in sorted(folder.glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


def run_cli(*args: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run 'python -m libkg' as a user would, capturing its output."""
    return subprocess.run(
        [sys.executable, "-m", "libkg", *args], cwd=cwd, capture_output=True, text=True, timeout=timeout
    )


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, log_path: Path, seconds: float = 30) -> None:
    """Wait until url answers, failing early (with the server's log) if the process died."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}:\n{log_path.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {seconds} s")


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


@contextmanager
def running_server(root: Path, **env: str):
    """Run 'libkg serve' (gunicorn) from root with extra LIBKG_* settings; yield its base URL."""
    port = free_port()
    log_path = Path(root) / f"server-{port}.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "libkg", "serve", "--port", str(port)],
            cwd=root,
            env={**os.environ, **{f"LIBKG_{k.upper()}": str(v) for k, v in env.items()}},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url + "/", process, log_path)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="session")
def server(built_project: Settings):
    """A real 'libkg serve' over the built graph, shared by the session; yields its base URL."""
    with running_server(built_project.root) as url:
        yield url


@pytest.fixture(scope="session")
def limited_server(built_project: Settings):
    """A server with a 2 s query limit and small result caps, for pathological input."""
    with running_server(built_project.root, query_timeout=2, max_rows=50, max_response_bytes=4096) as url:
        yield url
