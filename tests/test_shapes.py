"""Every SHACL shape is tested both ways with the example files in shapes/examples/."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib

from conftest import ROOT, parse_folder
from libkg.validation import shacl_violations

EXAMPLES = sorted((ROOT / "shapes" / "examples").glob("*.ttl"))
SHAPES_NS = "https://w3id.org/libkg/shapes#"


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    """The project's shapes."""
    return parse_folder(ROOT / "shapes")


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    """The ontology, which the examples are validated together with."""
    return parse_folder(ROOT / "ontology")


def header(path: Path) -> dict[str, str]:
    """Read the '# key: value' comment lines an example starts with."""
    fields = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        key, _, value = line[1:].partition(":")
        fields[key.strip()] = value.strip()
    return fields


def violations_of(path: Path, ontology: rdflib.Graph, shapes: rdflib.Graph):
    """Validate one example together with the ontology."""
    data = rdflib.Graph()
    data += ontology
    data.parse(path, format="turtle")
    return shacl_violations(data, shapes, {})


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
def test_valid_example_conforms(path: Path, ontology, shapes):
    assert header(path).get("why"), "an example must say why it is valid"
    found = violations_of(path, ontology, shapes)
    assert not found, "\n".join(v.describe() for v in found)


@pytest.mark.parametrize("path", [p for p in EXAMPLES if "-invalid-" in p.name], ids=lambda p: p.name)
def test_invalid_example_fails_with_the_expected_message(path: Path, ontology, shapes):
    fields = header(path)
    assert fields.get("why") and fields.get("expect-message"), "an invalid example must say why and what it expects"
    shape = rdflib.URIRef(SHAPES_NS + path.name.split("-")[0])
    found = violations_of(path, ontology, shapes)
    matching = [v for v in found if fields["expect-message"] in v.message]
    assert matching, "\n".join(v.describe() for v in found) or "no violations at all"
    own = {shape} | set(shapes.objects(shape, rdflib.SH.property))
    assert any(rdflib.URIRef(v.shape) in own for v in matching), [v.shape for v in matching]
