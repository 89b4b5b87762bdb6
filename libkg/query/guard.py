"""Refuse, before evaluation, queries that would write, reach outside the dataset or nest too deep.

The check works on tokens, not on a parse tree: SPARQL keywords cannot hide inside
IRIs, strings or comments, which the tokenizer skips, so a keyword token is found at
any nesting level (subqueries, FILTER EXISTS, OPTIONAL) and in any letter case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from urllib.parse import urljoin

from libkg.errors import QueryRejected

_TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040\u00c0-\uffff]+)
  | (?P<pname>(?:[A-Za-z\u00c0-\uffff][\w.\-\u00c0-\uffff]*)?:[\w.\-:%\\\u00c0-\uffff]*)
  | (?P<word>[A-Za-z_][A-Za-z_0-9]*)
  | (?P<space>\s+)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)

QUERY_FORMS = {"SELECT": "select", "ASK": "ask", "CONSTRUCT": "graph", "DESCRIBE": "graph"}
UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
# How deep brackets ((), [], {}) and runs of ! may nest. Engines parse and evaluate nesting by recursion:
# pyoxigraph's query process crashed at about 2,200 nested braces (700 nested FILTER EXISTS) on an 8 MiB stack.
# Hand-written queries stay under 20 levels.
MAX_NESTING = 128
OPENING, CLOSING = "([{", ")]}"


@dataclass(frozen=True)
class Token:
    """One lexical token with its kind and offset in the query."""

    kind: str
    text: str
    offset: int


def tokens(query: str) -> Iterable[Token]:
    """Split a query into tokens, skipping spaces and comments."""
    for match in _TOKEN.finditer(query):
        if match.lastgroup not in ("space", "comment"):
            yield Token(match.lastgroup, match.group(), match.start())


@dataclass(frozen=True)
class CheckedQuery:
    """A query read once: its text, its form, the dataset it names and the base its relative IRIs resolve against."""

    text: str
    form: str  # "select", "ask" or "graph"
    from_graphs: tuple[str, ...] = ()  # the query's FROM, resolved
    from_named_graphs: tuple[str, ...] = ()  # the query's FROM NAMED, resolved
    default_graphs: tuple[str, ...] = ()  # the protocol's default-graph-uri
    named_graphs: tuple[str, ...] = ()  # the protocol's named-graph-uri
    base_iri: str | None = None  # the base of relative IRIs; the query's own BASE still wins
    bounded: bool = False  # provably cheap (see single_bound_pattern): may run without a killable process

    @property
    def dataset(self) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
        """Return the (default graphs, named graphs) the request names: the protocol's graphs, which replace the
        query's FROM and FROM NAMED (SPARQL 1.1 Protocol 2.1.4), else the query's; a side not named is empty.
        None when neither names a dataset."""
        if self.default_graphs or self.named_graphs:
            return self.default_graphs, self.named_graphs
        if self.from_graphs or self.from_named_graphs:
            return self.from_graphs, self.from_named_graphs
        return None


def read_query(text: str) -> CheckedQuery:
    """Read a trusted query's form and dataset (no safety checks)."""
    return _read(text, list(tokens(text)))


def check_query(text: str, known_graphs: set[str], default_graphs: tuple[str, ...] = (),
                named_graphs: tuple[str, ...] = (), base_iri: str | None = None) -> CheckedQuery:
    """Read an untrusted query, refusing updates, SERVICE, deep nesting and graphs from outside the dataset."""
    stream = list(tokens(text))
    _check_nesting(text, stream)
    for token in stream:
        keyword = token.text.upper() if token.kind == "word" else ""
        if keyword in UPDATE_KEYWORDS:
            raise QueryRejected(
                f"SPARQL Update ({keyword}) is not accepted: this endpoint is read-only",
                status=400,
                position=_position(text, token.offset),
            )
        if keyword == "SERVICE":
            raise QueryRejected(
                "SERVICE is refused: this endpoint never sends requests to other servers on behalf of a query",
                status=400,
                position=_position(text, token.offset),
            )
    for graph in default_graphs + named_graphs:
        if graph not in known_graphs:
            raise QueryRejected(f"<{graph}> is not a graph of this dataset; the endpoint does not fetch remote data")
    query = _read(text, stream, base_iri, known_graphs)
    return replace(query, default_graphs=tuple(default_graphs), named_graphs=tuple(named_graphs),
                   bounded=single_bound_pattern(stream))


def single_bound_pattern(stream: list[Token]) -> bool:
    """Tell whether a query is one triple pattern with a fixed subject or object and nothing else but a projection
    and a LIMIT: `[PREFIX ...] SELECT ?v ... [WHERE] { s p o [.] } [LIMIT n]`. The engine streams such a pattern
    from one index scan of that subject's or object's statements, and the answer stops at its row cap, so its work
    is bounded by the cap whatever the data; anything else (joins, FILTER, paths, ORDER BY, DISTINCT, OFFSET,
    subqueries, FROM) is not."""
    kinds = [(t.kind, t.text.upper() if t.kind == "word" else t.text) for t in stream]
    start = next((i for i, (kind, text) in enumerate(kinds) if kind == "word" and text not in ("PREFIX", "BASE")), None)
    if start is None or kinds[start] != ("word", "SELECT"):
        return False
    if any(kind == "word" and text in ("PREFIX", "BASE") for kind, text in kinds[start:]):
        return False
    rest = kinds[start + 1:]
    if "{" not in [text for kind, text in rest if kind == "other"]:
        return False
    opening = rest.index(("other", "{"))
    projection = [item for item in rest[:opening] if item != ("word", "WHERE")]
    if not projection or not all(kind == "var" for kind, _ in projection) and projection != [("other", "*")]:
        return False
    body, tail = rest[opening + 1:], []
    if ("other", "}") not in body:
        return False
    closing = body.index(("other", "}"))
    body, tail = body[:closing], body[closing + 1:]
    if body[3:] not in ([], [("other", ".")]) or len(body) < 3:
        return False
    subject, predicate, object_ = body[:3]
    terms_ok = (subject[0] in ("iri", "pname", "var") and object_[0] in ("iri", "pname", "var")
                and (predicate[0] in ("iri", "pname", "var") or predicate == ("word", "A")))
    fixed = subject[0] in ("iri", "pname") or object_[0] in ("iri", "pname")
    limit_ok = not tail or (tail[0] == ("word", "LIMIT") and len(tail) > 1
                            and all(kind == "other" and text.isdigit() for kind, text in tail[1:]))
    return terms_ok and fixed and limit_ok


def _check_nesting(query: str, stream: list[Token]) -> None:
    """Refuse a query whose brackets, or runs of !, nest deeper than MAX_NESTING, naming where."""
    depth = negations = 0
    for token in stream:
        negations = negations + 1 if token.text == "!" else 0
        if token.kind == "other" and token.text in OPENING:
            depth += 1
        elif token.kind == "other" and token.text in CLOSING:
            depth = max(0, depth - 1)
        if depth + negations > MAX_NESTING:
            raise QueryRejected(
                f"the query nests deeper than the limit of {MAX_NESTING} levels of (), [], {{}} and !; "
                "write it with less nesting",
                status=400,
                position=_position(query, token.offset),
            )


def _read(text: str, stream: list[Token], base_iri: str | None = None, known: set[str] | None = None) -> CheckedQuery:
    """Read the query form (the first query keyword after the prologue) and the FROM / FROM NAMED graphs, with
    relative IRIs resolved against BASE and base_iri; with known graphs, refuse a FROM outside them."""
    base, prefixes, form = base_iri, {}, None
    dataset: dict[bool, list[str]] = {False: [], True: []}
    for index, token in enumerate(stream):
        keyword = token.text.upper() if token.kind == "word" else ""
        following = stream[index + 1 : index + 3]
        if form is None and keyword in QUERY_FORMS:
            form = QUERY_FORMS[keyword]
        elif form is None and keyword in UPDATE_KEYWORDS:
            raise QueryRejected(f"SPARQL Update ({keyword}) is not accepted: this endpoint is read-only")
        elif form is None and keyword == "BASE" and following and following[0].kind == "iri":
            base = _resolve(base, following[0].text[1:-1])
        elif form is None and keyword == "PREFIX" and len(following) == 2 and following[1].kind == "iri":
            prefixes[following[0].text[:-1]] = _resolve(base, following[1].text[1:-1])
        elif keyword == "FROM":
            named = bool(following) and following[0].text.upper() == "NAMED"
            target = following[1] if named and len(following) > 1 else (following[0] if following and not named else None)
            dataset[named].append(_dataset_graph(text, target, base, prefixes, known))
    if form is None:
        raise QueryRejected("not a SPARQL query: expected SELECT, ASK, CONSTRUCT or DESCRIBE after the prologue", status=400)
    return CheckedQuery(text, form, tuple(dataset[False]), tuple(dataset[True]), base_iri=base_iri)


def _dataset_graph(query: str, target: Token | None, base: str | None, prefixes: dict[str, str], known: set[str] | None) -> str:
    """Return the graph a FROM / FROM NAMED clause names; with known graphs, refuse one outside them."""
    if target is None or target.kind not in ("iri", "pname"):
        raise QueryRejected("FROM and FROM NAMED must name a graph by its IRI", status=400,
                            position=_position(query, target.offset) if target else None)
    if target.kind == "iri":
        iri = _resolve(base, target.text[1:-1])
    else:
        prefix, _, local = target.text.partition(":")
        iri = prefixes.get(prefix, "") + local
    if known is not None and iri not in known:
        raise QueryRejected(
            f"FROM <{iri}> is refused: it is not a graph of this dataset, and the endpoint does not fetch remote data",
            status=400,
            position=_position(query, target.offset),
        )
    return iri


def _resolve(base: str | None, iri: str) -> str:
    """Resolve a relative IRI against base (RFC 3986); absolute IRIs, and any IRI without a base, stay as they are."""
    return urljoin(base, iri) if base else iri


def _position(query: str, offset: int) -> str:
    """Return 'line L, column C' for an offset."""
    line = query.count("\n", 0, offset) + 1
    column = offset - (query.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"
