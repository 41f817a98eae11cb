"""`compendium validate`: consistency of the corpus, reported as file:line: message."""
from __future__ import annotations

import re
from pathlib import Path

from .errors import CompendiumError, Problem
from .corpus.ids import roman
from .corpus.loader import load_book, load_editions_of
from .corpus.model import Book, Chapter
from .corpus.thematic_index import derive_rows
from .localize.localizer import localize
from .localize.published import compare

_WORDS = {w: n for n, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve "
                                     "thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty".split())}
_YEAR = re.compile(r"/((?:19|20)\d\d)/")


def validate_edition(content: Path, edition: str | None, locales: Path = Path("locales"),
                     templates: Path = Path("templates"), published: Path | None = None,
                     need_published: bool = True) -> tuple[Book, list[Problem]]:
    """One edition's view and its problems; its published index (content/editions.yaml) unless
    `published` names another transcription (a missing one is bad input if `need_published`, else
    not compared)."""
    book = load_book(content, edition)
    info = load_editions_of(content).get(book.edition)
    if published is None and info.published_index:
        published = Path(content).parent / info.published_index
        if not published.is_file() and not need_published:
            published = None
        elif not published.is_file():
            raise CompendiumError("published index transcription not found", str(published),
                                  hint=f"fix 'published_index' of edition {info.name} in content/editions.yaml")
    return book, validate(book, published, locales, templates)


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
                where = "" if d.loc.file == str(published) else f", printed in {published}"
                problems.append(Problem(f"derived index differs from the published one (edition {book.edition}"
                                        f"{where}): {d} (fix content/index.yaml, or document it in "
                                        "content/errata.yaml)", d.loc.file, d.loc.line))
        for e in book.errata:
            if id(e) not in used:
                problems.append(Problem(f"erratum for {e.topic!r} {e.symbol} ({e.column}) matches no published "
                                        f"cell of edition {e.edition}", e.loc.file, e.loc.line, "warning"))
    return problems


def _chapters(book: Book) -> list[Problem]:
    out = []
    for part in book.parts:
        previous = None
        for ch in part.chapters:
            if previous and ch.start < previous.end:
                out.append(Problem(f"{ch.id} starts ({ch.start}) before {previous.id} ends ({previous.end})",
                                   ch.loc.file, ch.key_lines.get("dates", ch.loc.line)))
            previous = ch
            out += _symbols(book, ch)
    return out


def _symbols(book: Book, ch: Chapter) -> list[Problem]:
    """A chapter's report and source symbols carry the year of the meeting that adopted the text."""
    out: list[Problem] = []
    adopting = ch
    if ch.adopted is not None:
        adopting = book.chapters.get(f"{ch.part}.{roman(ch.adopted)}")
        if adopting is None:
            return [Problem(f"{ch.id} says it was adopted at meeting {ch.adopted}, which is not in part "
                            f"{ch.part} of edition {book.edition}", ch.loc.file, ch.key_lines["adopted"])]
    when = (f"{ch.id} met in {ch.start.year}" if adopting is ch else
            f"{ch.id} was adopted at {adopting.id} in {adopting.start.year}")
    hint = ("" if adopting is not ch else
            "; if a later meeting adopted what this one discussed, say so with 'adopted: N'")
    symbols = [(ch.report, ch.key_lines.get("report", ch.loc.line), False)] + [
        (r.symbol, r.loc.line, r.annex is not None) for r in ch.sources if r.symbol]
    seen: set[str] = set()
    for sym, line, annexed in symbols:
        if not sym or sym in seen:
            continue                  # each symbol is reported once, at its first line
        seen.add(sym)
        years = {int(y) for y in _YEAR.findall(sym)}
        if years and not any(adopting.start.year <= y <= adopting.end.year + 1 for y in years):
            out.append(Problem(f"symbol {sym} is dated {sorted(years)} but {when}{hint}", ch.loc.file, line))
        if ch.part == "A" and "/WG." not in sym and sym != ch.report and not annexed:
            out.append(Problem(f"source {sym} of {ch.id} is not its report {ch.report} (a document reproducing "
                               "the recommendations in an annex says 'annex:')", ch.loc.file, line))
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
            actual = next(p for p in book.parts if p.id == pid).chapters[-1].ordinal
            if claimed is not None and claimed != actual:
                out.append(Problem(f"the text says \"first {word} {kind}\" but part {pid} has {actual} "
                                   f"(published wording kept in edition {book.edition}; a new edition writes "
                                   f"{{{kind}}}, which the tool fills)", text.loc.file, text.loc.line, "warning"))
    return out
