"""Block lists (the body of the introduction, the compendium, chapters and annexes): each item's
kind, its structural id, its numbering in the edition loaded, and its nested list."""
from __future__ import annotations

import re
from typing import Any

from . import ids
from ..errors import CompendiumError
from .model import BLOCK_KINDS, NUMBERED, Block, Loc
from .reading import EDITION_KEYS, Reader
from .yamlio import Map, Seq, line_of

CHAPTER_ID = re.compile(r"^[AB]\.[IVXLC]+$")


def read_blocks(r: Reader, seq: Any, prefix: str, depth: int = 0) -> list[Block]:
    """A list of blocks with ids under `prefix`; an item not in the edition loaded is skipped, unnumbered."""
    if not isinstance(seq, Seq):
        raise CompendiumError("expected a list of blocks", getattr(seq, "file", None), line_of(seq))
    counters: dict[str, int] = {}
    out: list[Block] = []
    for item, line in zip(seq, seq.item_lines):
        if isinstance(item, str):
            item = _as_map({"text": item}, seq.file, line)
        if not isinstance(item, Map):
            raise CompendiumError("a block must be a mapping such as 'para: …'", seq.file, line)
        kinds = [k for k in item if k in BLOCK_KINDS]
        if not kinds:
            other = [k for k in item if k not in ("list", *EDITION_KEYS)]
            raise CompendiumError(f"unknown block kind '{other[0]}'" if other else "a block without a kind",
                                  item.file, item.key_lines[other[0]] if other else item.line,
                                  hint="a block is one of: " + ", ".join(BLOCK_KINDS))
        if len(kinds) > 1:
            raise CompendiumError(f"a block has one kind, this one has {' and '.join(kinds)}",
                                  item.file, item.line, hint="start a new '- ' item for the second one")
        kind = kinds[0]
        r.only(item, {kind, "list"} | EDITION_KEYS)
        if not r.holds(item):
            continue                       # not in this edition: numbering goes on without it
        counters[kind] = n = counters.get(kind, 0) + 1
        block_id = _block_id(prefix, kind, n)
        kline = item.key_lines[kind]
        if kind == "see":
            target = item[kind]
            if not isinstance(target, str) or not CHAPTER_ID.match(target):
                raise CompendiumError(f"'see' needs a chapter id such as A.V, not {target!r}", item.file, kline)
            block = Block(kind, None, Loc(item.file, kline), block_id, n, target=target, depth=depth)
        else:
            block = Block(kind, r.text(item[kind], item.file, kline, block_id),
                          Loc(item.file, kline), block_id, n, depth=depth)
        if "list" in item:
            block.children = read_blocks(r, item["list"], block_id, depth + 1)
        out.append(block)
    return out


def _as_map(d: dict, file: str, line: int) -> Map:
    m = Map(d)
    m.file, m.line, m.key_lines = file, line, {k: line for k in d}
    return m


def _block_id(prefix: str, kind: str, n: int) -> str:
    series = NUMBERED.get(kind)
    if series in ("number", "letter", "roman"):
        return f"{prefix}.{ids.token(series, n)}"
    tag = {"pp": "PP.", "text": "p", "heading": "h", "section": "s", "see": "see"}[kind]
    return f"{prefix}.{tag}{n}"
