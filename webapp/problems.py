"""Small structured error bodies, JSON or plain text by Accept, for every error the app returns; a page for browsers."""

from __future__ import annotations

from flask import Flask, Response, json, render_template, request
from werkzeug.exceptions import HTTPException

from libkg.errors import QueryRejected, QueryTimeout, StoreUnavailable

from .current import settings
from .negotiation import choose

# Clients that asked for a text format (CSV, TSV, plain) get the error as plain text; browsers (HTML first) a page.
ERROR_TYPES = ("application/json", "text/plain", "text/csv", "text/tab-separated-values", "text/html")
PAGE_TYPES = ("text/html",) + ERROR_TYPES


def problem(status: int, error: str, message: str, note: tuple[str, dict] | None = None, **extra) -> Response:
    """Return an error response whose body says what went wrong: a page for browsers, else JSON or text.

    note names a message of the catalogue (and its values) that says the same to a person in the page's language.
    """
    body = {"status": status, "error": error, "message": message, **{k: v for k, v in extra.items() if v}}
    if _wants_page():
        response = Response(_page(body, note), status, content_type="text/html; charset=utf-8")
    elif choose(request.headers.get("Accept"), ERROR_TYPES) in ("application/json", None):
        response = Response(json.dumps(body, ensure_ascii=False), status, mimetype="application/json")
    else:
        lines = [f"{status} {error}", message] + [f"{k}: {v}" for k, v in extra.items() if v]
        response = Response("\n".join(lines) + "\n", status, mimetype="text/plain")
    response.headers["Vary"] = "Accept"
    return response


def _wants_page() -> bool:
    """Tell whether the client is a browser asking for a page (HTML named first, or preferred over JSON)."""
    accept = request.headers.get("Accept")
    return bool(accept) and "text/html" in accept and choose(accept, PAGE_TYPES) == "text/html"


def _page(body: dict, note: tuple[str, dict] | None) -> str:
    """Render the error page: what happened in the reader's language, a way on, and the details for developers."""
    limits = {"414": settings().max_request_bytes, "413": settings().max_request_bytes, "503": settings().query_timeout}
    status = str(body["status"])
    return render_template("errors/page.html", problem=body, status=status, note=note, limit=limits.get(status),
                           searched=words_of(request.path) if status == "404" else "")


def words_of(path: str) -> str:
    """Turn the last part of a path (say /resource/public-libary) into words to search for ("public libary")."""
    name = path.rstrip("/").rsplit("/", 1)[-1].split(".", 1)[0]
    return " ".join(name.replace("-", " ").replace("_", " ").split())[:80]


def register(app: Flask) -> None:
    """Turn libkg's errors and HTTP errors into problem responses."""

    @app.errorhandler(QueryRejected)
    def rejected(err: QueryRejected):
        return problem(err.status, "query rejected", err.message, position=err.position)

    @app.errorhandler(QueryTimeout)
    def timeout(err: QueryTimeout):
        return problem(503, "query timeout", str(err))

    @app.errorhandler(StoreUnavailable)
    def unavailable(err: StoreUnavailable):
        return problem(503, "store unavailable", str(err))

    @app.errorhandler(HTTPException)
    def http_error(err: HTTPException):
        return problem(err.code or 500, err.name.lower(), err.description or err.name)

    @app.before_request
    def refuse_long_addresses():
        """Answer 414 to an address longer than a request body may be (the server lets long GET queries through)."""
        limit = settings().max_request_bytes
        if len(request.query_string) + len(request.path) > limit:
            return problem(414, "uri too long", f"the address is longer than {limit} bytes; send long queries with POST")
        return None
