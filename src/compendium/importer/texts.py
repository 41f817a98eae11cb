"""A chapter's texts in corpus markup: a block's spans with their links and italics, its footnote
references named (ids new or taken from the footnotes already written), every link and text kept
for the review."""
from __future__ import annotations

import re
from collections.abc import Callable

from ..corpus.model import Book
from ..readers.blocks import Block, Document, Span
from ..readers.labels import conventions
from . import inline


class Texts:
    """Writes the blocks of one document as the text of one chapter (`part`, `ordinal`)."""

    def __init__(self, doc: Document, part: str, ordinal: int, book: Book, notes: dict[str, str | dict],
                 note: Callable[[int, str], None]) -> None:
        self.doc, self.part, self.ordinal, self.note = doc, part, ordinal, note
        self.existing = {i: n.text.source for i, n in book.footnotes.items()} | {
            i: " ".join(str(n.get("text", "") if isinstance(n, dict) else n).split()) for i, n in notes.items()}
        self.notes: dict[str, str] = {}           # mark -> footnote id
        self.new_notes: dict[str, str] = {}       # id -> text
        self.linked: set[str] = set()
        self.written: list[str] = []              # every text written, to tell which links were used
        self.restore_italics = doc.line_word == "line"

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

    def footnote_text(self, fid: str) -> str:
        """The text of footnote `fid`, new or already written."""
        return self.new_notes.get(fid) or self.existing[fid]


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
