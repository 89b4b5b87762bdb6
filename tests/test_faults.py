"""Faults under load: a rebuild and swap, a killed worker, a killed query process."""

from __future__ import annotations

import http.client
import os
import signal
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from harness.client import count_of, sparql
from harness.project import EXTRA_STATEMENT, copy_project, run_cli
from harness.servers import libkg_server

pytestmark = pytest.mark.server

COUNT_CONTEXT = (
    "PREFIX lkg: <https://w3id.org/libkg/ontology#> "
    "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { GRAPH <https://w3id.org/libkg/graph/bl-smes> { ?c a lkg:ContextStatement } }"
)


def ask_count(server: str) -> tuple[int, str]:
    """Return the number of Study A context statements and the answer's ETag."""
    status, headers, body = sparql(server, COUNT_CONTEXT)
    if status != 200:
        raise ValueError(f"HTTP {status}: {body[:200]!r}")
    return count_of(body), headers["ETag"]


def children_of(pid: int) -> list[int]:
    """List the direct child processes of pid, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


@pytest.fixture
def served_copy(tmp_path: Path) -> Path:
    """A built copy of the project that a test may rebuild."""
    root = copy_project(tmp_path / "project")
    result = run_cli("build", cwd=root)
    assert result.returncode == 0, result.stderr
    return root


def hammer(server: str, stop: threading.Event, answers: list, failures: list) -> None:
    """Query until told to stop, recording every answer or failure (a response cut short counts as one)."""
    while not stop.is_set():
        try:
            answers.append(ask_count(server))
        except (OSError, http.client.HTTPException, ValueError) as err:
            failures.append(repr(err))


def test_rebuild_under_load_never_fails_or_mixes_builds(served_copy: Path):
    study = served_copy / "kg" / "studies" / "bl-smes.ttl"
    original = study.read_text(encoding="utf-8")
    with libkg_server(served_copy) as running:
        server = running.url
        before, _ = ask_count(server)
        stop, answers, failures = threading.Event(), [], []
        clients = [threading.Thread(target=hammer, args=(server, stop, answers, failures)) for _ in range(6)]
        for client in clients:
            client.start()
        try:
            for text in (original + EXTRA_STATEMENT, original):
                study.write_text(text, encoding="utf-8")
                result = run_cli("build", cwd=served_copy)
                assert result.returncode == 0, result.stderr
                time.sleep(1.0)
        finally:
            stop.set()
            for client in clients:
                client.join()
    assert not failures, failures[:5]
    counts = Counter(count for count, _ in answers)
    assert set(counts) == {before, before + 1}, counts
    by_build: dict[str, set[int]] = {}
    for count, tag in answers:
        by_build.setdefault(tag, set()).add(count)
    assert all(len(values) == 1 for values in by_build.values()), by_build


def test_a_killed_worker_is_replaced_and_other_clients_are_unaffected(built_project):
    with libkg_server(built_project.root) as running:
        server, master = running.url, running.process.pid
        workers = children_of(master)
        assert len(workers) >= 2
        stop, answers, failures = threading.Event(), [], []
        clients = [threading.Thread(target=hammer, args=(server, stop, answers, failures)) for _ in range(4)]
        for client in clients:
            client.start()
        time.sleep(0.5)
        os.kill(workers[0], signal.SIGKILL)
        time.sleep(3.0)
        stop.set()
        for client in clients:
            client.join()
        # Only requests the killed worker held fail: each client's one in flight, and connections it had accepted but
        # not yet read (granian's workers accept ahead of reading).
        assert len(failures) <= 2 * len(clients), failures
        assert eventually(lambda: set(children_of(master)) - set(workers), 30), "the server did not start a new worker"
        after = [ask_count(server)[0] for _ in range(20)]
        assert len(set(after)) == 1


def test_a_killed_query_process_fails_one_request_cleanly(built_project):
    with libkg_server(built_project.root, workers=1, query_processes=2) as running:
        server = running.url
        worker = children_of(running.process.pid)[0]
        slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
        result: dict = {}

        def run_slow():
            answer = sparql(server, slow)
            result["status"], result["body"] = answer.status, answer.json()

        thread = threading.Thread(target=run_slow)
        thread.start()
        # Within the default 10 s query limit, a query process has worked on it for 0.2 s of CPU time.
        busy = eventually(lambda: [pid for pid in children_of(worker) if _cpu_ticks(pid) > 20], 8)
        assert busy, "no query process is busy"
        os.kill(busy[0], signal.SIGKILL)
        thread.join(timeout=20)
        assert result["status"] == 503 and "ended unexpectedly" in result["body"]["message"]
        assert ask_count(server)[0] > 0


def eventually(find, seconds: float):
    """Return what find() gives once it gives something, asking again for up to `seconds` (then its last answer)."""
    deadline = time.monotonic() + seconds
    found = find()
    while not found and time.monotonic() < deadline:
        time.sleep(0.2)
        found = find()
    return found


def _cpu_ticks(pid: int) -> int:
    """Return the CPU ticks a process has used (user + system)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def test_serve_module_runs_without_a_build(tmp_path: Path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_cli("stats", cwd=empty, timeout=60)
    assert result.returncode == 1 and "run 'libkg build' first" in result.stderr
