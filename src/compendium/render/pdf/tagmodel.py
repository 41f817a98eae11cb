"""The structure tree to be, as `tags.collect` finds it and `tags.write_tree` writes it: a `Node` per HTML
element with a role (`ROLES`, or `data-tag` in the template), a `Mark` per text box drawn, and the
`Layout` of the whole document."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# HTML element -> standard structure type (ISO 32000-1, 14.8.4); absent: text goes to the parent
ROLES = {
    "p": "P", "h1": "H1", "h2": "H2", "h3": "H3", "h4": "H4", "h5": "H5", "h6": "H6",
    "section": "Sect", "div": "Div", "nav": "Sect", "article": "Art", "blockquote": "BlockQuote",
    "ol": "L", "ul": "L", "li": "LI", "table": "Table", "thead": "THead", "tbody": "TBody",
    "tfoot": "TFoot", "tr": "TR", "th": "TH", "td": "TD", "a": "Link", "caption": "Caption",
}


@dataclass(eq=False)
class Node:
    """One structure element to be: an HTML element (or one of its pseudo-elements) with a role."""
    role: str
    element: Any
    parent: Node | None
    key: float = float("inf")              # reading order among siblings: the first box drawn
    kids: list = field(default_factory=list)   # Node or Mark, in the order met
    annots: list[tuple[int, int]] = field(default_factory=list)  # (page index, annotation object number)
    lang: str | None = None
    first_page: int | None = None
    attrs: dict | None = None              # table cells: /A (ColSpan, RowSpan, Scope, Headers)
    id: str | None = None                  # /ID (header cells, notes)


@dataclass(eq=False)
class Mark:
    """One text box as WeasyPrint drew it: its marked content on page `page` at (x, y)."""
    page: int
    x: float
    y: float
    key: float
    text: str
    node: Node | None            # None: an artifact
    artifact: str = "Layout"     # Pagination (running heads, folios, repeated heads) or Layout
    mcid: int | None = None      # new marked-content id, set when the page is rewritten
    line_end: bool = False       # last text of a line that the next line continues (a space was dropped)
    rtl: bool = False            # set right to left (drawn in visual order)


@dataclass
class Layout:
    """What `collect` found: the root node, the marks of each page, link annotations' nodes."""
    root: Node
    marks: list[list[Mark]]
    links: dict[int, Node]
    lang: str
