"""The PDF's structure tree, made from the laid-out boxes and written with WeasyPrint's own objects.

WeasyPrint 70 tags every text box of a page under a copy of its HTML ancestors, page by page: a
table across pages becomes one Table per page, footnotes get no Note, running heads and folios stay
marked content outside the tree, leader dots are text, links nest in links. Here the tree is made
from the HTML elements the boxes came from, across pages, instead of WeasyPrint's
(`engine_tree_skipped`: WeasyPrint draws the marked content but builds no tree of its own):

`collect` is a WeasyPrint finisher, run before WeasyPrint writes the file. It walks the laid-out
pages (`tagcollect`) and records every drawn text box (page, position, text, element) and which
element each link annotation belongs to; it rewrites each page's marked content in WeasyPrint's
stream objects (`markedcontent`): each text box gets a new id in stream order, and page furniture
becomes artifacts; then `write_tree` adds one structure element per HTML element that has a role
(`structelems`): `data-tag` in the template (Lbl, Note, Reference, TOC, TOCI …), or the standard one
of the HTML element (p → P, th → TH …; `tagmodel`); other elements (span, em, bdi) pass their text
to their parent, or become a Span when they change the language. Table cells get their spans,
scopes and headers (`tablecells`). The written file is not read back.

A hyphen inserted by hyphenation reads as a soft hyphen (U+00AD, in the fonts' ToUnicode maps), so
copied text gives whole words.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from .markedcontent import mark_stream, page_streams
from .streams import content, deref, page_objects
from .structelems import HYPHEN, StructWriter
from .tablecells import table_attributes
from .tagcollect import Collector
from .tagmodel import Layout, Mark, Node
from .xmp import add_pdfua_identification

UNSPACED = {"zh", "ja"}             # scripts that do not separate words with spaces
_HYPHEN_ENTRY = re.compile(rb"(<[0-9a-fA-F]{2,4}> *)<2010>")


def collect(lang: str) -> Callable[[Any, Any], None]:
    """A WeasyPrint finisher that gives the PDF its structure tree (see the module's docstring)."""
    def finish(document: Any, pdf: Any) -> None:
        html = document.pages[0]._page_box.children[0].element
        collector = Collector(lang, html)
        pages = []
        for i, page in enumerate(document.pages):
            marks: list[Mark] = []
            collector.walk(page._page_box, i, marks, None)
            pages.append(marks)
        collector.notes_after_references()
        for stream, marks in zip(page_streams(pdf), pages):
            mark_stream(stream, marks)
        write_tree(pdf, Layout(collector.root, pages, collector.links, lang))
        add_pdfua_identification(pdf)
    return finish


@contextmanager
def engine_tree_skipped() -> Iterator[None]:
    """While WeasyPrint writes inside this block, it does not build its own structure tree (the one
    `collect` replaces); it still draws the marked content. Where its internals are not as expected,
    it builds the tree and `collect` replaces it all the same."""
    try:
        import weasyprint.pdf as engine
        inner = engine.add_tags
    except (ImportError, AttributeError):
        yield
        return
    engine.add_tags = lambda *args, **kwargs: None
    try:
        yield
    finally:
        engine.add_tags = inner


def write_tree(pdf: Any, layout: Layout) -> None:
    """Add the structure tree of `layout` to WeasyPrint's PDF objects (pydyf), before it writes them."""
    from pydyf import Array, Dictionary, String

    pages = page_objects(pdf)
    spaced = layout.lang.split("-")[0] not in UNSPACED
    _soft_hyphens(pdf, layout)
    annots: dict[int, int] = {}
    for i, page in enumerate(pages):
        for ref in page.get("Annots", []):
            annots[deref(pdf, ref).number] = i
    for number, node in layout.links.items():
        if number in annots:
            link = node
            while link is not None and link.role != "Link":
                link = link.parent
            (link or node).annots.append((annots[number], number))
    for n, node in enumerate(_nodes(layout.root, "Table")):
        table_attributes(node, n)
    for node in _nodes(layout.root, "Note"):
        node.id = node.element.get("id")
    root = Dictionary({"Type": "/StructTreeRoot"})
    pdf.add_object(root)
    parents: dict[int, list] = {i: [] for i in range(len(pages))}
    ids: list[tuple[str, Any]] = []
    annot_parents: list[Any] = []
    writer = StructWriter(pdf, pages, parents, ids, annot_parents, spaced)
    top = writer.element(layout.root, root.reference)
    root["K"] = Array([top.reference] if top is not None else [])
    nums = Array()
    for i, page in enumerate(pages):
        kids = Array([elem.reference for _, elem in sorted(parents[i], key=lambda x: x[0])])
        pdf.add_object(kids)
        nums.extend([i, kids.reference])
        page["StructParents"] = i
    for k, (annot, elem) in enumerate(annot_parents, start=len(pages)):
        annot["StructParent"] = k
        nums.extend([k, elem.reference])
    parent_tree = Dictionary({"Nums": nums})
    pdf.add_object(parent_tree)
    root["ParentTree"] = parent_tree.reference
    root["ParentTreeNextKey"] = len(pages) + len(annot_parents)
    if ids:
        names = Array()
        for name, elem in sorted(ids, key=lambda x: x[0]):
            names.extend([String(name), elem.reference])
        id_tree = Dictionary({"Names": names})
        pdf.add_object(id_tree)
        root["IDTree"] = id_tree.reference
    pdf.catalog["StructTreeRoot"] = root.reference
    pdf.catalog["MarkInfo"] = Dictionary({"Marked": "true"})
    pdf.catalog["ViewerPreferences"] = Dictionary({"DisplayDocTitle": "true"})


def _soft_hyphens(pdf: Any, layout: Layout) -> None:
    """Make the glyph of the hyphenation hyphen read as a soft hyphen in every font's ToUnicode map
    (ISO 32000-1, 14.8.2.2.3), unless the text itself uses U+2010 somewhere."""
    if any(HYPHEN in m.text[:-1] for marks in layout.marks for m in marks):
        return
    from pydyf import Dictionary
    seen = set()
    for obj in pdf.objects:
        if not isinstance(obj, Dictionary) or obj.get("Type") != "/Font" or "ToUnicode" not in obj:
            continue
        cmap = deref(pdf, obj["ToUnicode"])
        if cmap.number in seen:
            continue
        seen.add(cmap.number)
        data = content(cmap)
        fixed = _HYPHEN_ENTRY.sub(rb"\1<00ad>", data)
        if fixed != data:
            cmap.stream = [fixed]


def _nodes(node: Node, role: str) -> Iterator[Node]:
    """The nodes of a role under `node`, in the order met."""
    for kid in node.kids:
        if isinstance(kid, Node):
            if kid.role == role:
                yield kid
            yield from _nodes(kid, role)
