"""Id components and index references: the token a numbered block adds to its parent's id
(A.VII.26, B.III.2.b, B.VI.annex.b.iii; the loader assembles ids) and ranges such as A.VII.20-22
expanded."""
from __future__ import annotations

import re

from .numerals import from_letter, from_roman, letter, roman


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
