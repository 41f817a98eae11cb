"""When is a new English text "genuinely similar" to one already translated? (`update`'s fuzzy match)

msgmerge pre-fills a new message with the translation of any message whose English is 60 % alike
by its `fstrcmp` measure (matching characters over total length); Babel does the same with
difflib, after lower-casing both. UN sentences share long formulas ("… of the United Nations
Convention against Transnational Organized Crime and the Protocols thereto"), so two unrelated
recommendations reach 70 % on that measure and a heading got the French of another paragraph.

Here, as translate-toolkit's pot2po does by default: the Levenshtein similarity of the two
texts, 1 − edit distance / length of the longer one, case-sensitive, at least 75 %
(`SIMILARITY`). A quarter of the characters may change (a word replaced, a clause added to a
long paragraph); a shared formula in two different sentences is not enough.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

SIMILARITY = 0.75            # pot2po's default minimum (translate-toolkit, --similarity 75)

T = TypeVar("T")


def levenshtein(a: str, b: str) -> int:
    """Edit distance (insertions, deletions, substitutions) of two strings.

    Hyyrö's bit-parallel form of Myers' algorithm: one pass over the longer string, the shorter
    one held as bit vectors in Python integers, so a 1,000-character paragraph costs a thousand
    steps instead of a million cells.
    """
    if len(a) < len(b):
        a, b = b, a
    m = len(b)
    if m == 0:
        return len(a)
    peq: dict[str, int] = {}
    for i, ch in enumerate(b):
        peq[ch] = peq.get(ch, 0) | (1 << i)
    mask = (1 << m) - 1
    last = 1 << (m - 1)
    pv, mv, score = mask, 0, m
    for ch in a:
        eq = peq.get(ch, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = (mv | ~(xh | pv)) & mask
        mh = pv & xh
        if ph & last:
            score += 1
        elif mh & last:
            score -= 1
        ph = ((ph << 1) | 1) & mask
        mh = (mh << 1) & mask
        pv = (mh | ~(xv | ph)) & mask
        mv = ph & xv
    return score


def similarity(a: str, b: str) -> float:
    """1.0 for equal texts, 0.0 for texts with nothing in place: 1 − distance / longer length."""
    longest = max(len(a), len(b))
    return 1.0 if longest == 0 else 1.0 - levenshtein(a, b) / longest


def closest(text: str, candidates: Iterable[tuple[str, T]], minimum: float = SIMILARITY) -> tuple[float, T] | None:
    """The candidate whose text is most similar to `text` (at least `minimum`), first one on a tie."""
    best: tuple[float, T] | None = None
    for other, value in candidates:
        shorter, longer = sorted((len(text), len(other)))
        if longer and shorter / longer < minimum:        # the length difference alone is too many edits
            continue
        score = similarity(text, other)
        if score >= minimum and (best is None or score > best[0]):
            best = (score, value)
    return best

