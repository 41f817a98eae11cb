"""Small numeral helpers shared by renderers."""
from __future__ import annotations

_SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def superscript(n: int) -> str:
    """12 -> '¹²' (the footnote marks of the text proof)."""
    return str(n).translate(_SUP)
