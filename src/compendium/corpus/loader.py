"""Read `content/` into the typed model, checking structure as it goes (errors say file:line)."""
from __future__ import annotations

import re
from pathlib import Path

from . import files, ids, numerals, walk
from .editions import Editions, View, load_editions
from ..errors import CompendiumError
from .. import schema
from .markup import NoteRef
from .blocks import read_blocks
from .chapters import read_chapter
from .model import NUMBERED, Book, Chapter, Erratum, Footnote, IndexRow, Loc, Part, Section, Topic
from .reading import EDITION_KEYS, Reader
from .sources import map_sources
from .yamlio import Map, Seq

TOO_BIG = re.compile(r"\d{5,}")          # no paragraph or range runs to five digits
ODS_LINK = schema.Text(schema.format_fields(("symbol",), required=("symbol",)),     # meta.odslink
                       hint="e.g. https://documents.un.org/symbol-explorer?s={symbol}")


class _Reader(Reader):
    """A reader that also reads the chapters and the numbering of other editions."""

    def __init__(self, root: Path, view: View | None = None) -> None:
        super().__init__(root, view)
        self._numbering: dict[str, dict[str, tuple[str, int]]] = {}

    def numbering(self, edition: str) -> dict[str, tuple[str, int]]:
        """Id -> (file, line) of every numbered block as edition `edition` numbers them."""
        if edition not in self._numbering:
            book = load_book(self.root, edition)
            self._numbering[edition] = {i: (b.loc.file, b.loc.line) for i, b in book.blocks.items()}
        return self._numbering[edition]


# -- the whole book ------------------------------------------------------------------------------
def load_editions_of(root: Path | str = "content") -> Editions:
    """The editions listed in `root`/editions.yaml, oldest first."""
    root = Path(root)
    if not root.is_dir():
        raise CompendiumError("content folder not found", str(root),
                              hint="run from the project folder, or pass --content")
    return load_editions(root, _Reader(root).rel(root / "editions.yaml"))


def load_book(root: Path | str = "content", edition: str | None = None) -> Book:
    """Load and cross-link one edition's view of the corpus (the newest by default); raise
    CompendiumError on the first structural problem."""
    root = Path(root)
    editions = load_editions_of(root)
    view = View(editions, editions.get(edition))
    r = _Reader(root, view)
    b = r.load_as(root / "book.yaml", Map, "is a mapping of keys such as 'meta:' and 'parts:'")
    r.only(b, {"meta", "cover", "title_page", "copyright", "contents", "introduction", "compendium",
               "parts", "index", "back_cover"})
    meta = r.need(b, "meta", Map)
    if "year" in meta:
        raise CompendiumError("the year is a fact of each edition, not of the corpus", meta.file,
                              meta.key_lines["year"], hint="remove it; content/editions.yaml gives each edition's year")
    if "odslink" in meta:                  # the address of a document symbol: {symbol} filled per link
        ODS_LINK.check(meta["odslink"], schema.Source(meta.file, {("meta", "odslink"): meta.key_lines["odslink"]}, "yaml"),
                       ("meta", "odslink"))
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
        for path in files.chapter_files(folder, r.rel):
            ch = read_chapter(r, path, pid)
            if ch is None:
                continue
            if ch.ordinal in seen:
                raise CompendiumError(f"duplicate id {ch.id} (also in {seen[ch.ordinal].loc})",
                                      ch.loc.file, ch.loc.line, hint="each chapter file has its own number")
            seen[ch.ordinal] = ch
            chapters.append(ch)
        if not chapters:
            raise CompendiumError(f"no chapter files (NN.yaml) of edition {view.edition.name} in this folder",
                                  r.rel(folder), hint=f"part {pid} needs its chapters; restore them from git")
        chapters.sort(key=lambda c: c.ordinal)
        # Working Group meetings run on without a gap; a Conference session that adopted nothing on
        # technical assistance has no chapter.
        for expected, ch in enumerate(chapters, 1):
            if pid == "A" and ch.ordinal != expected:
                raise CompendiumError(f"chapter {pid}.{numerals.roman(expected)} is missing", ch.loc.file, ch.loc.line)
        pm = r.need(parts_m, pid, (str, Map))
        parts.append(Part(pid, r.text(pm, parts_m.file, parts_m.key_lines[pid], f"part {pid}"), chapters))

    fields = {"year": view.edition.year, "meetings": str(parts[0].chapters[-1].ordinal),
              "sessions": str(parts[1].chapters[-1].ordinal)}
    book = Book(
        edition=view.edition.name, status=view.edition.status, fields=fields,
        meta={k: str(v) for k, v in meta.items()} | {"year": view.edition.year},
        cover=r.text_list(b, "cover", "cover"),
        title_page=r.text_list(b, "title_page", "title page"),
        copyright=r.text_list(b, "copyright", "copyright page"),
        contents_title=r.need_text(b, "contents", "contents"),
        intro=Section("intro", r.need_text(intro, "title", "intro.title"), read_blocks(r, r.need(intro, "blocks", Seq), "intro")),
        compendium=Section("compendium", r.need_text(comp, "title", "compendium.title"),
                           read_blocks(r, r.need(comp, "blocks", Seq), "compendium")),
        parts=parts,
        index_title=r.need_text(index_m, "title", "index title"),
        index_notes=r.need_text(index_m, "notes", "index notes"),
        topics=[], back_cover=r.text_list(b, "back_cover", "back cover"), footnotes={}, errata=[],
    )
    for part in parts:
        for ch in part.chapters:
            book.chapters[ch.id] = ch
            if ch.decision and ch.decision.kind in ("resolution", "draft_resolution"):
                book.resolutions[ch.decision.number] = ch
    for block in walk.all_blocks(book):
        if block.id in book.blocks:
            raise CompendiumError(f"duplicate id {block.id}", block.loc.file, block.loc.line)
        book.blocks[block.id] = block
        if block.kind == "see" and block.target not in book.chapters:
            raise CompendiumError(f"unknown id {block.target}: no such chapter", block.loc.file, block.loc.line)
        if block.kind == "see" and not block.target.startswith("A."):
            raise CompendiumError(f"see: {block.target} is a Conference session; 'see' sends the reader to the "
                                  "recommendations of a Working Group meeting", block.loc.file, block.loc.line,
                                  hint="name a part A chapter, e.g. see: A.V")
    map_sources(book)
    book.footnotes = _footnotes(r, root / "footnotes.yaml")
    _number_footnotes(book)
    book.topics = _topics(r, root / "index.yaml", book)
    errata_path = root / "errata.yaml"
    book.errata = _errata(r, errata_path) if errata_path.exists() else []
    return book


def _footnotes(r: _Reader, path: Path) -> dict[str, Footnote]:
    """Note id -> text; a note of some editions only is written {text: …, since: …}."""
    m = r.load_as(path, Map, "maps each note id to its text")
    out = {}
    for key, value in m.items():
        line = m.key_lines[key]
        if isinstance(value, Map) and "text" in value:
            r.only(value, {"text"} | EDITION_KEYS)
            if not r.holds(value):
                continue
            value, line = value["text"], value.key_lines["text"]
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
                refs = _renumber(r, refs, numbered_in, book, t.file, rline)
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


def _renumber(r: _Reader, refs: list[str], edition: str, book: Book, file: str, line: int) -> list[str]:
    """Ids written as `edition` numbers them, as this view numbers the same paragraphs: a paragraph
    added before them in a later edition moves the index with it."""
    then = r.numbering(edition)
    now = {(b.loc.file, b.loc.line): i for i, b in book.blocks.items()}
    out = []
    for ref in refs:
        if ref not in then:
            raise CompendiumError(f"unknown id {ref}: the index refers to a paragraph that does not exist in "
                                  f"edition {edition}, where this row first appears", file, line,
                                  hint="a row's ids are numbered as in its first edition (its since:)")
        if then[ref] not in now:
            raise CompendiumError(f"{ref} (as numbered in edition {edition}) is not in edition {book.edition}",
                                  file, line, hint=f"end the row with 'until:' the last edition that has it")
        out.append(now[then[ref]])
    return out


ERRATUM_KEYS = ("edition", "topic", "symbol", "document", "column", "published", "derived", "why")
ERRATUM_COLUMNS = ("symbol", "document", "paragraphs", "compendium", "shaded", "row")


def _errata(r: _Reader, path: Path) -> list[Erratum]:
    """The errata of the edition loaded: differences between its printed index and the derived one."""
    seq = r.load_as(path, Seq, "is a list of errata (edition, topic, symbol, column, published, derived, why)")
    out = []
    for e, line in zip(seq, seq.item_lines):
        if not isinstance(e, Map):
            raise CompendiumError("an erratum is a mapping (edition, topic, symbol, column, published, derived, why)",
                                  seq.file, line)
        if "row" in e:
            raise CompendiumError("errata name their row by topic and document symbol, not by position",
                                  e.file, e.key_lines["row"],
                                  hint="replace 'row:' by 'symbol:' (and 'document:' if the topic cites the symbol twice)")
        r.only(e, set(ERRATUM_KEYS))
        edition = r.need(e, "edition", (str, int))
        r.view.editions.rank(edition, e.file, e.key_lines["edition"])
        column = r.need(e, "column")
        if column not in ERRATUM_COLUMNS:
            raise CompendiumError(f"column '{column}' is not one of {', '.join(ERRATUM_COLUMNS)}", e.file,
                                  e.key_lines["column"])
        if str(edition) != r.view.edition.name:
            continue
        published = r.optional(e, "published", (str, int, float), "")
        derived = r.optional(e, "derived", (str, int, float), "")
        out.append(Erratum(str(edition), r.need(e, "topic"), r.need(e, "symbol"), r.optional(e, "document", str, ""),
                           column, str(published), str(derived), r.need(e, "why"), Loc(e.file, e.line)))
    return out