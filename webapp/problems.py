"""Small structured error bodies, JSON or plain text by Accept, for every error the app returns; a page for browsers."""

from __future__ import annotations

from flask import Flask, Response, json, render_template, request
from werkzeug.exceptions import HTTPException

from libkg.errors import QueryRejected, QueryTimeout, StoreUnavailable
from libkg.formats import CSV, HTML, JSON, TEXT, TSV

from .current import settings
from .negotiation import choose

# Clients that asked for a text format (CSV, TSV, plain) get the error as plain text; browsers (HTML first) a page.
ERROR_FORMATS = (JSON, TEXT, CSV, TSV, HTML)
PAGE_FORMATS = (HTML,) + ERROR_FORMATS
# The longest request target (path and query) the app answers with its own 414; granian passes the app every target
# up to 65,534 bytes (its HTTP parser's limit) and answers a longer one with a bare 414 itself.
MAX_URL_BYTES = 8000


def problem_document(status: int, error: str, message: str, **extra) -> dict:
    """Return what an error body says: its status, a short name, what went wrong and how to mend it, and details."""
    return {"status": status, "error": error, "message": message, **{k: v for k, v in extra.items() if v}}


def url_too_long(length: int | None) -> dict:
    """Say that a URL is too long, and to send a long query by POST."""
    size = f"{length} bytes, " if length else ""
    return problem_document(414, "uri too long", f"the URL is {size}over the limit of {MAX_URL_BYTES} bytes: send a long "
                                                 "query by POST, as application/x-www-form-urlencoded or application/sparql-query")


def problem(status: int, error: str, message: str, note: tuple[str, dict] | None = None, **extra) -> Response:
    """Return an error response whose body says what went wrong: a page for browsers, else JSON or text.

    note names a message of the catalogue (and its values) that says the same to a person in the page's language.
    """
    document = problem_document(status, error, message, **extra)
    wanted = choose(request.headers.get("Accept"), ERROR_FORMATS)
    if _wants_page():
        response = Response(_page(document, note), status, content_type="text/html; charset=utf-8")
    elif wanted in (None, JSON):
        response = Response(json.dumps(document, ensure_ascii=False), status, mimetype=JSON.media_type)
    else:
        lines = [f"{status} {error}", message] + [f"{k}: {v}" for k, v in document.items() if k not in ("status", "error", "message")]
        response = Response("\n".join(lines) + "\n", status, mimetype=TEXT.media_type)
    response.headers["Vary"] = "Accept"
    return response


def _wants_page() -> bool:
    """Tell whether the client is a browser asking for a page (HTML named first, or preferred over JSON)."""
    accept = request.headers.get("Accept")
    return bool(accept) and "text/html" in accept and choose(accept, PAGE_FORMATS) is HTML


def _page(body: dict, note: tuple[str, dict] | None) -> str:
    """Render the error page: what happened in the reader's language, a way on, and the details for developers."""
    limits = {"414": MAX_URL_BYTES, "413": settings().max_request_bytes, "503": settings().query_timeout}
    status = str(body["status"])
    return render_template("errors/page.html", problem=body, status=status, note=note, limit=limits.get(status),
                           searched=words_of(request.path) if status == "404" else "")


def words_of(path: str) -> str:
    """Turn the last part of a path (say /resource/public-libary) into words to search for ("public libary")."""
    name = path.rstrip("/").rsplit("/", 1)[-1].split(".", 1)[0]
    return " ".join(name.replace("-", " ").replace("_", " ").split())[:80]


def register(app: Flask) -> None:
    """Turn libkg's errors and HTTP errors into problem responses, and refuse URLs over MAX_URL_BYTES."""

    @app.before_request
    def refuse_long_urls():
        target = request.environ.get("RAW_URI") or request.full_path
        if len(target.encode("latin-1", "replace")) > MAX_URL_BYTES:
            document = url_too_long(len(target))
            return problem(414, document["error"], document["message"])

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
