"""/ontology: the ontology's pyLODE documentation, its statements in RDF, and the JSON-LD context."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser

from flask import Blueprint, render_template
from markupsafe import Markup

from libkg.explore.describe import graph_contents, has_ontology_version
from libkg.namespaces import ONTOLOGY_GRAPH

from .current import current_release, current_store, settings
from .i18n import current_language, translate
from .naming import explorer_href, ontology_terms
from .representations import not_found, rdf_renderers, represent, split_suffix

blueprint = Blueprint("ontology", __name__, template_folder="templates")


@blueprint.get("/ontology")
@blueprint.get("/ontology.<suffix>")
def ontology(suffix: str | None = None):
    """Serve the ontology (each term is a fragment of it): documentation for browsers, RDF for clients."""
    return _ontology("/ontology", suffix)


@blueprint.get("/ontology/<name>")
def version(name: str):
    """Serve the ontology under its version IRI, for the version this build holds."""
    stem, suffix = split_suffix(name)
    base = settings().base_iri
    if not has_ontology_version(current_store(), base, stem):
        return not_found(base + "ontology/" + stem, [base + "ontology"])
    return _ontology(f"/ontology/{stem}", suffix)


@blueprint.get("/context.jsonld")
def context():
    """Serve the JSON-LD context generated from the ontology at build time."""
    return represent("/context", "jsonld", {"jsonld": lambda: current_release().jsonld_context_bytes})


def _ontology(path: str, suffix: str | None):
    """Answer for the ontology at path with the documentation written at build time or its statements."""
    release = current_release()

    def statements():
        """Return the ontology graph's statements."""
        return graph_contents(current_store(), settings().base_iri + ONTOLOGY_GRAPH, settings().max_rows)[0]

    def page() -> str:
        """Show the documentation inside the site's frame, in the reader's language around it."""
        document = release.cached(("ontology-document", current_language()), lambda: ontology_document(
            release.ontology_html, explorer_href, _term_page, translate("ontology_open_in_explorer")))
        return render_template("ontology/page.html", document=document)

    return represent(path, suffix, rdf_renderers(page, statements))


def _term_page(anchor: str) -> str | None:
    """Return the explorer page of the libkg term a documentation entry describes (its anchor is the local name)."""
    iri = settings().base_iri + "ontology#" + anchor
    terms = ontology_terms()
    return explorer_href(iri) if terms.is_class(iri) or terms.is_property(iri) else None


# pyLODE's document is our own build's output, but it is shown inside the site's pages, so it is read again with an
# HTML parser and only known elements and attributes are written back, escaped: no script, style or event handler.
ALLOWED = {"div", "section", "h1", "h2", "h3", "h4", "dl", "dt", "dd", "ul", "ol", "li", "p", "table", "tbody", "thead",
           "tr", "th", "td", "a", "code", "sup", "span", "strong", "em", "br", "pre"}
DROPPED = {"script", "style", "head", "title"}
CJK = re.compile(r"([\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]+(?:[\s/]*[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]+)*)")


@dataclass
class OntologyDocument:
    """pyLODE's document made safe to show in a page: its table of contents and its content, as markup."""

    contents: Markup
    body: Markup


class _Rewriter(HTMLParser):
    """Write back pyLODE's body with allowed markup only, links into the explorer and Chinese text marked as such."""

    def __init__(self, link: Callable[[str], str], explorer_link: Callable[[str], str | None], open_label: str):
        super().__init__(convert_charrefs=True)
        self.link, self.explorer_link, self.open_label = link, explorer_link, open_label
        self.parts: dict[str, list[str]] = {"body": [], "contents": []}
        self.where, self.in_body, self.skipped, self.open = "body", False, 0, []

    def _skip(self, tag: str, attributes: dict) -> bool:
        """Tell whether an element is left out whole: scripts, styles, pyLODE's badge, the contents' own heading."""
        return tag in DROPPED or attributes.get("id") == "pylode" or (self.where == "contents" and tag == "h3")

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "body":
            self.in_body = True
            return
        if not self.in_body or tag in VOID_TAGS and tag != "br":
            return
        if self.skipped or self._skip(tag, attributes):
            self.skipped += tag not in VOID_TAGS
            return
        if attributes.get("id") == "toc":
            self.where = "contents"
        if tag not in VOID_TAGS:
            self.open.append((tag, attributes.get("id")))
        if tag not in ALLOWED:
            return
        kept = []
        for name in ("id", "class", "title", "href"):
            value = attributes.get(name)
            if value is None or (name == "href" and value.strip().lower().startswith(("javascript:", "data:", "vbscript:"))):
                continue
            if name == "href" and not value.startswith("#"):
                value = self.link(value)
            kept.append(f' {name}="{html.escape(value, quote=True)}"')
        self.parts[self.where].append(f"<{tag}{''.join(kept)}>")

    def handle_endtag(self, tag):
        if self.skipped:
            self.skipped -= tag not in VOID_TAGS
            return
        if not self.in_body or not self.open or tag in VOID_TAGS:
            return
        opened, identifier = self.open.pop()
        if opened in ALLOWED:
            self.parts[self.where].append(f"</{opened}>")
        entity = self._entity()
        if opened == "h3" and self.where == "body" and entity and self.explorer_link(entity):
            self.parts["body"].append(f'<p class="explorer-link"><a href="{html.escape(self.explorer_link(entity), quote=True)}">'
                                      f'{html.escape(self.open_label)}</a></p>')
        if identifier == "toc":
            self.where = "body"

    def handle_data(self, data):
        if self.skipped or not self.in_body:
            return
        self.parts[self.where].append(CJK.sub(r'<span lang="zh">\1</span>', html.escape(data, quote=False)))

    def _entity(self) -> str | None:
        """Return the id of the term entry being written, if any."""
        return next((identifier for tag, identifier in reversed(self.open) if tag == "div" and identifier), None)


VOID_TAGS = {"br", "img", "hr", "meta", "link", "input"}


def ontology_document(source: bytes | str, link: Callable[[str], str], explorer_link: Callable[[str], str | None],
                      open_label: str) -> OntologyDocument:
    """Read pyLODE's document and return its table of contents and content as safe markup."""
    rewriter = _Rewriter(link, explorer_link, open_label)
    rewriter.feed(source.decode("utf-8") if isinstance(source, bytes) else source)
    rewriter.close()
    return OntologyDocument(Markup("".join(rewriter.parts["contents"])), Markup("".join(rewriter.parts["body"])))
