"""Evidence for every claim: passages inside their source texts, a build gate, the source reader, and pages both ways."""

from __future__ import annotations

import hashlib
import logging
import shutil

import pytest

from harness.client import get
from harness.project import SEEDS, copy_project, run_cli
from libkg.build.pipeline import build
from libkg.config import Settings
from libkg.errors import ValidationFailed
from libkg.release import current_release, open_release

LKG = "https://w3id.org/libkg/ontology#"
SOURCES = ("000_ea8717c4bec91050", "001_30f2c58c065afdf1", "002_1c45c6b978f5fd41")
CLAIMS = f"""
PREFIX lkg: <{LKG}>
SELECT DISTINCT ?claim WHERE {{ {{ ?claim lkg:reportedIn ?study }} UNION {{ ?claim a lkg:Study }} }}
"""
ANCHORS = f"""
PREFIX lkg: <{LKG}>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX spdx: <http://spdx.org/rdf/terms#>
SELECT ?claim ?passage ?file ?start ?end ?length ?sha WHERE {{
  ?claim lkg:evidence ?passage .
  ?passage oa:hasSource ?source ; oa:hasSelector [ oa:start ?start ; oa:end ?end ] .
  ?source lkg:sourceFile ?file ; lkg:characterCount ?length ; spdx:checksum [ spdx:checksumValue ?sha ] .
}}
"""


@pytest.fixture(scope="module")
def store(built_project):
    """The built curated graph."""
    return current_release(built_project.build_path).store


def test_every_claim_has_a_passage_inside_its_unchanged_source(store):
    claims = {row["claim"].value for row in store.select(CLAIMS)}
    anchored: dict[str, list[dict]] = {}
    for row in store.select(ANCHORS):
        anchored.setdefault(row["claim"].value, []).append({name: term.value for name, term in row.items()})
    assert len(claims) > 80
    assert claims <= set(anchored), sorted(claims - set(anchored))
    for claim, passages in anchored.items():
        for passage in passages:
            data = (SEEDS / passage["file"]).read_bytes()
            assert hashlib.sha256(data).hexdigest() == passage["sha"], passage["file"]
            assert len(data.decode("utf-8")) == int(passage["length"])
            assert 0 <= int(passage["start"]) < int(passage["end"]) <= int(passage["length"]), (claim, passage)
            assert passage["passage"].endswith(f"#span-{passage['start']}-{passage['end']}")


def test_a_source_changed_by_one_byte_fails_the_build_naming_the_claims(tmp_path):
    project = copy_project(tmp_path / "project")
    sources = tmp_path / "sources"
    shutil.copytree(SEEDS, sources)
    path = sources / f"{SOURCES[1]}.txt"
    data = bytearray(path.read_bytes())
    data[100] = ord("X") if data[100] != ord("X") else ord("Y")
    path.write_bytes(bytes(data))
    with pytest.raises(ValidationFailed) as failed:
        build(Settings(root=project, sources=sources))
    report = str(failed.value)
    assert f"the source text {SOURCES[1]}.txt has changed" in report
    assert "resource/hebei-problem-insufficient-publicity>" in report  # one of the claims whose passages need checking
    assert "resource/study-bl-smes>" not in report  # claims on other sources are not named
    assert not (project / "build" / "current").exists()


def test_without_the_sources_folder_the_build_says_so_and_checks_the_rest(tmp_path, caplog):
    project = copy_project(tmp_path / "project")
    with caplog.at_level(logging.WARNING, logger="libkg.build"):
        release = open_release(build(Settings(root=project, sources=tmp_path / "missing")))
    assert any("no sources folder" in message and "LIBKG_SOURCES" in message for message in caplog.messages)
    assert release.source_text(f"{SOURCES[0]}.txt") is None


def test_the_build_names_a_claim_without_evidence_and_a_passage_outside_its_text(tmp_path):
    project = copy_project(tmp_path / "project")
    study = project / "kg" / "studies" / "hebei-iee.ttl"
    text = study.read_text(encoding="utf-8")
    study.write_text(text + "\nres:hebei-unanchored a lkg:Problem ;\n    rdfs:label \"Unanchored\"@en , \"无依据\"@zh ;\n"
                     "    skos:definition \"A problem with no passage.\"@en , \"没有段落的问题。\"@zh ;\n"
                     "    lkg:reportedIn res:study-hebei-iee .\n"
                     "res:hebei-problem-insufficient-publicity lkg:evidence <https://w3id.org/libkg/source/001_30f2c58c065afdf1#span-5000-5010> .\n"
                     "<https://w3id.org/libkg/source/001_30f2c58c065afdf1#span-5000-5010> a oa:SpecificResource ;\n"
                     "    oa:hasSource <https://w3id.org/libkg/source/001_30f2c58c065afdf1> ;\n"
                     "    oa:hasSelector [ a oa:TextPositionSelector ; oa:start \"5000\"^^xsd:nonNegativeInteger ; "
                     "oa:end \"5010\"^^xsd:nonNegativeInteger ] .\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as failed:
        build(Settings(root=project, sources=SEEDS))
    report = str(failed.value)
    assert "kg/studies/hebei-iee.ttl: <https://w3id.org/libkg/resource/hebei-unanchored> has no lkg:evidence" in report
    assert "selects characters 5000-5010, outside 001_30f2c58c065afdf1.txt" in report


def test_the_passage_helper_finds_offsets_and_refuses_what_is_ambiguous(tmp_path):
    found = run_cli("passage", f"{SOURCES[2]}.txt", "阅读推广", cwd=tmp_path)
    assert found.returncode == 0, found.stderr
    text = (SEEDS / f"{SOURCES[2]}.txt").read_text(encoding="utf-8")
    start = text.index("阅读推广")
    assert f"/source/{SOURCES[2]}#span-{start}-{start + 4}>" in found.stdout
    assert f'"{start}"^^' in found.stdout and f'"{start + 4}"^^' in found.stdout
    ambiguous = run_cli("passage", f"{SOURCES[0]}.txt", "public libraries", cwd=tmp_path)
    assert ambiguous.returncode == 1 and "occurs" in ambiguous.stderr and "occurrence 1 to" in ambiguous.stderr
    missing = run_cli("passage", f"{SOURCES[0]}.txt", "national enterprize service network", cwd=tmp_path)
    assert missing.returncode == 1 and "closest stretch" in missing.stderr and "national enterprise service network" in missing.stderr


@pytest.mark.server
@pytest.mark.parametrize("stem", SOURCES)
def test_the_reader_shows_every_passage_linked_both_ways(server, store, stem):
    passages: dict[str, set[str]] = {}
    for row in store.select(ANCHORS):
        if row["file"].value == f"{stem}.txt":
            passages.setdefault(f"span-{row['start'].value}-{row['end'].value}", set()).add(row["claim"].value)
    assert passages
    reader = get(f"{server}/source/{stem}", {"Accept": "text/html"})
    assert reader.status == 200
    page = reader.text
    twin = get(f"{server}/source/{stem}.json").json()
    listed = {p["href"].rsplit("#", 1)[1]: {c["iri"] for c in p["claims"]} for p in twin["passages"]}
    assert listed == passages
    for anchor, claims in passages.items():
        assert f'id="{anchor}"' in page  # the passage is marked in the text
        start, end = anchor.split("-")[1:]
        assert f'id="claims-{start}-{end}"' in page
        for claim in claims:
            slug = claim.rsplit("/", 1)[-1]
            assert f'href="/resource/{slug}"' in page  # the reader links to the claim
            claim_page = get(f"{server}/resource/{slug}", {"Accept": "text/html"}).text
            assert f'href="/source/{stem}#{anchor}"' in claim_page  # and the claim back to the passage


@pytest.mark.server
def test_a_claim_page_quotes_its_passage_with_context(server, store):
    text = (SEEDS / f"{SOURCES[1]}.txt").read_text(encoding="utf-8")
    rows = [row for row in store.select(ANCHORS) if row["claim"].value.endswith("/hebei-problem-insufficient-publicity")]
    assert rows
    start, end = int(rows[0]["start"].value), int(rows[0]["end"].value)
    page = get(f"{server}/resource/hebei-problem-insufficient-publicity", {"Accept": "text/html"}).text
    assert 'id="evidence"' in page and f"<mark>{text[start:end]}</mark>" in page
    assert text[max(0, start - 30):start] in page  # a little context before it


@pytest.mark.server
def test_a_study_page_links_to_its_source_text(server):
    study = get(f"{server}/browse/study/study-hebei-iee", {"Accept": "text/html"})
    assert study.status == 200 and f'id="source-link" href="/source/{SOURCES[1]}"' in study.text
