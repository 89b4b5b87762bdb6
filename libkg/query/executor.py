"""Run untrusted queries in child processes that are killed at their deadline.

Neither pyoxigraph nor rdflib can cancel a running query from Python, so each query
runs in a child process that opens the release read-only; when the time limit passes
the child is killed, the caller gets QueryTimeout, and a fresh child takes its place. A child
joins the pool once it has started (and opened the store, when it replaces one), so that no
query's time limit pays for a process's start-up: a query waits for a free child first.
"""

from __future__ import annotations

import multiprocessing
import queue
import re
import threading
from dataclasses import dataclass

import pyoxigraph as ox

from libkg.errors import QueryRejected, QueryTimeout, StoreUnavailable
from libkg.query.guard import CheckedQuery
from libkg.query.results import Answer, serialise
from libkg.query.store import dataset_options

SYNTAX_POSITION = re.compile(r"error at (\d+):(\d+): (.*)", re.DOTALL)
# The engine parses and evaluates by recursion: a flat chain of 20,000 || or UNION overflowed the default 8 MiB
# stack and killed the process. On 256 MiB of (virtual) stack every query that fits in a request runs, or is
# stopped at the time limit; nesting is bounded before evaluation (libkg.query.guard.MAX_NESTING).
QUERY_STACK_BYTES = 256 * 1024 * 1024
# How long a new child may take to start: spawning imports pyoxigraph and the query modules (0.1 s on an idle
# machine; over 2 s, the tests' query limit, under load with coverage), which no query's time limit should pay for.
STARTUP_SECONDS = 60
STARTED = ("started", None)  # a child's first message


@dataclass(frozen=True)
class Job:
    """One query to answer from one store, in one format, within caps."""

    store_path: str
    query: CheckedQuery
    media_type: str
    max_rows: int
    max_bytes: int


def answer_job(store: ox.Store, job: Job, prefixes: dict[str, str]) -> Answer:
    """Evaluate a job against an open store and serialise the answer."""
    result = store.query(job.query.text, **dataset_options(job.query))
    return serialise(result, job.media_type, job.max_rows, job.max_bytes, prefixes)


def _child_main(connection, prefixes: dict[str, str], store_path: str | None) -> None:
    """Answer jobs from the parent on a thread with a deep stack, until the pipe closes."""
    threading.stack_size(QUERY_STACK_BYTES)
    worker = threading.Thread(target=_answer_jobs, args=(connection, prefixes, store_path), name="libkg-query")
    worker.start()
    worker.join()


def _answer_jobs(connection, prefixes: dict[str, str], store_path: str | None) -> None:
    """Open store_path (if given; a failure shows at the first job), say so, then answer jobs until the pipe closes."""
    stores: dict[str, ox.Store] = {}
    if store_path is not None:
        try:
            stores[store_path] = ox.Store.read_only(store_path)
        except OSError:
            pass
    connection.send(STARTED)
    while True:
        try:
            job: Job = connection.recv()
        except EOFError:
            return
        try:
            if job.store_path not in stores:
                stores.clear()
                stores[job.store_path] = ox.Store.read_only(job.store_path)
            connection.send(("ok", answer_job(stores[job.store_path], job, prefixes)))
        except SyntaxError as err:
            connection.send(("syntax", str(err)))
        except (OSError, ValueError, RuntimeError) as err:
            connection.send(("error", f"{type(err).__name__}: {err}"))


class _Child:
    """One child process and the parent's end of its pipe."""

    def __init__(self, context, prefixes: dict[str, str], store_path: str | None = None):
        self.connection, child_end = context.Pipe()
        self.process = context.Process(target=_child_main, args=(child_end, prefixes, store_path), daemon=True)
        self.process.start()
        child_end.close()
        self.started = False

    def wait_started(self, seconds: float) -> bool:
        """Wait up to seconds for the child's word that it has started (and opened its store); tell whether it has."""
        if not self.started:
            try:
                self.started = self.connection.poll(seconds) and self.connection.recv() == STARTED
            except (EOFError, OSError):
                return False
        return self.started

    def stop(self) -> None:
        """Kill the child and reap it."""
        self.process.kill()
        self.process.join(timeout=5)
        self.connection.close()


class QueryExecutor:
    """A pool of killable query processes shared by the threads of one server worker."""

    def __init__(self, size: int, timeout: float, prefixes: dict[str, str]):
        self.timeout = timeout
        self.prefixes = prefixes
        self._context = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Child] = queue.Queue()
        children = [_Child(self._context, self.prefixes) for _ in range(size)]  # started side by side
        for child in children:
            child.wait_started(STARTUP_SECONDS)
            self._idle.put(child)

    def _replace(self, store_path: str) -> None:
        """Start a child process that knows the prefixes answers use; add it to the pool once it has opened store_path."""
        child = _Child(self._context, self.prefixes, store_path)
        child.wait_started(STARTUP_SECONDS)
        self._idle.put(child)

    def run(self, store_path: str, query: CheckedQuery, media_type: str, max_rows: int, max_bytes: int) -> Answer:
        """Answer query from the store at store_path, or raise QueryTimeout after the time limit (the child is then replaced)."""
        job = Job(store_path, query, media_type, max_rows, max_bytes)
        child = self._idle.get()
        try:
            status, payload = self._exchange(child, job)
        except (QueryTimeout, StoreUnavailable):
            child.stop()
            child = None
            threading.Thread(target=self._replace, args=(store_path,), name="libkg-query-replace", daemon=True).start()
            raise
        finally:
            if child is not None:
                self._idle.put(child)
        if status == "syntax":
            found = SYNTAX_POSITION.match(payload)
            if found:
                raise QueryRejected(f"SPARQL syntax error: {found.group(3)}", 400, f"line {found.group(1)}, column {found.group(2)}")
            raise QueryRejected(f"SPARQL syntax error: {payload}", status=400)
        if status == "error":
            raise QueryRejected(f"the query could not be evaluated: {payload}", status=400)
        return payload

    def _exchange(self, child: _Child, job: Job) -> tuple[str, object]:
        """Send a job to a child and return its reply, or raise QueryTimeout once the time limit has passed."""
        if not child.wait_started(self.timeout):  # only a child that did not start within STARTUP_SECONDS
            raise StoreUnavailable("the query process did not start; try again")
        try:
            child.connection.send(job)
            if not child.connection.poll(self.timeout):
                raise QueryTimeout(f"the query ran longer than the {self.timeout:g} s limit and was stopped")
            return child.connection.recv()
        except (EOFError, OSError):
            raise StoreUnavailable("the query process ended unexpectedly; try again") from None
