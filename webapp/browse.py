"""/browse: the studies, the class tree with instance counts, the concept schemes as trees; one study; one kind."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, url_for

from libkg.explore.browse import class_tree, open_lists, scheme_trees, study_links, study_source
from libkg.explore.citation import citation
from libkg.explore.compare import COLUMNS, compare_studies
from libkg.explore.provenance import statement_origin
from libkg.explore.terms import instances, property_examples, property_usage
from libkg.explore.vocabularies import specification
from libkg.namespaces import ROLES, resource_iri

from .compare import compare_page_of, study_positions
from .current import current_release, current_store, settings
from .naming import name_of, ontology_terms, term_iri
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
                           compare_page=compare_page_of(iri), source=study_source(store, base_iri, iri), open_groups=open_groups,
                           citation=citation(store, base_iri, iri, name_of))


@blueprint.get("/browse/kind/<name>")
def kind(name: str):
    """Show one class: its definition, its place in the class tree, the properties that use it, and its members
    (subclasses included; lkg: classes from the index, grouped by most specific kind, other classes from the store)."""
    release = current_release()
    index = release.search_index
    terms = ontology_terms()
    iri = term_iri(name)
    if iri not in index.kinds and not terms.is_class(iri):
        abort(problem(404, "not found", f"{name} is not a class of the ontology", note=("error_no_kind", {"name": name})))
    count = release.stats.get("classes", {}).get(iri, 0)
    if iri in index.kinds and iri.startswith(settings().base_iri):
        members = index.of_kind({iri} | index.descendants(iri))
        paging = page_of(requested_page(), len(members), ITEMS_PER_PAGE)
        shown = members[paging["first"] - 1:paging["last"]]
    else:
        paging = page_of(requested_page(), count, ITEMS_PER_PAGE)
        found = instances(current_store(), iri, ITEMS_PER_PAGE, paging["first"] - 1)
        shown = sorted((index.by_iri[member] for member in found if member in index.by_iri), key=index.entry_order)
    groups: dict[str | None, list] = {}
    for entry in shown:
        groups.setdefault(entry.kind, []).append(entry)
    term = terms.get(iri)
    return render_template("browse/kind.html", kind_iri=iri, term=term, groups=list(groups.items()), count=count,
                           paging=paging, lineage=terms.lineage(iri), counts=release.stats.get("classes", {}),
                           described_by=[p for p in terms.uses_of(iri) if set(terms.get(p).domains) & ({iri} | terms.ancestors(iri))],
                           pointed_to_by=[p for p in terms.uses_of(iri) if set(terms.get(p).ranges) & ({iri} | terms.ancestors(iri))],
                           documentation=_documentation(iri))


# Examples of a property's use that its page shows.
EXAMPLES = 8


@blueprint.get("/browse/property/<name>", endpoint="property")
def property_page(name: str):
    """Show one property: its definition, domain and range, broader and inverse properties, and how the data uses it."""
    release = current_release()
    terms = ontology_terms()
    iri = term_iri(name)
    if not terms.is_property(iri):
        abort(problem(404, "not found", f"{name} is not a property the ontology or its vocabularies define"))
    store = current_store()
    usage = release.cached(("property-usage", iri), lambda: property_usage(store, iri))
    by_origin: dict[str, list[tuple[str, int]]] = {}
    for graph, n in sorted(usage.items(), key=lambda item: -item[1]):
        by_origin.setdefault(statement_origin(graph, release.graph_roles), []).append((graph, n))
    return render_template("browse/property.html", property_iri=iri, term=terms.get(iri), total=sum(usage.values()),
                           usage=sorted(by_origin.items(), key=lambda item: ROLES.index(item[0])),
                           examples=property_examples(store, iri, settings().base_iri, EXAMPLES),
                           inverse=terms.inverse_of(iri), documentation=_documentation(iri))


def _documentation(iri: str) -> tuple[str, str, bool]:
    """Return where a term is documented in full: (name, address, whether it leaves the site)."""
    own = settings().base_iri + "ontology#"
    if iri.startswith(own):
        return "libkg", url_for("ontology.ontology") + "#" + iri[len(own):], False
    found = specification(iri)
    return (found[1], found[2], True) if found else ("", iri, True)
