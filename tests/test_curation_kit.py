"""A curator's slips are caught with the file, the term and a fix; the lookup and the sheet say what they could not find."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from harness.project import ROOT, SEEDS, run_cli

FIXTURE = ROOT / "tests" / "fixtures" / "fourth-study"


def write(path: Path, old: str, new: str) -> None:
    """Change the first occurrence of old in a curated file."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, text: str) -> int:
    """Return the number of the first line holding text."""
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_a_misspelt_property_names_file_line_and_the_right_one(project):
    study = project / "kg" / "studies" / "bl-smes.ttl"
    write(study, "lkg:servesAudience", "lkg:servesAudiance")
    result = run_cli("validate", cwd=project)
    assert result.returncode == 1
    assert (f"kg/studies/bl-smes.ttl:{line_of(study, 'servesAudiance')}: lkg:servesAudiance is not defined in the ontology; "
            "did you mean lkg:servesAudience?") in result.stderr


def test_a_misspelt_class_names_file_line_and_the_right_one_before_any_shape_complains(project):
    study = project / "kg" / "studies" / "library-service-innovation-cases.ttl"
    write(study, "a lkg:Recommendation", "a lkg:Recomendation")
    result = run_cli("validate", cwd=project)
    assert result.returncode == 1
    assert f"library-service-innovation-cases.ttl:{line_of(study, 'Recomendation')}: lkg:Recomendation is not defined" in result.stderr
    assert "did you mean lkg:Recommendation?" in result.stderr and "reportedIn" not in result.stderr


def test_a_link_to_nothing_names_file_line_and_how_to_find_what_exists(project):
    study = project / "kg" / "studies" / "hebei-iee.ttl"
    study.write_text(study.read_text(encoding="utf-8") + "\nres:hebei-problem-talent-shortage lkg:concerns res:university-librarys .\n",
                     encoding="utf-8")
    result = run_cli("validate", cwd=project)
    assert result.returncode == 1
    assert f"kg/studies/hebei-iee.ttl:{line_of(study, 'university-librarys')}: res:university-librarys is linked to" in result.stderr
    assert "defined nowhere" in result.stderr and "libkg terms" in result.stderr


def test_a_source_file_that_is_not_in_the_sources_folder_is_named(project):
    write(project / "kg" / "studies" / "hebei-iee.ttl", 'lkg:sourceFile "001_30f2c58c065afdf1.txt"', 'lkg:sourceFile "001_hebei.txt"')
    result = run_cli("validate", cwd=project)
    assert result.returncode == 1
    assert "kg/studies/hebei-iee.ttl: <https://w3id.org/libkg/source/001_30f2c58c065afdf1> names the file '001_hebei.txt', " \
           "which is not in the sources folder" in result.stderr


def test_a_curator_link_in_a_study_file_says_where_it_belongs(project):
    study = project / "kg" / "studies" / "hebei-iee.ttl"
    study.write_text(study.read_text(encoding="utf-8")
                     + "\nres:hebei-countermeasure-strengthen-publicity lkg:hasTheme res:theme-publicity-and-promotion .\n",
                     encoding="utf-8")
    result = run_cli("validate", cwd=project)
    assert result.returncode == 1
    assert "kg/studies/hebei-iee.ttl" in result.stderr and "[curator-link-outside-synthesis-violation.rq]" in result.stderr
    assert "fix: move the statement to kg/synthesis/curator-links.ttl" in result.stderr


def test_a_file_outside_the_places_for_data_is_refused_with_the_places(project):
    (project / "kg" / "notes").mkdir()
    shutil.copy(project / "kg" / "shared" / "places.ttl", project / "kg" / "notes" / "extra-places.ttl")
    result = run_cli("validate", cwd=project)
    assert result.returncode == 1
    assert "kg/notes/extra-places.ttl: a data file cannot go here" in result.stderr and "kg/shared/" in result.stderr


def test_terms_finds_names_in_either_language_with_their_file(runner):
    result = runner.invoke(["terms", "合作"])
    assert result.exit_code == 0
    assert re.search(r"res:theme-cooperation-and-partnership  \[.*lkg:StrategyTheme.*\]  Cooperation and partnership / 合作与伙伴关系  "
                     r"\(kg/schemes/strategy-themes\.ttl\)", result.output)
    places = runner.invoke(["terms", "--kind", "Place"]).output
    assert "res:hebei-province" in places and "res:smes" not in places  # subclasses of Place count, other kinds do not


def test_new_study_refuses_a_missing_source_and_a_taken_slug(project):
    missing = run_cli("new-study", "county-makers", "--source", "no-such-file.txt", cwd=project)
    assert missing.returncode == 1 and "no source text 'no-such-file.txt'" in missing.stderr and "000_ea8717c4bec91050.txt" in missing.stderr
    taken = run_cli("new-study", "hebei-iee", "--source", "001_30f2c58c065afdf1.txt", cwd=project)
    assert taken.returncode == 1 and "already exists" in taken.stderr


@pytest.fixture
def started(project, tmp_path) -> tuple[Path, Path]:
    """A project with the fictional study started and its sheets filled in."""
    sources = tmp_path / "sources"
    shutil.copytree(SEEDS, sources)
    shutil.copy(FIXTURE / "fourth-fictional.txt", sources)
    assert run_cli("--sources", str(sources), "new-study", "fourth-fictional", "--source", "fourth-fictional.txt",
                   cwd=project).returncode == 0
    for sheet in ("items.csv", "links.csv"):
        shutil.copy(FIXTURE / sheet, project / "sheets" / "fourth-fictional" / sheet)
    return project, sources


def test_the_sheet_names_an_unknown_name_with_the_nearest_ones(started):
    project, sources = started
    write(project / "sheets" / "fourth-fictional" / "links.csv", "Cooperation and partnership", "Cooperation and partners")
    result = run_cli("--sources", str(sources), "sheet", "fourth-fictional", cwd=project)
    assert result.returncode == 1
    assert "links.csv:5: 'Cooperation and partners' names no existing resource; nearest: theme-cooperation-and-partnership" in result.stderr


def test_the_sheet_names_a_phrase_the_source_does_not_hold_with_the_closest_stretch(started):
    project, sources = started
    write(project / "sheets" / "fourth-fictional" / "items.csv", "too few trained staff", "too few trained librarians")
    result = run_cli("--sources", str(sources), "sheet", "fourth-fictional", cwd=project)
    assert result.returncode == 1
    assert "'too few trained librarians' does not occur in fourth-fictional.txt (items.csv:8:)" in result.stderr
    assert "the closest stretch" in result.stderr and "too few trained staff" in result.stderr


def test_the_sheet_keeps_shared_actors_out_of_a_study_file(started):
    project, sources = started
    write(project / "sheets" / "fourth-fictional" / "items.csv", "Limitation,fourth-limitation-one-province", "Library,fourth-limitation-one-province")
    result = run_cli("--sources", str(sources), "sheet", "fourth-fictional", cwd=project)
    assert result.returncode == 1 and "define a Library in kg/shared/ or kg/schemes/" in result.stderr
