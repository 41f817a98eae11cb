"""Compare the derived thematic index with the transcription of the published one."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from . import tree as t
from ..errors import CompendiumError
from ..corpus.model import Book, Erratum

COLUMNS = ("topic", "symbol", "document", "paragraphs", "compendium", "shaded")


@dataclass
class Difference:
    topic: str
    row: int
    column: str
    published: str
    derived: str
    erratum: Erratum | None

    def __str__(self) -> str:
        return f"index, {self.topic!r} row {self.row}, {self.column}: published {self.published!r}, derived {self.derived!r}"


def normalize(s: str) -> str:
    """Formatting that does not count as a difference: spacing, dash style, 'Part A' vs 'Part A:'."""
    s = re.sub(r"</?i>", "", s)
    s = re.sub(r"\s*[-–]\s*", "–", s)
    s = re.sub(r"\s+,", ",", s)
    s = re.sub(r"Part ([AB]):?", r"Part \1", s)
    return " ".join(s.split())


def row_cells(row: t.Row) -> list[str]:
    """A derived row as the published columns (cell lines joined by a space)."""
    return [row.topic, row.symbol, row.document, " ".join(row.paragraphs),
            " ".join("".join(s.text for s in line) for line in row.compendium), "shaded" if row.shaded else ""]


def read_published(path: Path) -> dict[str, list[list[str]]]:
    rows: dict[str, list[list[str]]] = defaultdict(list)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise CompendiumError("published index transcription not found", str(path)) from None
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != len(COLUMNS):
            raise CompendiumError(f"expected {len(COLUMNS)} tab-separated cells, found {len(cells)}", str(path), n)
        rows[cells[0]].append(cells)
    return rows


def compare(book: Book, index: t.Index, published_path: Path) -> list[Difference]:
    """Every difference beyond formatting, each matched to its erratum when one documents it exactly."""
    published = read_published(published_path)
    errata = {(e.topic, e.row, e.column): e for e in book.errata}
    out: list[Difference] = []
    derived = {topic.title: topic.rows for topic in index.topics}
    for topic in list(published) + [t_ for t_ in derived if t_ not in published]:
        pub, der = published.get(topic, []), [row_cells(r) for r in derived.get(topic, [])]
        i = j = 0
        while i < len(pub) or j < len(der):
            e = errata.get((topic, i + 1, "row"))
            if e is not None:
                span = e.derived.count("||") + 1
                p = " | ".join(pub[i][1:]) if i < len(pub) else ""
                d = " || ".join(" | ".join(c[1:]) for c in der[j:j + span])
                ok = normalize(p) == normalize(e.published) and normalize(d) == normalize(e.derived)
                out.append(Difference(topic, i + 1, "row", p, d, e if ok else None))
                i, j = i + 1, j + span
                continue
            if i >= len(pub) or j >= len(der):
                which = "published only" if j >= len(der) else "derived only"
                cells = pub[i] if j >= len(der) else der[j]
                out.append(Difference(topic, i + 1, "row", " | ".join(cells) if which == "published only" else "",
                                      " | ".join(cells) if which == "derived only" else "", None))
                i, j = i + 1, j + 1
                continue
            for c, name in enumerate(COLUMNS):
                p, d = pub[i][c], der[j][c]
                if normalize(p) != normalize(d):
                    e = errata.get((topic, i + 1, name))
                    ok = e is not None and normalize(e.published) == normalize(p) and normalize(e.derived) == normalize(d)
                    out.append(Difference(topic, i + 1, name, p, d, e if ok else None))
            i, j = i + 1, j + 1
    return out
