"""Refuse, before evaluation, queries that would write or reach outside the dataset.

The check works on tokens, not on a parse tree: SPARQL keywords cannot hide inside
IRIs, strings or comments, which the tokenizer skips, so a keyword token is found at
any nesting level (subqueries, FILTER EXISTS, OPTIONAL) and in any letter case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

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
    """A query read once: its text, its form, and the dataset it runs over."""

    text: str
    form: str  # "select", "ask" or "graph"
    declares_dataset: bool = False  # the query names its own dataset with FROM or FROM NAMED
    default_graphs: tuple[str, ...] = ()  # the protocol's default-graph-uri
    named_graphs: tuple[str, ...] = ()  # the protocol's named-graph-uri


def read_query(text: str) -> CheckedQuery:
    """Read a trusted query's form and dataset (no safety checks)."""
    return _read(text, list(tokens(text)))


def check_query(text: str, known_graphs: set[str], default_graphs: tuple[str, ...] = (),
                named_graphs: tuple[str, ...] = ()) -> CheckedQuery:
    """Read an untrusted query, refusing updates, SERVICE and graphs from outside the dataset."""
    stream = list(tokens(text))
    prefixes: dict[str, str] = {}
    for index, token in enumerate(stream):
        if token.kind != "word":
            continue
        keyword = token.text.upper()
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
        if keyword == "PREFIX" and index + 2 < len(stream):
            prefixes[stream[index + 1].text[:-1]] = stream[index + 2].text[1:-1]
        if keyword == "FROM":
            _check_dataset_clause(text, stream, index, prefixes, known_graphs)
    for graph in default_graphs + named_graphs:
        if graph not in known_graphs:
            raise QueryRejected(f"<{graph}> is not a graph of this dataset; the endpoint does not fetch remote data")
    return replace(_read(text, stream), default_graphs=tuple(default_graphs), named_graphs=tuple(named_graphs))


def _read(text: str, stream: list[Token]) -> CheckedQuery:
    """Find the query form (the first query keyword after the prologue) and whether FROM names a dataset."""
    words = [token.text.upper() for token in stream if token.kind == "word"]
    for word in words:
        if word in QUERY_FORMS:
            return CheckedQuery(text, QUERY_FORMS[word], "FROM" in words)
        if word in UPDATE_KEYWORDS:
            raise QueryRejected(f"SPARQL Update ({word}) is not accepted: this endpoint is read-only")
    raise QueryRejected("not a SPARQL query: expected SELECT, ASK, CONSTRUCT or DESCRIBE after the prologue", status=400)


def _check_dataset_clause(query: str, stream: list[Token], index: int, prefixes: dict[str, str], known: set[str]) -> None:
    """Refuse FROM / FROM NAMED of a graph that is not part of this dataset."""
    following = stream[index + 1 : index + 3]
    if following and following[0].kind == "word" and following[0].text.upper() == "NAMED":
        following = following[1:]
    if not following:
        return
    target = following[0]
    if target.kind == "iri":
        iri = target.text[1:-1]
    elif target.kind == "pname":
        prefix, _, local = target.text.partition(":")
        iri = prefixes.get(prefix, "") + local
    else:
        return
    if iri not in known:
        raise QueryRejected(
            f"FROM <{iri}> is refused: it is not a graph of this dataset, and the endpoint does not fetch remote data",
            status=400,
            position=_position(query, target.offset),
        )


def _position(query: str, offset: int) -> str:
    """Return 'line L, column C' for an offset."""
    line = query.count("\n", 0, offset) + 1
    column = offset - (query.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"

