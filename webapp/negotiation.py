"""Content negotiation as data: one pure Accept parser and one chooser over the registry's formats."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from libkg.formats import Format

# How closely a media range matches a format, best first: its own media type, an alias, type/*, */*.
EXACT, ALIAS, TYPE, ANY = 4, 3, 2, 1


@dataclass(frozen=True)
class Preference:
    """One media range from an Accept header with its quality."""

    media_range: str
    quality: float
    order: int

    def matches(self, offered: Format) -> int:
        """Return how specifically this range matches a format (0 = not at all)."""
        if self.media_range == offered.media_type:
            return EXACT
        if self.media_range in offered.aliases:
            return ALIAS
        if self.media_range == offered.media_type.partition("/")[0] + "/*":
            return TYPE
        return ANY if self.media_range == "*/*" else 0


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
        preferences.append(Preference(media_range.lower(), quality, order))
    return preferences or [Preference("*/*", 1.0, 0)]


def choose(header: str | None, offered: Sequence[Format]) -> Format | None:
    """Pick the offered format the client likes best: each format's most specific matching range sets its quality;
    ties go to the more specific match, then the client's order, then the server's."""
    preferences = parse_accept(header)
    best: tuple[float, int, int, int] | None = None
    chosen = None
    for rank, candidate in enumerate(offered):
        matches = [(p.matches(candidate), p) for p in preferences]
        matches = [(specificity, p) for specificity, p in matches if specificity]
        if not matches:
            continue
        specificity, preference = max(matches, key=lambda item: (item[0], -item[1].order))
        if preference.quality <= 0:
            continue
        score = (preference.quality, specificity, -preference.order, -rank)
        if best is None or score > best:
            best, chosen = score, candidate
    return chosen
