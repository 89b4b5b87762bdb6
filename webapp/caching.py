"""ETag and Last-Modified from the build, and the answers to conditional requests (RFC 9110 13)."""

from __future__ import annotations

import hashlib
from datetime import datetime

from flask import Response, request

from libkg.release import Release

from .problems import problem

SAFE_METHODS = ("GET", "HEAD")


def validators(release: Release, representation: str) -> tuple[str, datetime | None]:
    """Return an ETag for one representation of one build, and the build's time."""
    digest = hashlib.sha256(f"{release.build_id}\n{representation}".encode("utf-8")).hexdigest()[:24]
    return digest, release.built_at


def precondition_failed(tag: str, modified: datetime | None, content_type: str) -> Response | None:
    """Answer a request whose precondition says the client's copy is current: 304 Not Modified for GET and HEAD,
    412 Precondition Failed for a POST with a matching If-None-Match (RFC 9110 13.1.2; If-Modified-Since counts only
    for GET and HEAD, 13.1.3). None when the request is to be answered in full. A 304 is made with the content type
    of the answer it stands for, so that it gets the same Vary; the server drops the type itself (RFC 9110 15.4.5)."""
    if request.if_none_match:
        current = request.if_none_match.contains_weak(tag)
    else:
        current = bool(request.method in SAFE_METHODS and modified and request.if_modified_since
                       and request.if_modified_since >= modified)
    if not current:
        return None
    if request.method in SAFE_METHODS:
        return conditional(Response(status=304, content_type=content_type), tag, modified)
    return conditional(problem(412, "precondition failed", "If-None-Match matches the current answer: a POST is not "
                                                           "answered then (RFC 9110 13.1.2); send it without If-None-Match"),
                       tag, modified)


def conditional(response: Response, tag: str, modified: datetime | None) -> Response:
    """Attach the validators so clients can revalidate instead of refetching."""
    response.set_etag(tag, weak=True)
    if modified:
        response.last_modified = modified
    response.headers["Cache-Control"] = "public, max-age=0, must-revalidate"
    return response

