"""The book's words in one language: template strings filled in, corpus texts translated into runs
(English, recorded as a fallback, where a translation is missing or unusable) and headings."""
from __future__ import annotations

import string
from collections.abc import Sequence

from ..corpus import model as m
from ..corpus.markup import DocLink, Emph, Inline, NoteRef, Text, translated_inlines
from . import tree as t
from .conventions import Style
from .fallbacks import Fallbacks, Translate
from .forms import Forms
from .strings import Strings


class Wording(Forms):
    """One language's strings and texts of the book, with the fallbacks they needed."""

    def __init__(self, book: m.Book, style: Style, strings: Strings, translate: Translate | None = None,
                 in_step: bool = True):
        super().__init__(style)
        self.book = book
        self.strings = strings
        self.fb = Fallbacks(translate or (lambda ctx, msgid: None), style.lang == "en")
        self.in_step = in_step            # the catalogue holds exactly the messages of the text (step.py)

    def ui(self, key: str, **fields: str) -> str:
        """A template string in this language, its {fields} filled; the English one (recorded as a
        fallback, so the edition is a draft and the place marked) when it has no usable translation."""
        english = self.strings.pattern(key, fields)
        text = self.fb.lookup(key, english) or english
        if text is not english and not _plain_fields(text, set(fields)):
            text = english           # a broken translated pattern falls back (check reports it)
            self.fb.unusable(key, english)
        self.fb.string(key, text is english)
        return self.typography(text.format(**fields))

    def pattern(self, key: str) -> str:
        """A template pattern with its {fields} unfilled (the PDF template fills "{topic} (continued)")."""
        english = self.strings[key]
        text = self.fb.lookup(key, english) or english
        self.fb.string(key, text is english)
        return text

    def runs(self, text: m.Text) -> tuple[list[t.Run], bool]:
        """The translated text as runs; English (and fallback=True) when untranslated or unusable."""
        translated = self.fb.lookup(None, text.source)
        inlines = translated_inlines(text.source, translated) if translated else None
        if inlines is None and translated:
            self.fb.unusable(None, text.source)
        fallback = self.fb.text(text.where, inlines is None)
        return self._runs(text.inlines if inlines is None else inlines), fallback

    def _runs(self, inlines: Sequence[Inline]) -> list[t.Run]:
        out = []
        link = self.book.meta.get("odslink", "{symbol}")
        for n in inlines:
            if isinstance(n, NoteRef) and out and out[-1].kind == "note":   # "³,¹", not "³¹" (note 31)
                out.append(t.Run("notesep", self.style.typography.get("note_separator", ",")))
            if isinstance(n, Text):
                out.append(t.Run("text", self.typography(self.fill(n.text))))
            elif isinstance(n, Emph):
                out.append(t.Run("emph", self.typography(self.fill(n.text))))
            elif isinstance(n, NoteRef):
                out.append(t.Run("note", "", note=self.book.footnotes[n.id].number))
            elif isinstance(n, DocLink):
                out.append(t.Run("link", n.text, href=link.format(symbol=n.symbol)))
        return out

    def fill(self, s: str) -> str:
        """The edition's {year}, {meetings} and {sessions} in this language's digits."""
        if "{" in s:
            for name, value in self.book.fields.items():
                s = s.replace("{" + name + "}", self.style.localize_digits(value))
        return s

    def heading(self, hid: str, level: int, label: str, text: m.Text | str, english: bool = False) -> t.Heading:
        """A heading of a corpus text, or of a generated `text` (`english`: a template string in it
        is shown in English)."""
        if isinstance(text, str):
            return t.Heading(hid, level, label, [t.Run("text", text)], english)
        runs, fallback = self.runs(text)
        return t.Heading(hid, level, label, runs, fallback)


def _plain_fields(pattern: str, allowed: set[str]) -> bool:
    """Only plain {name} fields the tool fills: no attribute, index, conversion or format spec."""
    try:
        parsed = list(string.Formatter().parse(pattern))
    except ValueError:
        return False
    return all(name is None or (name in allowed and not spec and not conv) for _, name, spec, conv in parsed)
