"""The compendium's own DOCX read back: paragraphs grouped as the writer made them, in shown form.

The DOCX writer (render/docx.py) puts a bookmark p_<id> on every body paragraph and heading, real
footnotes, styles named for what they hold (Cover Text, Copyright Text, TOC Heading, toc 1–3, Index
Cell …) and one table, the thematic index. Reading reverses it: a paragraph's runs become its shown
form (`*emphasis*` where the edition shows it, `[^note-id]`, `[[text|symbol]]`), footnote references
are numbered as Word numbers them (in order of reference, counted in the text before the editor's
changes, so an inserted note is recognised as new), and each paragraph is given the group, ids and
comments the alignment needs.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..readers.ooxml import Package, Paragraph
from .expect import Edition, symbol_of
from .shown import Display, Piece, compose

FRONT = {"cover acronym": "cover", "cover text": "cover", "title": "cover", "subtitle": "cover",
         "title page text": "title_page", "title page title": "title_page", "copyright text": "copyright",
         "toc heading": "contents", "back cover text": "back", "draft note": "draft",
         "index head": "index_head", "index cell": "index_cell", "index notes": "index_notes"}
EMPHASIS_STYLE = "compendium emphasis"


@dataclass
class Found:
    group: str                      # as expect.Item.group
    text: str                       # shown form of the paragraph (label included)
    para: Paragraph
    ids: list[str] = field(default_factory=list)   # compendium ids of its p_ bookmarks
    order: int = 0
    note: int = 0                   # footnotes: the number Word gives it
    cell: tuple[int, int] | None = None   # index cells: (row, grid column)
    new_notes: int = 0              # footnote references the editor added
    comments: list[str] = field(default_factory=list)   # ids of comments anchored here


@dataclass
class Reading:
    view: str
    body: list[Found]               # everything in the main document, in order
    notes: list[Found]              # footnotes by number (Word's numbering)


def read(pkg: Package, ed: Edition, view: str) -> Reading:
    """The DOCX in one view of its tracked changes ("accept" or "reject")."""
    original = pkg.paragraphs("reject")
    paragraphs = original if view == "reject" else pkg.paragraphs("accept")
    numbers: dict[str, int] = {}
    for p in original:                         # Word numbers footnotes in order of reference
        for s in p.spans:
            if s.note and s.note not in numbers:
                numbers[s.note] = len(numbers) + 1
    reader = _Shown(ed, numbers)
    body: list[Found] = []
    cells: dict[tuple[int, int], list[Paragraph]] = {}
    first: dict[tuple[int, int], int] = {}
    for order, p in enumerate(paragraphs):
        if p.cell is not None and p.cell[0] == 0:          # the index table: one item per cell
            cells.setdefault(p.cell[1:], []).append(p)
            first.setdefault(p.cell[1:], order)
            continue
        style = p.style.lower()
        group = FRONT.get(style) or ("toc" if style.startswith("toc ") else "body")
        text, new = reader.paragraph(p, plain=group == "index_notes")
        ids = [ed.bookmarks[b] for b in p.bookmarks if b in ed.bookmarks]
        body.append(Found(group, text, p, list(dict.fromkeys(ids)), order, new_notes=new,
                          comments=list(p.comments)))
    for (row, col), paras in sorted(cells.items()):
        texts = [reader.paragraph(p, plain=True)[0] for p in paras]
        merged = Paragraph(paras[0].style, [s for p in paras for s in p.spans], [b for p in paras for b in p.bookmarks],
                           {c: r for p in paras for c, r in p.comments.items()}, paras[0].cell)
        merged.tracked = any(p.tracked for p in paras)
        group = "index_head" if row < 2 else "index_cell"
        body.append(Found(group, "\n".join(texts), merged, [], first[(row, col)], cell=(row, col),
                          comments=list(merged.comments)))
    body.sort(key=lambda f: f.order)
    notes: list[Found] = []
    for wid, paras in pkg.footnotes(view).items():
        text = "\n".join(reader.paragraph(p, footnote=True)[0] for p in paras).strip()
        merged = Paragraph(paras[0].style if paras else "", [s for p in paras for s in p.spans], [],
                           {c: r for p in paras for c, r in p.comments.items()})
        merged.tracked = any(p.tracked for p in paras)
        merged.note = wid
        notes.append(Found("note", text, merged, [], note=numbers.get(wid, 0), comments=list(merged.comments)))
    return Reading(view, body, notes)


class _Shown:
    """Runs of a paragraph -> its shown form."""

    def __init__(self, ed: Edition, numbers: dict[str, int]) -> None:
        self.ed = ed
        self.numbers = numbers
        self.display: Display = ed.display
        self.link = ed.book.meta.get("odslink", "{symbol}")
        self.bookmark_notes = {f"fn_{n}": n for n in ed.notes}

    def note_id(self, number: int) -> str:
        return self.ed.notes.get(number, f"new-{number}")

    def paragraph(self, p: Paragraph, footnote: bool = False, plain: bool = False) -> tuple[str, int]:
        pieces: list[Piece] = []
        new = 0
        last_field = None
        for s in p.spans:
            if s.note:
                number = self.numbers.get(s.note)
                if number is None:
                    new += 1
                    pieces.append(Piece("note", f"new-{s.note}"))
                else:
                    pieces.append(Piece("note", self.note_id(number)))
                continue
            if s.field.startswith("NOTEREF"):
                if s.field != last_field:
                    parts = s.field.split()
                    target = parts[1] if len(parts) > 1 else ""
                    number = self.bookmark_notes.get(target)
                    pieces.append(Piece("note", self.note_id(number) if number else f"ref-{target}"))
                last_field = s.field
                continue
            last_field = None
            if s.url and (symbol := symbol_of(s.url, self.link)):
                pieces.append(Piece("link", s.text, symbol))
            elif self.display.emphasis and not plain and (s.italic or s.char_style.lower() == EMPHASIS_STYLE):
                pieces.append(Piece("emph", s.text))
            else:
                pieces.append(Piece("text", s.text))
        if footnote:                               # the separator after the note's number
            while pieces and pieces[0].kind == "text" and not pieces[0].text.strip():
                pieces.pop(0)
            if pieces and pieces[0].kind == "text":
                pieces[0] = Piece("text", pieces[0].text.lstrip())
        return compose(pieces), new
