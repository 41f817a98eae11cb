"""What a translated edition shows in English, counted as `compendium check` counts it.

The Localizer asks every message of the book through `lookup` (each corpus text, footnote and
template string once at least), so `seen` is the template of messages/step.py and `english` the
ones without a usable translation: the draft note's "N of M" is `len(english)` of `len(seen)`.
`where` lists the places in book order for the tree; `keys` the template strings shown in English;
`since(mark)` tells whether one went into what was made since `mark()`, so the place is marked.
"""
from __future__ import annotations

from collections.abc import Callable

from .strings import place

Translate = Callable[[str | None, str], str | None]  # (msgctxt, msgid) -> msgstr or None


class Fallbacks:
    def __init__(self, translate: Translate, source_language: bool) -> None:
        self.translate = translate
        self.source = source_language        # the English edition: nothing falls back
        self.seen: set[tuple] = set()        # messages looked up, by (msgctxt, msgid) ...
        self.english: set[tuple] = set()     # ... and those shown in English
        self.where: list[str] = []           # where English is shown, in book order
        self.keys: list[str] = []            # template strings shown in English, by key
        self._ui: list[bool] = []            # for each template string used, whether it was English

    def lookup(self, msgctxt: str | None, msgid: str) -> str | None:
        self.seen.add((msgctxt, msgid))
        translated = self.translate(msgctxt, msgid)
        if not translated and not self.source:
            self.english.add((msgctxt, msgid))
        return translated

    def unusable(self, msgctxt: str | None, msgid: str) -> None:
        """A translation was found but cannot be used (broken markup or pattern): English shows."""
        if not self.source:
            self.english.add((msgctxt, msgid))

    def text(self, where: str, english: bool) -> bool:
        """Record a corpus text as shown; True when it is English in a translated edition."""
        english = english and not self.source
        if english:
            self.where.append(where)
        return english

    def string(self, key: str, english: bool) -> bool:
        """Record a template string as used; True when it is English in a translated edition."""
        english = english and not self.source
        self._ui.append(english)
        if english and key not in self.keys:
            self.keys.append(key)
            self.where.append(place(key))
        return english

    def mark(self) -> int:
        return len(self._ui)

    def since(self, mark: int) -> bool:
        """Whether a template string shown in English was used since `mark` (a heading, a cell …)."""
        return any(self._ui[mark:])

    @property
    def missing(self) -> int:
        return len(self.english & self.seen)
