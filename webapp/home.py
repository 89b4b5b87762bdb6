"""The home page: the questions people ask of the graph, answered; then search, browse and compare; what it holds."""

from __future__ import annotations

from flask import Blueprint, render_template

from libkg.explore.answers import answer, home_questions

from .current import current_release, current_store

blueprint = Blueprint("home", __name__, template_folder="templates")

# Studies the home page names and charts; the rest are on /browse.
HOME_STUDIES = 10
# Rows of an answer shown at once; the rest are folded away under "show all".
ANSWER_ROWS = 8


def answers() -> list:
    """Return the home page's questions with their answers, run once per release (they change only with a build)."""
    release = current_release()
    return release.cached("home-answers", lambda: [answer(current_store(), q) for q in home_questions(release.questions)])


@blueprint.get("/")
def index():
    """Answer the home page's questions, offer the ways in, and sum up what the graph holds (all counted at build time)."""
    release = current_release()
    figures = release.stats
    search_index = release.search_index
    summary = release.summary
    shown = summary.largest(HOME_STUDIES)
    study_kinds = sorted({kind for study in shown for kind in study.kinds}, key=search_index.kind_order)
    kind_totals = {kind: sum(study.kinds.get(kind, 0) for study in summary.studies) for kind in study_kinds}
    return render_template(
        "home/index.html", figures=figures, search_index=search_index, answers=answers(), answer_rows=ANSWER_ROWS,
        studies=shown, study_count=len(summary.studies), study_kinds=study_kinds, kind_totals=kind_totals,
        study_max=max((n for study in shown for n in study.kinds.values()), default=0), resources=summary.resources,
    )
