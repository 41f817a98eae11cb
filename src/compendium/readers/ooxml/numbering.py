"""Word list numbering: the label ("1.", "(a)") each numbered paragraph prints, as Word counts it."""
from __future__ import annotations

import re

from ...corpus.numerals import letter, roman
from .xml import number, val, w


class Numbering:
    """Word list numbering: the label each numbered paragraph gets, counters kept per list."""

    def __init__(self, root) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        if root is None:
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for a in root.iter(w("abstractNum")):
            abstract[a.get(w("abstractNumId"), "")] = {
                number(lvl.get(w("ilvl"))) or 0: (val(lvl, "numFmt") or "decimal", val(lvl, "lvlText") or "",
                                                number(val(lvl, "start"), 1))
                for lvl in a.iter(w("lvl"))}
        for num in root.iter(w("num")):
            levels = dict(abstract.get(val(num, "abstractNumId") or "", {}))
            for ov in num.iter(w("lvlOverride")):
                start, k = number(val(ov, "startOverride")), number(ov.get(w("ilvl"))) or 0
                if start is not None and k in levels:
                    levels[k] = (levels[k][0], levels[k][1], start)
            self.levels.setdefault(num.get(w("numId"), ""), levels)     # the first definition counts

    def reset(self) -> None:
        self.counters = {}

    def next(self, num_id: str, ilvl: int) -> tuple[str, str]:
        """The label of the next paragraph of list `num_id` at level `ilvl`, and its format."""
        levels = self.levels.get(num_id, {})
        if ilvl not in levels:
            return "", ""
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl][2] - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]

        def fill(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            fmt, _, start = levels.get(k, ("decimal", "", 1))
            return _format(counters.get(k, start), fmt)
        return re.sub(r"%(\d)", fill, levels[ilvl][1]), levels[ilvl][0]


def _format(n: int, fmt: str) -> str:
    if fmt in ("bullet", "none"):
        return ""
    if n < 1 and fmt != "decimal":
        return str(n)
    return {"lowerLetter": letter, "upperLetter": lambda k: letter(k).upper(), "lowerRoman": lambda k: roman(k).lower(),
            "upperRoman": roman}.get(fmt, str)(n)


def num_pr(ppr) -> tuple[str, int] | None:
    el = ppr.find(w("numPr")) if ppr is not None else None
    num_id = val(el, "numId")
    return (num_id, number(val(el, "ilvl")) or 0) if num_id else None

