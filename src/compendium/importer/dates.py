"""The dates of a meeting or session as a UN document states them in English ("at its twelfth meeting,
held on 9 and 10 July 2020", "held a meeting in Vienna on 19 and 20 October 2010"), and the later meeting
that adopted what one discussed ("discussed … at its twelfth meeting … and adopted at its thirteenth").

Month names come from CLDR (Babel) and ordinal words from ICU's spell-out rules, so no list is kept here.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

import icu
from babel.dates import get_month_names


@dataclass
class Found:
    first: dt.date
    last: dt.date
    how: str                      # what the dates were recognised by, for the review report
    sure: bool


@cache
def _months() -> dict[str, int]:
    return {name: n for n, name in get_month_names("wide", locale="en").items()}


@cache
def _range() -> re.Pattern:
    m = "|".join(_months())
    return re.compile(rf"(?P<d1>\d{{1,2}})(?:\s+(?P<m1>{m}))?(?:\s+(?:\d{{4}}\s+)?(?:to|and|-|–)\s+(?P<d2>\d{{1,2}}))?"
                      rf"\s+(?P<m2>{m})\s+(?P<y>\d{{4}})")


def ordinal(n: int) -> str:
    """12 -> 'twelfth' (ICU spell-out ordinal rules for English)."""
    f = icu.RuleBasedNumberFormat(icu.URBNFRuleSetTag.SPELLOUT, icu.Locale("en"))
    f.setDefaultRuleSet("%spellout-ordinal")
    return f.format(n)


def date_ranges(text: str) -> list[tuple[int, dt.date, dt.date]]:
    """(position, first day, last day) of every date or date range in `text`."""
    out = []
    months = _months()
    for m in _range().finditer(text):
        y, m2 = int(m.group("y")), months[m.group("m2")]
        m1 = months[m.group("m1")] if m.group("m1") else m2
        try:
            d1 = dt.date(y, m1, int(m.group("d1")))
            d2 = dt.date(y, m2, int(m.group("d2"))) if m.group("d2") else (dt.date(y, m2, int(m.group("d1")))
                                                                            if not m.group("m1") else d1)
        except ValueError:
            continue
        out.append((m.start(), d1, max(d1, d2)))
    return out


def find_dates(first: list[str], rest: list[str], number: int, kind: str) -> Found | None:
    """The dates of meeting (or session) `number`: said in `first` texts (an annex title, the chapeau),
    else after '<ordinal> meeting' anywhere, else after 'held a meeting', else the latest range (unsure)."""
    word = ordinal(number)
    texts = first + rest
    for t in texts:                                       # "at its twelfth meeting, held on 9 and 10 July 2020"
        for m in re.finditer(rf"\b{word}\s+{kind}\b", t, re.I):
            window = t[m.end():m.end() + 80]
            ranges = date_ranges(window)
            if ranges and not re.search(rf"\b\w+th\s+{kind}\b", window[:ranges[0][0]]):
                return Found(ranges[0][1], ranges[0][2], f"after '{word} {kind}'", True)
    for t in first:
        ranges = [r for r in date_ranges(t) if r[1] != r[2]] or date_ranges(t)
        if len(ranges) == 1:
            return Found(ranges[0][1], ranges[0][2], "in the title", True)
    for t in texts:                                       # "held a meeting in Vienna on 19 and 20 October 2010"
        for m in re.finditer(rf"\b(?:held an? {kind}|{kind} was held|met)\b", t):
            window = t[m.end():m.end() + 60]
            ranges = date_ranges(window)
            if ranges:
                return Found(ranges[0][1], ranges[0][2], f"after '{m.group(0)}'", True)
    ranges = [r for t in texts for r in date_ranges(t) if r[1] != r[2]]
    if ranges:
        _, d1, d2 = max(ranges, key=lambda r: r[1])
        return Found(d1, d2, "as the latest range of days the document names", False)
    return None


def adopted_at(texts: list[str], number: int, kind: str = "meeting") -> int | None:
    """The later meeting that adopted what meeting `number` discussed, if `texts` say so."""
    later = {ordinal(n): n for n in range(number + 1, number + 30)}
    for t in texts:
        m = re.search(rf"\badopted at its (\w+(?:-\w+)?) {kind}\b", t)
        if m and m.group(1) in later:
            return later[m.group(1)]
    return None
