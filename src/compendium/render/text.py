"""The plain-text proof: one block per paragraph, blank-line separated, labels and notes as printed."""
from __future__ import annotations

from ..localize import tree as t
from ..localize.strings import place
from .edition import Edition

_SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def superscript(n: int) -> str:
    """12 -> '¹²' (the footnote marks of the text proof)."""
    return str(n).translate(_SUP)


FALLBACK_MARK = "[EN] "


class _Proof:
    def __init__(self, book: t.Book, unofficial: bool = False) -> None:
        self.book = book
        self.unofficial = unofficial
        self.out: list[str] = []

    def add(self, text: str) -> None:
        self.out.append(text)

    def runs(self, runs: list[t.Run]) -> str:
        return "".join(superscript(r.note) if r.kind == "note" else r.text for r in runs)

    def notes_of(self, runs: list[t.Run]) -> None:
        for r in runs:
            if r.kind == "note" and r.first:
                note = self.book.notes[r.note]
                self.add((FALLBACK_MARK if note.fallback else "") + superscript(r.note) + self.runs(note.runs))

    def heading(self, h: t.Heading) -> None:
        text = (FALLBACK_MARK if h.fallback else "") + self.runs(h.runs)
        self.add(self.book.label_text(h.label, text))
        self.notes_of(h.runs)

    def para(self, p: t.Para) -> None:
        body = (FALLBACK_MARK if p.fallback else "") + self.runs(p.runs)
        self.add(self.book.label_text(p.label, body))
        self.notes_of(p.runs)
        for c in p.children:
            self.para(c)

    def mark(self, english: bool) -> str:
        return FALLBACK_MARK if english else ""

    def lines(self, name: str, items: list[list[t.Run]]) -> None:
        for i, runs in enumerate(items):
            self.add(self.mark(f"{name}.{i}" in self.book.english) + self.runs(runs))
            self.notes_of(runs)

    def index(self, index: t.Index) -> None:
        self.heading(index.heading)
        c = {k: self.mark(k in index.english) + v for k, v in index.columns.items()}
        self.add(f"{c['topic']}\t{c['report']}\t\t\t{c['compendium']}\n"
                 f"\t{c['symbol']}\t{c['document']}\t{c['paragraphs']}\t")
        rows = []
        for topic in index.topics:
            for row in topic.rows:
                cells = [self.mark(topic.fallback) + row.topic if row.first else "", row.symbol,
                         self.mark("document" in row.english) + row.document if row.document else "",
                         self.mark("paragraphs" in row.english) + " ".join(row.paragraphs),
                         self.mark("compendium" in row.english)
                         + " ".join("".join(s.text for s in line) for line in row.compendium)]
                if row.shaded:
                    cells.append("shaded")
                rows.append("\t".join(cells))
        self.add("\n".join(rows))
        self.add(self.mark("index.notes" in self.book.english) + index.notes)

    def render(self) -> str:
        b = self.book
        if b.draft:
            self.add(self.mark("draft_note" in b.english) + b.draft_note)
            for key in b.ui_english:            # page furniture too (running heads …), which a proof does not show
                self.add(f"{FALLBACK_MARK}{place(key)}: {b.ui[key]}")
        self.lines("cover", b.cover)
        self.lines("title_page", b.title_page)
        if self.unofficial:
            self.add(b.ui["page.unofficial"])
        self.lines("copyright", b.copyright)
        self.add(self.mark("contents_title" in b.english) + b.contents_title)
        for e in b.contents:                     # (a heading shown in English is marked where it stands)
            self.add(self.book.label_text(e.label, e.text))
        for item in b.flow():
            if isinstance(item, t.Heading):
                self.heading(item)
            else:
                self.para(item)
        self.index(b.index)
        self.lines("back_cover", b.back_cover)
        return "\n\n".join(self.out) + "\n"


def render_text(book: t.Book, unofficial: bool = False) -> str:
    """The text proof of one language edition (unofficial: a working translation, said on its title page)."""
    return _Proof(book, unofficial).render()


def render(book: t.Book, edition: Edition) -> bytes:
    """Writer entry point: the text proof as UTF-8."""
    return render_text(book, bool(edition.settings.get("unofficial"))).encode("utf-8")
