"""The localized tree: one language's book, ready for thin renderers (PDF, DOCX, text).

Every label, heading, date, footnote number and index cell is already final text here;
renderers only lay it out.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass
class Run:
    kind: str                 # "text" | "emph" | "note" | "link" | "notesep" (between two adjacent notes)
    text: str
    href: str = ""            # for links: the ODS address
    note: int = 0             # for notes: the footnote number
    first: bool = False       # for notes: its first citation in reading order (Book.texts), where
                              # the writers set the note's text; later citations are marks only


@dataclass
class Para:
    id: str
    kind: str                 # model block kind; "see" becomes "text"
    label: str
    runs: list[Run]
    depth: int = 0
    children: list[Para] = field(default_factory=list)
    fallback: bool = False    # English shown because the translation is missing or fuzzy


@dataclass
class Heading:
    id: str
    level: int                # 1 part/section, 2 chapter, 3 decision, 4 title/annex
    label: str
    runs: list[Run]
    fallback: bool = False

    @property
    def text(self) -> str:
        return plain(self.runs)


@dataclass
class Annex:
    heading: Heading
    title: Heading | None
    blocks: list[Para]


@dataclass
class Decision:
    heading: Heading
    title: Heading
    blocks: list[Para]
    annexes: list[Annex]


@dataclass
class Chapter:
    heading: Heading
    blocks: list[Para]
    decision: Decision | None


@dataclass
class Part:
    heading: Heading
    chapters: list[Chapter]


@dataclass
class Section:
    heading: Heading
    blocks: list[Para]


@dataclass
class Segment:
    text: str
    target: str = ""          # compendium id this part of a cell links to


@dataclass
class Row:
    topic: str                # topic title on every row; renderers show it on the first only
    first: bool
    symbol: str
    document: str
    paragraphs: list[str]     # cell lines
    compendium: list[list[Segment]]  # cell lines of linked segments
    shaded: bool
    refs: list[str]
    english: set[str] = field(default_factory=set)   # cells ("document", "paragraphs", "compendium")
                                                     # holding a template string shown in English


@dataclass
class Topic:
    title: str
    rows: list[Row]
    fallback: bool = False


@dataclass
class Index:
    heading: Heading
    notes: str
    columns: dict[str, str]
    topics: list[Topic]
    english: set[str] = field(default_factory=set)   # column heads shown in English


@dataclass
class Note:
    id: str
    number: int
    runs: list[Run]
    fallback: bool = False


@dataclass
class ContentsEntry:
    level: int
    label: str
    text: str
    target: str


@dataclass
class Book:
    lang: str
    direction: str
    meta: dict[str, str]
    ui: dict[str, str]        # translated fixed strings, by key
    cover: list[list[Run]]
    title_page: list[list[Run]]
    copyright: list[list[Run]]
    contents_title: str
    contents: list[ContentsEntry]
    intro: Section
    compendium: Section
    parts: list[Part]
    index: Index
    back_cover: list[list[Run]]
    notes: dict[int, Note]
    fallbacks: list[str]      # book references of texts shown in English
    draft_note: str           # "Draft edition: n of m messages …", empty when complete
    tight_after: str = ""     # label endings that need no space before the text ("、" in Chinese)
    edition_draft: bool = False  # the edition itself is a draft (content/editions.yaml), in every language
    in_step: bool = True      # the catalogue holds exactly the messages of the text (messages/step.py)
    ui_english: list[str] = field(default_factory=list)   # template strings shown in English, by key
    english: set[str] = field(default_factory=set)  # plain slots shown in English: "cover.0", "title_page.2",
                                            # "copyright.1", "back_cover.0", "contents_title", "index.notes", "draft_note"

    def __post_init__(self) -> None:
        """Mark the first citation of each note (Run.first), once for every writer."""
        cited: set[int] = set()
        for runs in self.texts():
            for r in runs:
                if r.kind == "note" and r.note not in cited:
                    cited.add(r.note)
                    r.first = True

    def texts(self) -> Iterator[list[Run]]:
        """Every text of the book in reading order, as the writers set it: the cover, title and
        copyright lines, each heading and paragraph of flow() (a paragraph before its children),
        the back cover. (Contents entries and index cells are plain strings.)"""
        yield from self.cover
        yield from self.title_page
        yield from self.copyright
        for item in self.flow():
            yield from _texts(item)
        yield from self.back_cover

    def flow(self) -> Iterator[Heading | Para]:
        """Headings and top-level paragraphs from the introduction to the last annex, in reading order."""
        for section in (self.intro, self.compendium):
            yield section.heading
            yield from section.blocks
        for part in self.parts:
            yield part.heading
            for ch in part.chapters:
                yield ch.heading
                yield from ch.blocks
                if ch.decision:
                    d = ch.decision
                    yield d.heading
                    yield d.title
                    yield from d.blocks
                    for a in d.annexes:
                        yield a.heading
                        if a.title:
                            yield a.title
                        yield from a.blocks

    def label_text(self, label: str, text: str) -> str:
        """A label and its text on one line, as the text proof writes them."""
        if not label:
            return text
        return label + ("" if label[-1] in self.tight_after else " ") + text

    @property
    def draft(self) -> bool:
        """An edition is a draft while any text falls back to English, its catalogue is out of step,
        or the edition is one."""
        return bool(self.fallbacks) or not self.in_step or self.edition_draft


def _texts(item: Heading | Para) -> Iterator[list[Run]]:
    yield item.runs
    for child in getattr(item, "children", []):
        yield from _texts(child)


def plain(runs: list[Run]) -> str:
    """The text of runs, without footnote marks."""
    return "".join(r.text for r in runs if r.kind != "note")
