"""Body paragraphs: labelled headings and paragraphs with their bookmarks, the front and back lines
(cover, title page, copyright, back cover) and the contents as a TOC field.

Heading styles follow the contents levels, so that Word's own TOC (\\o "1-3") collects exactly
book.contents: Heading 1 introduction/compendium/index, Heading 2 parts, Heading 3 chapters;
headings that are not in the contents take Heading (tree level + 1): Heading 4 decisions,
Heading 5 decision titles and annexes, Heading 6 annex titles.
"""
from __future__ import annotations

from docx.oxml.ns import qn

from ...localize import tree as t
from .inline import Inline
from .oxml import PPR_ORDER, el, field_runs, put


class Blocks(Inline):
    """The body's paragraphs, in the order of the text proof."""

    def labelled(self, item: t.Heading | t.Para, style: str) -> None:
        """One labelled paragraph: label, text (commented when shown in English), bookmark."""
        p = self.para(style)
        p.extend(self.label_runs(item.label, style))
        content = self.inline(item.runs, english=item.fallback)
        p.extend(self.commented(self.ltr(content)) if item.fallback else content)
        self.bookmark(p, item.id)
        self.add(p)

    def heading(self, h: t.Heading) -> None:
        level = self.contents_levels.get(h.id, h.level + 1)
        self.labelled(h, f"Heading {min(level, 9)}")

    def block(self, b: t.Para) -> None:
        self.labelled(b, self.block_style(b))
        for c in b.children:
            self.block(c)

    @staticmethod
    def block_style(b: t.Para) -> str:
        if b.kind == "section":
            return "Compendium Section"
        if b.kind == "heading":
            return "Compendium Subheading"
        if b.kind == "pp":
            return "Compendium Preamble"
        if b.depth > 0:
            return f"Compendium Subparagraph {min(b.depth, 3)}"
        return "Compendium Paragraph" if b.label else "Compendium Text"

    def lines(self, name: str, items: list[list[t.Run]], page_break: bool) -> None:
        """Front or back lines (`name`: cover, title_page …), each in the style edition.toml [docx]
        `<name>_lines` gives its position."""
        styles = self.edition.settings["docx"][f"{name}_lines"]
        for i, runs in enumerate(items):
            p = self.para(styles[min(i, len(styles) - 1)])
            if i == 0 and page_break:
                put(p.find(qn("w:pPr")), el("w:pageBreakBefore"), PPR_ORDER)
            english = f"{name}.{i}" in self.book.english
            content = self.inline(runs, english=english)
            p.extend(self.commented(self.ltr(content)) if english else content)
            self.add(p)

    def contents(self):
        """The contents as a TOC field whose cached result holds book.contents (LibreOffice shows
        the cached result, Word offers to update it on open); returns the paragraph that ends the
        field, which also ends the front-matter section."""
        b = self.book
        self.add_para("TOC Heading", self.english_text(b.contents_title, "contents_title" in b.english))
        for i, e in enumerate(b.contents):
            style = f"toc {min(e.level, 9)}"
            p = self.para(style)
            if i == 0:
                p.extend(field_runs('TOC \\o "1-3" \\h \\z \\u'))
                p.remove(p[-1])                     # the end goes after the last entry
            link = el("w:hyperlink", {"w:anchor": self.marks.name(e.target), "w:history": "1"})
            link.extend(self.label_runs(e.label, style))
            text = self.text_runs(e.text, english=e.target in self.fallback_headings)
            link.extend(self.ltr(text) if e.target in self.fallback_headings else text)
            p.append(link)
            self.add(p)
        end = self.para("Normal")
        end.append(el("w:r", None, el("w:fldChar", {"w:fldCharType": "end"})))
        self.add(end)
        return end
