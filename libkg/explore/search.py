"""The explorer's index: every labelled resource with its kind, labels, definitions and study, searched in memory.

The build writes the index into the release, so a request never scans the store: it loads the index once per
release, joins every folded text (case, full-width forms and traditional Chinese folded away) into one string, and
finds the entries holding the query's longest word with str.find over that string before ranking them; substring
matching also finds Chinese words inside Chinese text (no word boundaries needed). Several words must all occur,
in any of an entry's texts; when no entry holds them all, the entries holding most of them are offered instead.
"""

from __future__ import annotations

import bisect
import difflib
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property

import opencc

from libkg.namespaces import EXTERNAL_PREFIXES, prefixes
from libkg.query.store import GraphStore

RDFS, SKOS, OWL = EXTERNAL_PREFIXES["rdfs"], EXTERNAL_PREFIXES["skos"], EXTERNAL_PREFIXES["owl"]
LABEL, PREF_LABEL, ALT_LABEL, DEFINITION = RDFS + "label", SKOS + "prefLabel", SKOS + "altLabel", SKOS + "definition"

# Kinds outside the lkg: ontology, named here because no loaded graph labels them.
OTHER_KINDS = {
    SKOS + "ConceptScheme": {"en": "concept scheme", "zh": "概念体系"},
    OWL + "Class": {"en": "class", "zh": "类"},
    OWL + "ObjectProperty": {"en": "object property", "zh": "对象属性"},
    OWL + "DatatypeProperty": {"en": "datatype property", "zh": "数据属性"},
    OWL + "AnnotationProperty": {"en": "annotation property", "zh": "注释属性"},
    OWL + "Ontology": {"en": "ontology", "zh": "本体"},
}

# Siblings in the class tree are listed in this order first (a study's story: what, then claims in reading
# order), the rest by English label.
READING_ORDER = ("Study", "Case", "Sample", "Service", "Aspect", "Claim", "ContextStatement", "Finding", "Problem",
                 "InfluencingFactor", "Achievement", "Remedy", "Limitation", "Significance")

TEXTS = """
SELECT ?s ?p ?o ?g WHERE {
  VALUES ?p { <%(label)s> <%(pref)s> <%(alt)s> <%(definition)s> }
  GRAPH ?g { ?s ?p ?o } FILTER(isIRI(?s) && isLITERAL(?o))
}
"""
TYPES = "SELECT DISTINCT ?s ?type WHERE { ?s a ?type FILTER(isIRI(?s) && isIRI(?type)) }"
SUBCLASSES = """
SELECT DISTINCT ?class ?super WHERE {
  GRAPH <%(ontology)s> { ?class <http://www.w3.org/2000/01/rdf-schema#subClassOf> ?super FILTER(isIRI(?super)) }
}
"""
REPORTED = "SELECT ?s ?study WHERE { ?s <%(lkg)sreportedIn> ?study }"
STUDY_GRAPHS = """
SELECT DISTINCT ?study ?g WHERE { ?study a <%(lkg)sStudy> . GRAPH ?g { ?study a ?type } FILTER(?g != <%(inferred)s>) }
"""


@dataclass
class Entry:
    """One labelled resource: what it is called and defined as in each language, and where it comes from."""

    iri: str
    kind: str | None
    labels: dict[str, str]
    definitions: dict[str, str] = field(default_factory=dict)
    alt_labels: dict[str, list[str]] = field(default_factory=dict)
    studies: list[str] = field(default_factory=list)
    graph: str | None = None

    @cached_property
    def folded(self) -> dict[str, list[tuple[str, str]]]:
        """Return the searchable texts, casefolded, with their language, by field."""
        return {
            "label": [(fold(v), lang) for lang, v in self.labels.items()],
            "alt": [(fold(v), lang) for lang, values in self.alt_labels.items() for v in values],
            "definition": [(fold(v), lang) for lang, v in self.definitions.items()],
        }


@dataclass(frozen=True)
class Hit:
    """A search result: the entry, which field matched, in which language, how well, and which words it holds."""

    entry: Entry
    field: str
    language: str
    rank: tuple
    terms: tuple[str, ...] = ()


@dataclass
class Found:
    """What a search found: the best hits, how many matched, whether they hold every word, and their kinds and studies."""

    hits: list[Hit]
    total: int
    terms: list[str]
    every_word: bool = True
    kinds: Counter = field(default_factory=Counter)
    studies: Counter = field(default_factory=Counter)


FIELDS = ("label", "alt", "definition")
# Least share of character pairs a name must have in common with a query to be suggested when nothing matches.
SUGGESTION_SCORE = 0.34


@cache
def _simplified() -> opencc.OpenCC:
    """Return the traditional-to-simplified Chinese converter (loaded once per process)."""
    return opencc.OpenCC("t2s")


def fold(text: str) -> str:
    """Normalise text for matching: compatibility forms (full-width letters), case and traditional Chinese folded away."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    if any("\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" for char in folded):
        folded = _simplified().convert(folded)
    return folded


class SearchIndex:
    """The labelled resources of one build, by IRI, with their kinds ordered as in the class tree."""

    def __init__(self, entries: list[Entry], kinds: dict[str, dict], base_iri: str):
        self.entries = entries
        self.by_iri = {entry.iri: entry for entry in entries}
        self.kinds = kinds
        self.base_iri = base_iri

    def labels(self, iri: str) -> dict[str, str]:
        """Return the labels of iri by language (empty if it has none)."""
        entry = self.by_iri.get(iri)
        if entry is not None:
            return entry.labels
        return self.kinds.get(iri, {}).get("labels", {})

    def kind_order(self, kind: str | None) -> tuple:
        """Sort key for a kind: its place in the class tree, unknown kinds last."""
        return (self.kinds.get(kind, {}).get("order", len(self.kinds)), kind or "")

    def search(self, query: str, limit: int = 100, kinds: set[str] | None = None, study: str | None = None) -> Found:
        """Return the best hits for query (names first), narrowed to kinds and a study; every word must match.

        When no entry holds every word of a query of several words, return those holding most of them instead
        (every_word is then False). The counts by kind and by study are over all matches, before narrowing.
        """
        needle = " ".join(fold(query).split())
        if not needle:
            return Found([], 0, [])
        terms = list(dict.fromkeys(needle.split()))
        hits = [hit for entry in self._containing(max(terms, key=len)) if (hit := _match(entry, needle, terms)) is not None]
        every_word = bool(hits) or len(terms) == 1
        if not every_word:
            candidates = {entry.iri: entry for term in terms for entry in self._containing(term)}
            hits = [hit for entry in candidates.values() if (hit := _partial_match(entry, terms)) is not None]
        found = Found([], 0, terms, every_word, Counter(hit.entry.kind for hit in hits),
                      Counter(study for hit in hits for study in hit.entry.studies if study != hit.entry.iri))
        if kinds is not None:
            hits = [hit for hit in hits if hit.entry.kind in kinds]
        if study is not None:
            hits = [hit for hit in hits if study in hit.entry.studies and study != hit.entry.iri]
        hits.sort(key=lambda hit: hit.rank)
        found.hits, found.total = hits[:limit], len(hits)
        return found

    def suggest(self, query: str, limit: int = 5) -> list[Entry]:
        """Return entries whose names look most like query (shared character pairs), for a search that found nothing."""
        wanted = _pairs(fold(query))
        if not wanted:
            return []
        shared: Counter = Counter()
        for pair in wanted:
            for number in self._names_by_pair.get(pair, ()):
                shared[number] += 1
        scored = []
        for number, count in shared.items():
            entry, text = self._names[number]
            score = 2 * count / (len(wanted) + len(_pairs(text)))
            if score >= SUGGESTION_SCORE:
                scored.append((-score, self.entry_order(entry), entry.iri))
        chosen: list[Entry] = []
        for _, _, iri in sorted(scored):
            if iri not in {entry.iri for entry in chosen}:
                chosen.append(self.by_iri[iri])
            if len(chosen) == limit:
                break
        return chosen

    @cached_property
    def _names(self) -> list[tuple[Entry, str]]:
        """Return every folded name (label or alternative label) with its entry."""
        return [(entry, text) for entry in self.entries for name in ("label", "alt") for text, _ in entry.folded[name]]

    @cached_property
    def _names_by_pair(self) -> dict[str, list[int]]:
        """Map each pair of adjacent characters to the names holding it (built once, on the first search that finds nothing)."""
        found: dict[str, list[int]] = {}
        for number, (_, text) in enumerate(self._names):
            for pair in _pairs(text):
                found.setdefault(pair, []).append(number)
        return found

    @cached_property
    def _haystack(self) -> tuple[str, list[int]]:
        """Return every entry's folded texts in one string (NUL-separated) and where each entry's part starts."""
        parts, starts, length = [], [], 0
        for entry in self.entries:
            part = "".join(text + "\0" for texts in entry.folded.values() for text, _ in texts)
            starts.append(length)
            parts.append(part)
            length += len(part)
        return "".join(parts), starts

    def _containing(self, term: str) -> Iterator[Entry]:
        """Yield, once each, the entries with term in one of their texts: str.find over one string, not a loop per entry."""
        haystack, starts = self._haystack
        position = haystack.find(term)
        while position != -1:
            number = bisect.bisect_right(starts, position) - 1
            yield self.entries[number]
            position = haystack.find(term, starts[number + 1]) if number + 1 < len(starts) else -1

    def grouped(self, hits: list[Hit]) -> list[tuple[str | None, list[Hit]]]:
        """Group hits by kind, ordered by each group's best hit; hits keep their rank within a group."""
        groups: dict[str | None, list[Hit]] = {}
        for hit in hits:
            groups.setdefault(hit.entry.kind, []).append(hit)
        return sorted(groups.items(), key=lambda item: (item[1][0].rank, self.kind_order(item[0])))

    @cached_property
    def by_study(self) -> dict[str, list[Entry]]:
        """Map each study to everything it reports or defines, ordered by kind and English label (built once)."""
        found: dict[str, list[Entry]] = {}
        for entry in self.entries:
            for study in entry.studies:
                if study != entry.iri:
                    found.setdefault(study, []).append(entry)
        return {study: sorted(entries, key=self.entry_order) for study, entries in found.items()}

    @cached_property
    def by_kind(self) -> dict[str | None, list[Entry]]:
        """Map each most specific kind to its entries, ordered by English label (built once)."""
        found: dict[str | None, list[Entry]] = {}
        for entry in sorted(self.entries, key=self.entry_order):
            found.setdefault(entry.kind, []).append(entry)
        return found

    @cached_property
    def study_graphs(self) -> dict[str, str]:
        """Map each study's named graph to the study it holds (built once)."""
        return {entry.graph: entry.iri for entry in self.entries if entry.graph and entry.iri in entry.studies}

    def similar(self, iri: str, limit: int = 10) -> list[str]:
        """Return the IRIs of the same namespace most like iri (a mistyped or half-remembered address)."""
        space, _, name = iri.rpartition("/")
        matcher = difflib.SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(name.lower())
        scored = []
        for entry in self.entries:
            if entry.iri.startswith(space + "/"):
                matcher.set_seq1(entry.iri[len(space) + 1:].lower())
                if matcher.real_quick_ratio() >= 0.5 and matcher.ratio() >= 0.5:
                    scored.append((-matcher.ratio(), entry.iri))
        return [found for _, found in sorted(scored)[:limit]]

    def descendants(self, iri: str) -> set[str]:
        """Return every subclass of the class iri in the class tree (transitively)."""
        found: set[str] = set()
        frontier = [iri]
        while frontier:
            parent = frontier.pop()
            for cls, kind in self.kinds.items():
                if parent in kind.get("parents", ()) and cls not in found:
                    found.add(cls)
                    frontier.append(cls)
        return found

    def entry_order(self, entry: Entry) -> tuple:
        """Sort key for entries: their kind's place in the class tree, then English label."""
        return self.kind_order(entry.kind), entry.labels.get("en", entry.iri)

    def reported_in(self, study: str) -> list[Entry]:
        """Return everything a study reports or defines, ordered by kind and English label."""
        return self.by_study.get(study, [])

    def of_kind(self, kinds: set[str]) -> list[Entry]:
        """Return the entries whose kind is among kinds, ordered by kind and English label."""
        return [entry for kind in sorted(kinds, key=self.kind_order) for entry in self.by_kind.get(kind, [])]

    def to_json(self) -> dict:
        """Return the index as JSON-ready data."""
        return {
            "base_iri": self.base_iri,
            "kinds": self.kinds,
            "entries": [
                {k: v for k, v in vars(e).items() if v and k != "folded"} | {"kind": e.kind, "labels": e.labels}
                for e in self.entries
            ],
        }

    @classmethod
    def from_json(cls, data: dict) -> "SearchIndex":
        """Rebuild an index written by to_json."""
        return cls([Entry(**entry) for entry in data["entries"]], data["kinds"], data["base_iri"])


def _match(entry: Entry, needle: str, terms: list[str]) -> Hit | None:
    """Rank how entry matches: exact, prefix, substring, all words in one text, all words across its texts;
    in labels, then alt labels, then definitions."""
    for weight, name in enumerate(FIELDS):
        best = None
        for text, language in entry.folded[name]:
            if needle in text:
                how = 0 if text == needle else 1 if text.startswith(needle) else 2
            elif len(terms) > 1 and all(term in text for term in terms):
                how = 3
            else:
                continue
            if best is None or how < best[0]:
                best = (how, len(text) if name != "definition" else 0, language)
        if best is not None:
            return Hit(entry, name, best[2], (weight, best[0], best[1], _sort_label(entry)), tuple(terms))
    if len(terms) > 1:
        places = [_where(entry, term) for term in terms]
        if all(places):
            name, language = min(places, key=lambda place: FIELDS.index(place[0]))  # type: ignore[index]
            return Hit(entry, name, language, (len(FIELDS), 0, 0, _sort_label(entry)), tuple(terms))
    return None


def _partial_match(entry: Entry, terms: list[str]) -> Hit | None:
    """Rank an entry holding some of the words: the more words, then the better the field, the higher."""
    places = {term: place for term in terms if (place := _where(entry, term))}
    if not places:
        return None
    name, language = min(places.values(), key=lambda place: FIELDS.index(place[0]))
    return Hit(entry, name, language, (-len(places), FIELDS.index(name), 0, _sort_label(entry)), tuple(places))


def _where(entry: Entry, term: str) -> tuple[str, str] | None:
    """Return the first field (labels first) and language of entry's texts holding term, or None."""
    for name in FIELDS:
        for text, language in entry.folded[name]:
            if term in text:
                return name, language
    return None


def _sort_label(entry: Entry) -> str:
    """Order entries that match equally well by their English name."""
    return (entry.labels.get("en") or next(iter(entry.labels.values()), entry.iri)).casefold()


def _pairs(text: str) -> set[str]:
    """Return the pairs of adjacent characters of text's words (a name's fingerprint for near matches)."""
    return {word[n:n + 2] for word in text.split() for n in range(max(1, len(word) - 1))}


def build_index(store: GraphStore, base_iri: str) -> SearchIndex:
    """Read labels, definitions, types, studies and the class tree from the store into an index."""
    names = prefixes(base_iri)
    lkg = names["lkg"]
    values = {"label": LABEL, "pref": PREF_LABEL, "alt": ALT_LABEL, "definition": DEFINITION,
              "lkg": lkg, "ontology": names["graph"] + "ontology", "inferred": names["graph"] + "inferred"}
    texts: dict[str, dict[str, dict[str, list[str]]]] = {}
    graphs: dict[str, str] = {}
    for row in store.select(TEXTS % values):
        subject, predicate, literal = row["s"].value, row["p"].value, row["o"]
        texts.setdefault(subject, {}).setdefault(predicate, {}).setdefault(literal.language or "", []).append(literal.value)
        if predicate in (LABEL, PREF_LABEL):
            graphs.setdefault(subject, row["g"].value)
    types: dict[str, set[str]] = {}
    for row in store.select(TYPES):
        types.setdefault(row["s"].value, set()).add(row["type"].value)
    parents: dict[str, set[str]] = {}
    for row in store.select(SUBCLASSES % values):
        parents.setdefault(row["class"].value, set()).add(row["super"].value)
    reported: dict[str, set[str]] = {}
    for row in store.select(REPORTED % values):
        reported.setdefault(row["s"].value, set()).add(row["study"].value)
    study_of_graph = {row["g"].value: row["study"].value for row in store.select(STUDY_GRAPHS % values)}

    ancestors = _closure(parents)
    kinds = _kinds(texts, parents, lkg)
    entries = []
    for iri, fields in sorted(texts.items()):
        labels = _first(fields.get(LABEL)) or _first(fields.get(PREF_LABEL))
        if not labels:
            continue
        studies = set(reported.get(iri, ()))
        if graphs.get(iri) in study_of_graph:
            studies.add(study_of_graph[graphs[iri]])
        entries.append(Entry(
            iri=iri,
            kind=_most_specific(types.get(iri, set()), ancestors, lkg),
            labels=labels,
            definitions=_first(fields.get(DEFINITION)),
            alt_labels={lang: sorted(v) for lang, v in (fields.get(ALT_LABEL) or {}).items()},
            studies=sorted(studies),
            graph=graphs.get(iri),
        ))
    return SearchIndex(entries, kinds, base_iri)


def _first(values: dict[str, list[str]] | None) -> dict[str, str]:
    """Keep one value per language (the first in sort order, so builds are reproducible)."""
    return {language: sorted(texts)[0] for language, texts in sorted((values or {}).items())}


def _closure(parents: dict[str, set[str]]) -> dict[str, set[str]]:
    """Return every class's ancestors (transitively)."""
    result: dict[str, set[str]] = {}

    def visit(cls: str, seen: frozenset) -> set[str]:
        if cls not in result:
            found: set[str] = set()
            for parent in parents.get(cls, ()):
                if parent not in seen:
                    found |= {parent} | visit(parent, seen | {parent})
            result[cls] = found
        return result[cls]

    for cls in list(parents):
        visit(cls, frozenset({cls}))
    return result


def _most_specific(types: set[str], ancestors: dict[str, set[str]], lkg: str) -> str | None:
    """Pick the most specific lkg: class among types, else a known kind outside lkg:."""
    own = {t for t in types if t.startswith(lkg)}
    specific = sorted(t for t in own if not any(t in ancestors.get(other, ()) for other in own if other != t))
    if specific:
        return specific[0]
    return next((kind for kind in OTHER_KINDS if kind in types), None)


def _kinds(texts: dict, parents: dict[str, set[str]], lkg: str) -> dict[str, dict]:
    """Label every lkg: class and other kind, numbered in depth-first order of the class tree."""
    classes = {iri: _first(fields.get(LABEL)) for iri, fields in texts.items()
               if iri.startswith(lkg) and iri[len(lkg):][:1].isupper()}
    children: dict[str | None, list[str]] = {}
    for cls in classes:
        own_parents = [p for p in parents.get(cls, ()) if p in classes]
        for parent in own_parents or [None]:
            children.setdefault(parent, []).append(cls)
    order: list[str] = []

    def walk(parent: str | None) -> None:
        for cls in sorted(children.get(parent, []), key=lambda c: _reading_position(c[len(lkg):], classes[c])):
            if cls not in order:
                order.append(cls)
                walk(cls)

    walk(None)
    kinds = {cls: {"labels": classes[cls], "order": n, "parents": sorted(p for p in parents.get(cls, ()) if p in classes)}
             for n, cls in enumerate(order)}
    for n, (kind, labels) in enumerate(OTHER_KINDS.items(), start=len(kinds)):
        kinds[kind] = {"labels": labels, "order": n, "parents": []}
    return kinds


def _reading_position(name: str, labels: dict[str, str]) -> tuple:
    """Sort key for sibling classes: READING_ORDER first, then by English label."""
    position = READING_ORDER.index(name) if name in READING_ORDER else len(READING_ORDER)
    return position, labels.get("en", name).casefold()
