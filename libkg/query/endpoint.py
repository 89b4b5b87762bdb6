"""Answer SPARQL protocol requests from untrusted clients: check, bound and serialise every query."""

from __future__ import annotations

from libkg.config import Settings
from libkg.namespaces import prefixes
from libkg.query.executor import QueryExecutor
from libkg.query.guard import CheckedQuery, check_query
from libkg.query.results import Answer
from libkg.query.store import AnswerRules, GraphStore


class Endpoint:
    """The read-only, bounded query service behind /sparql: one pool of killable query processes per server worker."""

    def __init__(self, settings: Settings):
        self.base_iri = settings.base_iri
        names = prefixes(settings.base_iri)
        self.rules = AnswerRules(settings.max_rows, settings.max_response_bytes, names,
                                 QueryExecutor(settings.query_processes, settings.query_timeout, names))

    def check(self, text: str, graphs: set[str], default_graphs: tuple[str, ...] = (),
              named_graphs: tuple[str, ...] = ()) -> CheckedQuery:
        """Read a protocol request's query and dataset, refusing what the endpoint never runs; relative IRIs
        resolve against the data namespace (a query's own BASE still wins)."""
        return check_query(text, graphs, default_graphs, named_graphs, base_iri=self.base_iri)

    def answer(self, query: CheckedQuery, media_type: str, store: GraphStore) -> Answer:
        """Run a checked query on store (one request, one store) within the limits."""
        return store.answer(query, media_type, self.rules)
