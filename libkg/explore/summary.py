"""What the explorer's home and browse pages count, computed once per build instead of on every request.

The build writes it into the release next to the search index: every study in source order with how many
items it reports, by kind, and how many resources the data namespace names. A page then reads a few numbers
instead of walking the index once per study (which took minutes per request at 1M triples).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from libkg.explore.search import SearchIndex


@dataclass(frozen=True)
class StudySummary:
    """One study: how many items it reports, in all and by most specific kind (kinds in class-tree order)."""

    iri: str
    reported: int
    kinds: dict[str, int]
    open_kinds: list[str] = field(default_factory=list)  # kinds the study lists openly ("such as", "etc."): counts are minimums

    def is_open(self, kind: str, index: SearchIndex) -> bool:
        """Tell whether the count of kind is a minimum: the study lists that kind, or a broader one, openly."""
        return any(kind == open_kind or kind in index.descendants(open_kind) for open_kind in self.open_kinds)


@dataclass(frozen=True)
class Summary:
    """The counts the explorer shows for one build."""

    studies: list[StudySummary]
    resources: int

    def largest(self, count: int) -> list[StudySummary]:
        """Return the count studies that report most (ties in source order), kept in source order."""
        ranked = sorted(range(len(self.studies)), key=lambda n: (-self.studies[n].reported, n))[:count]
        return [self.studies[n] for n in sorted(ranked)]

    def to_json(self) -> dict:
        """Return the summary as JSON-ready data."""
        return {"resources": self.resources,
                "studies": [{"iri": s.iri, "reported": s.reported, "kinds": s.kinds, "open_kinds": s.open_kinds}
                            for s in self.studies]}

    @classmethod
    def from_json(cls, data: dict) -> "Summary":
        """Rebuild a summary written by to_json."""
        return cls([StudySummary(**study) for study in data["studies"]], data["resources"])


def summarise(index: SearchIndex, studies: list[str], open_lists: dict[str, set[str]]) -> Summary:
    """Count what each study (given in source order) reports, by kind, and the resources the index names."""
    summaries = []
    for study in studies:
        entries = index.reported_in(study)
        counts = Counter(entry.kind for entry in entries if entry.kind)
        summaries.append(StudySummary(study, len(entries), {k: counts[k] for k in sorted(counts, key=index.kind_order)},
                                      sorted(open_lists.get(study, ()))))
    resources = sum(1 for entry in index.entries if entry.iri.startswith(index.base_iri + "resource/"))
    return Summary(summaries, resources)
