"""The structure elements (StructElem dictionaries) added to WeasyPrint's PDF objects (pydyf) before it
writes the file (`StructWriter`): one per node that has content, its marked content, link
annotations and attributes, in reading order.

Text boxes whose glyphs do not say what they read as get a Span with `/ActualText`: right-to-left
runs, drawn in visual order, in logical order; the last text of a line with the space the break
took. (On the structure element, not the marked content: poppler spreads a marked-content
ActualText left to right and then reverses right-to-left lines, giving Arabic backwards.)
"""
from __future__ import annotations

import unicodedata
from typing import Any

from .tagmodel import Mark, Node

HYPHEN, SOFT_HYPHEN = "\u2010", "\u00ad"


def _rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)


def _actual_text(mark: Mark, spaced: bool) -> str | None:
    """What an extractor should read for a text box when its glyphs, in drawing order, do not say
    it: a right-to-left run (drawn in visual order) in its logical order; at the end of a line, in a
    script that separates words with spaces, the space the line break took (so that a screen reader
    does not read "of|Recommendations" as one word)."""
    text = mark.text
    space = spaced and mark.line_end and not text.endswith((HYPHEN, SOFT_HYPHEN, " ", "/", "-", "–"))
    if not space and not mark.rtl and not _rtl(text):
        return None
    return text.replace(HYPHEN, SOFT_HYPHEN) + (" " if space else "")


class StructWriter:
    """Adds the nodes to a pydyf PDF as structure elements (StructElem dictionaries).

    pages: the page dictionaries; parents: per page index, (MCID, element) pairs for the parent
    tree; ids: (ID, element) pairs; annot_parents: (annotation, element) pairs."""

    def __init__(self, pdf: Any, pages: list[Any], parents: dict[int, list], ids: list[tuple[str, Any]],
                 annot_parents: list[Any], spaced: bool) -> None:
        self.pdf, self.pages, self.parents, self.ids, self.annot_parents = pdf, pages, parents, ids, annot_parents
        self.spaced = spaced

    def _add(self, entries: dict) -> Any:
        import pydyf
        elem = pydyf.Dictionary(entries)
        self.pdf.add_object(elem)
        return elem

    def element(self, node: Node, parent_ref: bytes) -> Any:
        """The structure element of `node` under `parent_ref`, with its kids'; None if it holds
        nothing (an empty table cell is still written)."""
        from pydyf import Array, Dictionary, String
        # reading order: a label first (a hanging label is drawn after its text), then as drawn
        kids = sorted(node.kids, key=lambda k: (not (isinstance(k, Node) and k.role == "Lbl"), k.key))
        if not any(self._has_content(k) for k in kids) and not node.annots and node.role not in ("TD", "TH"):
            return None
        elem = self._add({"Type": "/StructElem", "S": "/" + node.role, "P": parent_ref})
        k_array = Array()
        pg = None
        for kid in kids:
            if isinstance(kid, Mark):
                if kid.mcid is None:
                    continue
                if pg is None:
                    pg = kid.page
                ref = kid.mcid if kid.page == pg else Dictionary({"Type": "/MCR", "Pg": self.pages[kid.page].reference,
                                                                  "MCID": kid.mcid})
                actual = _actual_text(kid, self.spaced)
                if actual is None:
                    self.parents[kid.page].append((kid.mcid, elem))
                    k_array.append(ref)
                else:                # a Span that says what its glyphs read as (ISO 32000-1, 14.9.4)
                    span = self._add({"Type": "/StructElem", "S": "/Span", "P": elem.reference,
                                      "Pg": self.pages[kid.page].reference, "K": Array([kid.mcid]),
                                      "ActualText": String(actual)})
                    self.parents[kid.page].append((kid.mcid, span))
                    k_array.append(span.reference)
            else:
                child = self.element(kid, elem.reference)
                if child is not None:
                    k_array.append(child.reference)
        for page_index, number in node.annots:
            annot = self.pdf.objects[number]
            k_array.append(Dictionary({"Type": "/OBJR", "Obj": annot.reference, "Pg": self.pages[page_index].reference}))
            self.annot_parents.append((annot, elem))
            if pg is None:
                pg = page_index
        elem["K"] = k_array
        if pg is not None:
            elem["Pg"] = self.pages[pg].reference
        if node.lang:
            elem["Lang"] = String(node.lang)
        if node.attrs:
            elem["A"] = Dictionary({k: ("/" + v if k in ("O", "Scope") else
                                        Array([String(h) for h in v]) if k == "Headers" else v)
                                    for k, v in node.attrs.items()})
        if node.id:
            elem["ID"] = String(node.id)
            self.ids.append((node.id, elem))
        return elem

    def _has_content(self, kid: Node | Mark) -> bool:
        if isinstance(kid, Mark):
            return kid.mcid is not None
        return bool(kid.annots) or any(self._has_content(k) for k in kid.kids)
