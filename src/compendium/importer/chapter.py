"""A selection of a document's blocks as a corpus chapter: labels taken off (the corpus generates
them), the blocks nested as the corpus nests them, footnotes named, the source mapping filled in, and
every place where the document and the corpus's numbering disagree reported for review."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..corpus import ids
from ..corpus.model import Book
from ..corpus.symbols import SYMBOL_PATTERN
from ..errors import CompendiumError
from ..readers.blocks import Block, Finding, Span
from ..readers.labels import conventions
from . import inline
from .dates import adopted_at, find_dates
from .outline import Outline, Selection

_KINDS = {1: "para", 2: "sub", 3: "item"}


def _linked(name: str) -> str:
    return rf"(?:\[\[)?(?P<{name}>{SYMBOL_PATTERN})(?:\]\])?"


# the chapeau's footnote naming the report: "CTOC/COP/WG.2/2022/4–CTOC/COP/WG.3/2022/4, paras. 8 and 10."
_REPORT_NOTE = re.compile(rf"^{_linked('a')}(?:\s*[-–]\s*{_linked('b')})?,\s+paras?\.\s+"
                          r"(?P<n>\d+)(?:\s+and\s+(?P<m>\d+))?\.?$")


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
    def __init__(self, o: Outline, sel: Selection, opts: Options, book: Book, notes: dict[str, str | dict]) -> None:
        self.o, self.doc, self.sel, self.opts, self.book = o, o.doc, sel, opts, book
        self.existing = {i: n.text.source for i, n in book.footnotes.items()} | {
            i: " ".join(str(n.get("text", "") if isinstance(n, dict) else n).split()) for i, n in notes.items()}
        self.part, self.ordinal = chapter_id(opts.target)
        self.cid = f"{self.part}.{ids.roman(self.ordinal)}"
        self.findings: list[Finding] = []
        self.notes: dict[str, str] = {}           # mark -> footnote id
        self.new_notes: dict[str, str] = {}       # id -> text
        self.lines: list[int] = []
        self.linked: set[str] = set()
        self.written: list[str] = []              # every text written, to tell which links were used
        self.restore_italics = self.doc.line_word == "line"
        self.override: dict[int, tuple[str, list[Span]]] = {}   # block -> (kind, spans) decided by its role
        self.offset = 0
        self.guessed: set[str] = set()

    def note(self, line: int, what: str) -> None:
        self.findings.append(Finding(line, what))

    # -- inline ------------------------------------------------------------------------------
    def text(self, b: Block, spans: list[Span] | None = None) -> str:
        spans = inline.enrich(spans if spans is not None else b.spans, self._links(b.end or b.line),
                              self.restore_italics)
        kept = []
        for s in spans:
            if s.kind == "note" and s.text not in self.doc.notes:
                self.note(b.line, f"footnote reference {s.text} has no footnote text: the reference was left out")
                continue
            if s.kind == "link":
                self.linked.add(s.target)
            kept.append(s)
        text = inline.markup(kept, self.footnote)
        self.written.append(text)
        return text

    def _links(self, line: int) -> list[str]:
        """The targets of the links printed at the foot of the page that `line` is on."""
        after = [lk for lk in self.doc.links if lk.line >= line]
        return [lk.target for lk in after if lk.line - after[0].line <= 3] if after else []

    def footnote(self, mark: str) -> str:
        if mark in self.notes:
            return self.notes[mark]
        note = self.doc.notes[mark]
        spans = inline.enrich(note.spans, self._links(note.line), self.restore_italics,
                              conventions()["text"]["link_symbols_in_footnotes"])
        for s in spans:
            if s.kind == "link":
                self.linked.add(s.target)
        text = inline.markup([s for s in spans if s.kind != "note"], lambda m: m)
        self.written.append(text)
        base = f"{_slug(text)}-{self.part.lower()}{self.ordinal}"
        fid, k = base, 1
        existing = self.existing
        while (fid in existing and existing[fid] != text) or (fid in self.new_notes and self.new_notes[fid] != text):
            k += 1
            fid = f"{base}-{k}"
        if fid not in existing:
            self.new_notes[fid] = text
        self.notes[mark] = fid
        return fid

    # -- blocks ------------------------------------------------------------------------------
    def tree(self, blocks: list[Block], shift: int = 0) -> list[dict]:
        """Blocks nested as the corpus nests them; with `shift` 1 the one numbered paragraph is the
        chapter's unnumbered chapeau and its subparagraphs stand at the top, still lettered."""
        top: list[dict] = []
        stack: list[tuple[int, dict]] = []
        counters: dict[int, dict[str, int]] = {}
        romans = [b.value for b in blocks if b.kind == "heading" and b.series == "Roman"]
        sections = romans == list(range(1, len(romans) + 1))
        for b in blocks:
            if b.kind == "heading":
                if not self.opts.headings:
                    continue
                kind = "section" if b.series == "Roman" and sections else "heading"
                if b.series == "Letter" or (b.series == "Roman" and not sections):
                    self.note(b.line, f"heading {b.label} imported as an unnumbered heading (the corpus numbers "
                                      "only chapter headings I., II. …)")
                top.append(self._node(kind, b))
                stack = []
                continue
            if b.level <= shift:
                top.append(self._node("text", b))
                stack = []
                continue
            depth = b.level - shift
            while stack and stack[-1][0] >= depth:
                stack.pop()
            kind = _KINDS[b.level]
            node = self._node(kind, b)
            parent = stack[-1][1] if stack else None
            siblings = counters.setdefault(id(parent), {})
            siblings[kind] = siblings.get(kind, 0) + 1
            self._check_label(b, kind, siblings[kind])
            if parent is None:
                top.append(node)
            else:
                parent.setdefault("list", []).append(node)
            stack.append((depth, node))
        return top

    def _node(self, kind: str, b: Block) -> dict:
        self.lines.append(b.line)
        kind, spans = self.override.get(id(b), (kind, None))
        return {kind: self.text(b, spans)}

    def _check_label(self, b: Block, kind: str, n: int) -> None:
        if kind == "para":
            expected = b.value - self.offset
            shown, ours = b.label, f"{n + self.offset}."
        else:
            expected = b.value
            shown, ours = b.label, "(" + ids.token("letter" if kind == "sub" else "roman", n) + ")"
        if expected != n:
            self.note(b.line, f"the document labels this paragraph {shown} but in the chapter it is {ours} "
                              "(the corpus numbers on): check that nothing is missing")

    # -- the chapter -------------------------------------------------------------------------------
    def part_a(self) -> Imported:
        blocks = list(self.sel.blocks)
        numbered = [b for b in blocks if b.series == "number"]
        self.offset = numbered[0].value - 1 if numbered else 0
        single = self.sel.paragraph                # one paragraph: its chapeau and its list are the chapter
        content = self.tree(blocks, shift=1 if single is not None else 0)
        data = self._when()
        report, rules = self._sources(content, single)
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

    def _sources(self, content: list[dict], single: int | None) -> tuple[str, list[dict]]:
        paras = any("para" in n for n in content)
        rules: list[dict] = []
        report = ""
        where = self.sel.lines[0]

        def placed(rule: dict, first: int | None) -> dict:
            if single is not None:
                rule["paragraph"] = single
            elif paras and first is not None:
                rule["offset"] = first - 1
            elif first is not None and not paras:
                rule["paragraph"] = first
            return rule

        if self.opts.report:
            report, n = self.opts.report
            rules.append(placed({"symbol": report}, n if n is not None else (self.offset + 1 if paras else None)))
        elif self.o.kind == "report":
            report = self.opts.symbol or self.doc.symbol
            if report:
                rules.append(placed({"symbol": report}, self.offset + 1 if paras else None))
            else:
                self.note(where, "the document's symbol is not in its text: pass --symbol to map the chapter "
                                 "onto it (no source mapping written)")
        else:
            report, n = self._report_from_note()
            if report:
                rules.append(placed({"symbol": report}, n))
        if self.o.kind in ("resolution", "decision"):
            rule: dict = {}
            if self.o.number:
                rule[self.o.kind] = self.o.number
            elif self.o.kind == "resolution":             # a draft is cited by its symbol until numbered
                rule["resolution"] = self._draft_symbol()
            else:
                self.note(where, f"a draft {self.o.kind} cannot be cited before it has a number: "
                                 "no mapping onto it written")
                return report, rules
            if self.sel.region.annex:
                rule["annex"] = self.sel.region.annex
            if single is not None:
                rule["paragraph"] = single
            elif paras and self.offset:
                rule["offset"] = self.offset
            rules.append(rule)
        return report, rules

    def _draft_symbol(self) -> str:
        symbol = self.opts.symbol or self.doc.symbol
        if not symbol:
            raise CompendiumError(f"the draft {self.o.kind}'s symbol is not in its text", self.doc.path,
                                  hint="pass --symbol, e.g. --symbol CTOC/COP/2022/L.5")
        return symbol

    def _report_from_note(self) -> tuple[str, int | None]:
        """The report and paragraph that a footnote on the chapeau cites ("CTOC/COP/WG.2/2022/4, para. 8")."""
        dash = conventions()["text"]["joint_symbol_dash"]
        for b in self.sel.blocks:
            if b.series:
                break
            for s in b.spans:
                if s.kind != "note" or s.text not in self.notes:
                    continue
                fid = self.notes[s.text]
                text = self.new_notes.get(fid) or self.existing[fid]
                m = _REPORT_NOTE.match(text)
                if not m:
                    continue
                symbol = m.group("a") + (dash + m.group("b") if m.group("b") else "")
                if m.group("m"):
                    self.note(self.doc.notes[s.text].line,
                              f"footnote {s.text} cites paragraphs {m.group('n')} and {m.group('m')} of {symbol}: "
                              f"the chapter is mapped onto paragraph {m.group('n')}; check which recommendations "
                              f"are in paragraph {m.group('m')}")
                return symbol, int(m.group("n"))
        return "", None

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
        self._roles(self.sel.blocks)
        data = self._when()
        report = self.opts.report[0] if self.opts.report else ""
        if report:
            data["report"] = report
        data[o.kind] = o.number or self._draft_symbol()
        if o.body.title is None:
            raise CompendiumError(f"the {o.kind} has no title above its text", self.doc.path,
                                  hint="check the first lines of the document")
        data["title"] = self.text(o.body.title)
        data["blocks"] = self.tree(self.sel.blocks)
        annexes = [self._annex(region) for region in o.annexes]
        if annexes:
            data["annexes"] = annexes
        return self._done(data)

    def _roles(self, blocks: list[Block]) -> None:
        """Chapeau, preambular and operative paragraphs of a resolution, as the corpus writes them."""
        res = conventions()["resolution"]
        chapeau = operative = False
        for b in blocks:
            if b.series == "number":
                operative = True
                spans, found = inline.italicise_opening(b.spans, res["operative_adverbs"]) \
                    if res["operative_italic"] else (b.spans, True)
                if not found:
                    self.note(b.line, f"operative paragraph {b.label} does not open with a verb such as 'Endorses': "
                                      "no italics given; check it")
                self.override[id(b)] = ("para", spans)
            elif b.kind == "para" and not b.series:
                if not chapeau:
                    chapeau = True
                elif not operative:
                    spans = b.spans if res["preambular_italic"] else inline.upright_opening(b.spans)
                    self.override[id(b)] = ("pp", spans)
                else:
                    self.note(b.line, "an unnumbered paragraph after the operative paragraphs: imported as text")

    def _annex(self, region) -> dict:
        """An annex: a 'see' to the part A chapter that reproduces it, or its text when none does."""
        out: dict = {}
        if region.title is not None:
            out["title"] = self.text(region.title)
        for ch in next(p for p in self.book.parts if p.id == "A").chapters:
            cited = self.o.number or self.opts.symbol or self.doc.symbol
            if any(r.resolution == cited and (r.annex or "") == region.annex for r in ch.sources):
                out["blocks"] = [{"see": ch.id}]
                self.lines.append(region.title.line if region.title else 0)
                return out
        out["blocks"] = self.tree(region.blocks)
        return out

    def _done(self, data: dict) -> Imported:
        lo, hi = self.sel.lines
        for mark, note in self.doc.notes.items():
            cited = any(s.kind == "note" and s.text == mark for b in self.doc.blocks for s in b.spans)
            if lo <= note.line <= hi and not cited:
                self.note(note.line, f"footnote {mark} ('{_short(note.spans)}') is cited nowhere in the text "
                                     "(its reference mark was not found): add [^id] where it belongs")
        for lk in self.doc.links:
            if lo <= lk.line <= hi + 3 and lk.target not in self.linked and \
                    not any(lk.target in t for t in self.written):
                self.note(lk.line, f"the page links to {lk.target}, which no imported text names as such: "
                                   "not linked; check the links of this page")
        kept = [f for f in self.doc.findings if f.line == 0 or lo <= f.line <= hi]
        findings = sorted(kept + self.findings, key=lambda f: f.line)
        notes: dict[str, str | dict] = dict(self.new_notes)
        if self.opts.since:
            notes = {k: {"since": _edition(self.opts.since), "text": v} for k, v in notes.items()}
        return Imported(self.cid, data, notes, findings, self.lines, self.guessed)


def _edition(name: str) -> int | str:
    """An edition's name as content/ writes it (since: 2023)."""
    return int(name) if name.isdigit() else name


def _slug(text: str) -> str:
    plain = re.sub(r"\[\[([^\]|]+)(?:\|[^\]]+)?\]\]", r"\1", text).replace("*", "")
    if plain.startswith("Ibid"):
        return "ibid"
    if "Treaty Series" in plain:
        return "treaty-series"
    if inline.SYMBOL_IN_TEXT.match(plain):
        return "report" if re.search(r"\bparas?\.", plain) else "document"
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", plain) if len(w) > 2][:2]
    return "-".join(words) or "note"


def _short(spans: list[Span], n: int = 40) -> str:
    text = "".join(s.text for s in spans)
    return text if len(text) <= n else text[:n - 1] + "…"


def build(o: Outline, sel: Selection, opts: Options, book: Book, notes: dict[str, str | dict] | None = None) -> Imported:
    """The chapter that `sel` makes, for the part and place `opts.target` names; `notes` are footnotes
    already written where the new ones go (beside the corpus's), whose ids are taken."""
    b = _Builder(o, sel, opts, book, notes or {})
    return b.part_a() if b.part == "A" else b.part_b()
