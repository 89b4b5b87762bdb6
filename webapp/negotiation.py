"""Content negotiation as data: media-type tables and one pure Accept parser."""

from __future__ import annotations

from dataclasses import dataclass

from libkg.query.results import GRAPH_MEDIA_TYPES, RESULT_MEDIA_TYPES

RESULT_TYPES = tuple(RESULT_MEDIA_TYPES)
GRAPH_TYPES = tuple(GRAPH_MEDIA_TYPES)

# Names a client (or a browser link) can use with ?format= instead of Accept.
FORMAT_NAMES = {
    "json": "application/sparql-results+json",
    "srj": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "srx": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "json-ld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
    "rdf": "application/rdf+xml",
    "trig": "application/trig",
    "html": "text/html",
}

# Media types clients send that mean one of ours.
ALIASES = {
    "application/json": "application/sparql-results+json",
    "text/javascript": "application/sparql-results+json",
    "application/javascript": "application/sparql-results+json",
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
    "application/turtle": "text/turtle",
    "application/x-turtle": "text/turtle",
    "text/plain": "application/n-triples",
    "application/json-ld": "application/ld+json",
    "application/x-trig": "application/trig",
}


@dataclass(frozen=True)
class Preference:
    """One media range from an Accept header with its quality."""

    media_range: str
    quality: float
    order: int
    sent: str = ""

    def matches(self, media_type: str) -> int:
        """Return how specifically this range matches media_type (0 = not at all)."""
        if media_type in (self.media_range, self.sent):
            return 3
        kind, _, _ = media_type.partition("/")
        if self.media_range == f"{kind}/*":
            return 2
        return 1 if self.media_range == "*/*" else 0


def parse_accept(header: str | None) -> list[Preference]:
    """Parse an Accept header into preferences, ignoring parameters other than q; unreadable means */*."""
    preferences = []
    for order, part in enumerate((header or "*/*").split(",")):
        media_range, *params = [piece.strip() for piece in part.split(";")]
        if not media_range or "/" not in media_range:
            continue
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = max(0.0, min(1.0, float(value)))
                except ValueError:
                    quality = 0.0
        media_range = media_range.lower()
        preferences.append(Preference(ALIASES.get(media_range, media_range), quality, order, media_range))
    return preferences or [Preference("*/*", 1.0, 0)]


def choose(header: str | None, offered: tuple[str, ...]) -> str | None:
    """Pick the offered media type the client likes best; ties go to the server's order."""
    preferences = parse_accept(header)
    best: tuple[float, int, int, int] | None = None
    chosen = None
    for rank, media_type in enumerate(offered):
        matches = [(p.matches(media_type), p) for p in preferences]
        matches = [(specificity, p) for specificity, p in matches if specificity]
        if not matches:
            continue
        specificity, preference = max(matches, key=lambda item: (item[0], -item[1].order))
        if preference.quality <= 0:
            continue
        score = (preference.quality, specificity, -preference.order, -rank)
        if best is None or score > best:
            best, chosen = score, media_type
    return chosen
