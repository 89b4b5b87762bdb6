"""/browse: the studies, the class tree with instance counts, the concept schemes as trees; one study; one kind."""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from libkg.browse import class_tree, scheme_trees, study_links
from libkg.compare import COLUMNS, compare_studies

from .compare import compare_page_of, study_positions
from .paging import page_of, requested_page
from .problems import problem
from .stores import current_index, current_store, per_build, settings, summary_of

blueprint = Blueprint("browse", __name__, template_folder="templates")

# Studies on one page of /browse, and resources on one page of /browse/kind/<Class>; ?page=N shows the others.
STUDIES_PER_PAGE = 100
ITEMS_PER_PAGE = 200


@per_build
def schemes(store):
    """Return the concept schemes as trees, once per build."""
    return scheme_trees(store, current_index())


@blueprint.get("/browse")
def overview():
    """Show the studies, the class tree and every concept scheme."""
    store = current_store()
    index = current_index()
    every = summary_of(store).studies
    paging = page_of(requested_page(), len(every), STUDIES_PER_PAGE)
    return render_template(
        "browse/overview.html", report=store.report, studies=every[paging["first"] - 1:paging["last"]], paging=paging,
        classes=class_tree(index, store.report.get("stats", {}).get("classes", {})), schemes=schemes(store),
    )


@blueprint.get("/browse/study/<slug>")
def study(slug: str):
    """Show one study: its key facts and everything it reports, grouped by kind."""
    store = current_store()
    index = current_index()
    iri = settings().base_iri + "resource/" + slug
    if iri not in study_positions(store):
        abort(problem(404, "not found", f"no study {slug!r} in this build; the list of studies is at /browse"))
    groups: dict[str | None, list] = {}
    for entry in index.reported_in(iri):
        groups.setdefault(entry.kind, []).append(entry)
    base_iri = settings().base_iri
    return render_template("browse/study.html", report=store.report, study=iri, entry=index.by_iri.get(iri),
                           groups=list(groups.items()), comparison=compare_studies(store, base_iri, [iri]), columns=COLUMNS,
                           links=study_links(store, base_iri, iri), compare_page=compare_page_of(store, iri))


@blueprint.get("/browse/kind/<name>")
def kind(name: str):
    """List every resource of one lkg: class (its subclasses included), grouped by most specific kind."""
    store = current_store()
    index = current_index()
    iri = index.base_iri + "ontology#" + name
    if iri not in index.kinds:
        abort(problem(404, "not found", f"lkg:{name} is not a class of the ontology"))
    members = index.of_kind({iri} | _descendants(index, iri))
    paging = page_of(requested_page(), len(members), ITEMS_PER_PAGE)
    groups: dict[str | None, list] = {}
    for entry in members[paging["first"] - 1:paging["last"]]:
        groups.setdefault(entry.kind, []).append(entry)
    return render_template("browse/kind.html", report=store.report, kind_iri=iri, groups=list(groups.items()),
                           count=store.report.get("stats", {}).get("classes", {}).get(iri, 0), paging=paging)


def _descendants(index, iri: str) -> set[str]:
    """Return every subclass of iri in the index's class tree."""
    found: set[str] = set()
    frontier = [iri]
    while frontier:
        parent = frontier.pop()
        for cls, kind in index.kinds.items():
            if parent in kind.get("parents", ()) and cls not in found:
                found.add(cls)
                frontier.append(cls)
    return found
