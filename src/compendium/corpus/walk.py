"""Book order: every translatable string and every block, in the order a reader meets them."""
from __future__ import annotations

from collections.abc import Iterator

from .model import Block, Book, Text


def blocks(seq: list[Block]) -> Iterator[Block]:
    for b in seq:
        yield b
        yield from blocks(b.children)


def texts(book: Book) -> Iterator[Text]:
    """Every corpus Text in book order (footnotes are numbered in this order)."""
    yield from book.cover
    yield from book.title_page
    yield from book.copyright
    yield book.contents_title
    for section in (book.intro, book.compendium):
        yield section.title
        yield from _block_texts(section.blocks)
    for part in book.parts:
        yield part.title
        for ch in part.chapters:
            yield from _block_texts(ch.blocks)
            if ch.decision:
                yield ch.decision.title
                yield from _block_texts(ch.decision.blocks)
                for annex in ch.decision.annexes:
                    if annex.title:
                        yield annex.title
                    yield from _block_texts(annex.blocks)
    yield book.index_title
    yield book.index_notes
    for topic in book.topics:
        yield topic.title
    yield from book.back_cover


def _block_texts(seq: list[Block]) -> Iterator[Text]:
    for b in blocks(seq):
        if b.text is not None:
            yield b.text


def all_blocks(book: Book) -> Iterator[Block]:
    for section in (book.intro, book.compendium):
        yield from blocks(section.blocks)
    for part in book.parts:
        for ch in part.chapters:
            yield from blocks(ch.blocks)
            if ch.decision:
                yield from blocks(ch.decision.blocks)
                for annex in ch.decision.annexes:
                    yield from blocks(annex.blocks)
