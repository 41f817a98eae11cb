"""Paragraph and heading labels of UN documents ("1.", "(a)", "(i)", "II.", "A."), read with the
patterns of `conventions.toml`; and the check that a document's labels follow on."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..corpus import ids
from .blocks import Block, Finding

CONVENTIONS = Path(__file__).with_name("conventions.toml")


@cache
def conventions() -> dict:
    return tomllib.loads(CONVENTIONS.read_text(encoding="utf-8"))


@cache
def _patterns() -> dict[str, re.Pattern]:
    return {name: re.compile(rx) for name, rx in conventions()["labels"].items()}


@dataclass
class Label:
    text: str          # as printed, "(a)"
    series: str        # "number" | "letter" | "roman" | "Roman" | "Letter"
    value: int
    rest: str          # the paragraph's text after the label
    alt: int = 0       # "(i)", "(v)", "(x)" …: its value read as a letter (decided in sequence)


def split_label(text: str, headings: bool = True) -> Label | None:
    """The label opening `text`, if any ('(i)' is read as roman; `follow_on` settles it)."""
    p = _patterns()
    for series in ("number", "roman", "letter") + (("Roman", "Letter") if headings else ()):
        m = p[series].match(text)
        if not m or not m.group(1):
            continue
        tok = m.group(1)
        value = {"number": int, "letter": _letter, "roman": _roman, "Roman": _roman_upper,
                 "Letter": lambda t: ord(t) - ord("A") + 1}[series](tok)
        if not value:
            continue
        label = text[:m.end()].strip()
        alt = _letter(tok) if series == "roman" else 0
        return Label(label, series, value, text[m.end():].strip(), alt)
    return None


def _letter(tok: str) -> int:
    try:
        return ids.from_letter(tok)
    except ValueError:
        return 0


def _roman(tok: str) -> int:
    try:
        return ids.from_roman(tok)
    except ValueError:
        return 0


def _roman_upper(tok: str) -> int:
    return _roman(tok) if tok.isupper() else 0


def follow_on(blocks: list[Block], alts: dict[int, int]) -> list[Finding]:
    """Settle '(i)' as letter or roman by the sequence, and report labels that skip or restart.

    `alts` maps a block's index to its letter value when its label could be a letter too.
    Numbers run on through the document (an annex starts again at 1); letters start again under each
    numbered paragraph, romans under each letter.
    """
    found: list[Finding] = []
    last = {"number": 0, "letter": 0, "roman": 0, "Roman": 0, "Letter": 0}
    for i, b in enumerate(blocks):
        if b.kind == "annex":
            last = dict.fromkeys(last, 0)
            continue
        if not b.series:
            continue
        if i in alts and not _roman_here(blocks, i, alts[i], last):
            b.series, b.value = "letter", alts[i]
        s = b.series
        if b.value != last[s] + 1 and not (b.value == 1 and s != "number"):
            if not last[s]:
                what = f"labels start at {b.label}"
            else:
                what = f"label sequence {'restarts at' if b.value <= last[s] else 'skips to'} {b.label} " \
                       f"after {_shown(s, last[s])}"
            found.append(Finding(b.line, f"{what}: check for a lost or misread paragraph"))
        last[s] = b.value
        for lower in {"Roman": ("Letter",), "Letter": (), "number": ("letter", "roman"),
                      "letter": ("roman",), "roman": ()}[s]:
            last[lower] = 0
    return found


def _roman_here(blocks: list[Block], i: int, as_letter: int, last: dict[str, int]) -> bool:
    """Whether the label at `i`, which reads as roman or as a letter ('(i)', '(v)'), is roman."""
    value = blocks[i].value
    if last["roman"] and value == last["roman"] + 1:
        return True                                      # (i), (ii) … runs on
    if as_letter == last["letter"] + 1:                  # (h) then (i): the letter, unless (ii) follows
        nxt = next((b for b in blocks[i + 1:] if b.series), None)
        return value == 1 and nxt is not None and nxt.series == "roman" and nxt.value == 2
    return value == 1


def _shown(series: str, value: int) -> str:
    return {"number": f"{value}.", "letter": f"({ids.letter(value)})", "roman": f"({ids.roman(value).lower()})",
            "Roman": f"{ids.roman(value)}.", "Letter": f"{chr(64 + value)}."}[series]
