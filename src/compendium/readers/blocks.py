"""What a reader makes of a UN document: typed blocks with their source lines, before any corpus id.

A reader (untext, undocx) knows the document's form (page breaks, Word numbering …) and nothing of the
corpus; `compendium.importer` turns these blocks into a chapter, as Pandoc keeps readers from writers.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# label series: paragraph numbers, subparagraph letters, second-degree romans, and heading labels
LEVELS = {"number": 1, "letter": 2, "roman": 3}
HEADING_SERIES = ("Roman", "Letter")


@dataclass
class Span:
    """A run of inline content: plain text, emphasis, a footnote reference or a document link."""

    kind: str                 # "text" | "emph" | "note" | "link"
    text: str                 # note: the document's footnote mark ("3", "*")
    target: str = ""          # link: the document symbol it opens


@dataclass
class Block:
    """One paragraph of the document, its label taken off."""

    kind: str                 # "heading" | "para" | "annex"
    spans: list[Span]
    line: int                 # first source line (DOCX: paragraph number in the body)
    label: str = ""           # the label as printed: "1.", "(a)", "(i)", "A.", "II.", annex "I"
    series: str = ""          # "number" | "letter" | "roman" | "Roman" | "Letter" | ""
    value: int = 0            # the label's number (b → 2, iii → 3)
    end: int = 0              # last source line

    @property
    def level(self) -> int:
        """1 paragraph, 2 subparagraph, 3 second degree, 0 unnumbered or heading."""
        return LEVELS.get(self.series, 0)

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans if s.kind != "note")


@dataclass
class Note:
    """A footnote: the mark printed at the foot of the page and its text."""

    mark: str
    spans: list[Span]
    line: int


@dataclass
class Finding:
    """A place the reader was unsure of, for the review report (file:line: what)."""

    line: int
    what: str


@dataclass
class Link:
    """A hyperlink of the document (e.g. the undocs.org address printed at a page foot)."""

    target: str               # the document symbol it opens
    line: int


@dataclass
class Document:
    path: str
    blocks: list[Block]
    notes: dict[str, Note] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    symbol: str = ""          # the document's own symbol (running heads, DOCX header)
    findings: list[Finding] = field(default_factory=list)
    line_word: str = "line"   # how a place is counted in the review ("line", "paragraph")


def tidy(spans: list[Span]) -> list[Span]:
    """Whitespace collapsed across spans, no empty spans, neighbours of one kind merged, the spaces at
    the edges of an emphasis moved outside it, and no space before a footnote mark."""
    out: list[Span] = []
    for s in spans:
        if s.kind in ("text", "emph", "link"):
            s = Span(s.kind, " ".join(s.text.replace("\t", " ").split(" ")), s.target)
            s.text = _collapse(s.text)
        if s.kind != "note" and not s.text:
            continue
        if s.kind == "emph" and s.text.strip() != s.text:
            lead, core, trail = _edges(s.text)
            for piece in (Span("text", lead), Span("emph", core), Span("text", trail)):
                if piece.text:
                    _push(out, piece)
            continue
        _push(out, s)
    # collapse spaces across span borders; strip the paragraph's ends
    prev_space = True
    for s in out:
        if s.kind == "note":
            continue
        if prev_space and s.text.startswith(" "):
            s.text = s.text.lstrip(" ")
        if s.text:
            prev_space = s.text.endswith(" ")
    for i, s in enumerate(out):
        if s.kind == "note" and i > 0 and out[i - 1].kind != "note":
            out[i - 1].text = out[i - 1].text.rstrip(" ")
    while out and out[-1].kind != "note" and not out[-1].text.strip():
        out.pop()
    if out and out[-1].kind != "note":
        out[-1].text = out[-1].text.rstrip()
    return [s for s in out if s.kind == "note" or s.text]


def _collapse(text: str) -> str:
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() and text.strip() else ""
    core = " ".join(text.split())
    return (lead + core + trail) if core else (" " if text else "")


def _edges(text: str) -> tuple[str, str, str]:
    core = text.strip()
    return (" " if text[:1].isspace() else ""), core, (" " if text[-1:].isspace() else "")


def _push(out: list[Span], s: Span) -> None:
    if out and out[-1].kind == s.kind and s.kind in ("text", "emph") :
        out[-1].text += s.text
    elif out and out[-1].kind == "link" and s.kind == "link" and out[-1].target == s.target:
        out[-1].text += s.text
    else:
        out.append(Span(s.kind, s.text, s.target))
