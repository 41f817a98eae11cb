"""Load one edition's view of `content/` into the typed model: book.yaml and the parts read and
cross-checked (chapters in order, ids unique, 'see' targets), then sources mapped, footnotes
numbered, the index and errata read. Each file kind is read by its own module (reading, blocks,
chapters, sources, footnotes, topics, errata); errors say file:line. Importers use
load_book and load_editions_of from here."""
from __future__ import annotations

from pathlib import Path

from . import files, numerals, walk
from .blocks import read_blocks
from .chapters import read_chapter
from .editions import Editions, View, load_editions
from ..errors import CompendiumError
from .errata import read_errata
from .footnotes import number_footnotes, read_footnotes
from .. import schema
from .model import Book, Chapter, Part, Section
from .reading import Reader
from .sources import map_sources
from .topics import Numbering, read_topics
from .yamlio import Map, Seq

ODS_LINK = schema.Text(schema.format_fields(("symbol",), required=("symbol",)),     # meta.odslink
                       hint="e.g. https://documents.un.org/symbol-explorer?s={symbol}")


def load_editions_of(root: Path | str = "content") -> Editions:
    """The editions listed in `root`/editions.yaml, oldest first."""
    root = Path(root)
    if not root.is_dir():
        raise CompendiumError("content folder not found", str(root),
                              hint="run from the project folder, or pass --content")
    return load_editions(root, Reader(root).rel(root / "editions.yaml"))


def load_book(root: Path | str = "content", edition: str | None = None) -> Book:
    """Load and cross-link one edition's view of the corpus (the newest by default); raise
    CompendiumError on the first structural problem."""
    root = Path(root)
    editions = load_editions_of(root)
    view = View(editions, editions.get(edition))
    r = Reader(root, view)
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
    book.footnotes = read_footnotes(r, root / "footnotes.yaml")
    number_footnotes(book)
    book.topics = read_topics(r, root / "index.yaml", book, _numbering(root))
    errata_path = root / "errata.yaml"
    book.errata = read_errata(r, errata_path) if errata_path.exists() else []
    return book


def _numbering(root: Path) -> Numbering:
    """Id -> (file, line) of every numbered block as an edition numbers them, each edition loaded once."""
    numbered: dict[str, dict[str, tuple[str, int]]] = {}

    def numbering(edition: str) -> dict[str, tuple[str, int]]:
        if edition not in numbered:
            book = load_book(root, edition)
            numbered[edition] = {i: (b.loc.file, b.loc.line) for i, b in book.blocks.items()}
        return numbered[edition]
    return numbering
