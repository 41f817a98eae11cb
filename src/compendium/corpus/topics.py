"""The thematic index as written: index.yaml read into topics and rows of compendium ids, each row's
ids renumbered from the edition it first appears in to the edition loaded."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

from . import ids
from ..errors import CompendiumError
from .model import NUMBERED, Book, IndexRow, Loc, Topic
from .reading import EDITION_KEYS, Reader
from .yamlio import Map, Seq

TOO_BIG = re.compile(r"\d{5,}")          # no paragraph or range runs to five digits
Numbering = Callable[[str], dict[str, tuple[str, int]]]   # edition -> id -> (file, line) of its paragraph


def read_topics(r: Reader, path: Path, book: Book, numbering: Numbering) -> list[Topic]:
    """The topics of index.yaml in this edition, each row's ids checked against the book's paragraphs."""
    seq = r.load_as(path, Seq, "is a list of topics")
    topics = []
    for t, line in zip(seq, seq.item_lines):
        if not isinstance(t, Map):
            raise CompendiumError("a topic is a mapping with 'topic' and 'rows'", seq.file, line)
        r.only(t, {"topic", "rows"} | EDITION_KEYS)
        if not r.holds(t):
            continue
        title = r.need_text(t, "topic", "index topic")
        rows = []
        rseq = r.need(t, "rows", Seq)
        for row, rline in zip(rseq, rseq.item_lines):
            via = ""
            numbered_in = r.first_edition(row, t)     # ids are written as that edition numbers them
            if isinstance(row, Map):
                r.only(row, {"via", "refs"} | EDITION_KEYS)
                if not r.holds(row):
                    continue
                if "via" in row:
                    via = str(r.need(row, "via", (str, int)))
                    if via not in book.resolutions:
                        raise CompendiumError(f"unknown resolution {via}: no part B chapter of edition "
                                              f"{book.edition} adopts it", row.file, row.key_lines["via"])
                if not isinstance(r.need(row, "refs"), str):
                    raise CompendiumError("'refs' must be text such as 'A.VII.17, A.VII.20-22'",
                                          row.file, row.key_lines["refs"])
                row = r.need(row, "refs")
            if not isinstance(row, str):
                raise CompendiumError("a row is a list of compendium ids, e.g. 'A.VII.17, A.VII.20-22'",
                                      t.file, rline)
            big = TOO_BIG.search(row)
            if big:
                raise CompendiumError(f"'{big.group()}' is not a paragraph number", t.file, rline,
                                      hint="a row lists compendium ids, e.g. 'A.VII.17, A.VII.20-22'")
            try:
                refs = ids.expand_refs(row)
            except ValueError as exc:
                raise CompendiumError(str(exc), t.file, rline) from None
            if numbered_in != book.edition:
                refs = _renumber(numbering, refs, numbered_in, book, t.file, rline)
            for ref in refs:
                if ref not in book.blocks or book.blocks[ref].kind not in NUMBERED:
                    raise CompendiumError(f"unknown id {ref}: the index refers to a paragraph that does not "
                                          f"exist in edition {book.edition}", t.file, rline,
                                          hint="ids follow the numbering: A.VII.26 is paragraph 26 of content/A/07.yaml; "
                                               "a row citing a newer chapter needs 'since:' (refs: … with since: …)")
            rows.append(IndexRow(refs, via, Loc(t.file, rline)))
        if not rows:
            raise CompendiumError(f"topic has no row in edition {book.edition}", t.file, t.key_lines["topic"],
                                  hint="give the topic the 'since:' of its first row")
        topics.append(Topic(title, rows, Loc(t.file, line)))
    return topics


def _renumber(numbering: Numbering, refs: list[str], edition: str, book: Book, file: str, line: int) -> list[str]:
    """Ids written as `edition` numbers them, as this view numbers the same paragraphs: a paragraph
    added before them in a later edition moves the index with it."""
    then = numbering(edition)
    now = {(b.loc.file, b.loc.line): i for i, b in book.blocks.items()}
    out = []
    for ref in refs:
        if ref not in then:
            raise CompendiumError(f"unknown id {ref}: the index refers to a paragraph that does not exist in "
                                  f"edition {edition}, where this row first appears", file, line,
                                  hint="a row's ids are numbered as in its first edition (its since:)")
        if then[ref] not in now:
            raise CompendiumError(f"{ref} (as numbered in edition {edition}) is not in edition {book.edition}",
                                  file, line, hint="end the row with 'until:' the last edition that has it")
        out.append(now[then[ref]])
    return out
