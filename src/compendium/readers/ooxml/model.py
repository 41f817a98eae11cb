"""What the OOXML reader gives: paragraphs of spans, comments, styles."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Span:
    """A stretch of text with one set of properties ("\\t" for a tab, "\\n" for a line break)."""
    text: str
    italic: bool = False
    char_style: str = ""      # character style name
    url: str = ""             # target of an external hyperlink
    anchor: str = ""          # bookmark an internal hyperlink points at
    note: str = ""            # w:id of a footnote reference (text is "")
    custom_mark: bool = False # the footnote reference prints the next run's text ("*"), not a number
    field: str = ""           # instruction of the innermost field whose result this is
    inserted: bool = False    # inside a tracked insertion (w:ins, w:moveTo)
    deleted: bool = False     # inside a tracked deletion (reject view only)


@dataclass
class Paragraph:
    style: str                                  # paragraph style name
    spans: list[Span] = field(default_factory=list)
    bookmarks: list[str] = field(default_factory=list)
    comments: dict[str, tuple[int, int | None]] = field(default_factory=dict)   # id -> (start, end)
    cell: tuple[int, int, int] | None = None    # (table, row, grid column) for a paragraph in a table
    note: str = ""                              # w:id of the footnote holding it
    tracked: bool = False                       # a tracked change touched it
    page_break: bool = False
    joined: int = 1                             # paragraphs it is made of (a deleted mark joins two)
    mark: str = ""                              # "inserted" | "deleted": a tracked change of its mark
    num: tuple[str, int] | None = None          # Word numbering: (numId, level), from the paragraph or its style
    label: str = ""                             # the label that numbering prints ("1.", "(a)")
    label_format: str = ""                      # its w:numFmt: decimal, lowerLetter, lowerRoman, upperRoman …
    outline: int | None = None                  # outline level (0 = top) from the paragraph or its style

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)

    def quoted(self, comment_id: str) -> str:
        start, end = self.comments[comment_id]
        return self.text[start:end]


@dataclass
class Comment:
    id: str
    author: str
    date: str
    text: str


@dataclass
class Style:
    name: str
    kind: str
    based_on: str = ""
    italic: bool | None = None
    num: tuple[str, int] | None = None
    outline: int | None = None
    default: bool = False
