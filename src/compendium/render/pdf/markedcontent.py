"""Each page's marked content rewritten in WeasyPrint's own stream objects (pydyf), before WeasyPrint
writes the file (no content stream is parsed back): each text box's sequence, found by the text
matrix WeasyPrint drew it at, gets a new id in stream order, and page furniture (margin boxes,
leaders, repeated table heads, `aria-hidden` elements) becomes artifacts."""
from __future__ import annotations

from typing import Any

from .streams import deref, page_objects
from .tagmodel import Mark


def page_streams(pdf: Any) -> list[Any]:
    """The content stream (a pydyf Stream, not yet written) of each page, in page order."""
    return [deref(pdf, page["Contents"]) for page in page_objects(pdf)]


def mark_stream(stream: Any, marks: list[Mark]) -> None:
    """Rewrite the marked content of a page's stream in place, before WeasyPrint writes it: each text
    box's sequence (found by the matrix its text is set at) becomes a /Span with a new id, in stream
    order, or an artifact; the marks get their ids. WeasyPrint appends marked content as the items
    `/Tag`, a property Dictionary, `BDC` (or `/Tag`, `BMC`) … `EMC`, and a text matrix as one
    `a b c d e f Tm` item."""
    import pydyf
    by_place: dict[tuple[float, float], list[Mark]] = {}
    for m in marks:
        by_place.setdefault((m.x, m.y), []).append(m)
    items = stream.stream
    opened: list[tuple[int, bool]] = []     # (index of the BDC or BMC, whether it has an MCID)
    found: dict[int, Mark | None] = {}
    for i, item in enumerate(items):
        if item == b"BDC":
            props = items[i - 1]
            has_mcid = isinstance(props, pydyf.Dictionary) and "MCID" in props
            opened.append((i, has_mcid))
            if has_mcid:
                found[i] = None
        elif item == b"BMC":
            opened.append((i, False))
        elif item == b"EMC":
            opened.pop()
        elif opened and isinstance(item, bytes) and item.endswith(b" Tm"):
            start = next((j for j, mc in reversed(opened) if mc), None)
            if start is not None and found.get(start) is None:
                x, y = (float(v) for v in item.split()[4:6])
                place = by_place.get((round(x, 2), round(y, 2)))
                if place:
                    found[start] = place.pop(0)
    mcid = 0
    for i, mark in found.items():             # in stream order
        if mark is None or mark.node is None:
            items[i - 2] = "/Artifact"
            items[i - 1] = pydyf.Dictionary({"Type": "/" + (mark.artifact if mark else "Layout")})
            continue
        # tagged /Span, as WeasyPrint does: poppler reads /ActualText of a /Span sequence only
        items[i - 2] = "/Span"
        items[i - 1] = pydyf.Dictionary({"MCID": mcid})
        mark.mcid = mcid
        mcid += 1

