"""An external SPARQL 1.1 store (Oxigraph server, Fuseki, Virtuoso, GraphDB) reached with SPARQLWrapper."""

from __future__ import annotations

import socket
import urllib.error

import pyoxigraph as ox
from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from libkg.config import Settings
from libkg.errors import QueryRejected, QueryTimeout, StoreUnavailable
from libkg.query.guard import CheckedQuery
from libkg.query.store import GraphStore


class RemoteStore(GraphStore):
    """Send queries over the build's graphs to an external endpoint; parse its answers with pyoxigraph."""

    def __init__(self, settings: Settings, graphs: set[str]):
        if not settings.sparql_endpoint:
            raise StoreUnavailable("LIBKG_STORE=sparql needs LIBKG_SPARQL_ENDPOINT, the URL of the query endpoint")
        self.settings = settings
        self.endpoint = settings.sparql_endpoint
        self.graphs = tuple(sorted(graphs))

    def evaluate(self, query: CheckedQuery):
        """Run query remotely; return a pyoxigraph result (solutions, boolean or triples)."""
        # The dataset is always sent as protocol parameters: the build's graphs when the request names none, so that a
        # store's other graphs (Virtuoso's system graphs, say) stay out of the default graph and of GRAPH ?g, and the
        # query's own FROM and FROM NAMED too (Oxigraph server with --union-default-graph ignores them in the query).
        default_graphs, named_graphs = query.dataset or (self.graphs, self.graphs)
        client = SPARQLWrapper(self.endpoint)
        client.setMethod(POST)
        client.setOnlyConneg(True)
        client.setTimeout(max(1, round(self.settings.query_timeout)))
        # Relative IRIs resolve against the same base as in the embedded store (a later BASE in the query still wins).
        client.setQuery(f"BASE <{query.base_iri}>\n{query.text}" if query.base_iri else query.text)
        client.setReturnFormat(TURTLE if query.form == "graph" else JSON)
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
        return _parse(body, response.headers.get("Content-Type", ""), query.form)


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
