"""Babel extraction methods: corpus texts and template strings become messages.

Registered as entry points in the `babel.extractors` group (see pyproject.toml) and mapped in
`babel.cfg`, so `pybabel extract -F babel.cfg` and `compendium extract` give the same POT.
Each method yields, for the file it is given, its messages in book order with the place in the
book as the extracted comment (`#. A.VII.26`). The messages are those of every edition (one
catalogue serves them all): the newest edition's in its book order, with the wording only an older
edition prints (its "first nine sessions") placed after the message it follows there.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..corpus.files import corpus_files
from ..corpus.loader import load_book, load_editions_of
from ..corpus.markup import NoteRef
from ..corpus.model import Book, Text
from ..corpus.walk import texts
from ..localize.strings import place, read_strings

Extracted = tuple[int, str | None, Any, list[str]]  # (line, funcname, message(s), comments)

_books: dict[Path, tuple[tuple, list[Book]]] = {}


def _content_root(path: Path) -> Path | None:
    """The corpus folder holding `path`: the nearest ancestor with a book.yaml."""
    for folder in path.parents:
        if (folder / "book.yaml").is_file():
            return folder
    return None


def edition_books(root: Path) -> list[Book]:
    """Every edition's view, newest first, loaded once per process (pybabel calls a method per
    file) and reloaded if the corpus changed."""
    stamp = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in corpus_files(root))
    cached = _books.get(root)
    if cached and cached[0] == stamp:
        return cached[1]
    books = [load_book(root, name) for name in reversed(load_editions_of(root).names)]
    _books[root] = (stamp, books)
    return books


def all_editions_messages(books: list[Book]) -> list[tuple[Text, str]]:
    """The messages of several editions (newest first), each once: the newest edition's in book
    order, then each older one's own wording inserted after the message that precedes it there."""
    merged: list[tuple[Text, str]] = []
    position: dict[tuple, int] = {}
    for book in books:
        after = -1
        for text, where in corpus_messages(book):
            key = (text.source, text.loc)
            if key in position:
                after = position[key]
                continue
            after += 1
            merged.insert(after, (text, where))
            position = {(t.source, t.loc): n for n, (t, _) in enumerate(merged)}
    return merged


def corpus_messages(book: Book) -> list[tuple[Text, str]]:
    """Every translatable text with where it appears, in book order (footnotes by number)."""
    out = [(text, text.where) for text in texts(book)]
    cited: dict[str, str] = {}
    for text, where in out:
        for node in text.inlines:
            if isinstance(node, NoteRef):
                cited.setdefault(node.id, where)
    for note in sorted(book.footnotes.values(), key=lambda n: n.number):
        out.append((note.text, f"footnote {note.number} ({cited.get(note.id, 'not cited')})"))
    return out


def extract_corpus(fileobj, keywords, comment_tags, options) -> Iterator[Extracted]:
    """Babel method for content/**.yaml: the corpus texts that live in this file."""
    path = Path(fileobj.name).resolve()
    root = _content_root(path)
    if root is None:
        return
    rel = str(path.relative_to(root.parent))
    for text, where in all_editions_messages(edition_books(root)):
        if text.loc.file == rel:
            yield text.loc.line, None, text.source, [where]


def extract_strings(fileobj, keywords, comment_tags, options) -> Iterator[Extracted]:
    """Babel method for templates/strings.yaml: each key is the message context (msgctxt).

    The extracted comments say where the string appears ("running head") and repeat the
    YAML comment above its group, which explains the {placeholders}.
    """
    path = Path(fileobj.name)
    shown = _shown(path)
    strings = read_strings(path, shown)
    lines = path.read_text(encoding="utf-8").splitlines()
    for key, value in strings.items():
        line = strings.key_lines[key]
        yield line, "pgettext", (key, str(value)), [place(key)] + _group_comment(lines, line)


def _shown(path: Path) -> str:
    """A path as the user gave it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _group_comment(lines: list[str], line: int) -> list[str]:
    """The comment block that opens the group of keys containing `line` (1-based)."""
    i = line - 2
    while i >= 0 and lines[i].strip() and not lines[i].lstrip().startswith("#"):
        i -= 1
    block: list[str] = []
    while i >= 0 and lines[i].lstrip().startswith("#"):
        block.insert(0, lines[i].lstrip()[1:].strip())
        i -= 1
    return block
