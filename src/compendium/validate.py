"""`compendium validate`: consistency of the corpus, reported as file:line: message."""
from __future__ import annotations

import re
from pathlib import Path

from .errors import Problem
from .corpus.thematic_index import derive_rows
from .localize.localizer import localize
from .corpus.model import Book
from .localize.published import compare

_WORDS = {w: n for n, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve "
                                     "thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty".split())}
_YEAR = re.compile(r"/((?:19|20)\d\d)/")


def validate(book: Book, published: Path | None = None, locales: Path = Path("locales"),
             templates: Path = Path("templates")) -> list[Problem]:
    """All problems found, errors and warnings, in book order."""
    problems: list[Problem] = []
    problems += _chapters(book)
    problems += _claims(book)
    for note in book.footnotes.values():
        if note.number == 0:
            problems.append(Problem(f"footnote '{note.id}' is never cited", note.loc.file, note.loc.line))
    for topic in book.topics:
        for row in derive_rows(book, topic):
            for msg in row.problems:
                problems.append(Problem(msg, row.loc.file, row.loc.line))
    if published is not None and published.exists():
        tree = localize(book, "en", locales, templates)
        used = set()
        for d in compare(book, tree.index, published):
            if d.erratum:
                used.add(id(d.erratum))
                problems.append(Problem(f"published index irregularity (documented): {d} — {d.erratum.why}",
                                        d.erratum.loc.file, d.erratum.loc.line, "warning"))
            else:
                problems.append(Problem(f"derived index differs from the published one: {d} "
                                        "(fix content/index.yaml, or document it in content/errata.yaml)",
                                        str(published)))
        for e in book.errata:
            if id(e) not in used:
                problems.append(Problem(f"erratum for {e.topic!r} row {e.row} ({e.column}) no longer matches the index",
                                        e.loc.file, e.loc.line, "warning"))
    return problems


def _chapters(book: Book) -> list[Problem]:
    out = []
    for part in book.parts:
        previous = None
        for ch in part.chapters:
            where = (ch.loc.file, ch.loc.line)
            if previous and ch.start < previous.end:
                out.append(Problem(f"{ch.id} starts ({ch.start}) before {previous.id} ends ({previous.end})", *where))
            previous = ch
            symbols = [ch.report] + [r.symbol for r in ch.sources if r.symbol]
            for sym in filter(None, symbols):
                years = {int(y) for y in _YEAR.findall(sym)}
                if years and not any(ch.start.year <= y <= ch.end.year + 1 for y in years):
                    out.append(Problem(f"symbol {sym} is dated {sorted(years)} but {ch.id} met in {ch.start.year}", *where))
                if part.id == "A" and "/WG." not in sym and sym != ch.report:
                    out.append(Problem(f"source {sym} of {ch.id} is not its report {ch.report}", *where))
    return out


def _claims(book: Book) -> list[Problem]:
    """Titles such as 'at its first nine sessions' must agree with the chapters that follow."""
    out = []
    texts = [(p.title, p) for p in book.parts] + [(b.text, None) for b in book.compendium.blocks if b.text]
    for text, part in texts:
        for m in re.finditer(r"first (\w+) (meetings|sessions)", text.source):
            word, kind = m.group(1), m.group(2)
            claimed = int(word) if word.isdigit() else _WORDS.get(word)
            pid = "A" if kind == "meetings" else "B"
            actual = len(next(p for p in book.parts if p.id == pid).chapters)
            if claimed is not None and claimed != actual:
                out.append(Problem(f"the text says \"first {word} {kind}\" but part {pid} has {actual} "
                                   "(published wording kept; correct it in the next edition)",
                                   text.loc.file, text.loc.line, "warning"))
    return out
