"""Small structured error bodies, JSON or plain text by Accept, for every error the app returns."""

from __future__ import annotations

from flask import Flask, Response, json, request
from werkzeug.exceptions import HTTPException

from libkg.errors import QueryRejected, QueryTimeout, StoreUnavailable
from libkg.formats import CSV, HTML, JSON, TEXT, TSV

from .negotiation import choose

# Clients that asked for a text format (CSV, TSV, HTML, plain) get the error as plain text; others get JSON.
ERROR_FORMATS = (JSON, TEXT, CSV, TSV, HTML)


def problem_document(status: int, error: str, message: str, **extra) -> dict:
    """Return what an error body says: its status, a short name, what went wrong and how to mend it, and details."""
    return {"status": status, "error": error, "message": message, **{k: v for k, v in extra.items() if v}}


def problem(status: int, error: str, message: str, **extra) -> Response:
    """Return an error response whose body says what went wrong, in JSON or text."""
    document = problem_document(status, error, message, **extra)
    wanted = choose(request.headers.get("Accept"), ERROR_FORMATS)
    if wanted in (None, JSON):
        response = Response(json.dumps(document, ensure_ascii=False), status, mimetype=JSON.media_type)
    else:  # a page for browsers (HTML) will branch off here; until then they get the text
        lines = [f"{status} {error}", message] + [f"{k}: {v}" for k, v in document.items() if k not in ("status", "error", "message")]
        response = Response("\n".join(lines) + "\n", status, mimetype=TEXT.media_type)
    response.headers["Vary"] = "Accept"
    return response


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
