"""Name things on explorer pages: labels from the build's index in the reader's language, links to their pages."""

from __future__ import annotations

from flask import Flask

from libkg.errors import StoreUnavailable

from .current import current_release
from .i18n import pick_label
from .representations import curie, href


def name_of(iri: str) -> dict[str, str]:
    """Return the labels of iri by language (empty when the graph names it nowhere)."""
    return current_release().search_index.labels(iri)


def display_name(iri: str) -> tuple[str, str | None]:
    """Return iri's label in the reader's language (or another, with its tag), else its short form."""
    return pick_label(name_of(iri), curie(iri))


def upper_first(text: str) -> str:
    """Capitalise the first letter only (class labels are lower case in running text)."""
    return text[:1].upper() + text[1:]


def register(app: Flask) -> None:
    """Expose the naming helpers to templates."""
    app.jinja_env.globals.update(name_of=name_of, display_name=display_name, href=href, curie=curie)
    app.jinja_env.filters["upper_first"] = upper_first

    @app.context_processor
    def build_report() -> dict:
        """Give every page the build report it names in its footer (none before the first build)."""
        try:
            return {"report": current_release().report}
        except StoreUnavailable:
            return {"report": None}
