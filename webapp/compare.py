"""/compare: studies side by side and the strategy themes they share; /compare.csv exports the same table."""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request

from libkg.explore.compare import (COLUMNS, CURATOR, KNOWLEDGE, STATED, compare_studies, comparison_csv, list_studies,
                                   stated_values, theme_matrix)
from libkg.namespaces import resource_iri

from .current import current_release, current_store, settings
from .i18n import current_language, translate
from .naming import display_name
from .paging import page_of, requested_page
from .problems import problem

blueprint = Blueprint("compare", __name__, template_folder="templates")

# Studies compared on one page when none are chosen (?page=N shows the others), and at most chosen with ?study=.
STUDIES_PER_PAGE = 10
MAX_CHOSEN = 20


def studies() -> list[str]:
    """Return the studies in source order, once per build."""
    return current_release().cached("studies", lambda: list_studies(current_store(), settings().base_iri))


def study_positions() -> dict[str, int]:
    """Return each study's position in source order, once per build."""
    return current_release().cached("study-positions", lambda: {iri: n for n, iri in enumerate(studies())})


def compare_page_of(study: str) -> int:
    """Return the page of /compare on which a study appears when none are chosen."""
    return study_positions().get(study, 0) // STUDIES_PER_PAGE + 1


def chosen_studies() -> tuple[list[str], dict | None]:
    """Return the studies this request compares and the paging.

    ?study=slug (repeatable) compares only those; with ?page=N as well, it shows that page of every study with
    those ticked, so that ticks survive turning the page. Without either, the first page of every study.
    """
    slugs = request.args.getlist("study")
    if len(slugs) > MAX_CHOSEN:
        abort(problem(400, "too many studies", f"compare at most {MAX_CHOSEN} studies at a time; {len(slugs)} were chosen",
                      note=("error_too_many_studies", {"n": MAX_CHOSEN, "chosen": len(slugs)})))
    chosen = []
    for slug in dict.fromkeys(slugs):
        iri = resource_iri(settings().base_iri, slug)
        if iri not in study_positions():
            abort(problem(404, "not found", f"no study {slug!r} in this build; the list of studies is at /browse",
                          note=("error_no_study", {"slug": slug})))
        chosen.append(iri)
    if chosen and "page" not in request.args:
        return chosen, None
    every = studies()
    paging = page_of(requested_page(), len(every), STUDIES_PER_PAGE)
    return every[paging["first"] - 1:paging["last"]], paging


def stated(studies: list[str]) -> set[tuple[str, str, str]]:
    """Return the comparison cells of these studies that hold without the curators' graphs."""
    release = current_release()
    sources = sorted(graph for graph in release.graph_names if release.graph_roles.get(graph) not in (KNOWLEDGE, CURATOR))
    return stated_values(current_store(), settings().base_iri, studies, sources)


@blueprint.get("/compare")
def page():
    """Show the comparison table and the themes matrix of the chosen studies."""
    store = current_store()
    shown, paging = chosen_studies()
    base_iri = settings().base_iri
    ticked = [resource_iri(base_iri, slug) for slug in dict.fromkeys(request.args.getlist("study"))]
    return render_template("compare/page.html", comparison=compare_studies(store, base_iri, shown, stated(shown)),
                           matrix=theme_matrix(store, base_iri, shown), columns=COLUMNS, paging=paging,
                           selection=request.args.getlist("study") if paging is None else [], ticked=ticked,
                           ticked_elsewhere=[iri.rsplit("/", 1)[-1] for iri in ticked if iri not in shown],
                           max_chosen=MAX_CHOSEN)


@blueprint.get("/compare.csv")
def csv():
    """Export the comparison table of the studies shown and their themes matrix as CSV, names in the reader's language."""
    shown, _ = chosen_studies()
    store, base_iri = current_store(), settings().base_iri
    origins = {origin: translate("badge_" + origin) for origin in (STATED, KNOWLEDGE, CURATOR)}
    headings = {"study": translate("study"), "iri": "IRI", **{c.key: translate("col_" + c.key) for c in COLUMNS},
                **{"who:" + c.key: translate("compare_who_says").format(column=translate("col_" + c.key)) for c in COLUMNS},
                **origins, "matrix": f'{translate("themes_matrix")} ({origins[CURATOR]})', "theme": translate("theme"),
                "recurs_in": translate("recurs_in")}
    body = comparison_csv(compare_studies(store, base_iri, shown, stated(shown)), theme_matrix(store, base_iri, shown),
                          lambda iri: display_name(iri)[0], headings)
    filename = f"libkg-comparison-{current_language()}.csv"
    return Response("\ufeff" + body, content_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"', "Vary": "Cookie, Accept-Language"})
