"""The PDF's structure tree, rebuilt after WeasyPrint from the laid-out boxes (pikepdf).

WeasyPrint 70 tags every text box of a page under a copy of its HTML ancestors, page by page: a
table across pages becomes one Table per page, footnotes get no Note, running heads and folios stay
marked content outside the tree, leader dots are text, links nest in links. Here the tree is made
again from the HTML elements the boxes came from, across pages:

- `collect` (a WeasyPrint finisher) walks the laid-out pages (`tagcollect`) and records every drawn
  text box (page, position, text, element) and which element each link annotation belongs to; then,
  before WeasyPrint writes the file, it rewrites each page's marked content in WeasyPrint's own
  stream objects (`markedcontent`): each text box gets a new id in stream order, and page furniture
  becomes artifacts;
- `retag` opens the written PDF with pikepdf and writes one structure element per HTML element that
  has a role (`structelems`): `data-tag` in the template (Lbl, Note, Reference, TOC, TOCI …), or the
  standard one of the HTML element (p → P, th → TH …; `tagmodel`); other elements (span, em, bdi)
  pass their text to their parent, or become a Span when they change the language. Table cells get
  their spans, scopes and headers (`tablecells`).

A hyphen inserted by hyphenation reads as a soft hyphen (U+00AD, in the fonts' ToUnicode maps), so
copied text gives whole words.
"""
from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from typing import Any

from .markedcontent import mark_stream, page_streams
from .structelems import HYPHEN, StructWriter
from .tablecells import table_attributes
from .tagcollect import Collector
from .tagmodel import Layout, Mark, Node
from .xmp import add_pdfua_identification

UNSPACED = {"zh", "ja"}             # scripts that do not separate words with spaces
_HYPHEN_ENTRY = re.compile(rb"(<[0-9a-fA-F]{2,4}> *)<2010>")


def collect(lang: str) -> tuple[Callable[[Any, Any], None], list[Layout]]:
    """A WeasyPrint finisher, and the list it puts the Layout of the written document in."""
    holder: list[Layout] = []

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
        holder.append(Layout(collector.root, pages, collector.links, lang))
    return finish, holder


def retag(data: bytes, layout: Layout) -> bytes:
    """The PDF with its structure tree rebuilt from `layout` (see the module's docstring)."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name

    pdf = pikepdf.open(io.BytesIO(data))
    pages = list(pdf.pages)
    spaced = layout.lang.split("-")[0] not in UNSPACED
    _soft_hyphens(pdf, layout)
    annots: dict[int, tuple[int, Any]] = {}
    for i, page in enumerate(pages):
        for a in page.obj.get("/Annots", []):
            annots[a.objgen[0]] = (i, a)
    for number, node in layout.links.items():
        if number in annots:
            link = node
            while link is not None and link.role != "Link":
                link = link.parent
            (link or node).annots.append(annots[number])
    for n, node in enumerate(_nodes(layout.root, "Table")):
        table_attributes(node, n)
    for node in _nodes(layout.root, "Note"):
        node.id = node.element.get("id")
    root = Dictionary(Type=Name.StructTreeRoot)
    root_ref = pdf.make_indirect(root)
    parents: dict[int, list] = {i: [] for i in range(len(pages))}
    ids: list[tuple[str, Any]] = []
    annot_parents: list[Any] = []
    writer = StructWriter(pdf, pages, parents, ids, annot_parents, spaced)
    top = writer.element(layout.root, root_ref)
    root.K = Array([top]) if top is not None else Array()
    nums = Array()
    for i in range(len(pages)):
        nums.append(i)
        nums.append(pdf.make_indirect(Array([elem for _, elem in sorted(parents[i], key=lambda x: x[0])])))
        pages[i].obj.StructParents = i
    for k, (annot, elem) in enumerate(annot_parents, start=len(pages)):
        annot.StructParent = k
        nums.append(k)
        nums.append(elem)
    root.ParentTree = pdf.make_indirect(Dictionary(Nums=nums))
    root.ParentTreeNextKey = len(pages) + len(annot_parents)
    if ids:
        names = Array()
        for name, elem in sorted(ids, key=lambda x: x[0]):
            names.append(pikepdf.String(name))
            names.append(elem)
        root.IDTree = pdf.make_indirect(Dictionary(Names=names))
    pdf.Root.StructTreeRoot = root_ref
    add_pdfua_identification(pdf)
    return _save(pdf)


def _save(pdf: Any) -> bytes:
    """The file's bytes, no stream's data ending in CR: PDF/A checkers read that CR and the LF before
    `endstream` as one end-of-line and find /Length one byte too long. Streams are compressed here;
    the rare one whose compressed data ends in CR (its Adler-32 checksum does, at every level) is
    written uncompressed."""
    import zlib

    import pikepdf
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Stream) or obj.get("/Type") == pikepdf.Name.Metadata:
            continue
        flate = obj.get("/Filter") == pikepdf.Name.FlateDecode
        if obj.get("/Filter") is None or (flate and obj.read_raw_bytes().endswith(b"\r")):
            data = obj.read_bytes()
            packed = zlib.compress(data)
            if packed.endswith(b"\r") and not data.endswith(b"\r"):
                obj.write(data)
            else:
                obj.write(packed, filter=pikepdf.Name.FlateDecode)
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True, compress_streams=False)
    return out.getvalue()


def _soft_hyphens(pdf: Any, layout: Layout) -> None:
    """Make the glyph of the hyphenation hyphen read as a soft hyphen in every font's ToUnicode map
    (ISO 32000-1, 14.8.2.2.3), unless the text itself uses U+2010 somewhere."""
    if any(HYPHEN in m.text[:-1] for marks in layout.marks for m in marks):
        return
    seen = set()
    for page in pdf.pages:
        for font in page.obj.get("/Resources", {}).get("/Font", {}).values():
            cmap = font.get("/ToUnicode")
            if cmap is None or cmap.objgen in seen:
                continue
            seen.add(cmap.objgen)
            data = cmap.read_bytes()
            fixed = _HYPHEN_ENTRY.sub(rb"\1<00ad>", data)
            if fixed != data:
                cmap.write(fixed)


def _nodes(node: Node, role: str) -> Iterator[Node]:
    """The nodes of a role under `node`, in the order met."""
    for kid in node.kids:
        if isinstance(kid, Node):
            if kid.role == role:
                yield kid
            yield from _nodes(kid, role)
