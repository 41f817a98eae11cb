"""Thin writers over the localized tree: text proof, PDF, DOCX.

Each writer is a module here with `render(book: tree.Book, edition: Edition) -> bytes`; a writer that
lays out pages also has `render_counted(book, edition) -> (bytes, pages)`, so the build never reads a
written file back to count its pages.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:                      # annotations only: the build's hashes import this module cheaply
    from .edition import Edition
    from ..localize.tree import Book

WRITERS = {"txt": "text", "pdf": "pdf.writer", "docx": "docx.writer"}  # format -> module

# What each format reads from templates/ (glob patterns): a change there rebuilds only that format.
TEMPLATE_INPUTS = {
    "txt": ["strings.yaml", "edition.toml"],
    "pdf": ["strings.yaml", "edition.toml", "pdf/**/*"],
    "docx": ["strings.yaml", "edition.toml", "reference.docx"],
}


def setup_inputs(fmt: str, families: list[str], hasher: Any) -> list:
    """What an output depends on outside the project: a PDF embeds the fonts fontconfig resolves the
    edition's font families (fonts.families) to (the files and their identities: size, time, inode,
    from `hasher`, a manifest.Hasher), so a font installed, hidden, upgraded or repaired rebuilds it.
    The other formats name their fonts and embed none."""
    if fmt != "pdf":
        return []
    from .pdf.fonts import setup
    return setup(families, hasher)


def writer(fmt: str) -> Callable[[Book, Edition], bytes]:
    """The render function for an output format."""
    return importlib.import_module(f"{__name__}.{WRITERS[fmt]}").render


def counted_writer(fmt: str) -> Callable[[Book, Edition], tuple[bytes, int | None]]:
    """The render function for an output format, with the page count of what it laid out (None for a
    format without pages)."""
    module = importlib.import_module(f"{__name__}.{WRITERS[fmt]}")
    if hasattr(module, "render_counted"):
        return module.render_counted
    return lambda book, edition: (module.render(book, edition), None)
