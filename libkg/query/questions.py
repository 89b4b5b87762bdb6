"""Read the competency questions: their bilingual questions, query text and expected answers."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from libkg.query.guard import read_query
from libkg.query.store import GraphStore


@dataclass(frozen=True)
class CompetencyQuestion:
    """One queries/cq-*.rq file with its questions in English and Chinese."""

    slug: str
    question_en: str
    question_zh: str
    query: str
    path: Path
    fix: str = ""  # for build checks (*-violation.rq): how to mend what the check finds
    scope: str = ""  # "corpus" for questions about all studies (their answers change when a study is added), else the study
    home: int | None = None  # its place among the questions the home page answers (none: not on the home page)
    headings: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()  # per language, (variable, heading) pairs

    def columns(self, language: str) -> dict[str, str]:
        """Return the headings of the answer's columns in a language (English where it has none), by variable."""
        found = dict(self.headings)
        return dict(found.get(language) or found.get("en") or ())

    @property
    def expected_path(self) -> Path:
        """Return the CSV file holding the expected answer."""
        return self.path.with_suffix(".expected.csv")

    def expected_rows(self) -> set[tuple[str, ...]]:
        """Return the expected answer as a set of rows (header excluded)."""
        with self.expected_path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        return {tuple(row) for row in rows[1:]}

    def answer(self, store: GraphStore) -> tuple[list[str], list[tuple[str, ...]]]:
        """Run the question on store; return its header and rows as the expected CSV writes them (ASK: one 'result')."""
        result = store.evaluate(read_query(self.query))
        if isinstance(result, ox.QueryBoolean):
            return ["result"], [("true" if bool(result) else "false",)]
        rows = list(csv.reader(io.StringIO(result.serialize(format=ox.QueryResultsFormat.CSV).decode("utf-8"))))
        return rows[0], [tuple(row) for row in rows[1:]]

    def accept(self, header: list[str], rows: list[tuple[str, ...]]) -> None:
        """Make an answer the expected one (after a curator has reviewed the difference)."""
        with self.expected_path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(rows)


def read_question(path: Path) -> CompetencyQuestion:
    """Parse a cq file: '# en:' and '# zh:' comment lines, then the query."""
    text = path.read_text(encoding="utf-8")
    comments = {}
    for line in text.splitlines():
        if line.startswith("#"):
            key, _, value = line[1:].partition(":")
            comments.setdefault(key.strip(), value.strip())
    home = comments.get("home", "")
    headings = tuple((key[len("columns-"):], _headings(value)) for key, value in comments.items() if key.startswith("columns-"))
    return CompetencyQuestion(path.stem, comments.get("en", path.stem), comments.get("zh", ""), text, path,
                              comments.get("fix", ""), comments.get("scope", ""), int(home) if home.isdigit() else None,
                              headings)


def _headings(line: str) -> tuple[tuple[str, str], ...]:
    """Read 'variable=Heading | variable=Heading' into (variable, heading) pairs."""
    pairs = (part.partition("=") for part in line.split("|"))
    return tuple((name.strip(), heading.strip()) for name, _, heading in pairs if name.strip() and heading.strip())


def read_questions(folder: Path) -> list[CompetencyQuestion]:
    """Read every competency question in a folder, in file order."""
    return [read_question(path) for path in sorted(Path(folder).glob("cq-*.rq"))]
