"""Source documents: the `sources:` rules of a chapter file, and the mapping that gives each
numbered block the source paragraphs it reproduces (by those rules, and by its decision)."""
from __future__ import annotations

import re
from typing import Any

from . import numerals
from ..errors import CompendiumError
from .model import NUMBERED, Block, Book, Chapter, Loc, SourceRef, SourceRule
from .reading import Reader
from .symbols import SYMBOL_FIELD
from .yamlio import Map

DOC_NUMBER = re.compile(r"^\d+/\d+$")
DRAFT = re.compile(r"^[A-Z]+(?:/[A-Za-z0-9.]+)*/L\.\d+(?:/Rev\.\d+)?$")   # CTOC/COP/2022/L.5


def read_rule(reader: Reader, r: Any, file: str, line: int) -> SourceRule:
    """One entry of a chapter's `sources:`: a document symbol or a resolution, and which paragraphs."""
    if not isinstance(r, Map):
        raise CompendiumError("a source is a mapping (symbol/offset/paragraph/resolution/annex)", file, line)
    reader.only(r, {"symbol", "offset", "paragraph", "resolution", "annex", "covers", "first"})
    if ("symbol" in r) == ("resolution" in r):
        raise CompendiumError("a source names either a 'symbol' or a 'resolution'", r.file, r.line)
    if "symbol" in r and not SYMBOL_FIELD.match(str(r["symbol"])):
        raise CompendiumError(f"'{r['symbol']}' is not a document symbol", r.file, r.key_lines["symbol"])
    if "resolution" in r and not (DOC_NUMBER.match(str(r["resolution"])) or DRAFT.match(str(r["resolution"]))):
        raise CompendiumError(f"'{r['resolution']}' is neither a resolution number like 7/3 nor a draft "
                              "symbol like CTOC/COP/2022/L.5", r.file, r.key_lines["resolution"])
    for k in ("offset", "paragraph"):
        if k in r and (not isinstance(r[k], int) or isinstance(r[k], bool) or abs(r[k]) > 9999):
            raise CompendiumError(f"'{k}' must be a whole number", r.file, r.key_lines[k])
    annex = r.get("annex")
    if annex is not None and not (isinstance(annex, str) and (annex == "" or numerals.is_roman(annex))):
        raise CompendiumError(f"annex {annex!r} is not an annex number such as I or II", r.file,
                              r.key_lines["annex"], hint="write annex: '' for a single, unnumbered annex")
    covers = _covers(r) if "covers" in r else None
    first = _item_number(r, "first") if "first" in r else 0
    if first and covers is None:
        raise CompendiumError("'first' needs 'covers' (the chapter's items this source holds)", r.file,
                              r.key_lines["first"])
    key = "symbol" if "symbol" in r else "resolution"
    return SourceRule(str(r.get("symbol", "")), r.get("offset", 0), r.get("paragraph"),
                      str(r.get("resolution", "")), None if annex is None else str(annex),
                      Loc(r.file, r.key_lines[key]), covers, first)


def _item_number(r: Map, key: str) -> int:
    """A chapter item named by its number (5) or letter (b) as 1-based position."""
    value = r[key]
    try:
        n = value if isinstance(value, int) and not isinstance(value, bool) else (
            int(value) if str(value).isdigit() else numerals.from_letter(str(value)))
    except ValueError:
        n = 0
    if not 1 <= n <= 9999:
        raise CompendiumError(f"'{key}' names a paragraph number (5) or letter (b), not {value!r}",
                              r.file, r.key_lines[key])
    return n


def _covers(r: Map) -> tuple[int, int]:
    """'a-i' or 'j' or 3-7: the range of the chapter's top-level items a source holds."""
    text = str(r["covers"]).replace("–", "-")
    low, _, high = text.partition("-")
    bounds = []
    for part in (low, high or low):
        probe = Map({"covers": part.strip()})
        probe.file, probe.line, probe.key_lines = r.file, r.line, {"covers": r.key_lines["covers"]}
        bounds.append(_item_number(probe, "covers"))
    if bounds[1] < bounds[0]:
        raise CompendiumError(f"'covers: {r['covers']}' does not go upwards", r.file, r.key_lines["covers"])
    return bounds[0], bounds[1]


def _tokens(block: Block) -> tuple[str, object]:
    return (NUMBERED[block.kind], block.number)


def map_sources(book: Book) -> None:
    """Give each numbered block the source paragraphs it reproduces (chapter rules, decisions)."""
    for part in book.parts:
        for ch in part.chapters:
            for top in ch.blocks:
                for rule in ch.sources:
                    _apply_rule(book, ch, rule, top, ())
            if ch.decision:
                doc = (ch.decision.kind, ch.decision.number)
                for b in ch.decision.blocks:
                    _decision_sources(b, ch.report, doc, None, ())
                for annex in ch.decision.annexes:
                    for b in annex.blocks:
                        _decision_sources(b, ch.report, doc, annex.number, ())


def _apply_rule(book: Book, ch: Chapter, rule: SourceRule, block: Block, path: tuple) -> None:
    if block.kind not in ("para", "sub", "item"):
        return
    if not path:  # top level of the chapter
        number = block.number
        if rule.covers is not None:
            if not rule.covers[0] <= number <= rule.covers[1]:
                return
            number = (rule.first or rule.covers[0]) + number - rule.covers[0]
        if block.kind == "para":
            path = (("number", number + rule.offset),)
        elif rule.paragraph is not None:
            path = (("number", rule.paragraph), ("letter", number))
        else:
            path = (("letter", number),)
    else:
        path = path + (_tokens(block),)
    if rule.resolution:
        session = book.resolutions.get(rule.resolution)
        if session is None:
            raise CompendiumError(f"resolution {rule.resolution} is not in part B of edition {book.edition}",
                                  rule.loc.file, rule.loc.line,
                                  hint="its session's chapter must be in the same edition (since:)")
        ref = SourceRef(session.report, path, (session.decision.kind, rule.resolution), rule.annex or "")
    else:
        ref = SourceRef(rule.symbol, path, None, rule.annex)
    block.sources.append(ref)
    for child in block.children:
        _apply_rule(book, ch, rule, child, path)


def _decision_sources(block: Block, symbol: str, doc: tuple[str, str], annex: str | None, path: tuple) -> None:
    if block.kind not in ("para", "sub", "item", "pp"):
        return
    path = path + (_tokens(block),)
    block.sources.append(SourceRef(symbol, path, doc, annex))
    for child in block.children:
        _decision_sources(child, symbol, doc, annex, path)
