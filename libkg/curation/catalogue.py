"""What the curated files already name: every labelled resource with its kinds, names in both languages and file.

Read straight from kg/ (no build needed), so a curator looks up and links to what exists while writing a study.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

import pyoxigraph as ox

from libkg.build.parsing import parse_source
from libkg.build.sources import Sources
from libkg.errors import CurationError
from libkg.explore.search import fold
from libkg.namespaces import EXTERNAL_PREFIXES

RDF_TYPE = EXTERNAL_PREFIXES["rdf"] + "type"
SUBCLASS_OF = EXTERNAL_PREFIXES["rdfs"] + "subClassOf"
NAMES = {EXTERNAL_PREFIXES["rdfs"] + "label", EXTERNAL_PREFIXES["skos"] + "prefLabel", EXTERNAL_PREFIXES["skos"] + "altLabel"}


@dataclass
class Term:
    """One resource the curated files name: its IRI, kinds, names by language and the file that defines it."""

    iri: str
    file: str
    kinds: set[str] = field(default_factory=set)
    names: dict[str, list[str]] = field(default_factory=dict)

    def label(self, language: str) -> str:
        """Return the first name in a language, or ''."""
        return (self.names.get(language) or [""])[0]


class Catalogue:
    """The labelled resources of the curated files, looked up by name (either language) or by slug."""

    def __init__(self, terms: list[Term], base_iri: str, parents: dict[str, set[str]] | None = None,
                 ontology_terms: set[str] | None = None):
        self.terms = terms
        self.base_iri = base_iri
        self.by_iri = {term.iri: term for term in terms}
        self.parents = parents or {}
        self.ontology_terms = ontology_terms or set()  # local names of the ontology's classes and properties

    def without_file(self, file: str) -> "Catalogue":
        """Return the catalogue without what one file defines (the study file a sheet is about to rewrite)."""
        return Catalogue([term for term in self.terms if term.file != file], self.base_iri, self.parents, self.ontology_terms)

    def with_subclasses(self, kinds: set[str]) -> set[str]:
        """Return the kinds and every class below them in the ontology."""
        found = set(kinds)
        while True:
            more = {cls for cls, parents in self.parents.items() if parents & found} - found
            if not more:
                return found
            found |= more

    @classmethod
    def read(cls, sources: Sources, base_iri: str) -> "Catalogue":
        """Read every labelled resource of the curated data files (the ontology's terms are not resources)."""
        terms: dict[str, Term] = {}
        parents: dict[str, set[str]] = {}
        lkg = base_iri + "ontology#"
        ontology_terms = set()
        for source in sources.ontology:
            for quad in parse_source(source, base_iri):
                if quad.subject.value.startswith(lkg):
                    ontology_terms.add(quad.subject.value[len(lkg):])
                if quad.predicate.value == SUBCLASS_OF and isinstance(quad.object, ox.NamedNode):
                    parents.setdefault(quad.subject.value, set()).add(quad.object.value)
        for source in sources.data:
            for quad in parse_source(source, base_iri):
                if not isinstance(quad.subject, ox.NamedNode):
                    continue
                predicate = quad.predicate.value
                if predicate in NAMES and isinstance(quad.object, ox.Literal):
                    term = terms.setdefault(quad.subject.value, Term(quad.subject.value, source.display))
                    term.names.setdefault(quad.object.language or "", []).append(quad.object.value)
                elif predicate == RDF_TYPE:
                    term = terms.setdefault(quad.subject.value, Term(quad.subject.value, source.display))
                    term.kinds.add(quad.object.value)
                    term.file = source.display
        return cls([term for term in terms.values() if term.names], base_iri, parents, ontology_terms)

    def slug(self, term: Term) -> str:
        """Return a resource's short name (the part of its IRI after resource/ or source/)."""
        return term.iri.rsplit("/", 1)[-1]

    def find(self, text: str, kinds: set[str] | None = None) -> list[Term]:
        """Return the resources whose names or slug contain every word of text (case and width folded)."""
        words = fold(text).split()
        kinds = self.with_subclasses(kinds) if kinds else None
        found = []
        for term in self.terms:
            if kinds and not term.kinds & kinds:
                continue
            haystack = fold(" ".join([self.slug(term)] + [name for names in term.names.values() for name in names]))
            if all(word in haystack for word in words):
                found.append(term)
        return sorted(found, key=lambda t: (t.file, self.slug(t)))

    def resolve(self, name: str, kinds: set[str] | None = None, where: str = "") -> str:
        """Return the IRI a name stands for (a slug, or an exact name in either language), else say what is close."""
        kinds = self.with_subclasses(kinds) if kinds else None
        candidates = [t for t in self.terms if not kinds or t.kinds & kinds]
        wanted = fold(name.strip())
        exact = [t for t in candidates if wanted == fold(self.slug(t))
                 or any(wanted == fold(n) for names in t.names.values() for n in names)]
        if len(exact) == 1:
            return exact[0].iri
        if len(exact) > 1:
            raise CurationError(f"{where}{name!r} names {len(exact)} resources: "
                                f"{', '.join(self.slug(t) for t in exact)}; use the slug")
        raise CurationError(f"{where}{name!r} names no existing resource{self._nearest(name, candidates)}")

    def _nearest(self, name: str, candidates: list[Term]) -> str:
        """Suggest the closest names, with their slugs."""
        choices = {fold(n): t for t in candidates for names in t.names.values() for n in names}
        choices.update({fold(self.slug(t)): t for t in candidates})
        close = difflib.get_close_matches(fold(name), list(choices), n=3, cutoff=0.5)
        if not close:
            return "; find it with 'libkg terms'"
        return "; nearest: " + ", ".join(f"{self.slug(choices[c])} ({choices[c].label('en')} / {choices[c].label('zh')})"
                                         for c in dict.fromkeys(close))
