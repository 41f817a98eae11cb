"""The PDF's structure tree, rebuilt after WeasyPrint from the laid-out boxes (pikepdf).

WeasyPrint 70 tags every text box of a page under a copy of its HTML ancestors, page by page: a
table across pages becomes one Table per page, footnotes get no Note, running heads and folios stay
marked content outside the tree, leader dots are text, links nest in links. Here the tree is made
again from the HTML elements the boxes came from, across pages:

- `collect` (a WeasyPrint finisher) walks the laid-out pages and records every drawn text box
  (page, position, text, element) and which element each link annotation belongs to; then, before
  WeasyPrint writes the file, it rewrites each page's marked content in WeasyPrint's own stream
  objects (no content stream is parsed back): each text box's sequence, found by the text matrix
  WeasyPrint drew it at, gets a new id in stream order, and page furniture (margin boxes, leaders,
  repeated table heads, `aria-hidden` elements) becomes artifacts;
- `retag` opens the written PDF with pikepdf and writes one structure element per HTML element that
  has a role: `data-tag` in the template (Lbl, Note, Reference, TOC, TOCI …), or the standard one of
  the HTML element (p → P, th → TH …); other elements (span, em, bdi) pass their text to their
  parent, or become a Span when they change the language.

Text boxes whose glyphs do not say what they read as get a Span with `/ActualText`: right-to-left
runs, drawn in visual order, in logical order; the last text of a line with the space the break
took. (On the structure element, not the marked content: poppler spreads a marked-content
ActualText left to right and then reverses right-to-left lines, giving Arabic backwards.) A hyphen
inserted by hyphenation reads as a soft hyphen (U+00AD, in the fonts' ToUnicode maps), so copied
text gives whole words.
"""
from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from .xmp import add_pdfua_identification

# HTML element -> standard structure type (ISO 32000-1, 14.8.4); absent: text goes to the parent
ROLES = {
    "p": "P", "h1": "H1", "h2": "H2", "h3": "H3", "h4": "H4", "h5": "H5", "h6": "H6",
    "section": "Sect", "div": "Div", "nav": "Sect", "article": "Art", "blockquote": "BlockQuote",
    "ol": "L", "ul": "L", "li": "LI", "table": "Table", "thead": "THead", "tbody": "TBody",
    "tfoot": "TFoot", "tr": "TR", "th": "TH", "td": "TD", "a": "Link", "caption": "Caption",
}
UNSPACED = {"zh", "ja"}             # scripts that do not separate words with spaces
SCOPES = {"col": "Column", "colgroup": "Column", "row": "Row", "rowgroup": "Row"}
HYPHEN, SOFT_HYPHEN = "\u2010", "\u00ad"
_HYPHEN_ENTRY = re.compile(rb"(<[0-9a-fA-F]{2,4}> *)<2010>")


@dataclass(eq=False)
class Node:
    """One structure element to be: an HTML element (or one of its pseudo-elements) with a role."""
    role: str
    element: Any
    parent: Node | None
    key: float = float("inf")              # reading order among siblings: the first box drawn
    kids: list = field(default_factory=list)   # Node or Mark, in the order met
    annots: list[tuple[int, int]] = field(default_factory=list)  # (page index, annotation object number)
    lang: str | None = None
    first_page: int | None = None
    attrs: dict | None = None              # table cells: /A (ColSpan, RowSpan, Scope, Headers)
    id: str | None = None                  # /ID (header cells, notes)


@dataclass(eq=False)
class Mark:
    """One text box as WeasyPrint drew it: its marked content on page `page` at (x, y)."""
    page: int
    x: float
    y: float
    key: float
    text: str
    node: Node | None            # None: an artifact
    artifact: str = "Layout"     # Pagination (running heads, folios, repeated heads) or Layout
    mcid: int | None = None      # new marked-content id, set when the page is rewritten
    line_end: bool = False       # last text of a line that the next line continues (a space was dropped)
    rtl: bool = False            # set right to left (drawn in visual order)


@dataclass
class Layout:
    """What `collect` found: the root node, the marks of each page, link annotations' nodes."""
    root: Node
    marks: list[list[Mark]]
    links: dict[int, Node]
    lang: str


def _role(element: Any, pseudo: str) -> str | None:
    if pseudo == "footnote-marker":
        return "Lbl"
    if pseudo:
        return None
    if element.tag == "th" and not "".join(element.itertext()).strip():
        return "TD"                       # an empty header cell heads nothing
    return element.get("data-tag") or ROLES.get(element.tag)


def _table_attributes(table: Node, number: int) -> None:
    """/A of the cells of a table (ISO 32000-1, 14.8.5.7): TH get an /ID and a /Scope, every cell
    its spans and the /Headers that apply to it: the column heads above its columns and the row
    heads of its row (scope=row) or of its row group (scope=rowgroup, as a topic heads its rows)."""
    groups = [g for g in table.kids if isinstance(g, Node)]
    grid: dict[tuple[int, int], bool] = {}
    columns: dict[int, list[str]] = {}
    r = 0
    for group in sorted(groups, key=lambda g: g.key):
        rows = [g for g in group.kids if isinstance(g, Node) and g.role == "TR"] if group.role != "TR" else [group]
        group_heads: list[str] = []
        for row in sorted(rows, key=lambda n: n.key):
            c = 0
            row_heads: list[str] = []
            cells = sorted((k for k in row.kids if isinstance(k, Node) and k.role in ("TH", "TD")), key=lambda n: n.key)
            placed = []
            for cell in cells:
                while grid.get((r, c)):
                    c += 1
                span = int(cell.element.get("colspan", 1)), int(cell.element.get("rowspan", 1))
                for dr in range(span[1]):
                    for dc in range(span[0]):
                        grid[(r + dr, c + dc)] = True
                placed.append((cell, c, span))
                attrs = {"O": "Table"}
                if span[0] > 1:
                    attrs["ColSpan"] = span[0]
                if span[1] > 1:
                    attrs["RowSpan"] = span[1]
                cell.attrs = attrs
                if cell.role == "TH":
                    cell.id = f"t{number}-{r}-{c}"
                    scope = cell.element.get("scope", "col" if group.role == "THead" else "row")
                    attrs["Scope"] = SCOPES.get(scope, "Column")
                    if group.role == "THead":
                        for dc in range(span[0]):
                            columns.setdefault(c + dc, []).append(cell.id)
                    elif scope == "rowgroup":
                        group_heads.append(cell.id)
                    else:
                        row_heads.append(cell.id)
                c += span[0]
            if group.role != "THead":
                for cell, col, span in placed:
                    heads = [h for dc in range(span[0]) for h in columns.get(col + dc, [])]
                    heads += [h for h in group_heads + row_heads if h != getattr(cell, "id", None)]
                    cell.attrs["Headers"] = heads
            r += 1


class _Collector:
    def __init__(self, lang: str, html: Any) -> None:
        self.nodes: dict[tuple[int, str], Node] = {}
        self.root = Node("Document", None, None, 0)
        self.links: dict[int, Node] = {}
        self.lang = lang
        self.seq = 0
        self.line_ends: set[int] = set()
        self.dom_parent = {id(child): parent for parent in html.iter() for child in parent}

    def node(self, element: Any, pseudo: str = "") -> Node:
        """The node of an element's text: its own if it has a role, else its nearest ancestor's
        (by the HTML tree: a footnote is drawn in the footnote area but belongs to its paragraph)."""
        if element is None or element.tag in ("html", "body"):
            return self.root
        key = (id(element), pseudo)
        if key in self.nodes:
            return self.nodes[key]
        role = _role(element, pseudo)
        lang = element.get("lang") if not pseudo else None
        if role is None and lang and lang != self.lang:
            role = "Span"
        if role is None:
            node = self.node(element) if pseudo else self.node(self.dom_parent.get(id(element)))
        else:
            parent = self.node(element) if pseudo else self.node(self.dom_parent.get(id(element)))
            node = Node(role, element, parent, lang=lang if lang and lang != self.lang else None)
            parent.kids.append(node)
        self.nodes[key] = node
        return node

    def notes_after_references(self) -> None:
        """A Note is read right after the Reference just before it in the HTML, not where it is
        drawn (the foot of the page)."""
        for (_, pseudo), node in self.nodes.items():
            if node.role != "Note" or pseudo or node.element is None:
                continue
            siblings = list(self.dom_parent.get(id(node.element), ()))
            i = next(i for i, e in enumerate(siblings) if e is node.element)
            ref = self.nodes.get((id(siblings[i - 1]), "")) if i else None
            if ref is not None and ref.role == "Reference" and ref.parent is node.parent:
                node.key = ref.key + 0.5

    def walk(self, box: Any, page: int, marks: list[Mark], artifact: str | None) -> None:
        from weasyprint.formatting_structure import boxes
        from weasyprint.layout.absolute import AbsolutePlaceholder
        if isinstance(box, AbsolutePlaceholder):
            box = box._box
        if isinstance(box, boxes.MarginBox):
            artifact = "Pagination"
        element = box.element
        if artifact is None and element is not None:
            if element.get("aria-hidden") == "true" or getattr(box, "is_leader", False):
                artifact = "Layout"
        node = None
        if not artifact:
            node = self.node(element, (box.element_tag or "").partition("::")[2])
            if node.first_page is None:
                node.first_page = page
            if any(n.role == "THead" and n.first_page != page for n in _ancestors(node)):
                artifact, node = "Pagination", None       # the column heads repeated on a later page
        link = getattr(box, "link_annotation", None)
        if link is not None and artifact != "Pagination":     # a leader's share of its entry's link too
            self.links[link.number] = node or self.node(element, (box.element_tag or "").partition("::")[2])
        if isinstance(box, boxes.TextBox):
            self.seq += 1
            x, y = box.position_x, box.position_y + box.baseline
            mark = Mark(page, round(x, 2), round(y, 2), self.seq, box.text, node, artifact or "Layout",
                        line_end=id(box) in self.line_ends, rtl=box.style["direction"] == "rtl")
            marks.append(mark)
            if node is not None:
                node.kids.append(mark)
                for n in _ancestors(node):
                    n.key = min(n.key, self.seq)
            return
        children = getattr(box, "children", ())
        lines = [c for c in children if isinstance(c, boxes.LineBox)]
        for line in lines[:-1]:
            last = _last_text(line)
            if last is not None:
                self.line_ends.add(id(last))
        for child in children:
            self.walk(child, page, marks, artifact)


def _nodes(node: Node, role: str):
    """The nodes of a role under `node`, in the order met."""
    for kid in node.kids:
        if isinstance(kid, Node):
            if kid.role == role:
                yield kid
            yield from _nodes(kid, role)


def _last_text(box: Any) -> Any:
    """The last text box drawn on a line."""
    from weasyprint.formatting_structure import boxes
    for child in reversed(getattr(box, "children", ())):
        if isinstance(child, boxes.TextBox):
            return child if child.text.strip() else None
        found = _last_text(child)
        if found is not None:
            return found
    return None


def _ancestors(node: Node):
    while node is not None:
        yield node
        node = node.parent


def collect(lang: str):
    """A WeasyPrint finisher, and the list it puts the Layout of the written document in."""
    holder: list[Layout] = []

    def finish(document: Any, pdf: Any) -> None:
        html = document.pages[0]._page_box.children[0].element
        collector = _Collector(lang, html)
        pages = []
        for i, page in enumerate(document.pages):
            marks: list[Mark] = []
            collector.walk(page._page_box, i, marks, None)
            pages.append(marks)
        collector.notes_after_references()
        for stream, marks in zip(_page_streams(pdf), pages):
            _mark_stream(stream, marks)
        holder.append(Layout(collector.root, pages, collector.links, lang))
    return finish, holder


# -- rewriting the PDF ------------------------------------------------------------------------------

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


def _page_streams(pdf: Any) -> list[Any]:
    """The content stream (a pydyf Stream, not yet written) of each page, in page order."""
    pages = [pdf.objects[number] for number in pdf.pages["Kids"][::3]]
    return [pdf.objects[int(page["Contents"].split()[0])] for page in pages]


def _mark_stream(stream: Any, marks: list[Mark]) -> None:
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
        _table_attributes(node, n)
    for node in _nodes(layout.root, "Note"):
        node.id = node.element.get("id")
    root = Dictionary(Type=Name.StructTreeRoot)
    root_ref = pdf.make_indirect(root)
    parents: dict[int, list] = {i: [] for i in range(len(pages))}
    ids: list[tuple[str, Any]] = []
    annot_parents: list[Any] = []
    writer = _Writer(pdf, pages, parents, ids, annot_parents, spaced)
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


class _Writer:
    """Writes the nodes as structure elements (StructElem dictionaries) with pikepdf."""

    def __init__(self, pdf, pages, parents, ids, annot_parents, spaced: bool) -> None:
        self.pdf, self.pages, self.parents, self.ids, self.annot_parents = pdf, pages, parents, ids, annot_parents
        self.spaced = spaced

    def element(self, node: Node, parent_ref: Any) -> Any:
        import pikepdf
        from pikepdf import Array, Dictionary, Name
        # reading order: a label first (a hanging label is drawn after its text), then as drawn
        kids = sorted(node.kids, key=lambda k: (not (isinstance(k, Node) and k.role == "Lbl"), k.key))
        if not any(self._has_content(k) for k in kids) and not node.annots and node.role not in ("TD", "TH"):
            return None
        elem = self.pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + node.role), P=parent_ref))
        k_array = Array()
        pg = None
        for kid in kids:
            if isinstance(kid, Mark):
                if kid.mcid is None:
                    continue
                if pg is None:
                    pg = kid.page
                ref = kid.mcid if kid.page == pg else Dictionary(Type=Name.MCR, Pg=self.pages[kid.page].obj,
                                                                 MCID=kid.mcid)
                actual = _actual_text(kid, self.spaced)
                if actual is None:
                    self.parents[kid.page].append((kid.mcid, elem))
                    k_array.append(ref)
                else:                # a Span that says what its glyphs read as (ISO 32000-1, 14.9.4)
                    span = self.pdf.make_indirect(Dictionary(
                        Type=Name.StructElem, S=Name.Span, P=elem, Pg=self.pages[kid.page].obj,
                        K=Array([kid.mcid]), ActualText=pikepdf.String(actual)))
                    self.parents[kid.page].append((kid.mcid, span))
                    k_array.append(span)
            else:
                child = self.element(kid, elem)
                if child is not None:
                    k_array.append(child)
        for page_index, annot in node.annots:
            k_array.append(Dictionary(Type=Name.OBJR, Obj=annot, Pg=self.pages[page_index].obj))
            self.annot_parents.append((annot, elem))
            if pg is None:
                pg = page_index
        elem.K = k_array
        if pg is not None:
            elem.Pg = self.pages[pg].obj
        if node.lang:
            elem.Lang = pikepdf.String(node.lang)
        if node.attrs:
            elem.A = Dictionary({"/" + k: (Name("/" + v) if k in ("O", "Scope") else
                                           Array([pikepdf.String(h) for h in v]) if k == "Headers" else v)
                                 for k, v in node.attrs.items()})
        if node.id:
            elem.ID = pikepdf.String(node.id)
            self.ids.append((node.id, elem))
        return elem

    def _has_content(self, kid) -> bool:
        if isinstance(kid, Mark):
            return kid.mcid is not None
        return bool(kid.annots) or any(self._has_content(k) for k in kid.kids)


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
