"""The DOCX writer: the localized tree as a Word document built on templates/reference.docx.

Every style comes from reference.docx (regenerate it with scripts/make-reference-docx.py, or
restyle it in Word); the writer only chooses styles, writes the text in the order of the text
proof, and adds what python-docx has no API for: real footnotes, a TOC field with its entries as
cached result, bookmarks on every paragraph, internal and external hyperlinks, right-to-left
properties. The same tree gives a byte-identical file.

This module is the entry point and the package: the parts in order, the sections (page size,
margins, page numbers, header and footer), settings, core properties, the ZIP. `_Writer` gathers
one mixin per concern over the shared state (document): runs, comments, inline (with footnotes),
blocks, index_table and styles; each builds only on those before it.
"""
from __future__ import annotations

import copy
import io

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from ...localize import tree as t
from ..edition import Edition
from .index_table import IndexTable
from .oxml import PPR_ORDER, SECTPR_ORDER, SETTINGS_ORDER, W_NS, el, field_runs, put, stable_zip, twips
from .styles import Styles


def render(book: t.Book, edition: Edition) -> bytes:
    """Writer entry point: the DOCX package as bytes."""
    return _Writer(book, edition).render()


class _Writer(IndexTable, Styles):
    """The whole document: body, sections, styles, settings and properties, saved."""

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
                for name in [a for a in e.attrib if a.startswith(f"{{{W_NS}}}rsid")]:
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

    def settings(self) -> None:
        s = self.doc.settings.element
        for tag in ("w:rsids", "w:attachedTemplate"):
            for e in s.findall(qn(tag)):
                s.remove(e)
        put(s, el("w:mirrorMargins"), SETTINGS_ORDER)
        put(s, el("w:updateFields", {"w:val": "true"}), SETTINGS_ORDER)
        put(s, el("w:footnotePr", None, el("w:footnote", {"w:id": "-1"}), el("w:footnote", {"w:id": "0"})),
            SETTINGS_ORDER)
        put(s, el("w:themeFontLang", self.lang_tags("eastAsia", "bidi")), SETTINGS_ORDER)

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
