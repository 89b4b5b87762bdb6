"""The build refuses bad curated data with a clear message and never touches the served store."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from harness.project import run_cli

RES = "https://w3id.org/libkg/resource/"
ASK_BRITISH_LIBRARY = f"ASK {{ <{RES}british-library> ?p ?o }}"


def study_file(project: Path) -> Path:
    """Return the curated file of the British Library study."""
    return project / "kg" / "studies" / "bl-smes.ttl"


@pytest.fixture
def served(project: Path) -> Path:
    """A project copy with a first successful build, as a server would be reading it."""
    result = run_cli("build", cwd=project)
    assert result.returncode == 0, result.stderr
    return project


def current_target(project: Path) -> str:
    """Return which release 'current' points at."""
    return str((project / "build" / "current").readlink())


def still_answers(project: Path) -> bool:
    """Check that the previous store still answers a query after a failed build."""
    result = run_cli("query", "-f", "json", "-e", ASK_BRITISH_LIBRARY, cwd=project)
    return result.returncode == 0 and json.loads(result.stdout)["boolean"] is True


def test_build_publishes_a_release_with_store_dumps_and_report(served: Path):
    release = served / "build" / current_target(served)
    assert (release / "store").is_dir()
    assert {p.name for p in (release / "dumps").iterdir()} >= {"libkg.trig", "libkg.nq.gz", "libkg.jsonld", "graphs", "manifest.json"}
    assert '"timings"' in (release / "report.json").read_text(encoding="utf-8")
    assert still_answers(served)


def test_broken_turtle_names_file_and_line_and_keeps_previous_store(served: Path):
    before = current_target(served)
    path = study_file(served)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(10, "res:broken lkg:reportedIn ;; .")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_cli("build", cwd=served)
    assert result.returncode != 0
    assert re.search(r"kg/studies/bl-smes\.ttl:11:\d+: Turtle syntax error", result.stderr), result.stderr
    assert current_target(served) == before
    assert still_answers(served)


def test_shacl_violation_reports_focus_node_and_message_and_changes_nothing(served: Path):
    before = current_target(served)
    releases = sorted(p.name for p in (served / "build" / "releases").iterdir())
    with study_file(served).open("a", encoding="utf-8") as handle:
        handle.write('\nres:orphan-problem a lkg:Problem ; rdfs:label "An orphan problem"@en , "孤立问题"@zh .\n')
    result = run_cli("build", cwd=served)
    assert result.returncode != 0
    assert "SHACL violation" in result.stderr
    assert f"<{RES}orphan-problem>" in result.stderr
    assert "kg/studies/bl-smes.ttl" in result.stderr
    assert "reportedIn" in result.stderr
    assert current_target(served) == before
    assert sorted(p.name for p in (served / "build" / "releases").iterdir()) == releases
    assert still_answers(served)


def test_owl_inconsistency_names_the_individual_and_its_disjoint_classes(served: Path):
    before = current_target(served)
    with study_file(served).open("a", encoding="utf-8") as handle:
        handle.write(f"\n<{RES}british-library> a lkg:Enterprise .\n")
    result = run_cli("build", cwd=served)
    assert result.returncode != 0
    assert "OWL inconsistency" in result.stderr
    assert f"<{RES}british-library> is both" in result.stderr
    assert "Enterprise" in result.stderr and "Library" in result.stderr
    assert current_target(served) == before


def test_file_that_is_not_utf8_is_refused_with_its_position(served: Path):
    path = served / "kg" / "shared" / "latin1.ttl"
    path.write_bytes('@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n# café\n'.encode("latin-1"))
    result = run_cli("validate", cwd=served)
    assert result.returncode != 0
    assert "kg/shared/latin1.ttl:2:" in result.stderr and "not UTF-8" in result.stderr


def test_empty_file_is_refused(served: Path):
    (served / "kg" / "shared" / "empty.ttl").write_text("# nothing yet\n", encoding="utf-8")
    result = run_cli("build", cwd=served)
    assert result.returncode != 0
    assert "kg/shared/empty.ttl: the file holds no triples" in result.stderr


def test_two_files_with_one_graph_name_are_refused(served: Path):
    target = served / "kg" / "shared"
    (target / "bl-smes.ttl").write_text((study_file(served)).read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli("build", cwd=served)
    assert result.returncode != 0
    assert "same named graph graph/bl-smes" in result.stderr


def test_violation_query_row_fails_the_build(served: Path):
    (served / "queries" / "always-violation.rq").write_text(
        "SELECT ?library WHERE { ?library a <https://w3id.org/libkg/ontology#NationalLibrary> }\n", encoding="utf-8"
    )
    result = run_cli("build", cwd=served)
    assert result.returncode != 0
    assert "always-violation.rq" in result.stderr and f"{RES}british-library" in result.stderr


def test_validate_writes_nothing(project: Path):
    result = run_cli("validate", cwd=project)
    assert result.returncode == 0, result.stderr
    assert not (project / "build" / "current").exists()


def test_wrong_language_tag_is_a_shacl_violation(served: Path):
    before = current_target(served)
    text = study_file(served).read_text(encoding="utf-8")
    study_file(served).write_text(text.replace('"@en ,', '"@en-GB ,', 1), encoding="utf-8")
    result = run_cli("build", cwd=served)
    assert result.returncode != 0
    assert "SHACL violation" in result.stderr and "en-GB" in result.stderr
    assert current_target(served) == before


def test_same_resource_defined_in_two_studies_is_refused(served: Path):
    before = current_target(served)
    other = served / "kg" / "studies" / "hebei-iee.ttl"
    with other.open("a", encoding="utf-8") as handle:
        handle.write(f"\n<{RES}bl-service-maker> a lkg:Service .\n")
    result = run_cli("build", cwd=served)
    assert result.returncode != 0
    assert "duplicate-definition-violation.rq" in result.stderr and f"{RES}bl-service-maker" in result.stderr
    assert current_target(served) == before


@pytest.fixture
def small_disk(tmp_path: Path, served: Path):
    """A tmpfs with room for one more release but not two; unmounted afterwards."""
    release = served / "build" / current_target(served)
    size = sum(p.stat().st_size for p in release.rglob("*") if p.is_file())
    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={int(size * 1.5) // 4096 * 4096 + 4096}", "tmpfs", str(mount_point)],
                   check=True, capture_output=True)
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def test_full_disk_during_build_leaves_the_served_release_untouched(served: Path, small_disk: Path):
    first = run_cli("--build-dir", str(small_disk), "build", cwd=served)
    assert first.returncode == 0, first.stderr
    before = str((small_disk / "current").readlink())
    with study_file(served).open("a", encoding="utf-8") as handle:
        handle.write("\n# a change so the next build differs\n")
    second = run_cli("--build-dir", str(small_disk), "build", cwd=served)
    assert second.returncode != 0
    assert "could not write the release" in second.stderr and "No space left on device" in second.stderr
    assert "Traceback" not in second.stderr
    assert str((small_disk / "current").readlink()) == before
    assert [p.name for p in (small_disk / "releases").iterdir()] == [Path(before).name]
    answer = run_cli("--build-dir", str(small_disk), "query", "-f", "json", "-e", ASK_BRITISH_LIBRARY, cwd=served)
    assert json.loads(answer.stdout)["boolean"] is True
