"""Line-break opportunities (ICU, UAX #14, per language): where a run of text cannot break.

A line breaker that meets a run with no break opportunity (a 5,000-character "word" in a translation)
tries every hyphenation point and every cut of it, line after line: WeasyPrint's layout time grows
with the cube of its length (1,000 characters 1.3 s, 2,000 characters 8 s, in a table cell 16 s).
`check` reports runs longer than `[pdf] max_unbreakable` (templates/edition.toml), and the PDF writer
gives any such run a break opportunity (U+200B) every that many characters, so no translation can
hold the layout for minutes.
"""
from __future__ import annotations

import re
from functools import lru_cache

import icu

ZWSP = "\u200b"


@lru_cache(maxsize=16)
def _breaker(locale: str) -> icu.BreakIterator:
    return icu.BreakIterator.createLineInstance(icu.Locale(locale))


def _ends(segment: str, locale: str) -> list[int]:
    """The break opportunities of `segment`, as indexes of its characters (ICU counts UTF-16 units)."""
    breaker = _breaker(locale)
    breaker.setText(segment)
    ends = list(breaker)
    if segment.isascii() or all(ord(c) < 0x10000 for c in segment):
        return ends
    index, units = {0: 0}, 0
    for i, c in enumerate(segment):
        units += 2 if ord(c) > 0xFFFF else 1
        index[units] = i + 1
    return [index[e] for e in ends if e in index]


def long_runs(text: str, limit: int, locale: str = "en") -> list[tuple[int, int]]:
    """(start, end) of each run of more than `limit` characters without a line-break opportunity
    (trailing spaces excluded); a quick scan first, ICU only on runs of `limit`+ non-spaces."""
    out = []
    for m in re.finditer(rf"\S{{{limit + 1},}}", text):
        segment, start = m.group(), 0
        for end in _ends(segment, locale):
            run = len(segment[start:end].rstrip().rstrip(ZWSP))
            if run > limit:
                out.append((m.start() + start, m.start() + start + run))
            start = end
    return out


def longest_run(text: str, locale: str = "en") -> int:
    """The length of the longest run of `text` with no line-break opportunity."""
    best = 0
    for m in re.finditer(r"\S+", text):
        start = 0
        for end in _ends(m.group(), locale):
            best = max(best, len(m.group()[start:end].rstrip().rstrip(ZWSP)))
            start = end
    return best


def with_breaks(text: str, limit: int, locale: str = "en") -> str:
    """`text` with U+200B after every `limit` characters of each run longer than `limit`.

    A pass can make a new run: after U+200B a hyphen is word-initial, and UAX #14 (LB20a) forbids
    the break after it that the text had. Passes repeat until no run is longer than `limit`; each
    pass leaves the runs it cut at most `limit` long, so a few passes suffice."""
    runs = long_runs(text, limit, locale)
    while runs:
        out, last = [], 0
        for start, end in runs:
            out.append(text[last:start])
            out.append(ZWSP.join(text[i:min(i + limit, end)] for i in range(start, end, limit)))
            last = end
        out.append(text[last:])
        text = "".join(out)
        runs = long_runs(text, limit, locale)
    return text
