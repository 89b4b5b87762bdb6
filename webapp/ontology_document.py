"""pyLODE's ontology document made safe to show inside the site's pages, with its links sent into the explorer."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser

from markupsafe import Markup

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
