"""A selection of a document's blocks as a corpus chapter: labels taken off (the corpus generates
them), the blocks nested as the corpus nests them, footnotes named, the source mapping filled in, and
every place where the document and the corpus's numbering disagree reported for review. This module
holds the chapter's options and result, its header keys and the assembly of part A and part B
chapters; texts, nesting, sources and review hold the rest."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..corpus import ids
from ..corpus.model import Book
from ..errors import CompendiumError
from ..readers.blocks import Finding
from .dates import adopted_at, find_dates
from .nesting import Nesting
from .outline import Outline, Region, Selection
from .review import review
from .sources import Mapping
from .texts import Texts


@dataclass
class Options:
    target: str                                   # "A.XII"
    annex: str | None = None
    section: str | None = None
    paragraphs: tuple[int, int] | None = None
    symbol: str = ""                              # the document's symbol, when its text does not show it
    report: tuple[str, int | None] | None = None  # the meeting's report and the paragraph the chapter starts at
    dates: tuple[dt.date, dt.date] | None = None
    headings: bool = True
    since: str | None = None                      # the edition a new chapter first appears in


@dataclass
class Imported:
    cid: str
    data: dict                                    # the chapter file's mapping, in the corpus's key order
    footnotes: dict[str, str | dict]              # new footnotes: id -> text ({since, text} in a new edition)
    findings: list[Finding]
    lines: list[int] = field(default_factory=list)  # source line of each block, in book order (walk.blocks)
    guessed: set[str] = field(default_factory=set)   # header fields the document does not state for sure


def chapter_id(target: str) -> tuple[str, int]:
    m = re.fullmatch(r"([AB])\.([IVXLC]+)", target.strip().upper())
    n = 0
    if m:
        try:
            n = ids.from_roman(m.group(2))
        except ValueError:
            n = 0
    if not n:
        raise CompendiumError(f"'{target}' is not a chapter id", hint="write the part and the roman number, e.g. A.XII")
    return m.group(1), n


class _Builder:
    """Builds the chapter of one selection: its header keys and blocks here, its texts, nesting and
    source mapping by the helpers it holds, all noting the places to review in one list."""

    def __init__(self, o: Outline, sel: Selection, opts: Options, book: Book, notes: dict[str, str | dict]) -> None:
        self.o, self.doc, self.sel, self.opts, self.book = o, o.doc, sel, opts, book
        self.part, self.ordinal = chapter_id(opts.target)
        self.cid = f"{self.part}.{ids.roman(self.ordinal)}"
        self.findings: list[Finding] = []
        self.guessed: set[str] = set()
        self.texts = Texts(o.doc, self.part, self.ordinal, book, notes, self.note)
        self.nest = Nesting(self.texts, opts.headings, self.note)
        self.mapping = Mapping(o, sel, opts, self.texts, self.note)

    def note(self, line: int, what: str) -> None:
        self.findings.append(Finding(line, what))

    def part_a(self) -> Imported:
        blocks = list(self.sel.blocks)
        numbered = [b for b in blocks if b.series == "number"]
        self.nest.offset = numbered[0].value - 1 if numbered else 0
        single = self.sel.paragraph                # one paragraph: its chapeau and its list are the chapter
        content = self.nest.tree(blocks, shift=1 if single is not None else 0)
        data = self._when()
        report, rules = self.mapping.sources(content, single, self.nest.offset)
        if report:
            data["report"] = report
        if rules:
            data["sources"] = rules
        data["blocks"] = content
        return self._done(data)

    def _when(self) -> dict:
        """The chapter's first keys: the edition it first appears in, its number and days, and the
        later meeting that adopted what it discussed."""
        kind = "meeting" if self.part == "A" else "session"
        out: dict = {"since": _edition(self.opts.since)} if self.opts.since else {}
        out[kind] = self.ordinal
        lead = [self.sel.region.title] if self.sel.region.title else []
        lead += [b for b in self.sel.blocks[:3] if not b.series and b.kind == "para"][:1]
        if self.opts.dates:
            first, last = self.opts.dates
        else:
            rest = [b for b in self.doc.blocks if b not in lead]
            found = find_dates([b.text for b in lead], [b.text for b in rest], self.ordinal, kind)
            if found is None:
                raise CompendiumError(f"no dates of the {kind} found in the document", self.doc.path,
                                      hint="pass --dates FIRST,LAST (YYYY-MM-DD)")
            first, last = found.first, found.last
            if not found.sure:
                self.guessed.add("dates")
                self.note(self.sel.lines[0], f"dates {first} to {last} taken {found.how}: check them "
                                             "(or pass --dates)")
        out["dates"] = [first.isoformat()] if first == last else [first.isoformat(), last.isoformat()]
        later = adopted_at([b.text for b in lead], self.ordinal) if self.part == "A" else None
        if later:
            out["adopted"] = later
        return out

    def part_b(self) -> Imported:
        o = self.o
        if o.kind == "report":
            raise CompendiumError("a part B chapter is a resolution or decision of the Conference, and this "
                                  "document is neither", self.doc.path, hint="import it as a part A chapter (--as A.N)")
        if self.sel.region.annex is not None or self.opts.paragraphs or self.opts.section:
            raise CompendiumError("a part B chapter is the whole resolution, its annexes with it",
                                  hint="leave out --annex, --section and --paragraphs")
        if not o.number and o.kind != "resolution":
            raise CompendiumError(f"the draft {o.kind} has no number yet, and part B names a {o.kind} by number",
                                  self.doc.path, hint="import its annexes as part A chapters (--annex I --as A.N)")
        self.nest.roles(self.sel.blocks)
        data = self._when()
        report = self.opts.report[0] if self.opts.report else ""
        if report:
            data["report"] = report
        data[o.kind] = o.number or self.mapping.draft_symbol()
        if o.body.title is None:
            raise CompendiumError(f"the {o.kind} has no title above its text", self.doc.path,
                                  hint="check the first lines of the document")
        data["title"] = self.texts.text(o.body.title)
        data["blocks"] = self.nest.tree(self.sel.blocks)
        annexes = [self._annex(region) for region in o.annexes]
        if annexes:
            data["annexes"] = annexes
        return self._done(data)

    def _annex(self, region: Region) -> dict:
        """An annex: a 'see' to the part A chapter that reproduces it, or its text when none does."""
        out: dict = {}
        if region.title is not None:
            out["title"] = self.texts.text(region.title)
        for ch in next(p for p in self.book.parts if p.id == "A").chapters:
            cited = self.o.number or self.opts.symbol or self.doc.symbol
            if any(r.resolution == cited and (r.annex or "") == region.annex for r in ch.sources):
                out["blocks"] = [{"see": ch.id}]
                self.nest.lines.append(region.title.line if region.title else 0)
                return out
        out["blocks"] = self.nest.tree(region.blocks)
        return out

    def _done(self, data: dict) -> Imported:
        findings = review(self.doc, self.sel.lines, self.texts, self.findings)
        notes: dict[str, str | dict] = dict(self.texts.new_notes)
        if self.opts.since:
            notes = {k: {"since": _edition(self.opts.since), "text": v} for k, v in notes.items()}
        return Imported(self.cid, data, notes, findings, self.nest.lines, self.guessed)


def _edition(name: str) -> int | str:
    """An edition's name as content/ writes it (since: 2023)."""
    return int(name) if name.isdigit() else name


def build(o: Outline, sel: Selection, opts: Options, book: Book, notes: dict[str, str | dict] | None = None) -> Imported:
    """The chapter that `sel` makes, for the part and place `opts.target` names; `notes` are footnotes
    already written where the new ones go (beside the corpus's), whose ids are taken."""
    b = _Builder(o, sel, opts, book, notes or {})
    return b.part_a() if b.part == "A" else b.part_b()
