"""/dumps/: the whole dataset as TriG, N-Quads (gzip) and JSON-LD, and each graph as Turtle, with checksums; the
listing as a page, JSON, and DCAT in every RDF format."""

from __future__ import annotations

import json

import pyoxigraph as ox
from flask import Blueprint, render_template, request, send_file

from libkg.explore.void import VOID_PREFIXES, dataset_description
from libkg.formats import GZIP, compressed, file_format

from .caching import conditional, precondition_failed, validators
from .current import current_release, settings
from .problems import problem
from .representations import local, rdf_renderers, represent

blueprint = Blueprint("dumps", __name__, template_folder="templates")


@blueprint.get("/dumps/")
@blueprint.get("/dumps/index.<suffix>")
def listing(suffix: str | None = None):
    """List the dumps of the current build with their sizes and SHA-256 checksums."""
    release = current_release()
    dumps = [{**entry, "url": request.url_root + "dumps/" + entry["name"], "media_type": file_format(entry["name"]).media_type}
             for entry in release.dumps]
    description = dataset_description(release.void_statistics, release.report, settings().base_iri, request.url_root)

    def catalogue() -> list[ox.Quad]:
        """Return the dumps as a DCAT description of the dataset's distributions."""
        return [ox.Quad(t.subject, t.predicate, t.object) for t in description.catalogue()]

    renderers = rdf_renderers(lambda: render_template("dumps/index.html", dumps=dumps), catalogue, VOID_PREFIXES)
    renderers["json"] = lambda: json.dumps({"build_id": release.build_id, "dumps": dumps}, indent=2)
    return represent("/dumps/index", suffix, renderers)


@blueprint.get("/dumps/<path:name>")
def dump(name: str):
    """Send one dump file; only names the build's manifest lists are served."""
    release = current_release()
    path = release.dump_path(name)
    if path is None:
        return problem(404, "not found", f"no dump named {name!r}; see {local('/dumps/')}")
    tag, modified = validators(release, f"dump\n{name}")
    # The N-Quads dump is sent as the gzip file it is, not with Content-Encoding, so its checksum holds.
    kind = GZIP if compressed(name) else file_format(name).media_type
    unchanged = precondition_failed(tag, modified, kind)
    if unchanged is not None:
        return unchanged
    response = send_file(path, mimetype=kind, conditional=False, etag=False,
                         as_attachment=True, download_name=name.rsplit("/", 1)[-1])
    return conditional(response, tag, modified)
