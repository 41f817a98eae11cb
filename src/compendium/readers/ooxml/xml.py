"""The WordprocessingML names and the small XML helpers the other modules share."""
from __future__ import annotations

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
TRUE = {None, "1", "true", "on"}              # the w:val of a switched-on property (absent: on)


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def local(e) -> str:
    return etree.QName(e).localname if isinstance(e.tag, str) else ""


def namespace(e) -> str:
    return etree.QName(e).namespace if isinstance(e.tag, str) else ""


def val(parent, tag: str) -> str | None:
    """The w:val of `parent`'s child `tag` (None if either is missing)."""
    el = parent.find(w(tag)) if parent is not None else None
    return None if el is None else el.get(w("val"))


def number(value: str | None, default: int | None = None) -> int | None:
    """An attribute's whole number (Word writes them as text); `default` when absent or not a number."""
    try:
        n = int(value) if value is not None else default
    except ValueError:
        return default
    return n if n is None or 0 <= n <= 99999 else default
