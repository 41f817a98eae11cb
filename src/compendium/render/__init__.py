"""Thin writers over the localized tree: text proof, PDF, DOCX.

Each writer is a module here with `render(book: tree.Book, edition: Edition) -> bytes`.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable

from .edition import Edition
from ..localize.tree import Book

WRITERS = {"txt": "text", "pdf": "pdf.writer", "docx": "docx.writer"}  # format -> module

# What each format reads from templates/ (glob patterns): a change there rebuilds only that format.
TEMPLATE_INPUTS = {
    "txt": ["strings.yaml", "edition.toml"],
    "pdf": ["strings.yaml", "edition.toml", "pdf/**/*"],
    "docx": ["strings.yaml", "edition.toml", "reference.docx"],
}


def writer(fmt: str) -> Callable[[Book, Edition], bytes]:
    """The render function for an output format."""
    return importlib.import_module(f"{__name__}.{WRITERS[fmt]}").render
