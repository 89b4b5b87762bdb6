"""An external SPARQL 1.1 store (Oxigraph server, Fuseki, Virtuoso, GraphDB) reached with SPARQLWrapper."""

from __future__ import annotations

import json
import socket
import urllib.error

import pyoxigraph as ox
from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from .config import Settings
from .errors import QueryRejected, QueryTimeout, StoreUnavailable
from .guard import declares_dataset, query_form
from .releases import current_release
from .store import GraphStore, Row


class RemoteStore(GraphStore):
    """Send queries over the build's graphs to an external endpoint; parse its answers with pyoxigraph."""

    def __init__(self, settings: Settings):
        if not settings.sparql_endpoint:
            raise StoreUnavailable("LIBKG_STORE=sparql needs LIBKG_SPARQL_ENDPOINT, the URL of the query endpoint")
        self.settings = settings
        self.endpoint = settings.sparql_endpoint
        release = current_release(settings.build_path)
        self.report = json.loads((release / "report.json").read_text(encoding="utf-8")) if release else {}
        self.build_id = self.report.get("build_id", "external")

    def raw(self, query: str, default_graphs: tuple[str, ...] = (), named_graphs: tuple[str, ...] = ()):
        """Run query remotely; return a pyoxigraph result (solutions, boolean or triples)."""
        form = query_form(query)
        if not declares_dataset(query):
            # As in the embedded store, the build's graphs are the dataset: a store's other graphs
            # (Virtuoso's system graphs, say) stay out of the default graph and of GRAPH ?g.
            known = tuple(sorted(self.graph_names()))
            default_graphs, named_graphs = default_graphs or known, named_graphs or known
        client = SPARQLWrapper(self.endpoint)
        client.setMethod(POST)
        client.setOnlyConneg(True)
        client.setTimeout(max(1, round(self.settings.query_timeout)))
        client.setQuery(query)
        client.setReturnFormat(TURTLE if form == "graph" else JSON)
        for graph in default_graphs:
            client.addDefaultGraph(graph)
        for graph in named_graphs:
            client.addNamedGraph(graph)
        try:
            response = client.query().response
            body = response.read()
        except (TimeoutError, socket.timeout):
            raise QueryTimeout(f"the external store did not answer within {self.settings.query_timeout:g} s") from None
        except urllib.error.HTTPError as err:
            raise _http_error(err) from None
        except (urllib.error.URLError, ConnectionError) as err:
            raise StoreUnavailable(f"the external SPARQL store at {self.endpoint} cannot be reached: {err}") from None
        except SPARQLWrapperException as err:
            message = str(err).split("Response:")[0].strip()
            status = 400 if "QueryBadFormed" in type(err).__name__ else 502
            raise QueryRejected(f"the external store refused the query: {message}", status=status) from None
        return _parse(body, response.headers.get("Content-Type", ""), form)

    def select(self, query: str) -> list[Row]:
        """Run a SELECT remotely."""
        solutions = self.raw(query)
        names = [v.value for v in solutions.variables]
        return [{name: s[name] for name in names if s[name] is not None} for s in solutions]

    def ask(self, query: str) -> bool:
        """Run an ASK remotely."""
        return bool(self.raw(query))

    def construct(self, query: str) -> list[ox.Triple]:
        """Run a CONSTRUCT or DESCRIBE remotely."""
        return self.raw(query)


def _parse(body: bytes, content_type: str, form: str):
    """Parse the answer in the format the store declares (JSON or Turtle if it declares none we read)."""
    try:
        if form == "graph":
            return list(ox.parse(body, format=ox.RdfFormat.from_media_type(content_type) or ox.RdfFormat.TURTLE))
        result = ox.parse_query_results(body, format=ox.QueryResultsFormat.from_media_type(content_type) or ox.QueryResultsFormat.JSON)
    except (SyntaxError, ValueError) as err:
        raise QueryRejected(f"the external store's answer ({content_type or 'no media type'}) cannot be read: {err}", status=502) from None
    if form == "ask" and not isinstance(result, ox.QueryBoolean):
        return _as_boolean(result)
    return result


def _as_boolean(solutions: ox.QuerySolutions) -> ox.QueryBoolean:
    """Read an ASK answered as a table, as Virtuoso does (one __ASK_RETVAL row of 1, or no row): true if a row holds a true value."""
    truth = any(term is not None and term.value not in ("0", "false") for solution in solutions for term in solution)
    return ox.parse_query_results(b'{"head": {}, "boolean": %s}' % (b"true" if truth else b"false"), format=ox.QueryResultsFormat.JSON)


def _http_error(err: urllib.error.HTTPError) -> Exception:
    """Map the external store's HTTP error to ours."""
    detail = err.read()[:500].decode("utf-8", "replace")
    if err.code in (400, 422):
        return QueryRejected(f"the external store refused the query: {detail}", status=400)
    if err.code in (503, 504):
        return QueryTimeout(f"the external store gave up on the query: {detail}")
    return StoreUnavailable(f"the external store answered HTTP {err.code}: {detail}")
