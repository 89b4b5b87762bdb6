"""Refuse, before evaluation, queries that would write or reach outside the dataset.

The check works on tokens, not on a parse tree: SPARQL keywords cannot hide inside
IRIs, strings or comments, which the tokenizer skips, so a keyword token is found at
any nesting level (subqueries, FILTER EXISTS, OPTIONAL) and in any letter case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .errors import QueryRejected

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


def check_query(query: str, known_graphs: set[str] | None = None) -> None:
    """Raise QueryRejected if query is an update, calls SERVICE, or names a graph from elsewhere."""
    stream = list(tokens(query))
    prefixes: dict[str, str] = {}
    for index, token in enumerate(stream):
        if token.kind != "word":
            continue
        keyword = token.text.upper()
        if keyword in UPDATE_KEYWORDS:
            raise QueryRejected(
                f"SPARQL Update ({keyword}) is not accepted: this endpoint is read-only",
                status=400,
                position=_position(query, token.offset),
            )
        if keyword == "SERVICE":
            raise QueryRejected(
                "SERVICE is refused: this endpoint never sends requests to other servers on behalf of a query",
                status=400,
                position=_position(query, token.offset),
            )
        if keyword == "PREFIX" and index + 2 < len(stream):
            prefixes[stream[index + 1].text[:-1]] = stream[index + 2].text[1:-1]
        if keyword == "FROM" and known_graphs is not None:
            _check_dataset_clause(query, stream, index, prefixes, known_graphs)


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


QUERY_FORMS = {"SELECT": "select", "ASK": "ask", "CONSTRUCT": "graph", "DESCRIBE": "graph"}


def query_form(query: str) -> str:
    """Return 'select', 'ask' or 'graph' from the query's first keyword after its prologue."""
    for token in tokens(query):
        if token.kind == "word" and token.text.upper() in QUERY_FORMS:
            return QUERY_FORMS[token.text.upper()]
        if token.kind == "word" and token.text.upper() in UPDATE_KEYWORDS:
            raise QueryRejected(f"SPARQL Update ({token.text.upper()}) is not accepted: this endpoint is read-only")
    raise QueryRejected("not a SPARQL query: expected SELECT, ASK, CONSTRUCT or DESCRIBE after the prologue", status=400)


def declares_dataset(query: str) -> bool:
    """Tell whether the query chooses its own dataset with FROM or FROM NAMED."""
    return any(token.kind == "word" and token.text.upper() == "FROM" for token in tokens(query))
