"""The paragraph walker: the block and inline content of one part (body, footnotes, comments) in one
view of its tracked changes ("accept" or "reject"), as Paragraphs of Spans."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .model import Paragraph, Span
from .numbering import num_pr
from .xml import TRUE, W, R, local, namespace, number, val, w

if TYPE_CHECKING:
    from .package import Package

VIEWS = ("accept", "reject")


class Walker:
    """Reads block and inline content of one part in one view of its tracked changes."""

    def __init__(self, pkg: Package, rels: dict, view: str) -> None:
        if view not in VIEWS:
            raise ValueError(view)
        self.pkg, self.rels, self.view = pkg, rels, view
        self.fields: list[list] = []           # open complex fields: [instruction, in_result]
        self.tables = 0

    # -- blocks -------------------------------------------------------------------------------------

    def container(self, parent, cell=None) -> list[Paragraph]:
        out: list[Paragraph] = []
        self._blocks(parent, out, cell, False, False)
        return _join_marks(out, self.view)

    def _blocks(self, parent, out: list[Paragraph], cell, inserted: bool, deleted: bool) -> None:
        for child in parent:
            name = local(child)
            if namespace(child) != W:
                continue
            if name == "p":
                out.append(self.paragraph(child, cell, inserted, deleted))
            elif name == "tbl":
                self.table(child, out)
            elif name in ("ins", "moveTo"):
                if self.view == "accept":
                    self._blocks(child, out, cell, True, deleted)
            elif name in ("del", "moveFrom"):
                if self.view == "reject":
                    self._blocks(child, out, cell, inserted, True)
            elif name == "sdt":
                content = child.find(w("sdtContent"))
                if content is not None:
                    self._blocks(content, out, cell, inserted, deleted)
            elif name in ("customXml", "smartTag"):
                self._blocks(child, out, cell, inserted, deleted)

    def table(self, tbl, out: list[Paragraph]) -> None:
        index = self.tables
        self.tables += 1
        row_no = 0
        for tr in tbl.iter(w("tr")):
            if tr.getparent() is not tbl and local(tr.getparent()) not in ("sdtContent", "customXml"):
                continue                                   # a row of a nested table
            trpr = tr.find(w("trPr"))
            if trpr is not None:
                if self.view == "accept" and trpr.find(w("del")) is not None:
                    continue
                if self.view == "reject" and trpr.find(w("ins")) is not None:
                    continue
            col = 0
            for tc in tr:
                if local(tc) == "sdt":
                    tc = tc.find(f"{w('sdtContent')}/{w('tc')}")
                    if tc is None:
                        continue
                if local(tc) != "tc":
                    continue
                span = tc.find(f"{w('tcPr')}/{w('gridSpan')}")
                self._blocks(tc, out, (index, row_no, col), False, False)
                col += (number(span.get(w("val"))) or 1) if span is not None else 1
            row_no += 1

    def paragraph(self, p, cell, inserted: bool, deleted: bool) -> Paragraph:
        ppr = p.find(w("pPr"))
        style = ""
        para = Paragraph("", cell=cell, tracked=inserted or deleted)
        if ppr is not None:
            source = ppr
            change = ppr.find(w("pPrChange"))
            if change is not None:
                para.tracked = True
                if self.view == "reject" and change.find(w("pPr")) is not None:
                    source = change.find(w("pPr"))
            ps = source.find(w("pStyle"))
            style = ps.get(w("val"), "") if ps is not None else ""
            para.page_break = source.find(w("pageBreakBefore")) is not None
            mark = ppr.find(w("rPr"))
            if mark is not None:
                if mark.find(w("ins")) is not None:
                    para.tracked = True
                    para.mark = "inserted"
                if mark.find(w("del")) is not None:
                    para.tracked = True
                    para.mark = "deleted"
        para.style = self.pkg.style_name(style) if style else "Normal"
        chain = self.pkg.style_chain(style or self.pkg.default_style)
        para.num = num_pr(ppr) if ppr is not None and ppr.find(w("numPr")) is not None else \
            next((st.num for st in chain if st.num), None)
        if para.num is not None and para.num[0] == "0":         # numId 0: numbering switched off
            para.num = None
        outline = number(val(ppr, "outlineLvl")) if ppr is not None else None
        para.outline = outline if outline is not None else next((st.outline for st in chain
                                                                  if st.outline is not None), None)
        self._inline(p, para, _Props(inserted=inserted, deleted=deleted))
        for cid, (start, end) in list(para.comments.items()):
            if end is None:
                para.comments[cid] = (start, len(para.text))
        return para

    # -- inline -------------------------------------------------------------------------------------

    def _inline(self, parent, para: Paragraph, props: _Props) -> None:
        for child in parent:
            if namespace(child) != W:
                continue
            name = local(child)
            if name == "r":
                self.run(child, para, props)
            elif name == "hyperlink":
                rid = child.get(f"{{{R}}}id")
                url = self.rels.get(rid, ("", "", False))[1] if rid else ""
                self._inline(child, para, props.but(url=url, anchor=child.get(w("anchor"), "")))
            elif name in ("ins", "moveTo"):
                para.tracked = True
                if self.view == "accept":
                    self._inline(child, para, props.but(inserted=True))
            elif name in ("del", "moveFrom"):
                para.tracked = True
                if self.view == "reject":
                    self._inline(child, para, props.but(deleted=True))
            elif name == "bookmarkStart":
                para.bookmarks.append(child.get(w("name"), ""))
            elif name == "commentRangeStart":
                para.comments[child.get(w("id"), "")] = (len(para.text), None)
            elif name == "commentRangeEnd":
                cid = child.get(w("id"), "")
                if cid in para.comments:
                    para.comments[cid] = (para.comments[cid][0], len(para.text))
            elif name == "fldSimple":
                self.fields.append([child.get(w("instr"), "").strip(), True])
                self._inline(child, para, props)
                self.fields.pop()
            elif name in ("smartTag", "customXml"):
                self._inline(child, para, props)
            elif name == "sdt":
                content = child.find(w("sdtContent"))
                if content is not None:
                    self._inline(content, para, props)

    def run(self, r, para: Paragraph, props: _Props) -> None:
        rpr = r.find(w("rPr"))
        italic, char_style = False, ""
        if rpr is not None:
            change = rpr.find(w("rPrChange"))
            if change is not None:
                para.tracked = True
                if self.view == "reject":
                    rpr = change.find(w("rPr"))
        if rpr is not None:
            rs = rpr.find(w("rStyle"))
            sid = rs.get(w("val"), "") if rs is not None else ""
            char_style = self.pkg.style_name(sid) if sid else ""
            italic = self.pkg.style_italic(sid) if sid else False
            for tag in ("i", "iCs"):
                direct = rpr.find(w(tag))
                if direct is not None:
                    italic = direct.get(w("val")) in TRUE
                    break
        base = dict(italic=italic, char_style=char_style, url=props.url, anchor=props.anchor,
                    inserted=props.inserted, deleted=props.deleted)
        for child in r:
            name = local(child)
            if namespace(child) != W:
                continue
            if name == "fldChar":
                kind = child.get(w("fldCharType"))
                if kind == "begin":
                    self.fields.append(["", False])
                elif kind == "separate" and self.fields:
                    self.fields[-1][1] = True
                elif kind == "end" and self.fields:
                    self.fields.pop()
                continue
            if name == "instrText" or (name == "delInstrText" and self.view == "reject"):
                if self.fields and not self.fields[-1][1]:
                    self.fields[-1][0] += child.text or ""
                continue
            if self.fields and not self.fields[-1][1]:
                continue                                    # inside a field's instruction
            text = None
            if name == "t" or (name == "delText" and self.view == "reject"):
                text = child.text or ""
            elif name in ("tab", "ptab"):
                text = "\t"
            elif name == "br":
                text = "\n" if child.get(w("type"), "textWrapping") == "textWrapping" else None
            elif name == "cr":
                text = "\n"
            elif name == "noBreakHyphen":
                text = "\u2011"
            elif name == "softHyphen":
                text = "\u00ad"
            elif name == "sym":
                try:
                    text = chr(int(child.get(w("char"), ""), 16))
                except ValueError:
                    text = None
            elif name == "commentReference":              # a comment on a point (Word writes no range)
                cid = child.get(w("id"), "")
                para.comments.setdefault(cid, (len(para.text), len(para.text)))
                continue
            elif name == "footnoteReference":
                para.spans.append(Span("", note=child.get(w("id"), ""), field=self._field(),
                                       custom_mark=child.get(w("customMarkFollows")) in ("1", "true", "on"), **base))
                continue
            if text:
                para.spans.append(Span(text, field=self._field(), **base))

    def _field(self) -> str:
        return " ".join(self.fields[-1][0].split()) if self.fields else ""


@dataclass
class _Props:
    url: str = ""
    anchor: str = ""
    inserted: bool = False
    deleted: bool = False

    def but(self, **changes) -> _Props:
        return _Props(**{**self.__dict__, **changes})


def _join_marks(paras: list[Paragraph], view: str) -> list[Paragraph]:
    """Join a paragraph whose mark does not exist in this view (deleted and accepted, or inserted and
    rejected) with the paragraph after it, as Word does when the change is accepted or rejected."""
    out: list[Paragraph] = []
    carry: Paragraph | None = None
    gone = "deleted" if view == "accept" else "inserted"
    for p in paras:
        if carry is not None:
            offset = len(carry.text)
            carry.spans += p.spans
            carry.bookmarks += p.bookmarks
            for cid, (start, end) in p.comments.items():
                carry.comments[cid] = (start + offset, None if end is None else end + offset)
            carry.tracked = True
            carry.joined += p.joined
            if p.mark != gone:
                out.append(carry)
                carry = None
            continue
        if p.mark == gone and p.cell is None:
            carry = p
            continue
        out.append(p)
    if carry is not None:
        out.append(carry)
    return out

