"""Answer SPARQL protocol requests from untrusted clients: check, bound and serialise every query."""

from __future__ import annotations

from dataclasses import dataclass

from .config import Settings
from .errors import QueryRejected
from .executor import Job, QueryExecutor
from .guard import check_query, query_form
from .namespaces import prefixes
from .results import Answer, serialise
from .store import EmbeddedStore, GraphStore


@dataclass(frozen=True)
class ProtocolQuery:
    """A query as the SPARQL protocol delivers it, with its dataset parameters."""

    text: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()

    @property
    def form(self) -> str:
        """Return 'select', 'ask' or 'graph'."""
        return query_form(self.text)


class Endpoint:
    """The read-only, bounded query service behind /sparql."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.executor = QueryExecutor(settings.query_processes, settings.query_timeout)

    def answer(self, query: ProtocolQuery, media_type: str, store: GraphStore) -> Answer:
        """Check query and run it on store (one request, one store) within the limits."""
        known = store.graph_names()
        check_query(query.text, known)
        for graph in query.default_graphs + query.named_graphs:
            if graph not in known:
                raise QueryRejected(f"<{graph}> is not a graph of this dataset; the endpoint does not fetch remote data")
        if isinstance(store, EmbeddedStore):
            job = Job(
                release=str(store.path / "store"),
                query=query.text,
                media_type=media_type,
                max_rows=self.settings.max_rows,
                max_bytes=self.settings.max_response_bytes,
                default_graphs=query.default_graphs,
                named_graphs=query.named_graphs,
                prefixes=prefixes(self.settings.base_iri),
            )
            return self.executor.run(job)
        result = store.raw(query.text, query.default_graphs, query.named_graphs)
        limits = (self.settings.max_rows, self.settings.max_response_bytes)
        return serialise(result, media_type, *limits, prefixes(self.settings.base_iri))
