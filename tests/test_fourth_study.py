"""A fictional fourth study added as a curator would add it: the sheet, the scaffold, the build, and tests that survive it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from harness.project import ROOT, SEEDS, copy_project, run_cli

FIXTURE = ROOT / "tests" / "fixtures" / "fourth-study"
SLUG = "fourth-fictional"
# Everything that asserts one study or the build's checks (not the whole corpus), without servers.
PER_STUDY_TESTS = ("tests/test_curation.py", "tests/test_competency_questions.py", "tests/test_curator_knowledge.py",
                   "tests/test_evidence.py", "tests/test_violation_queries.py", "tests/test_build.py")


@pytest.fixture(scope="module")
def with_fourth_study(tmp_path_factory) -> tuple[Path, Path]:
    """A copy of the project with the fictional study added through libkg new-study, its sheets and libkg sheet."""
    folder = tmp_path_factory.mktemp("fourth")
    project, sources = copy_project(folder / "project"), folder / "sources"
    shutil.copytree(SEEDS, sources)
    shutil.copy(FIXTURE / f"{SLUG}.txt", sources)
    started = run_cli("--sources", str(sources), "new-study", SLUG, "--source", f"{SLUG}.txt", cwd=project)
    assert started.returncode == 0, started.stderr
    assert "libkg sheet fourth-fictional" in started.stdout
    for sheet in ("items.csv", "links.csv"):  # the curator fills the sheets the scaffold created
        assert (project / "sheets" / SLUG / sheet).is_file()
        shutil.copy(FIXTURE / sheet, project / "sheets" / SLUG / sheet)
    written = run_cli("--sources", str(sources), "sheet", SLUG, cwd=project)
    assert written.returncode == 0, written.stderr
    built = run_cli("--sources", str(sources), "build", cwd=project)
    assert built.returncode == 0, built.stderr
    return project, sources


def test_the_sheet_becomes_a_study_file_with_passages_and_curator_links(with_fourth_study):
    project, sources = with_fourth_study
    turtle = (project / "kg" / "studies" / f"{SLUG}.ttl").read_text(encoding="utf-8")
    text = (sources / f"{SLUG}.txt").read_text(encoding="utf-8")
    start = text.index("outdated equipment")
    assert f"lkg:evidence <https://w3id.org/libkg/source/{SLUG}#span-{start}-{start + len('outdated equipment')}>" in turtle
    assert turtle.count("lkg:reportedIn res:study-fourth-fictional") == 11
    assert "lkg:serviceType res:service-type-maker" in turtle  # found by its name, "Maker services"
    links = (project / "kg" / "synthesis" / "curator-links.ttl").read_text(encoding="utf-8")
    assert "res:fourth-countermeasure-promote lkg:hasTheme res:theme-publicity-and-promotion ." in links  # by its Chinese label
    assert "res:fourth-countermeasure-promote lkg:addresses res:fourth-problem-low-awareness ." in links
    again = run_cli("--sources", str(sources), "sheet", SLUG, cwd=project)
    assert again.returncode == 1 and "--force" in again.stderr


def test_only_questions_about_the_whole_corpus_change_until_accepted(with_fourth_study):
    project, sources = with_fourth_study
    diff = run_cli("--sources", str(sources), "cq", "--diff", cwd=project)
    assert diff.returncode == 1
    changed = [line for line in diff.stdout.splitlines() if not line.startswith("  ")]
    assert changed and all("(corpus)" in line for line in changed), changed
    assert any(line.startswith("cq-03-recurring-strategy-themes") for line in changed)
    assert "  + https://w3id.org/libkg/resource/study-fourth-fictional" in diff.stdout
    accepted = run_cli("--sources", str(sources), "cq", "--accept", cwd=project)
    assert accepted.returncode == 0 and "now accepted" in accepted.stderr
    assert run_cli("--sources", str(sources), "cq", cwd=project).returncode == 0


def test_every_test_about_one_study_or_the_checks_still_passes(with_fourth_study):
    project, sources = with_fourth_study
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "--no-cov", "-p", "no:cacheprovider", "-m", "not server and not browser and not corpus",
         *PER_STUDY_TESTS],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
        env={**os.environ, "LIBKG_TEST_PROJECT": str(project), "LIBKG_SOURCES": str(sources)})
    assert result.returncode == 0, result.stdout[-3000:]
    assert " passed" in result.stdout.splitlines()[-1]
