"""The same app over real external SPARQL 1.1 stores (Oxigraph server, Virtuoso), loaded by 'libkg publish'."""

from __future__ import annotations

import csv
import shutil
import subprocess
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from harness import servers
from harness.client import post
from harness.project import ROOT, run_cli
from harness.servers import free_port, libkg_server
from libkg.config import Settings
from libkg.connect import ReleaseFollower
from libkg.query.questions import read_questions
from libkg.release import current_release
from libkg.release import publish as publish_release

QUESTIONS = read_questions(ROOT / "queries")
START_SECONDS = 60
VIRTUOSO_USER, VIRTUOSO_PASSWORD = "dba", "dba"  # a fresh Virtuoso database's administrator

VIRTUOSO_INI = """\
[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = ., {folder}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {folder}
ServerThreads = 10
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 30
"""


@dataclass
class StoreServer:
    """An external store's server process that the tests start, stop and start again."""

    name: str
    command: list[str]
    endpoint: str
    publish_options: list[str]
    log_path: Path
    process: subprocess.Popen | None = field(default=None, repr=False)

    def start(self) -> None:
        """Start the server and wait until its query endpoint answers (an error shows its log's tail if it does not)."""
        ready = self.endpoint + "?" + urllib.parse.urlencode({"query": "ASK {}"})
        self.process = servers.start(self.command, ready, self.log_path, self.log_path.parent, seconds=START_SECONDS)

    def stop(self) -> None:
        """Stop the server and wait for it to exit."""
        if self.process is not None:
            servers.stop(self.process)


def command_path(name: str) -> str:
    """Return the path of a server program, or fail saying how to install it."""
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed: run 'scripts/install --test'")
    return path


def oxigraph_server(folder: Path, port: int | None = None) -> StoreServer:
    """Describe an Oxigraph server persisting in folder, whose default graph is the union of its named graphs."""
    port = port or free_port()
    command = [command_path("oxigraph"), "serve", "--location", str(folder / "data"),
               "--bind", f"127.0.0.1:{port}", "--union-default-graph"]
    endpoint = f"http://127.0.0.1:{port}/query"
    return StoreServer("Oxigraph server", command, endpoint, ["--endpoint", endpoint], folder / "oxigraph.log")


def virtuoso_server(folder: Path) -> StoreServer:
    """Describe a Virtuoso with a fresh database in folder, listening on 127.0.0.1 only."""
    http_port = free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(folder=folder, sql_port=free_port(), http_port=http_port), encoding="utf-8")
    base = f"http://127.0.0.1:{http_port}"
    options = ["--endpoint", f"{base}/sparql", "--gsp", f"{base}/sparql-graph-crud-auth",
               "--user", VIRTUOSO_USER, "--password", VIRTUOSO_PASSWORD]
    command = [command_path("virtuoso-t"), "+foreground", "+configfile", str(ini)]
    return StoreServer("Virtuoso", command, f"{base}/sparql", options, folder / "virtuoso-stdout.log")


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    """A real Oxigraph server for the module."""
    server = oxigraph_server(tmp_path_factory.mktemp("oxigraph"))
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    """A real Virtuoso for the module."""
    server = virtuoso_server(tmp_path_factory.mktemp("virtuoso"))
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def store(request) -> StoreServer:
    """Each external store in turn."""
    return request.getfixturevalue(request.param)


@pytest.fixture(scope="module")
def published(store: StoreServer, built_project: Settings) -> subprocess.CompletedProcess:
    """The built project published into the store."""
    result = run_cli("publish", *store.publish_options, cwd=built_project.root)
    assert result.returncode == 0, f"libkg publish into {store.name} failed:\n{result.stdout}{result.stderr}"
    return result


@pytest.fixture(scope="module")
def remote_app(store: StoreServer, published, built_project: Settings):
    """A real 'libkg serve' answering from the store; yields its base URL."""
    with libkg_server(built_project.root, store="sparql", sparql_endpoint=store.endpoint) as running:
        yield running.url


def graph_counts(built_project: Settings) -> dict[str, int]:
    """Return the triples per named graph of the built release."""
    return current_release(built_project.build_path).stats["graphs"]


def published_counts(output: str) -> dict[str, tuple[int, int]]:
    """Read 'libkg publish' output: (local, store) triples per graph."""
    counts = {}
    for line in output.splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[0].isdigit() and parts[1].isdigit():
            counts[parts[2]] = (int(parts[0]), int(parts[1]))
    return counts


def ask_app(base: str, query: str) -> tuple[int, dict]:
    """POST a query to the app's /sparql for SPARQL JSON results; return the status and the parsed body."""
    answer = post(base + "/sparql", {"query": query}, {"Accept": "application/sparql-results+json"})
    return answer.status, answer.json()


@pytest.mark.server
def test_publish_puts_every_graph_and_counts_it_back(store, published, built_project):
    expected = graph_counts(built_project)
    assert published_counts(published.stdout) == {graph: (n, n) for graph, n in expected.items()}


@pytest.mark.server
def test_publishing_again_replaces_each_graph(store, published, built_project, remote_app):
    again = run_cli("publish", *store.publish_options, cwd=built_project.root)
    assert again.returncode == 0, again.stderr
    assert published_counts(again.stdout) == published_counts(published.stdout)
    status, answer = ask_app(remote_app, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert status == 200
    assert int(answer["results"]["bindings"][0]["n"]["value"]) == sum(graph_counts(built_project).values())


@pytest.mark.server
def test_the_apps_dataset_is_the_builds_graphs_only(store, remote_app, built_project):
    status, answer = ask_app(remote_app, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert status == 200
    assert {row["g"]["value"] for row in answer["results"]["bindings"]} == set(graph_counts(built_project))


PLACES, ACTORS = "https://w3id.org/libkg/graph/places", "https://w3id.org/libkg/graph/actors"
DATASET_SHAPE = """SELECT ?g (COUNT(*) AS ?n) %s WHERE {
  { ?s ?p ?o BIND("default" AS ?g) } UNION { GRAPH ?g { ?s ?p ?o } } } GROUP BY ?g"""


@pytest.mark.server
@pytest.mark.parametrize("params, clauses", [
    ({"default-graph-uri": PLACES}, f"FROM <{PLACES}>"),
    ({"named-graph-uri": PLACES}, f"FROM NAMED <{PLACES}>"),
    ({"default-graph-uri": PLACES, "named-graph-uri": ACTORS}, f"FROM <{PLACES}> FROM NAMED <{ACTORS}>"),
], ids=["default", "named", "both"])
def test_dataset_parameters_give_the_dataset_of_the_same_from_clauses(store, remote_app, params, clauses):
    def shape(answer: dict) -> dict[str, int]:
        return {row["g"]["value"]: int(row["n"]["value"]) for row in answer["results"]["bindings"]}

    by_protocol = post(remote_app + "/sparql", {"query": DATASET_SHAPE % "", **params}, {"Accept": "application/sparql-results+json"})
    status, by_clauses = ask_app(remote_app, DATASET_SHAPE % clauses)
    assert by_protocol.status == status == 200
    assert shape(by_protocol.json()) == shape(by_clauses)
    assert ("default" in shape(by_clauses)) == ("default-graph-uri" in params)


@pytest.mark.server
def test_relative_iris_resolve_against_the_data_namespace_in_the_store_too(store, remote_app):
    status, answer = ask_app(remote_app, "SELECT ?label WHERE { <resource/british-library> <http://www.w3.org/2000/01/rdf-schema#label> ?label }")
    assert status == 200 and len(answer["results"]["bindings"]) == 2


@pytest.mark.server
@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.slug)
def test_competency_question_answers_as_from_the_embedded_store(question, store, remote_app):
    status, answer = ask_app(remote_app, question.query)
    assert status == 200, answer
    if "boolean" in answer:
        assert {(str(answer["boolean"]).lower(),)} == question.expected_rows()
        return
    with question.expected_path.open(encoding="utf-8", newline="") as handle:
        names = next(csv.reader(handle))
    assert answer["head"]["vars"] == names
    rows = {tuple(row.get(name, {}).get("value", "") for name in names) for row in answer["results"]["bindings"]}
    assert rows == question.expected_rows()


@pytest.mark.server
def test_publish_fails_when_the_store_holds_other_counts(oxigraph, built_project, tmp_path):
    empty = oxigraph_server(tmp_path)
    empty.start()
    try:
        result = run_cli("publish", "--endpoint", empty.endpoint, "--gsp", oxigraph.endpoint.replace("/query", "/store"),
                         cwd=built_project.root)
    finally:
        empty.stop()
    assert result.returncode == 1
    assert "DIFFERS" in result.stdout
    assert f"{len(graph_counts(built_project))} of {len(graph_counts(built_project))} graphs differ" in result.stderr


@pytest.mark.server
def test_publish_refused_without_the_right_password(virtuoso, built_project):
    options = [o if o != VIRTUOSO_PASSWORD else "wrong" for o in virtuoso.publish_options]
    result = run_cli("publish", *options, cwd=built_project.root)
    assert result.returncode == 1
    assert "HTTP 401" in result.stderr


def test_publish_to_an_unreachable_store_fails_clearly(built_project):
    result = run_cli("publish", "--endpoint", f"http://127.0.0.1:{free_port()}/query", cwd=built_project.root)
    assert result.returncode == 1
    assert "cannot be reached" in result.stderr


@pytest.mark.server
def test_app_answers_503_while_the_store_is_down_and_recovers(built_project, tmp_path):
    port = free_port()
    server = oxigraph_server(tmp_path, port)
    server.start()
    try:
        assert run_cli("publish", *server.publish_options, cwd=built_project.root).returncode == 0
        count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
        with libkg_server(built_project.root, store="sparql", sparql_endpoint=server.endpoint) as app:
            assert ask_app(app.url, count)[0] == 200
            server.stop()
            status, problem = ask_app(app.url, count)
            assert status == 503
            assert problem["error"] == "store unavailable"
            assert server.endpoint in problem["message"] and "cannot be reached" in problem["message"]
            server.start()
            status, answer = ask_app(app.url, count)
            assert status == 200
            assert int(answer["results"]["bindings"][0]["n"]["value"]) == sum(graph_counts(built_project).values())
    finally:
        server.stop()


def test_the_app_follows_new_builds_over_an_external_store(tmp_path):
    settings = Settings(root=tmp_path, store="sparql", sparql_endpoint=f"http://127.0.0.1:{free_port()}/query")
    follower = ReleaseFollower(settings)
    for build_id, graph in (("first", "https://w3id.org/libkg/graph/a"), ("second", "https://w3id.org/libkg/graph/b")):
        report = {"build_id": build_id, "stats": {"graphs": {graph: 1}}}
        publish_release(settings.build_path, build_id, lambda writer: writer.write_report(report))
        snapshot = follower.get()
        assert (snapshot.release.build_id, snapshot.store.graphs) == (build_id, (graph,))
