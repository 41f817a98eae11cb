"""Footnotes: footnotes.yaml read into the notes of the edition loaded, and their numbers in the
order the book first cites them ([^id] in any text)."""
from __future__ import annotations

from pathlib import Path

from . import walk
from ..errors import CompendiumError
from .markup import NoteRef
from .model import Book, Footnote, Loc
from .reading import EDITION_KEYS, Reader
from .yamlio import Map


def read_footnotes(r: Reader, path: Path) -> dict[str, Footnote]:
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


def number_footnotes(book: Book) -> None:
    """Number the notes in the order the book first cites them; a citation of no note is an error."""
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
