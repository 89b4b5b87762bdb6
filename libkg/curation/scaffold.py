"""Start a new study: check its source text, and write its sheets with the study's row and an example row per kind."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from libkg.curation.passages import read_source
from libkg.curation.sheet import ITEM_COLUMNS, LINK_COLUMNS, sheet_folder
from libkg.errors import CurationError

EXAMPLES = (
    ("#Finding", "what the study found, in our own words"),
    ("#Problem", "a problem the study reports"),
    ("#InfluencingFactor", "a factor the study names behind a result"),
    ("#Achievement", "a result the study credits"),
    ("#Countermeasure", "a remedy the study proposes for its problems"),
    ("#Strategy", "a strategy the study's cases embody"),
    ("#Recommendation", "what the study recommends"),
    ("#Enlightenment", "a lesson the study draws for another context"),
    ("#Limitation", "a limitation the study admits"),
    ("#ContextStatement", "part of the study's setting or background"),
    ("#Service", "a service the study describes (links: providedBy=..., servesAudience=..., serviceType=...)"),
    ("#Sample", "what the study examined (links: sampleSize=13)"),
)

NEXT_STEPS = """Created {folder}/items.csv and links.csv for study {slug} (source text {source}).

Next:
  1. Fill items.csv: the study's row first, then one row per item the source states (copy an example row, drop the
     '#' from its kind). Labels and definitions in your own words, in English and Chinese; 'evidence' holds the
     phrase(s) of the source that state the item; 'links' names existing resources by slug or name.
  2. Look up what already exists:      libkg terms <words>     (e.g. libkg terms --kind StrategyTheme)
  3. Put curator links (themes, problem -> remedy pairings you infer) in links.csv.
  4. Write the Turtle:                 libkg sheet {slug}      (kg/studies/{slug}.ttl and kg/synthesis/curator-links.ttl)
  5. Check and build:                  libkg validate && libkg build
  6. See which answers changed:        libkg cq --diff         (then libkg cq --accept after review)
  7. Run the quick tests:              bash scripts/test-quick
The sheets quote the source, so they stay out of git (sheets/ is ignored); commit the Turtle they produce."""


def new_study(root: Path, sources: Path, slug: str, source_file: str) -> str:
    """Create a study's sheets; return the next steps to print."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", slug):
        raise CurationError(f"the study's slug {slug!r} must be lower-case letters, digits and hyphens (e.g. hebei-iee)")
    name = Path(source_file).name
    if Path(source_file).parent != Path(".") and not (Path(sources) / name).is_file():
        raise CurationError(f"put the source text into the sources folder {sources} (LIBKG_SOURCES) first, then name it by its file name")
    read_source(sources, name)
    study_file = Path(root) / "kg" / "studies" / f"{slug}.ttl"
    folder = sheet_folder(root, slug)
    for taken in (study_file, folder):
        if taken.exists():
            raise CurationError(f"{taken} already exists: study {slug!r} has been started; choose another slug")
    folder.mkdir(parents=True)
    study = {"kind": "Study", "slug": f"study-{slug}", "label_en": "", "label_zh": "", "definition_en": "", "definition_zh": "",
             "evidence": "", "links": f'sourceFile={name}; descriptiveTitle=""@en; descriptiveTitle=""@zh'}
    rows = [study] + [{"kind": kind, "slug": "", "label_en": hint, "label_zh": "", "definition_en": "", "definition_zh": "",
                       "evidence": "", "links": ""} for kind, hint in EXAMPLES]
    _write(folder / "items.csv", ITEM_COLUMNS, rows)
    _write(folder / "links.csv", LINK_COLUMNS, [
        {"subject": "#countermeasure slug or name", "property": "addresses", "object": "problem slug or name",
         "note": "why a curator pairs them"},
        {"subject": "#remedy slug or name", "property": "hasTheme", "object": "theme slug (libkg terms --kind StrategyTheme)",
         "note": ""},
    ])
    return NEXT_STEPS.format(folder=folder, slug=slug, source=name)


def _write(path: Path, columns: tuple[str, ...], rows: list[dict]) -> None:
    """Write a CSV sheet (UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese right)."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
