"""Tree runs as WordprocessingML (text, emphasis, external links, footnote marks) and the footnotes
they cite.

Footnotes: Word numbers footnotes in order of reference, and the tree numbers notes in order of
first citation, so the first citation of each note (Run.first) is a w:footnoteReference with
w:id = note number. A note cited again is a NOTEREF field (formatted as a footnote mark) to a bookmark on its
first reference, so it keeps its number instead of creating a duplicate note.
"""
from __future__ import annotations

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from ...localize import tree as t
from .comments import Comments
from .oxml import XML_SPACE, el, field_runs


class Inline(Comments):
    """Inline content of the tree, footnotes included."""

    def inline(self, runs: list[t.Run], *, english: bool = False, part=None) -> list:
        """Elements for tree runs: text, emphasis, ODS links, footnote marks."""
        out = []
        for r in runs:
            if r.kind == "note":
                out.extend(self.note_ref(r))
            elif r.kind == "notesep":                    # between two adjacent notes, superscript as they are
                out.extend(self.text_runs(r.text, rstyle="footnote reference"))
            elif r.kind == "emph":
                out.extend(self.text_runs(r.text, rstyle="Compendium Emphasis" if self.emphasis else None,
                                          english=english))
            elif r.kind == "link" and r.href:
                rid = (part or self.part).relate_to(r.href, RT.HYPERLINK, is_external=True)
                link = el("w:hyperlink", {"r:id": rid, "w:history": "1"})
                for run in self.text_runs(r.text, rstyle="Hyperlink", english=english):
                    link.append(run)
                out.append(link)
            else:
                out.extend(self.text_runs(r.text, english=english))
        return out

    def note_ref(self, run: t.Run) -> list:
        """A note's reference: at its first citation the note itself, later a NOTEREF field."""
        number = run.note
        mark_props = dict(rstyle="footnote reference", rtl=self.rtl)
        if not run.first:
            cached = el("w:r", None, self.rpr(**mark_props), el("w:t", text=str(number)))
            runs = field_runs(f"NOTEREF fn_{number} \\f \\h", [cached])
            for r in runs:
                if r.find(qn("w:rPr")) is None:
                    r.insert(0, self.rpr(**mark_props))
            return runs
        out = [el("w:r", None, self.rpr(**mark_props), el("w:footnoteReference", {"w:id": str(number)}))]
        self.write_note(number)
        if self.citations[number] > 1:
            self.mark_count += 1
            n = str(self.mark_count)
            out = [el("w:bookmarkStart", {"w:id": n, "w:name": f"fn_{number}"}), *out,
                   el("w:bookmarkEnd", {"w:id": n})]
        return self.commented(out) if self.book.notes[number].fallback else out

    def write_note(self, number: int) -> None:
        note = self.book.notes[number]
        p = self.para("footnote text")
        p.append(el("w:r", None, self.rpr(rstyle="footnote reference", rtl=self.rtl), el("w:footnoteRef")))
        p.append(el("w:r", None, self.rpr(rtl=self.rtl), el("w:t", {}, text=" ")))
        p[-1][-1].set(XML_SPACE, "preserve")
        content = self.inline(note.runs, english=note.fallback, part=self.footnotes)
        p.extend(self.ltr(content) if note.fallback else content)
        self.footnotes.element.append(el("w:footnote", {"w:id": str(number)}, p))
