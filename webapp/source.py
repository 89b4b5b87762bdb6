"""/source/<name>: a source text in full, every passage the graph cites highlighted and linked to the claims it supports."""

from __future__ import annotations

import json

from flask import Blueprint, render_template

from libkg.explore.evidence import passages_in, segments, source_statements, source_text_record
from libkg.namespaces import source_iri

from .current import current_release, current_store, settings
from .representations import href, local, not_found, rdf_renderers, represent, split_suffix

blueprint = Blueprint("source", __name__, template_folder="templates")


@blueprint.get("/source/<name>")
def source(name: str):
    """Show one source text with its passages (HTML), or its record and passages as data."""
    stem, suffix = split_suffix(name)
    base = settings().base_iri
    iri = source_iri(base, stem)
    store = current_store()
    record = source_text_record(store, iri, base)
    if record is None:
        return not_found(iri, [])
    file_name, studies = record.file_name, list(record.studies)
    passages = passages_in(store, iri, base)
    text = current_release().source_text(file_name)
    index = current_release().search_index
    path = local(f"/source/{stem}")

    def html() -> str:
        """Render the reader: the text with its passages shaded, then each passage with the claims it supports."""
        numbers = {passage.iri: n for n, passage in enumerate(passages, 1)}
        return render_template("source/page.html", iri=iri, file_name=file_name, studies=studies, passages=passages,
                               numbers=numbers, segments=segments(text, passages) if text is not None else None,
                               text=text, index=index, path=path,
                               text_language="zh" if "zh" in record.languages else (record.languages or ("en",))[0])

    def twin() -> str:
        """Answer the source text's passages and the claims each supports as JSON (the text itself when the build has it)."""
        return json.dumps({
            "iri": iri, "file": file_name, "studies": studies, "page": path, "text": text,
            "passages": [{"iri": p.iri, "start": p.start, "end": p.end, "href": f"{path}#{p.anchor}",
                          "text": text[p.start:p.end] if text is not None else None,
                          "claims": [{"iri": c, "href": href(c), "labels": index.labels(c),
                                      "kind": index.by_iri[c].kind if c in index.by_iri else None} for c in p.claims]}
                         for p in passages],
        }, ensure_ascii=False)

    return represent(f"/source/{stem}", suffix,
                     {**rdf_renderers(html, lambda: source_statements(store, iri, base)), "json": twin})
