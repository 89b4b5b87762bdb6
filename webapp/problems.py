"""Small structured error bodies, JSON or plain text by Accept, for every error the app returns."""

from __future__ import annotations

from flask import Flask, Response, json, request
from werkzeug.exceptions import HTTPException

from libkg.errors import QueryRejected, QueryTimeout, StoreUnavailable

from .negotiation import choose

# Clients that asked for a text format (CSV, TSV, HTML, plain) get the error as plain text.
ERROR_TYPES = ("application/json", "text/plain", "text/csv", "text/tab-separated-values", "text/html")


def problem(status: int, error: str, message: str, **extra) -> Response:
    """Return an error response whose body says what went wrong, in JSON or text."""
    body = {"status": status, "error": error, "message": message, **{k: v for k, v in extra.items() if v}}
    wanted = choose(request.headers.get("Accept"), ERROR_TYPES)
    if wanted == "application/json" or wanted is None:
        response = Response(json.dumps(body, ensure_ascii=False), status, mimetype="application/json")
    else:
        lines = [f"{status} {error}", message] + [f"{k}: {v}" for k, v in extra.items() if v]
        response = Response("\n".join(lines) + "\n", status, mimetype="text/plain")
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
