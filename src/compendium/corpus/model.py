"""The language-neutral document model: what the corpus says, before any language is applied.

Numbering is structural: a block's kind ('para' numbered, 'sub' lettered, 'item' roman)
and its position give its number; its id (A.VII.26, B.III.2.b, B.VI.annex.b.iii) is built
from those numbers, as UN paragraph numbers are the same in every language version.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .markup import Inline

# Kinds of block, and the numbering series each belongs to (None: not numbered).
NUMBERED = {"para": "number", "sub": "letter", "item": "roman", "pp": "pp", "section": "section"}
BLOCK_KINDS = ("para", "sub", "item", "pp", "text", "heading", "section", "see")


@dataclass(frozen=True)
class Loc:
    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass
class Text:
    """A translatable string of the corpus (English source, inline markup parsed)."""

    source: str
    inlines: list[Inline]
    loc: Loc
    where: str  # where it appears in the book, e.g. "A.VII.26" or "cover"


@dataclass(frozen=True)
class SourceRef:
    """The paragraph of a source document that a block reproduces."""

    symbol: str                       # report in which the text appears
    path: tuple[tuple[str, object], ...]  # e.g. (("number", 30),) or (("number", 2), ("letter", 2))
    document: tuple[str, str] | None = None  # ("resolution", "7/3"), ("draft_resolution", "CTOC/COP/2022/L.5")
    annex: str | None = None          # "" for a single annex, "I"/"II" for numbered ones


@dataclass
class Block:
    kind: str
    text: Text | None
    loc: Loc
    id: str = ""
    number: int = 0                   # 1-based place in its numbering series
    children: list[Block] = field(default_factory=list)
    target: str = ""                  # for kind 'see': the chapter id referred to
    sources: list[SourceRef] = field(default_factory=list)
    depth: int = 0                    # nesting level (0 = top of its container)


@dataclass
class Annex:
    id: str
    number: str                       # "" for a single annex, else "I", "II", …
    title: Text | None
    blocks: list[Block]
    loc: Loc


@dataclass
class Decision:
    id: str
    kind: str                         # "decision" | "resolution" | "draft_resolution"
    number: str                       # "7/3"; a draft's symbol ("CTOC/COP/2022/L.5") until it has one
    title: Text
    blocks: list[Block]
    annexes: list[Annex]
    loc: Loc


@dataclass
class SourceRule:
    """How a chapter's numbered paragraphs map onto a source document's paragraphs."""

    symbol: str = ""
    offset: int = 0                   # paragraph n is paragraph n+offset of the source
    paragraph: int | None = None      # the chapter's lettered items are subparagraphs of this one
    resolution: str = ""              # cited through this resolution's annex (its number or draft symbol)
    annex: str | None = None
    loc: Loc | None = None
    covers: tuple[int, int] | None = None  # only the chapter's top-level items first..last (1-based)
    first: int = 0                    # …the first of which is source item `first` (0: the same number)


@dataclass
class Chapter:
    id: str                           # "A.VII"
    part: str                         # "A" | "B"
    ordinal: int                      # 7
    kind: str                         # "meeting" | "session"
    start: dt.date
    end: dt.date
    report: str                       # symbol of the report the chapter comes from
    sources: list[SourceRule]
    blocks: list[Block]
    decision: Decision | None
    loc: Loc
    adopted: int | None = None        # the later meeting that adopted what this one discussed
    key_lines: dict[str, int] = field(default_factory=dict)  # line of each key of the chapter file


@dataclass
class Part:
    id: str
    title: Text
    chapters: list[Chapter]


@dataclass
class Section:
    id: str
    title: Text
    blocks: list[Block]


@dataclass
class Footnote:
    id: str
    text: Text
    loc: Loc
    number: int = 0                   # assigned in order of first citation


@dataclass
class IndexRow:
    refs: list[str]                   # compendium ids
    via: str                          # resolution number the refs are cited through, or ""
    loc: Loc


@dataclass
class Topic:
    title: Text
    rows: list[IndexRow]
    loc: Loc


@dataclass
class Erratum:
    """A documented difference between an edition's published index and the derived one.

    The row is named by its topic and document symbol (and resolution/decision when the topic
    cites one symbol in several rows), as the derived index has them, never by position.
    """

    edition: str
    topic: str
    symbol: str
    document: str                     # "" when the symbol names the row on its own
    column: str
    published: str
    derived: str
    why: str
    loc: Loc


@dataclass
class Book:
    edition: str                      # the edition this book is the view of ("2023")
    status: str                       # that edition's status: "published" | "draft"
    fields: dict[str, str]            # {year}, {meetings}, {sessions}: filled into the texts
    meta: dict[str, str]
    cover: list[Text]
    title_page: list[Text]
    copyright: list[Text]
    contents_title: Text
    intro: Section
    compendium: Section
    parts: list[Part]
    index_title: Text
    index_notes: Text
    topics: list[Topic]
    back_cover: list[Text]
    footnotes: dict[str, Footnote]
    errata: list[Erratum]
    blocks: dict[str, Block] = field(default_factory=dict)      # every id'd block
    chapters: dict[str, Chapter] = field(default_factory=dict)
    resolutions: dict[str, Chapter] = field(default_factory=dict)  # "7/3" (or a draft symbol) -> its session

