"""ETag and Last-Modified from the build, and 304 answers to matching conditional requests."""

from __future__ import annotations

import hashlib
from datetime import datetime

from flask import Response, request

from libkg.release import Release


def validators(release: Release, representation: str) -> tuple[str, datetime | None]:
    """Return an ETag for one representation of one build, and the build's time."""
    digest = hashlib.sha256(f"{release.build_id}\n{representation}".encode("utf-8")).hexdigest()[:24]
    return digest, release.built_at


def not_modified(tag: str, modified: datetime | None) -> bool:
    """Tell whether the client's cached copy is still current."""
    if request.if_none_match:
        return request.if_none_match.contains_weak(tag)
    return bool(modified and request.if_modified_since and request.if_modified_since >= modified)


def conditional(response: Response, tag: str, modified: datetime | None) -> Response:
    """Attach the validators so clients can revalidate instead of refetching."""
    response.set_etag(tag, weak=True)
    if modified:
        response.last_modified = modified
    response.headers["Cache-Control"] = "public, max-age=0, must-revalidate"
    return response
