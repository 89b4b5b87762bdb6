"""Shared fixtures: copies of the project to break, a build of the real graph, the app and the CLI in this process, real servers."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from playwright.sync_api import sync_playwright

from harness.browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS
from harness.project import SEEDS, copy_project
from harness.servers import LIMITED, libkg_server
from libkg.build.pipeline import build
from libkg.cli import cli
from libkg.config import Settings
from webapp import create_app

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
def app(built_project: Settings):
    """The web app over the built graph, in this process with one query process: for pages that need no real server."""
    yield create_app({"LIBKG_SETTINGS": built_project, "LIBKG_QUERY_PROCESSES": 1, "TESTING": True})
    # Stop the query process now rather than at exit, so that what it ran still counts in the coverage report.
    for process in multiprocessing.active_children():
        process.terminate()
        process.join()


@pytest.fixture
def client(app):
    """A test client of the app."""
    return app.test_client()


class LibkgRunner(CliRunner):
    """Click's test runner over the libkg command line, as Flask's runner is over the app's."""

    def invoke(self, args: list[str], **kwargs) -> Result:
        """Run one libkg command with these arguments in this process."""
        return super().invoke(cli, args, **kwargs)


@pytest.fixture
def runner(built_project: Settings) -> LibkgRunner:
    """Run libkg commands over the built project (unless --root or --build-dir say otherwise)."""
    return LibkgRunner(env={"LIBKG_ROOT": str(built_project.root), "LIBKG_BUILD_DIR": str(built_project.build_path)})


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


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for the module."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server, request):
    """A fresh browser context (no cookies, no stored editor tabs) on the server; a screenshot when the test ends."""
    context = browser.new_context(base_url=server, viewport={"width": 1280, "height": 900}, accept_downloads=True,
                                  locale="en-GB")
    tab = context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    tab.on("console", lambda message: problems.append(message.text) if "Content Security Policy" in message.text else None)
    yield tab
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()
    assert not problems, problems
