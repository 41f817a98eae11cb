"""The numbering systems of UN paragraphs: roman numerals (chapters, annexes, items) and
subparagraph letters, both ways. How a language writes them is in `localize.conventions`."""
from __future__ import annotations

import re

_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def roman(n: int) -> str:
    """1 -> 'I', 14 -> 'XIV'."""
    out = []
    for value, sym in _ROMAN:
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def from_roman(s: str) -> int:
    """'XIV' -> 14; raises ValueError when `s` is not a roman numeral."""
    s = s.upper()
    if not s or not re.fullmatch(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})", s):
        raise ValueError(f"not a roman numeral: {s!r}")
    total, i = 0, 0
    for value, sym in _ROMAN:
        while s.startswith(sym, i):
            total += value
            i += len(sym)
    return total


def is_roman(s: str) -> bool:
    """'II' -> True: an upper-case roman numeral, as annexes are numbered."""
    try:
        return s.isupper() and from_roman(s) > 0
    except ValueError:
        return False


def letter(n: int) -> str:
    """1 -> 'a', 26 -> 'z', 27 -> 'aa' (UN practice doubles the letter)."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def from_letter(s: str) -> int:
    """'a' -> 1, 'aa' -> 27; raises ValueError when `s` is not a subparagraph letter."""
    if not s or not s.isalpha() or not s.islower() or len(set(s)) != 1:
        raise ValueError(f"not a subparagraph letter: {s!r}")
    return (len(s) - 1) * 26 + ord(s[0]) - ord("a") + 1
