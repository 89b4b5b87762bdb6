"""How to cite a study, built from what the graph records of it: authors, title, journal, year, issue and ISSN as
the source prints them, or, where the source gives none, the curators' descriptive title and a note saying so."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from libkg.namespaces import sparql_prologue
from libkg.query.store import GraphStore

RECORD = """
SELECT ?fact ?value ?lang ?start WHERE {
  {
    <%(study)s> ?fact ?value VALUES ?fact { dcterms:title lkg:descriptiveTitle lkg:publicationYear lkg:issueNumber }
  } UNION {
    <%(study)s> lkg:hasAuthor ?value BIND(lkg:hasAuthor AS ?fact)
    OPTIONAL { ?value lkg:evidence/oa:hasSelector/oa:start ?start }
  } UNION {
    <%(study)s> lkg:publishedIn ?value BIND(lkg:publishedIn AS ?fact)
  } UNION {
    <%(study)s> lkg:publishedIn/lkg:issn ?value BIND(lkg:issn AS ?fact)
  }
  BIND(LANG(?value) AS ?lang)
}
"""

# What a citation says where the source leaves something out, and the words it is built from, by language.
WORDING = {
    "en": {"missing": {("author", "year"): "No author or year given by the source",
                       ("author",): "No author given by the source", ("year",): "No year given by the source"},
           "supplied": "title supplied by the libkg curators", "recorded": "Recorded in libkg", "and": " and ", "then": "; "},
    "zh": {"missing": {("author", "year"): "来源未给出作者和年份", ("author",): "来源未给出作者", ("year",): "来源未给出年份"},
           "supplied": "题名由 libkg 编者拟定", "recorded": "见 libkg", "and": ", ", "then": "；"},
}
BIBTEX_SPECIAL = re.compile(r"([&%$#_{}])")


@dataclass
class Citation:
    """What the graph records to cite one study by, each text by language."""

    study: str
    titles: dict[str, str] = field(default_factory=dict)
    descriptive_titles: dict[str, str] = field(default_factory=dict)
    authors: list[dict[str, str]] = field(default_factory=list)
    journal: dict[str, str] = field(default_factory=dict)
    year: str | None = None
    issue: str | None = None
    issn: str | None = None

    @property
    def missing(self) -> tuple[str, ...]:
        """Name what the source does not give of author and year."""
        return tuple(name for name, present in (("author", self.authors), ("year", self.year)) if not present)

    def missing_note(self, language: str) -> str | None:
        """Say, in language, what the source does not give (None when it gives author and year)."""
        return WORDING[language]["missing"].get(self.missing)

    def title(self, language: str) -> tuple[str, bool]:
        """Return the title to cite in language (the other language's if need be) and whether the source prints it."""
        printed = _pick(self.titles, language)
        return (printed, True) if printed else (_pick(self.descriptive_titles, language) or self.study, False)

    def plain_text(self, language: str) -> str:
        """Return the citation as one line of text: in English after APA, in Chinese after GB/T 7714."""
        words = WORDING[language]
        authors = words["and"].join(_pick(author, language) for author in self.authors)
        title, printed = self.title(language)
        if not printed:
            stop, semicolon, colon = ("。", "；", "：") if language == "zh" else (". ", "; ", ": ")
            return f"[{title}]{stop}{self.missing_note(language) or ''}{semicolon}{words['supplied']}{stop}{words['recorded']}{colon}{self.study}"
        journal, issue = _pick(self.journal, language), f"({self.issue})" if self.issue else ""
        issn = f" ISSN {self.issn}." if self.issn else ""
        if language == "zh":
            head = f"{authors}. " if authors else ""
            source = f"{journal}, {self.year or ''}{issue}" if journal else (self.year or "")
            return f"{head}{title}[J]. {source}.{issn}".replace(" .", ".")
        original = self.titles.get("zh") if title != self.titles.get("zh") else None
        journal_original = self.journal.get("zh") if journal != self.journal.get("zh") else None
        parts = [authors, f"({self.year})." if self.year else ("." if authors else ""),
                 f"{title}" + (f" [{original}]." if original else "."),
                 (f"{journal}" + (f" [{journal_original}]" if journal_original else "") + (f", {issue}." if issue else ".")) if journal else ""]
        return " ".join(part for part in parts if part).replace(" .", ".") + issn

    def bibtex(self, language: str) -> str:
        """Return the citation as a BibTeX entry (an @article with a journal, else @misc pointing to the graph)."""
        title, printed = self.title(language)
        fields = [("author", " and ".join("{" + _escape(_pick(a, language)) + "}" for a in self.authors))]
        fields += [("title", _escape(title if printed else f"[{title}]"))]
        if self.journal:
            fields += [("journal", _escape(_pick(self.journal, language)))]
        fields += [("year", self.year or ""), ("number", self.issue or ""), ("issn", self.issn or "")]
        if not printed:
            words = WORDING[language]
            fields += [("note", _escape(f"{self.missing_note(language) or ''}{words['then']}{words['supplied']}")),
                       ("url", self.study)]
        kind = "article" if self.journal and printed else "misc"
        body = ",\n".join(f"  {name:<7} = {{{value}}}" for name, value in fields if value)
        return f"@{kind}{{{self.key()},\n{body}\n}}"

    def key(self) -> str:
        """Return a citation key: the first author's romanised name and the year, else the study's name."""
        if self.authors and self.year:
            first = (self.authors[0].get("romanized") or self.authors[0].get("en") or "").split()
            if first:
                return re.sub(r"[^a-z0-9]", "", first[0].lower()) + self.year
        return self.study.rsplit("/", 1)[-1]


def citation(store: GraphStore, base_iri: str, study: str, labels) -> Citation:
    """Read what the graph records to cite a study; labels(iri) names authors and journals by language."""
    found = Citation(study)
    authors: dict[str, int] = {}
    for row in store.select(sparql_prologue(base_iri) + RECORD % {"study": study}):
        fact, value = row["fact"].value.rsplit("#", 1)[-1].rsplit("/", 1)[-1], row["value"]
        if fact == "title":
            found.titles[row["lang"].value or ""] = value.value
        elif fact == "descriptiveTitle":
            found.descriptive_titles[row["lang"].value or ""] = value.value
        elif fact == "hasAuthor":
            start = int(row["start"].value) if "start" in row else 1 << 62
            authors[value.value] = min(start, authors.get(value.value, start))
        elif fact == "publishedIn":
            found.journal = labels(value.value)
        elif fact == "publicationYear":
            found.year = value.value
        elif fact == "issueNumber":
            found.issue = value.value
        elif fact == "issn":
            found.issn = value.value
    # Authors in the order the source prints them (their passages' order), as lkg:hasAuthor itself has none.
    found.authors = [{**labels(author), "iri": author} for author in sorted(authors, key=lambda a: (authors[a], a))]
    return found


def _pick(values: dict[str, str], language: str) -> str:
    """Return the value in language, else in the other language, else any."""
    return values.get(language) or values.get("en") or values.get("zh") or next(iter(values.values()), "")


def _escape(text: str) -> str:
    """Escape BibTeX's special characters in a field value."""
    return BIBTEX_SPECIAL.sub(r"\\\1", text)
