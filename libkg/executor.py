"""Run untrusted queries in child processes that are killed at their deadline.

Neither pyoxigraph nor rdflib can cancel a running query from Python, so each query
runs in a child process that opens the release read-only; when the time limit passes
the child is killed, the caller gets QueryTimeout, and a fresh child takes its place.
"""

from __future__ import annotations

import multiprocessing
import queue
import re
from dataclasses import dataclass, field

import pyoxigraph as ox

from .errors import QueryRejected, QueryTimeout, StoreUnavailable
from .guard import declares_dataset
from .results import Answer, serialise

SYNTAX_POSITION = re.compile(r"error at (\d+):(\d+): (.*)", re.DOTALL)


@dataclass(frozen=True)
class Job:
    """One query to answer from one release, in one format, within limits."""

    release: str
    query: str
    media_type: str
    max_rows: int
    max_bytes: int
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    prefixes: dict[str, str] = field(default_factory=dict)


def answer_job(store: ox.Store, job: Job) -> Answer:
    """Evaluate a job against an open store and serialise the answer."""
    options: dict = {}
    if job.default_graphs:
        options["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs]
    elif not declares_dataset(job.query):
        options["use_default_graph_as_union"] = True
    if job.named_graphs:
        options["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs]
    result = store.query(job.query, **options)
    return serialise(result, job.media_type, job.max_rows, job.max_bytes, job.prefixes)


def _child_main(connection) -> None:
    """Answer jobs from the parent until the pipe closes."""
    stores: dict[str, ox.Store] = {}
    while True:
        try:
            job: Job = connection.recv()
        except EOFError:
            return
        try:
            if job.release not in stores:
                stores.clear()
                stores[job.release] = ox.Store.read_only(job.release)
            connection.send(("ok", answer_job(stores[job.release], job)))
        except SyntaxError as err:
            connection.send(("syntax", str(err)))
        except (OSError, ValueError, RuntimeError) as err:
            connection.send(("error", f"{type(err).__name__}: {err}"))


class _Child:
    """One child process and the parent's end of its pipe."""

    def __init__(self, context):
        self.connection, child_end = context.Pipe()
        self.process = context.Process(target=_child_main, args=(child_end,), daemon=True)
        self.process.start()
        child_end.close()

    def stop(self) -> None:
        """Kill the child and reap it."""
        self.process.kill()
        self.process.join(timeout=5)
        self.connection.close()


class QueryExecutor:
    """A pool of killable query processes shared by the threads of one server worker."""

    def __init__(self, size: int, timeout: float):
        self.timeout = timeout
        self._context = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Child] = queue.Queue()
        for _ in range(size):
            self._idle.put(_Child(self._context))

    def run(self, job: Job) -> Answer:
        """Answer job, or raise QueryTimeout after the time limit (the child is then replaced)."""
        child = self._idle.get()
        try:
            child.connection.send(job)
            if not child.connection.poll(self.timeout):
                child.stop()
                child = _Child(self._context)  # the slow query pays for its replacement, not the next one
                raise QueryTimeout(f"the query ran longer than the {self.timeout:g} s limit and was stopped")
            status, payload = child.connection.recv()
        except (EOFError, OSError):
            child.stop()
            child = _Child(self._context)
            raise StoreUnavailable("the query process ended unexpectedly; try again") from None
        finally:
            self._idle.put(child)
        if status == "syntax":
            found = SYNTAX_POSITION.match(payload)
            if found:
                raise QueryRejected(f"SPARQL syntax error: {found.group(3)}", 400, f"line {found.group(1)}, column {found.group(2)}")
            raise QueryRejected(f"SPARQL syntax error: {payload}", status=400)
        if status == "error":
            raise QueryRejected(f"the query could not be evaluated: {payload}", status=400)
        return payload
