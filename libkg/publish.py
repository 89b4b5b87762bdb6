"""Load a release's named graphs into an external SPARQL 1.1 store and count them back."""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass, replace

import pyoxigraph as ox

from libkg.config import Settings
from libkg.errors import StoreUnavailable
from libkg.release import current_release
from libkg.query.remote import RemoteStore

PUT_TIMEOUT = 120.0

COUNT_TRIPLES = "SELECT ?graph (COUNT(*) AS ?triples) WHERE {{ VALUES ?graph {{ {graphs} }} GRAPH ?graph {{ ?s ?p ?o }} }} GROUP BY ?graph"


@dataclass(frozen=True)
class GraphCount:
    """Triples of one named graph: sent from the release, and read back from the external store."""

    graph: str
    local: int
    remote: int

    @property
    def matches(self) -> bool:
        """Tell whether the store holds as many triples as the release."""
        return self.local == self.remote


def _oxigraph_graph_store(endpoint: str) -> str:
    """Derive Oxigraph server's Graph Store Protocol URL (<server>/store) from its query URL (<server>/query)."""
    parts = urllib.parse.urlsplit(endpoint)
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path.rsplit("/", 1)[0] + "/store", "", ""))


def publish_graphs(settings: Settings, endpoint: str, graph_store: str = "", user: str = "", password: str = "") -> list[GraphCount]:
    """Replace each named graph of the current release in the graph store (one PUT each); count them back via endpoint."""
    store = current_release(settings.build_path).store.oxigraph
    target = graph_store or _oxigraph_graph_store(endpoint)
    opener = _opener(target, user, password)
    sent: dict[str, int] = {}
    for graph in sorted(store.named_graphs(), key=lambda g: g.value):
        triples = [quad.triple for quad in store.quads_for_pattern(None, None, None, graph)]
        _put(opener, target, graph.value, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))
        sent[graph.value] = len(triples)
    found = _count_triples(RemoteStore(replace(settings, store="sparql", sparql_endpoint=endpoint), set(sent)), sent)
    return [GraphCount(graph, count, found.get(graph, 0)) for graph, count in sent.items()]


def _count_triples(store: RemoteStore, graphs: Iterable[str]) -> dict[str, int]:
    """Return how many triples the store holds in each of the graphs; a graph it lacks is left out."""
    query = COUNT_TRIPLES.format(graphs=" ".join(f"<{graph}>" for graph in graphs))
    return {row["graph"].value: int(row["triples"].value) for row in store.select(query)}


def _opener(url: str, user: str, password: str) -> urllib.request.OpenerDirector:
    """Return a URL opener that answers the store's digest or basic challenge with the credentials."""
    if not user:
        return urllib.request.build_opener()
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, url, user, password)
    return urllib.request.build_opener(
        urllib.request.HTTPDigestAuthHandler(passwords), urllib.request.HTTPBasicAuthHandler(passwords)
    )


def _put(opener: urllib.request.OpenerDirector, graph_store: str, graph: str, body: bytes) -> None:
    """Replace one graph with the SPARQL 1.1 Graph Store HTTP Protocol."""
    url = f"{graph_store}{'&' if '?' in graph_store else '?'}{urllib.parse.urlencode({'graph': graph})}"
    request = urllib.request.Request(url, data=body, method="PUT", headers={"Content-Type": "application/n-triples"})
    try:
        with opener.open(request, timeout=PUT_TIMEOUT) as response:
            response.read()
    except urllib.error.HTTPError as err:
        detail = err.read()[:300].decode("utf-8", "replace").strip()
        raise StoreUnavailable(f"the graph store at {graph_store} refused <{graph}>: HTTP {err.code} {detail}") from None
    except OSError as err:
        raise StoreUnavailable(f"the graph store at {graph_store} cannot be reached: {err}") from None
