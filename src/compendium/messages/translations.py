"""The build's translation table: a language's usable translations by (msgctxt, msgid)."""
from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog

from .checkers import usable
from .files import po_path
from .pofile import read_catalog


def translations(locales: Path, lang: str) -> dict[tuple[str | None, str], str]:
    """The usable translations of a language: translated, non-fuzzy entries, by (msgctxt, msgid).

    A translation holding a control, XML-illegal or bidi override character, a template string
    whose {placeholders} differ from the English (they are filled with str.format) or a text whose
    markup or footnotes break, is not used (checkers.usable): the English shows, marked as a
    fallback, and `compendium check` reports it.
    """
    path = po_path(locales, lang)
    if lang == "en" or not path.exists():
        return {}
    return usable_translations(read_catalog(path, lang))


def usable_translations(catalog: Catalog) -> dict[tuple[str | None, str], str]:
    return {(m.context, m.id): m.string for m in catalog
            if m.id and isinstance(m.id, str) and isinstance(m.string, str) and not m.fuzzy
            and usable(m.context, m.id, m.string)}
