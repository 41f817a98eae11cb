"""Is a language's catalogue in step with the text? The one comparison that `check`, `build
--strict` and the build's draft accounting use.

The template is what `compendium extract` would write now: every text of every edition and every
string of templates/strings.yaml, by (msgctxt, msgid). A catalogue is *in step* when its active
entries are exactly those messages: an entry deleted by hand, a msgid or msgctxt edited in the
.po, or a text changed (`extract` without `update`) puts it out of step. An edition built from a
catalogue out of step is a draft, `check` does not call it ready, `--strict` refuses it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CompendiumError
from ..corpus.model import Book
from ..localize.strings import load_strings, place
from .files import po_path
from .pofile import read_catalog
from .translations import usable_translations
from .extract import all_editions_messages, edition_books

Key = tuple[str | None, str]         # (msgctxt, msgid)


def template(books: list[Book], strings: dict[str, str]) -> dict[Key, str]:
    """The messages of the text as it is now (every edition's view, newest first), each with where
    it appears, in POT order."""
    out: dict[Key, str] = {}
    for text, where in all_editions_messages(books):
        out.setdefault((None, text.source), where)
    for key, english in strings.items():
        out.setdefault((key, english), place(key))
    return out


def text_template(content: Path, templates: Path) -> dict[Key, str]:
    """The template of the corpus at `content` and of templates/strings.yaml."""
    return template(edition_books(content), load_strings(templates))


def edition_templates(content: Path, templates: Path) -> dict[str, set[Key]]:
    """Each edition's own messages, by edition name: what its draft note counts."""
    strings = load_strings(templates)
    return {book.edition: set(template([book], strings)) for book in edition_books(content)}


@dataclass
class Standing:
    """One catalogue against the template."""
    lang: str
    path: str
    template: dict[Key, str]
    entries: set[Key] = field(default_factory=set)           # its active (non-obsolete) entries
    usable: dict[Key, str] = field(default_factory=dict)     # the translations a build shows

    @property
    def missing(self) -> list[Key]:
        """Messages of the text that the catalogue has no entry for."""
        return [k for k in self.template if k not in self.entries]

    @property
    def extra(self) -> list[Key]:
        """Entries of the catalogue for a text that is no longer there (or was edited in the .po)."""
        return sorted((k for k in self.entries if k not in self.template), key=lambda k: (k[0] or "", k[1]))

    @property
    def in_step(self) -> bool:
        return not self.missing and not self.extra

    @property
    def english(self) -> list[Key]:
        """Messages a build shows in English: no entry, untranslated, fuzzy or not usable."""
        return [k for k in self.template if k not in self.usable]

    def lookup(self, msgctxt: str | None, msgid: str) -> str | None:
        return self.usable.get((msgctxt, msgid))


def standing(messages: dict[Key, str], locales: Path, lang: str) -> Standing:
    """Read the language's catalogue (strictly) and compare it with `messages` (see `template`).

    A language without a catalogue yet has no entries: everything is missing."""
    path = po_path(locales, lang)
    result = Standing(lang, str(path), messages)
    if not path.exists() and not path.is_symlink():
        return result
    if path.is_dir():
        raise CompendiumError("a folder stands where the catalogue file goes", str(path),
                              hint=f"remove or rename the folder {path.name}/")
    catalog = read_catalog(path, lang)
    result.entries = {(m.context, m.id) for m in catalog if m.id and isinstance(m.id, str)}
    result.usable = usable_translations(catalog)
    return result
