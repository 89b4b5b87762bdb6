"""Every SHACL shape is tested both ways with the example files in shapes/examples/, and against pyshacl."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
import shacl
from pyshacl import validate as pyshacl_validate

from harness.project import ROOT, parse_folder
from libkg.build.sources import SourceFile
from libkg.build.validation import load_shapes, shacl_violations

EXAMPLES = sorted((ROOT / "shapes" / "examples").glob("*.ttl"))
SHAPES_NS = "https://w3id.org/libkg/shapes#"


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    """The project's shapes."""
    return parse_folder(ROOT / "shapes")


@pytest.fixture(scope="module")
def compiled() -> shacl.Shapes:
    """The project's shapes, compiled for the build's engine."""
    return load_shapes(SourceFile(path, "", ROOT) for path in sorted((ROOT / "shapes").glob("*.ttl")))


@pytest.fixture(scope="module")
def ontology() -> list[ox.Triple]:
    """The ontology, which the examples are validated together with."""
    return [triple for path in sorted((ROOT / "ontology").glob("*.ttl")) for triple in ox.parse(path=path)]


def header(path: Path) -> dict[str, str]:
    """Read the '# key: value' comment lines an example starts with."""
    fields = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        key, _, value = line[1:].partition(":")
        fields[key.strip()] = value.strip()
    return fields


def violations_of(path: Path, ontology: list[ox.Triple], compiled: shacl.Shapes, files_by_subject=None):
    """Validate one example together with the ontology, as the build does."""
    return shacl_violations(ontology + list(ox.parse(path=path)), compiled, files_by_subject or {})


def pyshacl_results(path: Path, ontology: list[ox.Triple], shapes: rdflib.Graph) -> set[tuple[str, str, str]]:
    """Validate one example with pyshacl, the reference; return (focus node, shape, message) of each violation."""
    data = rdflib.Graph().parse(data=ox.serialize(ontology + list(ox.parse(path=path)), format=ox.RdfFormat.N_TRIPLES), format="nt")
    _, report, _ = pyshacl_validate(data, shacl_graph=shapes, inference="none", advanced=True)
    sh = rdflib.SH
    return {
        (_named(report.value(r, sh.focusNode)), str(report.value(r, sh.sourceShape)), str(report.value(r, sh.resultMessage)))
        for r in report.objects(None, sh.result)  # top-level results, not the sh:detail of nested shapes
        if report.value(r, sh.resultSeverity) == sh.Violation
    }


def _named(node) -> str:
    """Name a focus node as the build does: its IRI, or nothing for a blank node (whose label differs per parse)."""
    return "" if isinstance(node, rdflib.BNode) else str(node)


def test_every_shape_has_a_valid_and_an_invalid_example(shapes: rdflib.Graph):
    names = {path.name.split("-")[0] for path in EXAMPLES}
    node_shapes = {str(s)[len(SHAPES_NS):] for s in shapes.subjects(rdflib.RDF.type, rdflib.SH.NodeShape)}
    assert node_shapes, "no node shapes"
    for shape in node_shapes:
        assert (ROOT / "shapes" / "examples" / f"{shape}-valid.ttl").exists(), shape
        assert list((ROOT / "shapes" / "examples").glob(f"{shape}-invalid-*.ttl")), shape
    assert names <= node_shapes


def test_every_shape_and_property_shape_has_a_message(shapes: rdflib.Graph):
    missing = [
        str(shape)
        for kind in (rdflib.SH.NodeShape, rdflib.SH.PropertyShape)
        for shape in shapes.subjects(rdflib.RDF.type, kind)
        if shapes.value(shape, rdflib.SH.message) is None
    ]
    assert not missing


@pytest.mark.parametrize("path", [p for p in EXAMPLES if p.name.endswith("-valid.ttl")], ids=lambda p: p.name)
def test_valid_example_conforms(path: Path, ontology, compiled):
    assert header(path).get("why"), "an example must say why it is valid"
    found = violations_of(path, ontology, compiled)
    assert not found, "\n".join(v.describe() for v in found)


@pytest.mark.parametrize("path", [p for p in EXAMPLES if "-invalid-" in p.name], ids=lambda p: p.name)
def test_invalid_example_fails_with_the_expected_message(path: Path, ontology, shapes, compiled):
    fields = header(path)
    assert fields.get("why") and fields.get("expect-message"), "an invalid example must say why and what it expects"
    shape = rdflib.URIRef(SHAPES_NS + path.name.split("-")[0])
    found = violations_of(path, ontology, compiled)
    matching = [v for v in found if fields["expect-message"] in v.message]
    assert matching, "\n".join(v.describe() for v in found) or "no violations at all"
    own = {shape} | set(shapes.objects(shape, rdflib.SH.property))
    assert any(rdflib.URIRef(v.shape) in own for v in matching), [v.shape for v in matching]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_build_engine_reports_what_pyshacl_reports(path: Path, ontology, shapes, compiled):
    found = {(v.focus, v.shape, v.message) for v in violations_of(path, ontology, compiled)}
    assert found == pyshacl_results(path, ontology, shapes)


def test_violation_names_file_node_path_message_and_tagged_value(ontology, compiled):
    path = ROOT / "shapes" / "examples" / "LanguageTagShape-invalid-01.ttl"
    found = violations_of(path, ontology, compiled, {"https://example.org/libkg/hebei": {"shapes/examples/LanguageTagShape-invalid-01.ttl"}})
    assert [v.describe() for v in found] == [
        "shapes/examples/LanguageTagShape-invalid-01.ttl: <https://example.org/libkg/hebei> http://www.w3.org/2000/01/rdf-schema#label: "
        'Language tags must be exactly "en" or "zh": regional or script variants such as zh-CN, zh-Hans or en-GB are not allowed '
        '(on http://www.w3.org/2000/01/rdf-schema#label). (value: "河北省"@zh-cn) [shape https://w3id.org/libkg/shapes#LanguageTagShape]'
    ]
