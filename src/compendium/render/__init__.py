"""Thin writers over the localized tree: text proof, PDF, DOCX.

Each writer is a module here with `render(book: tree.Book, edition: Edition) -> bytes`.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from .edition import Edition
from ..localize.conventions import Style
from ..localize.tree import Book

WRITERS = {"txt": "text", "pdf": "pdf.writer", "docx": "docx.writer"}  # format -> module

# What each format reads from templates/ (glob patterns): a change there rebuilds only that format.
TEMPLATE_INPUTS = {
    "txt": ["strings.yaml", "edition.toml"],
    "pdf": ["strings.yaml", "edition.toml", "pdf/**/*"],
    "docx": ["strings.yaml", "edition.toml", "reference.docx"],
}


def setup_inputs(fmt: str, style: Style, file_hash: Callable[[Path], str]) -> list:
    """What an output depends on outside the project: a PDF embeds the fonts fontconfig resolves the
    edition's families to (the files and their hashes), so a font installed, hidden or repaired
    rebuilds it. The other formats name their fonts and embed none."""
    if fmt != "pdf":
        return []
    from .pdf.fonts import setup
    return setup(style, file_hash)


def writer(fmt: str) -> Callable[[Book, Edition], bytes]:
    """The render function for an output format."""
    return importlib.import_module(f"{__name__}.{WRITERS[fmt]}").render
