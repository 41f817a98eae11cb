"""The DOCX writer's shared state: templates/reference.docx opened and emptied (its body, notes and
comments go; its footnotes part stays, or one is added), the book and the edition settings every
part of the writer reads, style lookup, new paragraphs and the body they go into, bookmarks.

Bookmarks: every Para and Heading id, mapped by oxml.bookmark_name ('A.VII.26' -> 'p_A_VII_26');
internal links (contents, index) point at them. Paragraphs and repeated notes share one numbering.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from ...localize import tree as t
from ...localize.conventions import source_style
from ..edition import Edition
from ...errors import CompendiumError
from .reference import NAME, load_reference
from .oxml import PPR_ORDER, Bookmarks, FootnotesPart, el, new_footnotes_part, put, twips


class Document:
    """The state the writer's parts share; each part is a mixin over it (see writer)."""

    def __init__(self, book: t.Book, edition: Edition) -> None:
        self.book = book
        self.edition = edition
        self.style = edition.style
        self.rtl = book.direction == "rtl"
        self.emphasis = self.style.typography.get("emphasis", "italic") == "italic"
        self.lang_tag = self.style.language_tag                        # "ar-SA": style.toml region
        self.english_tag = source_style(self.style).language_tag      # English shown for a missing text
        self.east_asian = self.style.east_asian                        # style.toml east_asian
        self.doc = load_reference(Path(edition.templates) / NAME)
        self.part = self.doc.part
        self.body = self.doc.element.body
        self.style_ids = {s.get(qn("w:styleId")): s for s in self.doc.styles.element.findall(qn("w:style"))}
        self.names = {s.find(qn("w:name")).get(qn("w:val")).lower(): sid for sid, s in self.style_ids.items()}
        self.marks = Bookmarks()
        self.mark_count = 0
        self.citations = Counter(r.note for runs in book.texts() for r in runs if r.kind == "note")
        self.fallback_headings = {h.id for h in (*book.flow(), book.index.heading)
                                  if isinstance(h, t.Heading) and h.fallback}
        self.footnotes = self._footnotes_part()
        self.comment_date = dt.datetime(int(book.meta.get("year", "2021")), 1, 1, tzinfo=dt.timezone.utc)
        self.contents_levels = {e.target: e.level for e in book.contents}
        self.shade = edition.settings["index"]["shade"].lstrip("#").upper()   # Conference rows (edition.toml)
        self.label_ems: dict[str, float] = {}      # style -> widest label, in ems (estimated)
        for child in list(self.body):
            if child.tag != qn("w:sectPr"):
                self.body.remove(child)
        for rel in self.part.rels.values():          # a reference saved from a document with comments
            if rel.reltype == RT.COMMENTS and not rel.is_external:
                for c in rel.target_part.element.findall(qn("w:comment")):
                    rel.target_part.element.remove(c)
        self.sect_pr = self.body.find(qn("w:sectPr"))

    def lang_tags(self, *scripts: str) -> dict[str, str]:
        """The edition's language tag as w:val and, in the order given (as Word writes them in that
        element), as w:bidi for a right-to-left and w:eastAsia for an East Asian edition."""
        uses = {"bidi": self.rtl, "eastAsia": self.east_asian}
        return {"w:val": self.lang_tag, **{f"w:{script}": self.lang_tag for script in scripts if uses[script]}}

    def _footnotes_part(self) -> FootnotesPart:
        for rel in self.part.rels.values():
            if rel.reltype == RT.FOOTNOTES and not rel.is_external:
                part = rel.target_part
                if not isinstance(part, FootnotesPart):
                    raise TypeError("footnotes part not loaded as XML")
                for fn in part.element.findall(qn("w:footnote")):
                    if fn.get(qn("w:type")) not in ("separator", "continuationSeparator",
                                                    "continuationNotice"):
                        part.element.remove(fn)
                return part
        part = new_footnotes_part(self.part.package)
        self.part.relate_to(part, RT.FOOTNOTES)
        return part

    def sid(self, name: str) -> str:
        """Style id of a style by its (UI or built-in) name, as found in reference.docx."""
        key = name.lower()
        if key in self.names:
            return self.names[key]
        raise CompendiumError(f"no style '{name}' in the DOCX styles template",
                              str(Path(self.edition.templates) / NAME),
                              hint="restore it from the repository or rerun scripts/make-reference-docx.py")

    def para(self, style: str):
        """An empty paragraph of `style`; right to left (w:bidi) in RTL editions, every paragraph
        including notes, cells and headers (LibreOffice does not inherit it into footnotes)."""
        p = el("w:p")
        ppr = el("w:pPr")
        put(ppr, el("w:pStyle", {"w:val": self.sid(style)}), PPR_ORDER)
        if self.rtl:
            put(ppr, el("w:bidi"), PPR_ORDER)
        p.append(ppr)
        return p

    def add(self, p) -> None:
        self.sect_pr.addprevious(p)

    def add_para(self, style: str, runs: list) -> None:
        """Add a paragraph of `style` holding `runs`."""
        p = self.para(style)
        p.extend(runs)
        self.add(p)

    def bookmark(self, p, ident: str) -> None:
        self.mark_count += 1
        self.marks.wrap(p, ident, self.mark_count)

    def text_width(self) -> int:
        page = self.edition.settings.get("page", {})
        return twips(page["width"]) - twips(page["margin_inner"]) - twips(page["margin_outer"])
