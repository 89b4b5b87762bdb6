"""/vendor/<package>/<file>: the built files of the front-end packages npm installed, served from node_modules."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, current_app, send_from_directory

from .problems import problem

blueprint = Blueprint("vendor", __name__)

NODE_MODULES = Path(__file__).resolve().parents[1] / "node_modules"

# Only these folders of these packages are served (package.json pins their versions).
PACKAGES = {
    "yasgui": "@zazuko/yasgui/build",
    "cytoscape": "cytoscape/dist",
}
MAX_AGE = 24 * 3600


def vendor_folder(package: str) -> Path:
    """Return the folder a package's files are served from."""
    return Path(current_app.config.get("LIBKG_NODE_MODULES", NODE_MODULES)) / PACKAGES[package]


@blueprint.get("/vendor/<package>/<path:filename>")
def asset(package: str, filename: str):
    """Serve one file of an allowed package; say how to install it if npm has not run."""
    if package not in PACKAGES:
        abort(problem(404, "not found", f"no front-end package {package!r}; served: {', '.join(PACKAGES)}"))
    folder = vendor_folder(package)
    if not folder.is_dir():
        abort(problem(404, "not installed", f"{PACKAGES[package]} is missing: run 'npm ci' in the project folder"))
    return send_from_directory(folder, filename, max_age=MAX_AGE)
