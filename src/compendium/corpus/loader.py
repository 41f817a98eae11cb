"""Read `content/` into the typed model, checking structure as it goes (errors say file:line)."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from . import ids, numerals, walk
from .characters import forbidden_character
from ..errors import CompendiumError
from .markup import MarkupError, NoteRef, parse
from .model import (BLOCK_KINDS, NUMBERED, Annex, Block, Book, Chapter, Decision, Erratum,
                    Footnote, IndexRow, Loc, Part, Section, SourceRef, SourceRule, Text, Topic)
from .symbols import SYMBOL_FIELD
from .yamlio import Map, Seq, line_of, load

CHAPTER_ID = re.compile(r"^[AB]\.[IVXLC]+$")
DOC_NUMBER = re.compile(r"^\d+/\d+$")
TOO_BIG = re.compile(r"\d{5,}")          # no paragraph or range runs to five digits
MAX_ORDINAL = 999                        # meetings and sessions
_WANT = {"str": "text", "Seq": "a list", "Map": "a mapping", "int": "a whole number", "float": "a number"}


class _Reader:
    """Shared state while reading one content tree."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def rel(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root.parent))
        except ValueError:
            return str(path)

    def load(self, path: Path) -> Any:
        return load(path, self.rel(path))

    def load_as(self, path: Path, kind: type, what: str) -> Any:
        """Load a file whose top level must be a mapping (Map) or a list (Seq)."""
        value = self.load(path)
        if not isinstance(value, kind):
            raise CompendiumError(f"{path.name} {what}, not {_kind(value)}", self.rel(path), line_of(value, 1),
                                  hint="see 'Editing the corpus' in README.md")
        return value

    # -- small typed getters -------------------------------------------------
    @staticmethod
    def need(m: Map, key: str, kind: type | tuple[type, ...] = str) -> Any:
        if not isinstance(m, Map):
            raise CompendiumError("expected a mapping here", getattr(m, "file", None), line_of(m))
        if key not in m:
            raise CompendiumError(f"missing key '{key}'", m.file, m.line)
        value = m[key]
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if not isinstance(value, kinds) or isinstance(value, bool) or value == "":
            want = " or ".join(_WANT.get(k.__name__, k.__name__) for k in kinds)
            raise CompendiumError(f"'{key}' must be {want}, not {_kind(value)}", m.file, m.key_lines[key])
        return value

    def optional(self, m: Map, key: str, kind: type | tuple[type, ...], default: Any) -> Any:
        return self.need(m, key, kind) if key in m else default

    @staticmethod
    def only(m: Map, allowed: set[str]) -> None:
        if not isinstance(m, Map):
            raise CompendiumError(f"expected a mapping of keys ({', '.join(sorted(allowed))}), not {_kind(m)}",
                                  getattr(m, "file", None), line_of(m))
        for key in m:
            if key not in allowed:
                raise CompendiumError(f"unknown key '{key}'", m.file, m.key_lines[key],
                                      hint="allowed here: " + ", ".join(sorted(allowed)))

    def text(self, value: Any, file: str, line: int, where: str) -> Text:
        if not isinstance(value, str) or not value.strip():
            raise CompendiumError("expected non-empty text", file, line)
        source = " ".join(value.split()) if "\n" not in value.strip() else value.strip()
        bad = next((ch for ch in source if forbidden_character(ch)), None)
        if bad is not None:
            raise CompendiumError(f"{forbidden_character(bad)} U+{ord(bad):04X} in the text "
                                  f"(column {source.index(bad) + 1})", file, line,
                                  hint="remove it; the editions set direction and line breaks themselves")
        try:
            inlines = parse(source)
        except MarkupError as exc:
            raise CompendiumError(f"inline markup: {exc} (column {exc.col} of the text)", file, line,
                                  hint="see 'Inline markup' in README.md") from None
        return Text(source, inlines, Loc(file, line), where)

    def text_list(self, m: Map, key: str, where: str) -> list[Text]:
        seq = self.need(m, key, Seq)
        return [self.text(v, seq.file, ln, f"{where}") for v, ln in zip(seq, seq.item_lines)]

    def date(self, value: Any, file: str, line: int) -> dt.date:
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise CompendiumError(f"bad date {value!r}", file, line,
                                  hint="write a real date as YYYY-MM-DD") from None

    # -- blocks ------------------------------------------------------------------
    def blocks(self, seq: Any, prefix: str, depth: int = 0) -> list[Block]:
        if not isinstance(seq, Seq):
            raise CompendiumError("expected a list of blocks", getattr(seq, "file", None), line_of(seq))
        counters: dict[str, int] = {}
        out: list[Block] = []
        for item, line in zip(seq, seq.item_lines):
            if isinstance(item, str):
                item = _as_map({"text": item}, seq.file, line)
            if not isinstance(item, Map):
                raise CompendiumError("a block must be a mapping such as 'para: …'", seq.file, line)
            kinds = [k for k in item if k in BLOCK_KINDS]
            if not kinds:
                other = [k for k in item if k != "list"]
                raise CompendiumError(f"unknown block kind '{other[0]}'" if other else "a block without a kind",
                                      item.file, item.key_lines[other[0]] if other else item.line,
                                      hint="a block is one of: " + ", ".join(BLOCK_KINDS))
            if len(kinds) > 1:
                raise CompendiumError(f"a block has one kind, this one has {' and '.join(kinds)}",
                                      item.file, item.line, hint="start a new '- ' item for the second one")
            kind = kinds[0]
            self.only(item, {kind, "list"})
            counters[kind] = n = counters.get(kind, 0) + 1
            block_id = _block_id(prefix, kind, n)
            kline = item.key_lines[kind]
            if kind == "see":
                target = item[kind]
                if not isinstance(target, str) or not CHAPTER_ID.match(target):
                    raise CompendiumError(f"'see' needs a chapter id such as A.V, not {target!r}", item.file, kline)
                block = Block(kind, None, Loc(item.file, kline), block_id, n, target=target, depth=depth)
            else:
                block = Block(kind, self.text(item[kind], item.file, kline, block_id),
                              Loc(item.file, kline), block_id, n, depth=depth)
            if "list" in item:
                block.children = self.blocks(item["list"], block_id, depth + 1)
            out.append(block)
        return out

    # -- chapters ------------------------------------------------------------------
    def chapter(self, path: Path, part: str) -> Chapter:
        m = self.load_as(path, Map, "is a mapping of keys such as 'meeting:' or 'session:'")
        key = "meeting" if part == "A" else "session"
        allowed = {key, "dates", "place", "report", "sources", "blocks"}
        if part == "B":
            allowed |= {"decision", "resolution", "title", "annexes"}
        self.only(m, allowed)
        ordinal = self.need(m, key, int)
        if not 1 <= ordinal <= MAX_ORDINAL:
            raise CompendiumError(f"'{key}' must be 1 or more" if ordinal < 1 else f"'{key}' must be at most {MAX_ORDINAL}",
                                  m.file, m.key_lines[key])
        cid = f"{part}.{numerals.roman(ordinal)}"
        dates = self.need(m, "dates", Seq)
        if len(dates) not in (1, 2):
            raise CompendiumError("'dates' lists the first and last day", m.file, m.key_lines["dates"])
        start = self.date(dates[0], m.file, dates.item_lines[0])
        end = self.date(dates[-1], m.file, dates.item_lines[-1])
        if end < start:
            raise CompendiumError(f"the meeting ends ({end}) before it starts ({start})", m.file,
                                  m.key_lines["dates"], hint="list the first day, then the last")
        report = self.optional(m, "report", str, "")
        if report and not SYMBOL_FIELD.match(report):
            raise CompendiumError(f"'{report}' is not a document symbol", m.file, m.key_lines["report"])
        place = self.optional(m, "place", str, "")
        sources = self.optional(m, "sources", Seq, None)
        rules = [self.rule(r, sources.file, ln) for r, ln in zip(sources, sources.item_lines)] if sources else []
        decision = self.decision(m, cid) if part == "B" else None
        blocks = self.blocks(m["blocks"], cid) if part == "A" and "blocks" in m else []
        return Chapter(cid, part, ordinal, key, start, end, place, report, rules,
                       blocks, decision, Loc(m.file, m.line))

    def rule(self, r: Any, file: str, line: int) -> SourceRule:
        if not isinstance(r, Map):
            raise CompendiumError("a source is a mapping (symbol/offset/paragraph/resolution/annex)", file, line)
        self.only(r, {"symbol", "offset", "paragraph", "resolution", "annex"})
        if ("symbol" in r) == ("resolution" in r):
            raise CompendiumError("a source names either a 'symbol' or a 'resolution'", r.file, r.line)
        if "symbol" in r and not SYMBOL_FIELD.match(str(r["symbol"])):
            raise CompendiumError(f"'{r['symbol']}' is not a document symbol", r.file, r.key_lines["symbol"])
        if "resolution" in r and not DOC_NUMBER.match(str(r["resolution"])):
            raise CompendiumError(f"'{r['resolution']}' is not a resolution number like 7/3", r.file,
                                  r.key_lines["resolution"])
        for k in ("offset", "paragraph"):
            if k in r and (not isinstance(r[k], int) or isinstance(r[k], bool) or abs(r[k]) > 9999):
                raise CompendiumError(f"'{k}' must be a whole number", r.file, r.key_lines[k])
        annex = r.get("annex")
        return SourceRule(str(r.get("symbol", "")), r.get("offset", 0), r.get("paragraph"),
                          str(r.get("resolution", "")), None if annex is None else str(annex), Loc(r.file, r.line))

    def decision(self, m: Map, cid: str) -> Decision:
        kinds = [k for k in ("decision", "resolution") if k in m]
        if len(kinds) != 1:
            raise CompendiumError("a session names one 'decision' or 'resolution' (its number, e.g. 3/4)",
                                  m.file, m.line)
        kind = kinds[0]
        number = str(m[kind])
        if not DOC_NUMBER.match(number):
            raise CompendiumError(f"'{number}' is not a number like 7/3", m.file, m.key_lines[kind])
        title = self.text(self.need(m, "title"), m.file, m.key_lines["title"], f"{cid}.title")
        annexes = []
        seq = self.optional(m, "annexes", Seq, Seq())
        numbered = len(seq) > 1
        for a, line in zip(seq, getattr(seq, "item_lines", [])):
            if not isinstance(a, Map):
                raise CompendiumError("an annex is a mapping with 'title' and 'blocks'", m.file, line)
            self.only(a, {"title", "blocks"})
            number_ = numerals.roman(len(annexes) + 1) if numbered else ""
            aid = f"{cid}.annex" + (f"-{number_}" if number_ else "")
            atitle = self.text(a["title"], a.file, a.key_lines["title"], f"{aid}.title") if "title" in a else None
            annexes.append(Annex(aid, number_, atitle, self.blocks(self.need(a, "blocks", Seq), aid),
                                 Loc(a.file, a.line)))
        blocks = self.blocks(m["blocks"], cid) if "blocks" in m else []
        return Decision(cid, kind, number, title, blocks, annexes, Loc(m.file, m.key_lines[kind]))


def _kind(value: Any) -> str:
    if isinstance(value, Map):
        return "a mapping"
    if isinstance(value, Seq):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return f"the text {value!r}" if len(str(value)) <= 40 else "text"


def _as_map(d: dict, file: str, line: int) -> Map:
    m = Map(d)
    m.file, m.line, m.key_lines = file, line, {k: line for k in d}
    return m


def _block_id(prefix: str, kind: str, n: int) -> str:
    series = NUMBERED.get(kind)
    if series in ("number", "letter", "roman"):
        return f"{prefix}.{ids.token(series, n)}"
    tag = {"pp": "PP.", "text": "p", "heading": "h", "section": "s", "see": "see"}[kind]
    return f"{prefix}.{tag}{n}"


# -- source-document mapping ------------------------------------------------------------
def _tokens(block: Block) -> tuple[str, object]:
    return (NUMBERED[block.kind], block.number)


def _map_sources(book: Book) -> None:
    """Give each numbered block the source paragraphs it reproduces (chapter rules, decisions)."""
    for part in book.parts:
        for ch in part.chapters:
            for top in ch.blocks:
                for rule in ch.sources:
                    _apply_rule(book, ch, rule, top, ())
            if ch.decision:
                doc = (ch.decision.kind, ch.decision.number)
                for b in ch.decision.blocks:
                    _decision_sources(b, ch.report, doc, None, ())
                for annex in ch.decision.annexes:
                    for b in annex.blocks:
                        _decision_sources(b, ch.report, doc, annex.number, ())


def _apply_rule(book: Book, ch: Chapter, rule: SourceRule, block: Block, path: tuple) -> None:
    if block.kind not in ("para", "sub", "item"):
        return
    if not path:  # top level of the chapter
        if block.kind == "para":
            path = (("number", block.number + rule.offset),)
        elif rule.paragraph is not None:
            path = (("number", rule.paragraph), ("letter", block.number))
        else:
            path = (("letter", block.number),)
    else:
        path = path + (_tokens(block),)
    if rule.resolution:
        session = book.resolutions.get(rule.resolution)
        if session is None:
            raise CompendiumError(f"resolution {rule.resolution} is not in part B", rule.loc.file, rule.loc.line)
        ref = SourceRef(session.report, path, ("resolution", rule.resolution), rule.annex or "")
    else:
        ref = SourceRef(rule.symbol, path)
    block.sources.append(ref)
    for child in block.children:
        _apply_rule(book, ch, rule, child, path)


def _decision_sources(block: Block, symbol: str, doc: tuple[str, str], annex: str | None, path: tuple) -> None:
    if block.kind not in ("para", "sub", "item", "pp"):
        return
    path = path + (_tokens(block),)
    block.sources.append(SourceRef(symbol, path, doc, annex))
    for child in block.children:
        _decision_sources(child, symbol, doc, annex, path)


# -- the whole book ------------------------------------------------------------------------------
def load_book(root: Path | str = "content") -> Book:
    """Load and cross-link the corpus; raise CompendiumError on the first structural problem."""
    root = Path(root)
    r = _Reader(root)
    if not root.is_dir():
        raise CompendiumError("content folder not found", str(root),
                              hint="run from the project folder, or pass --content")
    b = r.load_as(root / "book.yaml", Map, "is a mapping of keys such as 'meta:' and 'parts:'")
    r.only(b, {"meta", "cover", "title_page", "copyright", "contents", "introduction", "compendium",
               "parts", "index", "back_cover"})
    meta = r.need(b, "meta", Map)
    intro = r.need(b, "introduction", Map)
    comp = r.need(b, "compendium", Map)
    parts_m = r.need(b, "parts", Map)
    index_m = r.need(b, "index", Map)

    parts: list[Part] = []
    for pid in ("A", "B"):
        chapters: list[Chapter] = []
        seen: dict[int, Chapter] = {}
        folder = root / pid
        if not folder.is_dir():
            raise CompendiumError("folder not found", r.rel(folder),
                                  hint=f"part {pid} chapters live in {r.rel(folder)}/NN.yaml; restore them from git")
        for path in sorted(folder.glob("*.yaml")):
            ch = r.chapter(path, pid)
            if ch.ordinal in seen:
                raise CompendiumError(f"duplicate id {ch.id} (also in {seen[ch.ordinal].loc})",
                                      ch.loc.file, ch.loc.line, hint="each chapter file has its own number")
            seen[ch.ordinal] = ch
            chapters.append(ch)
        if not chapters:
            raise CompendiumError("no chapter files (NN.yaml) in this folder", r.rel(folder),
                                  hint=f"part {pid} needs its chapters; restore them from git")
        chapters.sort(key=lambda c: c.ordinal)
        for expected, ch in enumerate(chapters, 1):
            if ch.ordinal != expected:
                raise CompendiumError(f"chapter {pid}.{numerals.roman(expected)} is missing", ch.loc.file, ch.loc.line)
        pm = r.need(parts_m, pid, str)
        parts.append(Part(pid, r.text(pm, parts_m.file, parts_m.key_lines[pid], f"part {pid}"), chapters))

    book = Book(
        meta={k: str(v) for k, v in meta.items()},
        cover=r.text_list(b, "cover", "cover"),
        title_page=r.text_list(b, "title_page", "title page"),
        copyright=r.text_list(b, "copyright", "copyright page"),
        contents_title=r.text(r.need(b, "contents"), b.file, b.key_lines["contents"], "contents"),
        intro=Section("intro", r.text(r.need(intro, "title"), intro.file, intro.key_lines["title"], "intro.title"),
                      r.blocks(r.need(intro, "blocks", Seq), "intro")),
        compendium=Section("compendium", r.text(r.need(comp, "title"), comp.file, comp.key_lines["title"],
                                                "compendium.title"),
                           r.blocks(r.need(comp, "blocks", Seq), "compendium")),
        parts=parts,
        index_title=r.text(r.need(index_m, "title"), index_m.file, index_m.key_lines["title"], "index title"),
        index_notes=r.text(r.need(index_m, "notes"), index_m.file, index_m.key_lines["notes"], "index notes"),
        topics=[], back_cover=r.text_list(b, "back_cover", "back cover"), footnotes={}, errata=[],
    )
    for part in parts:
        for ch in part.chapters:
            book.chapters[ch.id] = ch
            if ch.decision and ch.decision.kind == "resolution":
                book.resolutions[ch.decision.number] = ch
    for block in walk.all_blocks(book):
        if block.id in book.blocks:
            raise CompendiumError(f"duplicate id {block.id}", block.loc.file, block.loc.line)
        book.blocks[block.id] = block
        if block.kind == "see" and block.target not in book.chapters:
            raise CompendiumError(f"unknown id {block.target}: no such chapter", block.loc.file, block.loc.line)
    _map_sources(book)
    book.footnotes = _footnotes(r, root / "footnotes.yaml")
    _number_footnotes(book)
    book.topics = _topics(r, root / "index.yaml", book)
    errata_path = root / "errata.yaml"
    book.errata = _errata(r, errata_path) if errata_path.exists() else []
    return book


def _footnotes(r: _Reader, path: Path) -> dict[str, Footnote]:
    m = r.load_as(path, Map, "maps each note id to its text")
    out = {}
    for key, value in m.items():
        line = m.key_lines[key]
        out[key] = Footnote(key, r.text(value, m.file, line, f"footnote {key}"), Loc(m.file, line))
    return out


def _number_footnotes(book: Book) -> None:
    n = 0
    for text in walk.texts(book):
        for node in text.inlines:
            if isinstance(node, NoteRef):
                note = book.footnotes.get(node.id)
                if note is None:
                    raise CompendiumError(f"unknown id [^{node.id}]: no such footnote in footnotes.yaml",
                                          text.loc.file, text.loc.line)
                if note.number == 0:
                    n += 1
                    note.number = n


def _topics(r: _Reader, path: Path, book: Book) -> list[Topic]:
    seq = r.load_as(path, Seq, "is a list of topics")
    topics = []
    for t, line in zip(seq, seq.item_lines):
        if not isinstance(t, Map):
            raise CompendiumError("a topic is a mapping with 'topic' and 'rows'", seq.file, line)
        r.only(t, {"topic", "rows"})
        title = r.text(r.need(t, "topic"), t.file, t.key_lines["topic"], "index topic")
        rows = []
        rseq = r.need(t, "rows", Seq)
        for row, rline in zip(rseq, rseq.item_lines):
            via = ""
            if isinstance(row, Map):
                r.only(row, {"via", "refs"})
                via = str(r.need(row, "via", (str, int)))
                if not isinstance(r.need(row, "refs"), str):
                    raise CompendiumError("'refs' must be text such as 'A.VII.17, A.VII.20-22'",
                                          row.file, row.key_lines["refs"])
                if via not in book.resolutions:
                    raise CompendiumError(f"unknown resolution {via}: no part B chapter adopts it",
                                          row.file, row.key_lines["via"])
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
            for ref in refs:
                if ref not in book.blocks or book.blocks[ref].kind not in NUMBERED:
                    raise CompendiumError(f"unknown id {ref}: the index refers to a paragraph that does not exist",
                                          t.file, rline, hint="ids follow the numbering: A.VII.26 is paragraph 26 "
                                                              "of content/A/07.yaml (see README, Editing the corpus)")
            rows.append(IndexRow(refs, via, Loc(t.file, rline)))
        topics.append(Topic(title, rows, Loc(t.file, line)))
    return topics


def _errata(r: _Reader, path: Path) -> list[Erratum]:
    seq = r.load_as(path, Seq, "is a list of errata (topic, row, column, published, derived, why)")
    out = []
    for e, line in zip(seq, seq.item_lines):
        if not isinstance(e, Map):
            raise CompendiumError("an erratum is a mapping (topic, row, column, published, derived, why)",
                                  seq.file, line)
        r.only(e, {"topic", "row", "column", "published", "derived", "why"})
        published = r.optional(e, "published", (str, int, float), "")
        derived = r.optional(e, "derived", (str, int, float), "")
        out.append(Erratum(r.need(e, "topic"), r.need(e, "column"), str(published), str(derived),
                           r.need(e, "why"), Loc(e.file, e.line), r.optional(e, "row", int, 0)))
    return out
