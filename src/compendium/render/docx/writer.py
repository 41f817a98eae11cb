"""The DOCX writer: the localized tree as a Word document built on templates/reference.docx.

Every style comes from reference.docx (regenerate it with scripts/make-reference-docx.py, or
restyle it in Word); this module only chooses styles, writes the text in the order of the text
proof, and adds what python-docx has no API for: real footnotes, a TOC field with its entries as
cached result, bookmarks on every paragraph, internal and external hyperlinks, right-to-left
properties. The same tree gives a byte-identical file.

Design notes:
- Labels are generated text followed by a tab to the hanging indent of the paragraph style, never
  Word auto-numbering: the labels are already final in the tree (per language).
- Heading styles follow the contents levels, so that Word's own TOC (\\o "1-3") collects exactly
  book.contents: Heading 1 introduction/compendium/index, Heading 2 parts, Heading 3 chapters;
  headings that are not in the contents take Heading (tree level + 1): Heading 4 decisions,
  Heading 5 decision titles and annexes, Heading 6 annex titles.
- Footnotes: Word numbers footnotes in order of reference, and the tree numbers notes in order of
  first citation, so the first citation of each note (Run.first) is a w:footnoteReference with
  w:id = note number. A note cited again is a NOTEREF field (formatted as a footnote mark) to a bookmark on its
  first reference, so it keeps its number instead of creating a duplicate note.
- Bookmarks: every Para and Heading id, mapped by docx_oxml.bookmark_name ('A.VII.26' ->
  'p_A_VII_26'); internal links (contents, index) point at them.
"""
from __future__ import annotations

import copy
import io

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from ...localize import tree as t
from ..edition import Edition
from .index_table import IndexTable
from .oxml import (PPR_ORDER, RPR_ORDER, SECTPR_ORDER, SETTINGS_ORDER, el, field_runs, half_points, put,
                   stable_zip, sub, twips)


def render(book: t.Book, edition: Edition) -> bytes:
    """Writer entry point: the DOCX package as bytes."""
    return _Writer(book, edition).render()


class _Writer(IndexTable):
    def render(self) -> bytes:
        b = self.book
        if b.draft and b.draft_note:
            self.add_para("Draft Note", self.draft_note_runs())
        self.lines("cover", b.cover, page_break=False)
        self.lines("title_page", b.title_page, page_break=True)
        if self.edition.settings.get("unofficial"):
            self.add_para("Title Page Text", self.text_runs(b.ui["page.unofficial"]))
        self.lines("copyright", b.copyright, page_break=True)
        front_end = self.contents()
        for item in b.flow():
            if isinstance(item, t.Heading):
                self.heading(item)
            else:
                self.block(item)
        self.index(b.index)
        self.lines("back_cover", b.back_cover, page_break=True)
        self.page_setup(front_end)
        self.styles()
        self.settings()
        self.properties()
        for part in (self.part, self.footnotes):
            _drop_unused_rels(part)
        for part in (self.doc.element, self.doc.styles.element, self.doc.settings.element):
            for e in part.iter():
                for name in [a for a in e.attrib if a.startswith(f"{{{_W}}}rsid")]:
                    del e.attrib[name]
        buf = io.BytesIO()
        self.doc.save(buf)
        return stable_zip(buf.getvalue())

    def page_setup(self, front_end) -> None:
        page = self.edition.settings.get("page", {})
        sp = self.sect_pr
        for tag in ("w:headerReference", "w:footerReference", "w:titlePg", "w:pgNumType", "w:bidi", "w:rtlGutter"):
            for e in sp.findall(qn(tag)):
                sp.remove(e)
        inner, outer = twips(page["margin_inner"]), twips(page["margin_outer"])
        left, right = (outer, inner) if self.rtl else (inner, outer)
        top, bottom = twips(page["margin_top"]), twips(page["margin_bottom"])
        put(sp, el("w:pgSz", {"w:w": str(twips(page["width"])), "w:h": str(twips(page["height"]))}), SECTPR_ORDER)
        put(sp, el("w:pgMar", {"w:top": str(top), "w:right": str(right), "w:bottom": str(bottom),
                               "w:left": str(left), "w:header": str(top // 2), "w:footer": str(bottom // 2),
                               "w:gutter": "0"}), SECTPR_ORDER)
        if self.rtl:
            put(sp, el("w:bidi"), SECTPR_ORDER)
        front = copy.deepcopy(sp)
        put(front, el("w:pgNumType", {"w:fmt": "lowerRoman", "w:start": "1"}), SECTPR_ORDER)
        put(sp, el("w:pgNumType", {"w:fmt": "decimal", "w:start": "1"}), SECTPR_ORDER)
        put(sp, el("w:type", {"w:val": "oddPage"}), SECTPR_ORDER)
        put(front_end.find(qn("w:pPr")), front, PPR_ORDER)
        front_section, body_section = self.doc.sections[0], self.doc.sections[1]
        header = self.para("header")
        if self.book.draft:
            header.extend(self.text_runs(self.book.ui["page.draft"]))
        _replace(front_section.header, header)
        footer = self.para("footer")
        footer.extend(field_runs("PAGE", [el("w:r", None, el("w:t", text="1"))]))
        _replace(body_section.footer, footer)
        _replace(front_section.footer, self.para("footer"))

    def styles(self) -> None:
        """Per-edition settings on top of reference.docx: fonts, languages, sizes, contents tabs."""
        styles = self.doc.styles.element
        defaults = styles.find(qn("w:docDefaults"))
        rpr = sub(sub(defaults, "w:rPrDefault", ["rPrDefault", "pPrDefault"]), "w:rPr", ["rPr"])
        family = list(self.style.fonts.get("family") or ["Noto Serif"])
        main = family[0]
        latin = family[1] if self.rtl and len(family) > 1 else main
        put(rpr, el("w:rFonts", {"w:ascii": latin, "w:hAnsi": latin, "w:eastAsia": main if self.east_asian
                                 else latin, "w:cs": main}), RPR_ORDER)
        lang = {"w:val": self.lang_tag}
        if self.rtl:
            lang["w:bidi"] = self.lang_tag
        if self.east_asian:
            lang["w:eastAsia"] = self.lang_tag
        put(rpr, el("w:lang", lang), RPR_ORDER)
        ppr = sub(sub(defaults, "w:pPrDefault", ["rPrDefault", "pPrDefault"]), "w:pPr", ["pPr"])
        for old in ppr.findall(qn("w:bidi")):
            ppr.remove(old)
        if self.rtl:
            put(ppr, el("w:bidi"), PPR_ORDER)

        typ = self.edition.settings.get("type", {})
        for name, size, line in (("Normal", typ.get("body_size"), typ.get("line_height")),
                                 ("footnote text", typ.get("note_size"), None)):
            style = self.style_ids[self.sid(name)]
            srpr = sub(style, "w:rPr", _STYLE_ORDER)
            if size:
                put(srpr, el("w:sz", {"w:val": str(half_points(size))}), RPR_ORDER)
                put(srpr, el("w:szCs", {"w:val": str(half_points(size))}), RPR_ORDER)
            if line:
                spacing = sub(sub(style, "w:pPr", _STYLE_ORDER), "w:spacing", PPR_ORDER)
                spacing.set(qn("w:line"), str(round(240 * float(line))))
                spacing.set(qn("w:lineRule"), "auto")
        for name, ems in sorted(self.label_ems.items()):
            self.widen_hanging(name, ems)
            if self.east_asian and self.resolved(self.style_ids[self.sid(name)], "w:jc") == "both":
                # LibreOffice (7.4) drops a full-width mark ending a justified CJK line that holds a
                # tab ("(a)<tab>…工具；" prints "…工具" and an empty line); CJK text set flush left
                # looks justified anyway (every glyph one em wide)
                put(sub(self.style_ids[self.sid(name)], "w:pPr", _STYLE_ORDER), el("w:jc", {"w:val": "left"}),
                    PPR_ORDER)
        width = self.text_width()
        for level in range(1, 10):
            style = self.style_ids.get(self.names.get(f"toc {level}", ""))
            if style is None:
                continue
            for tab in style.iter(qn("w:tab")):
                if tab.get(qn("w:val")) == "right":
                    tab.set(qn("w:pos"), str(width))

    def resolved(self, style, tag: str) -> str | None:
        """The w:val of a paragraph property as a style resolves it through basedOn."""
        while style is not None:
            found = style.find(qn("w:pPr") + "/" + qn(tag))
            if found is not None:
                return found.get(qn("w:val"))
            based = style.find(qn("w:basedOn"))
            style = self.style_ids.get(based.get(qn("w:val"))) if based is not None else None
        return None

    def style_size(self, style) -> float:
        """The font size (points) a style resolves to, through basedOn, else the body size."""
        while style is not None:
            sz = style.find(qn("w:rPr") + "/" + qn("w:sz"))
            if sz is not None:
                return int(sz.get(qn("w:val"))) / 2
            based = style.find(qn("w:basedOn"))
            style = self.style_ids.get(based.get(qn("w:val"))) if based is not None else None
        return half_points(self.edition.settings.get("type", {}).get("body_size", "10pt")) / 2

    def widen_hanging(self, name: str, ems: float) -> None:
        """Widen the hanging indent of a labelled style when the edition's widest label would not
        fit (Arabic ordinals such as "حادي عشر -" are much wider than "XI."); never narrow it."""
        style = self.style_ids[self.sid(name)]
        ind = style.find(qn("w:pPr") + "/" + qn("w:ind"))
        if ind is None or ind.get(qn("w:hanging")) is None:
            return
        hanging = int(ind.get(qn("w:hanging")))
        need = round(ems * self.style_size(style) * 20)
        if need <= hanging:
            return
        delta = need - hanging
        left_attr = qn("w:left") if ind.get(qn("w:left")) is not None else qn("w:start")
        left = int(ind.get(left_attr, "0"))
        ind.set(qn("w:hanging"), str(need))
        ind.set(left_attr, str(left + delta))
        for tab in style.iter(qn("w:tab")):
            if tab.get(qn("w:val")) in ("left", "start") and int(tab.get(qn("w:pos"))) == left:
                tab.set(qn("w:pos"), str(left + delta))

    def settings(self) -> None:
        s = self.doc.settings.element
        for tag in ("w:rsids", "w:attachedTemplate"):
            for e in s.findall(qn(tag)):
                s.remove(e)
        put(s, el("w:mirrorMargins"), SETTINGS_ORDER)
        put(s, el("w:updateFields", {"w:val": "true"}), SETTINGS_ORDER)
        put(s, el("w:footnotePr", None, el("w:footnote", {"w:id": "-1"}), el("w:footnote", {"w:id": "0"})),
            SETTINGS_ORDER)
        theme = {"w:val": self.lang_tag}
        if self.east_asian:
            theme["w:eastAsia"] = self.lang_tag
        if self.rtl:
            theme["w:bidi"] = self.lang_tag
        put(s, el("w:themeFontLang", theme), SETTINGS_ORDER)

    def properties(self) -> None:
        ui = self.book.ui
        props = self.doc.core_properties
        props.title = ui["meta.title"]
        props.subject = ui["meta.subject"]
        props.author = props.last_modified_by = ui["meta.author"]
        props.language = self.lang_tag
        props.keywords = ui["meta.keywords"]
        props.comments = self.book.draft_note if self.book.draft else ""
        props.category = ""
        props.revision = 1
        props.created = props.modified = self.comment_date


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_STYLE_ORDER = ["name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden", "uiPriority", "semiHidden",
                "unhideWhenUsed", "qFormat", "locked", "personal", "personalCompose", "personalReply", "rsid",
                "pPr", "rPr", "tblPr", "trPr", "tcPr", "tblStylePr"]


def _drop_unused_rels(part) -> None:
    """Drop the headers, footers and hyperlinks of the reference document that nothing cites any more."""
    rid_attr = qn("r:id")
    used = {e.get(rid_attr) for e in part.element.iter() if e.get(rid_attr)}
    for rid, rel in list(part.rels.items()):
        if rel.reltype in (RT.HEADER, RT.FOOTER, RT.HYPERLINK) and rid not in used:
            part.drop_rel(rid)


def _replace(part, paragraph) -> None:
    """Give a section its own header or footer holding just `paragraph`."""
    part.is_linked_to_previous = False
    element = part._element
    for child in list(element):
        element.remove(child)
    element.append(paragraph)
