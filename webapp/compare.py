"""/compare: the studies side by side and the strategy themes they share; /compare.csv exports the table."""

from __future__ import annotations

from flask import Blueprint, Response, render_template

from libkg.compare import COLUMNS, compare_studies, comparison_csv, list_studies, theme_matrix

from .i18n import current_language, translate
from .naming import display_name
from .stores import current_store, per_build, settings

blueprint = Blueprint("compare", __name__, template_folder="templates")


@per_build
def studies(store):
    """Return the studies in source order, once per build."""
    return list_studies(store, settings().base_iri)


@per_build
def comparison(store):
    """Return the comparison table, once per build."""
    return compare_studies(store, settings().base_iri)


@per_build
def matrix(store):
    """Return the themes-by-studies matrix, once per build."""
    return theme_matrix(store, settings().base_iri, studies(store))


@blueprint.get("/compare")
def page():
    """Show the comparison table and the themes matrix."""
    store = current_store()
    return render_template("compare/page.html", report=store.report, comparison=comparison(store),
                           matrix=matrix(store), columns=COLUMNS)


@blueprint.get("/compare.csv")
def csv():
    """Export the comparison table as CSV, names in the reader's language."""
    headings = {"study": translate("study"), "iri": "IRI", **{c.key: translate("col_" + c.key) for c in COLUMNS}}
    body = comparison_csv(comparison(current_store()), lambda iri: display_name(iri)[0], headings)
    filename = f"libkg-comparison-{current_language()}.csv"
    return Response("\ufeff" + body, content_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"', "Vary": "Cookie, Accept-Language"})
