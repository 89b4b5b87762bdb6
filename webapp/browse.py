"""/browse: the studies, the class tree with instance counts, the concept schemes as trees; one study; one kind."""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from libkg.explore.browse import class_tree, open_lists, scheme_trees, study_links, study_source
from libkg.explore.compare import COLUMNS, compare_studies
from libkg.namespaces import resource_iri, term_iri

from .compare import compare_page_of, study_positions
from .current import current_release, current_store, settings
from .paging import page_of, requested_page
from .problems import problem

blueprint = Blueprint("browse", __name__, template_folder="templates")

# Studies on one page of /browse, and resources on one page of /browse/kind/<Class>; ?page=N shows the others.
STUDIES_PER_PAGE = 100
ITEMS_PER_PAGE = 200


@blueprint.get("/browse")
def overview():
    """Show the studies, the class tree and every concept scheme."""
    release = current_release()
    index = release.search_index
    every = release.summary.studies
    paging = page_of(requested_page(), len(every), STUDIES_PER_PAGE)
    schemes = release.cached("scheme-trees", lambda: scheme_trees(current_store(), index))
    return render_template(
        "browse/overview.html", studies=every[paging["first"] - 1:paging["last"]], paging=paging,
        classes=class_tree(index, release.stats.get("classes", {})), schemes=schemes,
    )


@blueprint.get("/browse/study/<slug>")
def study(slug: str):
    """Show one study: its key facts and everything it reports, grouped by kind."""
    store = current_store()
    index = current_release().search_index
    iri = resource_iri(settings().base_iri, slug)
    if iri not in study_positions():
        abort(problem(404, "not found", f"no study {slug!r} in this build; the list of studies is at /browse",
                      note=("error_no_study", {"slug": slug})))
    groups: dict[str | None, list] = {}
    for entry in index.reported_in(iri):
        groups.setdefault(entry.kind, []).append(entry)
    base_iri = settings().base_iri
    open_kinds = current_release().cached("open-lists", lambda: open_lists(store, base_iri)).get(iri, set())
    open_groups = {k for k in groups if k and any(k == o or k in index.descendants(o) for o in open_kinds)}
    return render_template("browse/study.html", study=iri, entry=index.by_iri.get(iri),
                           groups=list(groups.items()), comparison=compare_studies(store, base_iri, [iri]), columns=COLUMNS,
                           links=study_links(store, base_iri, iri, current_release().graph_roles),
                           compare_page=compare_page_of(iri), source=study_source(store, base_iri, iri), open_groups=open_groups)


@blueprint.get("/browse/kind/<name>")
def kind(name: str):
    """List every resource of one lkg: class (its subclasses included), grouped by most specific kind."""
    release = current_release()
    index = release.search_index
    iri = term_iri(index.base_iri, name)
    if iri not in index.kinds:
        abort(problem(404, "not found", f"lkg:{name} is not a class of the ontology", note=("error_no_kind", {"name": name})))
    members = index.of_kind({iri} | index.descendants(iri))
    paging = page_of(requested_page(), len(members), ITEMS_PER_PAGE)
    groups: dict[str | None, list] = {}
    for entry in members[paging["first"] - 1:paging["last"]]:
        groups.setdefault(entry.kind, []).append(entry)
    return render_template("browse/kind.html", kind_iri=iri, groups=list(groups.items()),
                           count=release.stats.get("classes", {}).get(iri, 0), paging=paging)

