"""Every competency question returns its expected answer: through the CLI, SPARQLWrapper and rdflib's SPARQLStore."""

from __future__ import annotations

import csv
import io

import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, SPARQLWrapper

from harness.project import PROJECT, ROOT
from libkg.query.guard import read_query
from libkg.query.questions import read_questions

QUESTIONS = read_questions(PROJECT / "queries")
# Questions about the whole corpus change their answers when a study is added (then 'libkg cq --accept');
# questions about one study must not.
SCOPED = [pytest.param(q, id=q.slug, marks=[pytest.mark.corpus] if q.scope == "corpus" else []) for q in QUESTIONS]


def header_of(question) -> list[str]:
    """Return the variable names of the expected answer."""
    with question.expected_path.open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle))


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.slug)
def test_sparqlwrapper_reads_each_question_as_the_endpoint_does(question):
    # SPARQLWrapper strips only every other line of a block of comments and then looks for a query keyword anywhere,
    # so a comment holding "add" or "load" makes it send a question as an update; the comments must not.
    client = SPARQLWrapper("http://127.0.0.1/sparql")
    client.setQuery(question.query)
    form = read_query(question.query).form
    assert client.queryType in {"select": {"SELECT"}, "ask": {"ASK"}, "graph": {"CONSTRUCT", "DESCRIBE"}}[form], question.slug


def test_there_are_at_least_25_questions_each_bilingual_with_an_expected_answer():
    assert len(QUESTIONS) >= 25
    for question in QUESTIONS:
        assert question.question_en and question.question_zh, question.slug
        assert question.expected_path.exists(), question.slug
        assert question.expected_rows() or "ASK" in question.query.upper(), f"{question.slug} expects no rows"


@pytest.mark.parametrize("question", SCOPED)
def test_cli_answer_matches_expected(question, runner):
    result = runner.invoke(["query", "-f", "csv", str(question.path)])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    if rows and rows[0] == ["true"] or rows and rows[0] == ["false"]:
        rows = [["result"], rows[0]]
    assert rows[0] == header_of(question)
    assert {tuple(row) for row in rows[1:]} == question.expected_rows()


def _text(term: rdflib.term.Node | None) -> str:
    """Render an rdflib term the way SPARQL CSV does."""
    return "" if term is None else str(term)


@pytest.mark.server
@pytest.mark.parametrize("question", SCOPED)
def test_sparqlwrapper_answer_matches_expected(question, server):
    client = SPARQLWrapper(server + "/sparql")
    client.setQuery(question.query)
    client.setReturnFormat(JSON)
    answer = client.query().convert()
    if "boolean" in answer:
        assert {(str(answer["boolean"]).lower(),)} == question.expected_rows()
        return
    names = header_of(question)
    assert answer["head"]["vars"] == names
    rows = {tuple(b.get(n, {}).get("value", "") for n in names) for b in answer["results"]["bindings"]}
    assert rows == question.expected_rows()


@pytest.mark.server
@pytest.mark.parametrize("question", SCOPED)
def test_rdflib_sparqlstore_answer_matches_expected(question, server):
    graph = rdflib.Graph(store=SPARQLStore(server + "/sparql", returnFormat="json"))
    result = graph.query(question.query)
    if result.type == "ASK":
        assert {(str(result.askAnswer).lower(),)} == question.expected_rows()
        return
    names = header_of(question)
    assert [str(v) for v in result.vars] == names
    assert {tuple(_text(row[n]) for n in names) for row in result} == question.expected_rows()


def test_readme_lists_every_question_with_its_english_text():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for question in QUESTIONS:
        assert f"`{question.slug}`: {question.question_en}" in readme, question.slug
