"""Turn a study's sheets (items.csv, links.csv) into its Turtle file and its curator links.

items.csv has one row per item the study states: kind, slug, label_en, label_zh, definition_en, definition_zh,
evidence (phrases of the source, ' || ' between several; 'phrase @2' for the second occurrence) and links
('property=value; ...', a value being an existing resource's slug or name, a class name for openListOf, or a
quoted text with its language, "..."@en). The first row is the study itself. links.csv holds the curator's
links (subject, property, object) between items, written to kg/synthesis/curator-links.ttl. Rows whose kind
starts with '#' are examples and are skipped. Sheets quote the source, so they stay out of the repository:
the Turtle they produce is what is reviewed and committed.
"""

from __future__ import annotations

import csv
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from libkg.config import CANONICAL_BASE_IRI
from libkg.curation.catalogue import Catalogue
from libkg.curation.passages import checksum, find_phrase, read_source
from libkg.errors import CurationError

ITEM_COLUMNS = ("kind", "slug", "label_en", "label_zh", "definition_en", "definition_zh", "evidence", "links")
LINK_COLUMNS = ("subject", "property", "object", "note")
# Kinds a study's sheet may hold: the study, and what it reports (shared actors, places and concepts go elsewhere).
REPORTED_KINDS = ("Study", "Claim", "Service", "Case", "Sample", "Aspect")
SECTION = "# ---- study {slug}: written from its sheet by 'libkg sheet {slug}'; edit the sheet, not this section"
PREFIXES = {
    "lkg": CANONICAL_BASE_IRI + "ontology#", "res": CANONICAL_BASE_IRI + "resource/", "src": CANONICAL_BASE_IRI + "source/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/", "xsd": "http://www.w3.org/2001/XMLSchema#", "oa": "http://www.w3.org/ns/oa#",
    "spdx": "http://spdx.org/rdf/terms#", "iso639": "http://id.loc.gov/vocabulary/iso639-1/",
}
LINK = re.compile(r'\s*([\w:]+)\s*=\s*("(?:[^"\\]|\\.)*"(?:@[a-z]{2})?|[^;]+?)\s*(?:;|$)')


@dataclass
class Item:
    """One row of items.csv, with where it came from."""

    row: int
    kind: str
    slug: str
    labels: dict[str, str]
    definitions: dict[str, str]
    evidence: list[str]
    links: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Sheet:
    """A study's sheets: its items (the study first) and the curator's links between them."""

    slug: str
    source_file: str
    items: list[Item]
    curator_links: list[tuple[int, str, str, str, str]]


def sheet_folder(root: Path, slug: str) -> Path:
    """Return where a study's sheets live (git-ignored: they quote the source)."""
    return Path(root) / "sheets" / slug


def read_sheet(folder: Path, slug: str) -> Sheet:
    """Read items.csv and links.csv of a study, refusing rows that lack what every item needs."""
    items = []
    for number, row in _rows(folder / "items.csv", ITEM_COLUMNS):
        where = f"{folder / 'items.csv'}:{number}: "
        missing = [c for c in ("kind", "label_en", "label_zh", "definition_en", "definition_zh") if not row[c].strip()]
        if missing:
            raise CurationError(f"{where}the item needs {', '.join(missing)}")
        links = [(match.group(1), match.group(2).strip()) for match in LINK.finditer(row["links"]) if match.group(1)]
        items.append(Item(number, row["kind"].strip(), row["slug"].strip(), {"en": row["label_en"].strip(), "zh": row["label_zh"].strip()},
                          {"en": row["definition_en"].strip(), "zh": row["definition_zh"].strip()},
                          [p.strip() for p in row["evidence"].split("||") if p.strip()], links))
    if not items or items[0].kind not in ("Study", "Article", "Thesis"):
        raise CurationError(f"{folder / 'items.csv'}: the first item must be the study (kind Study, Article or Thesis)")
    source = next((value for name, value in items[0].links if name == "sourceFile"), "")
    if not source:
        raise CurationError(f"{folder / 'items.csv'}:{items[0].row}: the study row needs sourceFile=<file in the sources folder>")
    links = [(number, row["subject"].strip(), row["property"].strip(), row["object"].strip(), row["note"].strip())
             for number, row in _rows(folder / "links.csv", LINK_COLUMNS)] if (folder / "links.csv").is_file() else []
    return Sheet(slug, source.strip('"'), items, links)


def _rows(path: Path, columns: tuple[str, ...]):
    """Yield (line number, row) for the rows of a CSV sheet that are not examples, checking its header."""
    if not path.is_file():
        raise CurationError(f"no sheet at {path}; 'libkg new-study' creates one")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            raise CurationError(f"{path}:1: the header lacks the column(s) {', '.join(missing)}")
        for row in reader:
            row = {k: (v or "") for k, v in row.items() if k}
            if row[columns[0]].strip() and not row[columns[0]].lstrip().startswith("#"):
                yield reader.line_num, row


def study_turtle(sheet: Sheet, catalogue: Catalogue, sources: Path) -> str:
    """Write the study's Turtle: the study, its source text, every item with reportedIn and evidence, the passages."""
    ontology_terms = catalogue.ontology_terms
    allowed = catalogue.with_subclasses({PREFIXES["lkg"] + kind for kind in REPORTED_KINDS})
    text = read_source(sources, sheet.source_file)
    length, digest = checksum(sources / sheet.source_file)
    source_stem = sheet.source_file.rsplit(".", 1)[0]
    study = sheet.items[0]
    study.slug = study.slug or f"study-{sheet.slug}"
    slugs = _slugs(sheet, catalogue)
    spans: dict[tuple[int, int], str] = {}
    blocks = []
    for item in sheet.items:
        where = f"items.csv:{item.row}: "
        kind = _term(item.kind, ontology_terms, where, "kind")
        if PREFIXES["lkg"] + kind not in allowed:
            raise CurationError(f"{where}a study's sheet holds what the study reports (claims, services, cases, samples, "
                                f"aspects); define a {kind} in kg/shared/ or kg/schemes/ (see 'Where things go' in the README)")
        lines = [f"res:{item.slug} a lkg:{kind} ;",
                 f"    rdfs:label {_text(item.labels['en'], 'en')} , {_text(item.labels['zh'], 'zh')} ;",
                 f"    skos:definition {_text(item.definitions['en'], 'en')} ,\n        {_text(item.definitions['zh'], 'zh')}"]
        if item is not study:
            lines[-1] += " ;"
            lines.append(f"    lkg:reportedIn res:{study.slug}")
        else:
            lines[-1] += " ;"
            lines.append(f"    lkg:sourceText src:{source_stem}")
        for name, value in item.links:
            if name == "sourceFile":
                continue
            prop = _term(name, ontology_terms, where, "property") if ":" not in name else None
            lines[-1] += " ;"
            lines.append(f"    {('lkg:' + prop) if prop else name} {_value(name, value, slugs, catalogue, ontology_terms, where)}")
        for phrase in item.evidence:
            phrase, occurrence = _occurrence(phrase)
            found = find_phrase(text, phrase, occurrence, f"{sheet.source_file} ({where.strip()})")
            spans[(found.start, found.end)] = f"src:{source_stem}"
            lines[-1] += " ;"
            lines.append(f"    lkg:evidence <{CANONICAL_BASE_IRI}source/{source_stem}#span-{found.start}-{found.end}>")
        blocks.append("\n".join(lines) + " .")
    source_block = (f"src:{source_stem} a lkg:SourceDocument ;\n"
                    f"    rdfs:label {_text('Source text of ' + study.labels['en'], 'en')} , {_text(study.labels['zh'] + '的来源文本', 'zh')} ;\n"
                    f"    lkg:sourceFile \"{sheet.source_file}\" ;\n    dcterms:format \"text/plain\" ;\n"
                    f"    dcterms:language {_languages(text)} ;\n"
                    f"    lkg:characterCount \"{length}\"^^xsd:nonNegativeInteger ;\n"
                    f"    spdx:checksum [ spdx:algorithm spdx:checksumAlgorithm_sha256 ;\n"
                    f"        spdx:checksumValue \"{digest}\"^^xsd:hexBinary ] .")
    passages = [f"<{CANONICAL_BASE_IRI}source/{source_stem}#span-{start}-{end}> a oa:SpecificResource ;\n"
                f"    oa:hasSource src:{source_stem} ;\n"
                f"    oa:hasSelector [ a oa:TextPositionSelector ; oa:start \"{start}\"^^xsd:nonNegativeInteger ; "
                f"oa:end \"{end}\"^^xsd:nonNegativeInteger ] ." for start, end in sorted(spans)]
    header = (f"# Study {sheet.slug} (source {sheet.source_file}): written by 'libkg sheet {sheet.slug}' from sheets/{sheet.slug}/.\n"
              "# Only what the source states; curator links are in kg/synthesis/curator-links.ttl.\n")
    prefixes = "".join(f"@prefix {name}: <{iri}> .\n" for name, iri in PREFIXES.items())
    return (header + prefixes + "\n" + blocks[0] + "\n\n" + source_block + "\n\n" + "\n\n".join(blocks[1:])
            + "\n\n# ---- evidence: passages of the source text (offsets in Unicode code points, found from the sheet's phrases)\n"
            + "\n".join(passages) + "\n")


def curator_links_section(sheet: Sheet, catalogue: Catalogue) -> str:
    """Write the sheet's curator links as a section of kg/synthesis/curator-links.ttl."""
    ontology_terms = catalogue.ontology_terms
    slugs = _slugs(sheet, catalogue)
    lines = [SECTION.format(slug=sheet.slug)]
    for number, subject, prop, obj, note in sheet.curator_links:
        where = f"links.csv:{number}: "
        name = _term(prop, ontology_terms, where, "property")
        comment = f"  # {note}" if note else ""
        lines.append(f"res:{_resolve(subject, slugs, catalogue, where)} lkg:{name} res:{_resolve(obj, slugs, catalogue, where)} .{comment}")
    return "\n".join(lines) + "\n"


def replace_section(existing: str, section: str, slug: str) -> str:
    """Put a study's section into the curator-links file, replacing the one an earlier run wrote."""
    marker = SECTION.format(slug=slug)
    if marker in existing:
        start = existing.index(marker)
        end = existing.find("\n# ---- study ", start + len(marker))
        existing = existing[:start] + existing[end + 1:] if end != -1 else existing[:start]
    return existing.rstrip("\n") + "\n\n" + section


def _slugs(sheet: Sheet, catalogue: Catalogue) -> dict[str, str]:
    """Name every item: its slug (given, or made from the study and its English label), also findable by its labels."""
    names: dict[str, str] = {}
    for item in sheet.items:
        if not item.slug:
            item.slug = f"{sheet.slug}-{item.kind.lower()}-" + "-".join(re.findall(r"[a-z0-9]+", item.labels["en"].lower())[:6])
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", item.slug):
            raise CurationError(f"items.csv:{item.row}: the slug {item.slug!r} must be lower-case letters, digits and hyphens")
        if CANONICAL_BASE_IRI + "resource/" + item.slug in catalogue.by_iri:
            raise CurationError(f"items.csv:{item.row}: res:{item.slug} already exists in "
                                f"{catalogue.by_iri[CANONICAL_BASE_IRI + 'resource/' + item.slug].file}; choose another slug")
        for name in (item.slug, item.labels["en"], item.labels["zh"]):
            names.setdefault(name.casefold(), item.slug)
    return names


def _resolve(name: str, slugs: dict[str, str], catalogue: Catalogue, where: str) -> str:
    """Return the slug a name stands for: an item of this sheet, else an existing resource."""
    if name.casefold() in slugs:
        return slugs[name.casefold()]
    return catalogue.resolve(name, where=where).rsplit("/", 1)[-1]


def _value(prop: str, value: str, slugs: dict[str, str], catalogue: Catalogue, ontology_terms: set[str], where: str) -> str:
    """Write a link's value: a quoted text, a class (openListOf), a number, or a resource found by slug or name."""
    if value.startswith('"'):
        return value
    if prop == "openListOf":
        return "lkg:" + _term(value, ontology_terms, where, "kind")
    if value.isdigit():
        return f'"{value}"^^xsd:nonNegativeInteger'
    return "res:" + _resolve(value, slugs, catalogue, where)


def _term(name: str, ontology_terms: set[str], where: str, what: str) -> str:
    """Return an ontology term's local name, or say it is unknown and which is closest."""
    if name in ontology_terms:
        return name
    close = difflib.get_close_matches(name, sorted(ontology_terms), n=1, cutoff=0.7)
    hint = f"; did you mean {close[0]}?" if close else ""
    raise CurationError(f"{where}{name!r} is not a {what} of the ontology{hint}")


def _occurrence(phrase: str) -> tuple[str, int | None]:
    """Split 'phrase @2' into the phrase and which occurrence is meant."""
    match = re.fullmatch(r"(.*?)\s*@(\d+)", phrase)
    return (match.group(1), int(match.group(2))) if match else (phrase, None)


def _text(value: str, language: str) -> str:
    """Write a Turtle string literal with a language tag."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"@{language}'


def _languages(text: str) -> str:
    """Name the languages a source text is written in (Chinese where it has CJK characters, English where Latin)."""
    found = [code for code, present in (("zh", any("\u4e00" <= c <= "\u9fff" for c in text)),
                                        ("en", any("a" <= c.lower() <= "z" for c in text))) if present]
    return " , ".join(f"iso639:{code}" for code in found or ["en"])
