"""Read the competency questions: their bilingual questions, query text and expected answers."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class CompetencyQuestion:
    """One queries/cq-*.rq file with its questions in English and Chinese."""

    slug: str
    question_en: str
    question_zh: str
    query: str
    path: Path

    @property
    def expected_path(self) -> Path:
        """Return the CSV file holding the expected answer."""
        return self.path.with_suffix(".expected.csv")

    def expected_rows(self) -> set[tuple[str, ...]]:
        """Return the expected answer as a set of rows (header excluded)."""
        with self.expected_path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        return {tuple(row) for row in rows[1:]}


def read_question(path: Path) -> CompetencyQuestion:
    """Parse a cq file: '# en:' and '# zh:' comment lines, then the query."""
    text = path.read_text(encoding="utf-8")
    comments = {}
    for line in text.splitlines():
        if line.startswith("#"):
            key, _, value = line[1:].partition(":")
            comments.setdefault(key.strip(), value.strip())
    return CompetencyQuestion(path.stem, comments.get("en", path.stem), comments.get("zh", ""), text, path)


def read_questions(folder: Path) -> list[CompetencyQuestion]:
    """Read every competency question in a folder, in file order."""
    return [read_question(path) for path in sorted(Path(folder).glob("cq-*.rq"))]
