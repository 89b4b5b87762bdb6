"""One small HTTP client: a request sent exactly as written, its status, headers and body back (errors included)."""

from __future__ import annotations

import http.client
import json
import urllib.parse
from typing import NamedTuple

FORM = "application/x-www-form-urlencoded"


class Response(NamedTuple):
    """What came back: status, headers and body."""

    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def json(self):
        """Return the body read as JSON."""
        return json.loads(self.body)

    @property
    def text(self) -> str:
        """Return the body as UTF-8 text."""
        return self.body.decode("utf-8")


def request(url: str, method: str = "GET", body: bytes | None = None, headers: dict[str, str] | None = None,
            timeout: float = 30) -> Response:
    """Send one request with the path as written (not normalised, redirects not followed); return what came back."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.putrequest(method, (parts.path or "/") + (f"?{parts.query}" if parts.query else ""))
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        if body is not None:
            connection.putheader("Content-Length", str(len(body)))
        connection.endheaders()
        if body:
            try:
                connection.send(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the server answered (413) before reading a body it refuses
        response = connection.getresponse()
        return Response(response.status, response.headers, response.read())
    finally:
        connection.close()


def get(url: str, headers: dict[str, str] | None = None, params: dict[str, str | list[str]] | None = None,
        timeout: float = 30) -> Response:
    """GET url, with params added to its query string (a list value repeats its parameter)."""
    return request(f"{url}?{urllib.parse.urlencode(params, doseq=True)}" if params else url, headers=headers, timeout=timeout)


def post(url: str, data: bytes | dict[str, str], headers: dict[str, str] | None = None, timeout: float = 30) -> Response:
    """POST bytes as they are, or a dict as an HTML form."""
    if isinstance(data, dict):
        data, headers = urllib.parse.urlencode(data).encode(), {"Content-Type": FORM, **(headers or {})}
    return request(url, "POST", data, headers, timeout)


def sparql(base: str, query: str, headers: dict[str, str] | None = None, **params: str | list[str]) -> Response:
    """Ask the SPARQL endpoint of the server at base with GET, with extra protocol parameters."""
    return get(base + "/sparql", headers, {"query": query, **params})


def count_of(body: bytes) -> int:
    """Read ?n, the one number a COUNT query answers in SPARQL JSON."""
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])
