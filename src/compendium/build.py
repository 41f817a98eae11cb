"""Building editions: load the corpus once, localize per language, hand the tree to each writer."""
from __future__ import annotations

from pathlib import Path

from . import atomic
from .edition import load_edition
from .loader import load_book
from .messages.catalog import translations
from .localize import localize
from .render import writer
from .style import load_style


def build(content: Path, langs: list[str], formats: list[str], out: Path,
          locales: Path = Path("locales"), templates: Path = Path("templates"),
          print_marks: bool = False) -> list[Path]:
    """Write build/<lang>/compendium.<fmt> for each language and format; return the paths written."""
    book = load_book(content)
    written = []
    for lang in langs:
        table = translations(Path(locales), lang)
        tree = localize(book, lang, locales, templates, lambda ctx, msgid: table.get((ctx, msgid)))
        edition = load_edition(load_style(lang, Path(locales)), Path(templates), print_marks)
        for fmt in formats:
            path = Path(out) / lang / f"compendium.{fmt}"
            atomic.write_bytes(path, writer(fmt)(tree, edition))
            written.append(path)
    return written
