"""Compendium ids (A.VII.26, B.III.2.b, B.VI.annex.b.iii) and the numbering they are made of."""
from __future__ import annotations

import re

_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def from_roman(s: str) -> int:
    """'XIV' -> 14 (0 when `s` is not a roman numeral)."""
    n, rest = 0, s.upper()
    for value, sym in _ROMAN:
        while rest.startswith(sym):
            n += value
            rest = rest[len(sym):]
    return 0 if rest or not s else n


def roman(n: int) -> str:
    """1 -> 'I', 14 -> 'XIV'."""
    out = []
    for value, sym in _ROMAN:
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def from_roman(s: str) -> int:
    s = s.upper()
    if not s or not re.fullmatch(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})", s):
        raise ValueError(f"not a roman numeral: {s!r}")
    total, i = 0, 0
    for value, sym in _ROMAN:
        while s.startswith(sym, i):
            total += value
            i += len(sym)
    return total


def letter(n: int) -> str:
    """1 -> 'a', 26 -> 'z', 27 -> 'aa' (UN practice doubles the letter)."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def from_letter(s: str) -> int:
    if not s or not s.isalpha() or not s.islower() or len(set(s)) != 1:
        raise ValueError(f"not a subparagraph letter: {s!r}")
    return (len(s) - 1) * 26 + ord(s[0]) - ord("a") + 1


def token(series: str, n: int) -> str:
    """The id component of the n-th block of a numbering series."""
    if series == "number":
        return str(n)
    if series == "letter":
        return letter(n)
    if series == "roman":
        return roman(n).lower()
    raise ValueError(series)


_RANGE = re.compile(r"^(?P<head>.*\.)(?P<a>[0-9a-z]+)[-–](?P<b>[0-9a-z]+)$")


def _series_of(tok: str, prefer_roman: bool) -> str:
    if tok.isdigit():
        return "number"
    if prefer_roman:
        return "roman"
    return "letter"


def expand_refs(text: str) -> list[str]:
    """'A.VII.17, A.VII.20-22' -> ['A.VII.17', 'A.VII.20', 'A.VII.21', 'A.VII.22'].

    A range spans the last component; 'A.IV.1.f.i-iii' is roman when it starts at i and the
    level above is a letter. Raises ValueError with what is wrong.
    """
    out: list[str] = []
    for raw in text.split(","):
        ref = raw.strip()
        if not ref:
            raise ValueError(f"empty reference in {text!r}")
        m = _RANGE.match(ref)
        if not m:
            out.append(ref)
            continue
        head, a, b = m.group("head"), m.group("a"), m.group("b")
        parent = head.rstrip(".").split(".")[-1]
        roman_level = parent.isalpha() and parent.islower() and len(parent) == 1 and a in ("i", "ii", "iii", "iv", "v")
        series = _series_of(a, roman_level)
        conv = {"number": int, "letter": from_letter, "roman": from_roman}[series]
        lo, hi = conv(a), conv(b)
        if hi <= lo:
            raise ValueError(f"range {ref!r} does not go upwards")
        out.extend(head + token(series, k) for k in range(lo, hi + 1))
    return out
