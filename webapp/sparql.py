"""/sparql: the SPARQL 1.1 Protocol endpoint and its service description."""

from __future__ import annotations

import codecs

import pyoxigraph as ox
from flask import Blueprint, Response, abort, current_app, request
from werkzeug.datastructures import MultiDict

from libkg.formats import HTML, RDF_FORMATS, Format, named
from libkg.query.results import formats_for
from libkg.query.service_description import SD, describe_service
from libkg.rdf_formats import render

from .caching import SAFE_METHODS, conditional, precondition_failed, validators
from .current import current_release, current_store, settings
from .editor import editor_page
from .negotiation import choose
from .problems import problem
from .representations import naming

blueprint = Blueprint("sparql", __name__, template_folder="templates")

# SPARQLWrapper and other clients name the result format with output= or results= too, and may repeat them.
FORMAT_PARAMETERS = ("format", "output", "results")
PROTOCOL_PARAMETERS = {"query", "default-graph-uri", "named-graph-uri", *FORMAT_PARAMETERS}
# Not protocol parameters, but the explorer's: the interface language the header's switch sends with every page.
PAGE_PARAMETERS = {"lang"}


@blueprint.route("/sparql", methods=["GET", "POST"])
def endpoint():
    """Answer a query, or describe the service when there is none."""
    parameters, text = _protocol_parameters()
    if text is None:
        return _service_description()
    endpoint = current_app.extensions["libkg-endpoint"]
    release = current_release()
    query = endpoint.check(text, release.graph_names, tuple(parameters.getlist("default-graph-uri")),
                           tuple(parameters.getlist("named-graph-uri")))
    media_type = _chosen_format([value for p in FORMAT_PARAMETERS for value in parameters.getlist(p)],
                                formats_for(query.form)).media_type
    tag, modified = validators(release, f"{media_type}\n{query}")
    content_type = f"{media_type}; charset=utf-8"
    response = precondition_failed(tag, modified, content_type)
    if response is None:
        answer = endpoint.answer(query, media_type, current_store())
        response = Response(answer.body, content_type=content_type)
        response.headers["Libkg-Rows"] = str(answer.rows)
        if answer.truncated:
            response.headers["Libkg-Results-Truncated"] = f"true; limit={settings().max_rows} rows or {settings().max_response_bytes} bytes"
    response.headers["Vary"] = "Accept"
    return conditional(response, tag, modified)


def _protocol_parameters() -> tuple[MultiDict, str | None]:
    """Read the protocol parameters of a GET, form POST or direct POST; refuse what the protocol forbids."""
    if "update" in request.args or "update" in request.form:
        abort(problem(400, "read-only endpoint", "SPARQL Update is not accepted: this endpoint is read-only"))
    if request.method in SAFE_METHODS:  # HEAD answers as GET would, without the body
        parameters = request.args
        texts = parameters.getlist("query")
    elif not is_utf8(request.mimetype_params.get("charset")):
        abort(problem(415, "unsupported media type", f"charset={request.mimetype_params['charset']} is not accepted: "
                                                     "a query is sent as UTF-8 (SPARQL 1.1 Protocol 2.1.2, 2.1.3)"))
    elif request.mimetype == "application/x-www-form-urlencoded":
        if "query" in request.args:
            abort(problem(400, "bad request", "the query is given both in the URL and in the form body"))
        parameters = MultiDict(list(request.form.items(multi=True)) + list(request.args.items(multi=True)))
        texts = request.form.getlist("query")
    elif request.mimetype == "application/sparql-query":
        if "query" in request.args:
            abort(problem(400, "bad request", "a direct POST carries the query in its body, not in the URL"))
        parameters = request.args
        texts = [_body_text()]
    elif request.mimetype == "application/sparql-update":
        abort(problem(400, "read-only endpoint", "SPARQL Update is not accepted: this endpoint is read-only"))
    else:
        abort(problem(415, "unsupported media type",
                      "POST a query as application/x-www-form-urlencoded or application/sparql-query"))
    unknown = sorted(name for name in parameters
                     if name not in PROTOCOL_PARAMETERS and name not in PAGE_PARAMETERS and not name.startswith("_"))
    if unknown:
        abort(problem(400, "bad request", f"unknown parameter(s) {', '.join(unknown)}; "
                                          f"accepted: {', '.join(sorted(PROTOCOL_PARAMETERS))}"))
    if len(texts) > 1:
        abort(problem(400, "bad request", "exactly one query parameter is allowed"))
    if texts and not texts[0].strip():
        abort(problem(400, "bad request", "the query is empty"))
    return parameters, (texts[0] if texts else None)


def is_utf8(charset: str | None) -> bool:
    """Tell whether a charset parameter names UTF-8 (no parameter means UTF-8)."""
    try:
        return charset is None or codecs.lookup(charset).name == "utf-8"
    except LookupError:
        return False


def _body_text() -> str:
    """Decode a direct POST body strictly as UTF-8, naming the first byte that is not."""
    data = request.get_data()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        abort(problem(400, "bad request", f"the query is not valid UTF-8 at byte {err.start}; send it as UTF-8"))


def _chosen_format(names: list[str], offered: tuple[Format, ...]) -> Format:
    """Pick the answer's format: the first format= (output=, results=) value that names one offered for this query,
    else the one Accept prefers, else answer 406 listing what is offered."""
    by_name = [found for found in (named(name, offered) for name in names) if found]
    chosen = by_name[0] if by_name else choose(request.headers.get("Accept"), offered)
    if chosen is None:
        asked = f"format={', '.join(names)} and " if names else ""
        abort(problem(406, "not acceptable", f"{asked}none of the Accept types is offered for this query; "
                                             f"offered: {', '.join(f.media_type for f in offered)}"))
    return chosen


def _service_description():
    """Serve the editor page to browsers and the sd:Service description to RDF clients."""
    offered = (HTML, *RDF_FORMATS)
    chosen = choose(request.headers.get("Accept"), offered)
    if chosen is None:
        return problem(406, "not acceptable", f"offered: {', '.join(f.media_type for f in offered)}")
    if chosen is HTML:
        response = editor_page()
    else:
        release = current_release()
        triples = describe_service(request.base_url, sorted(release.graph_names), release.questions)
        body = render(chosen, [ox.Quad(t.subject, t.predicate, t.object) for t in triples], naming({"sd": SD}))
        response = Response(body, mimetype=chosen.media_type)
        response.headers["Content-Type"] = f"{chosen.media_type}; charset=utf-8"
    response.headers["Vary"] = "Accept"
    return response

