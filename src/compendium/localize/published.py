"""Compare the derived thematic index with the transcription of an edition's published one.

Rows are matched by topic and document symbol (and resolution/decision), never by position, so a
row added to a topic in a later edition moves nothing. The errata of the edition (content/errata.yaml,
`edition:` it describes) are applied to the published rows first: each says what was printed in
one cell of the row with that topic and symbol, and what the corpus derives instead.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from . import tree as t
from ..errors import CompendiumError
from ..corpus.markup import plain
from ..corpus.model import Book, Erratum, Loc

COLUMNS = ("topic", "symbol", "document", "paragraphs", "compendium", "shaded")


@dataclass
class Difference:
    topic: str
    key: str                          # "CTOC/COP/2008/7" or "CTOC/COP/2014/13, Resolution 7/3"
    column: str                       # a column, "row" (only on one side) or "order"
    published: str
    derived: str
    erratum: Erratum | None           # the erratum documenting it, if one does
    loc: Loc | None = None            # the line to fix: the index row, else the published line

    def __str__(self) -> str:
        return (f"index, {self.topic!r} {self.key}, {self.column}: published {self.published!r}, "
                f"derived {self.derived!r}")


@dataclass
class _Row:
    cells: list[str]
    loc: Loc                          # content/index.yaml row, or sources/…tsv line

    @property
    def key(self) -> tuple[str, str]:
        return normalize(self.cells[1]), normalize(self.cells[2])

    def shown_key(self) -> str:
        return ", ".join(c for c in self.cells[1:3] if c)


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
    """Topic -> its published rows (cells), in the order printed."""
    return {topic: [r.cells for r in rows] for topic, rows in _read(path).items()}


def _read(path: Path) -> dict[str, list[_Row]]:
    rows: dict[str, list[_Row]] = defaultdict(list)
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
        rows[cells[0]].append(_Row(cells, Loc(str(path), n)))
    return rows


def _cells_of(text: str, topic: str) -> list[str]:
    """'symbol | document | paragraphs | compendium | shaded' (an erratum's row) as cells."""
    cells = [c.strip() for c in text.split(" | ")]
    return [topic] + (cells + [""] * (len(COLUMNS) - 1))[:len(COLUMNS) - 1]


def _apply(e: Erratum, published: list[_Row], out: list[Difference]) -> list[_Row]:
    """The published rows of a topic with one erratum applied (unchanged when it matches nothing)."""
    column = COLUMNS.index(e.column) if e.column in COLUMNS else None
    for k, row in enumerate(published):
        if e.column == "row":
            found = normalize(" | ".join(row.cells[1:])) == normalize(e.published)
        else:
            symbol = e.published if e.column == "symbol" else e.symbol
            found = (row.key[0] == normalize(symbol) and (not e.document or row.key[1] == normalize(e.document))
                     and normalize(row.cells[column]) == normalize(e.published))
        if not found:
            continue
        if e.column == "row":
            replaced = [_Row(_cells_of(part, e.topic), row.loc) for part in e.derived.split(" || ")]
        else:
            cells = list(row.cells)
            cells[column] = e.derived
            replaced = [_Row(cells, row.loc)]
        out.append(Difference(e.topic, row.shown_key(), e.column, e.published, e.derived, e, e.loc))
        return published[:k] + replaced + published[k + 1:]
    return published


def compare(book: Book, index: t.Index, published_path: Path) -> list[Difference]:
    """Every difference beyond formatting; those an erratum of this edition documents carry it.

    An erratum that no longer matches its published cell yields no difference (validate reports it).
    """
    published = _read(published_path)
    locs = {plain(topic.title.inlines): [row.loc for row in topic.rows] for topic in book.topics}
    derived = {topic.title: [_Row(row_cells(r), loc) for r, loc in zip(topic.rows, locs.get(topic.title, []))]
               for topic in index.topics}
    errata: dict[str, list[Erratum]] = defaultdict(list)
    for e in book.errata:
        errata[e.topic].append(e)
    out: list[Difference] = []
    for topic in list(published) + [name for name in derived if name not in published]:
        pub = published.get(topic, [])
        for e in errata.get(topic, []):
            pub = _apply(e, pub, out)
        out += _compare_topic(topic, pub, derived.get(topic, []))
    return out


def _compare_topic(topic: str, pub: list[_Row], der: list[_Row]) -> list[Difference]:
    """Rows paired by (symbol, resolution/decision), in order within each key; then cell by cell."""
    out: list[Difference] = []
    by_key: dict[tuple[str, str], list[_Row]] = defaultdict(list)
    for row in der:
        by_key[row.key].append(row)
    pairs: list[tuple[_Row, _Row]] = []
    for p in pub:
        candidates = by_key.get(p.key)
        if not candidates:
            out.append(Difference(topic, p.shown_key(), "row", " | ".join(p.cells[1:]), "", None, p.loc))
            continue
        d = candidates.pop(0)
        pairs.append((p, d))
        for c in range(3, len(COLUMNS)):
            if normalize(p.cells[c]) != normalize(d.cells[c]):
                out.append(Difference(topic, d.shown_key(), COLUMNS[c], p.cells[c], d.cells[c], None, d.loc))
    for rows in by_key.values():
        for d in rows:
            out.append(Difference(topic, d.shown_key(), "row", "", " | ".join(d.cells[1:]), None, d.loc))
    printed = [id(d) for _, d in pairs]
    ordered = [id(d) for d in der if id(d) in set(printed)]
    if printed != ordered:
        first = next(k for k, (a, b) in enumerate(zip(printed, ordered)) if a != b)
        p, d = pairs[first]
        out.append(Difference(topic, d.shown_key(), "order", f"row {first + 1} of the topic",
                              f"row {ordered.index(id(d)) + 1}", None, d.loc))
    return out
