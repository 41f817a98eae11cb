"""Text as WordprocessingML runs: run properties, right-to-left text with its Latin stretches
isolated, the complex-script font fallback, English embedded in right-to-left text, generated labels.

Labels are generated text followed by a tab to the hanging indent of the paragraph style, never
Word auto-numbering: the labels are already final in the tree (per language). The widest label of
each style is kept (label_ems), for the styles to widen its hanging indent.
"""
from __future__ import annotations

import re

from docx.oxml.ns import qn

from ...localize.conventions import SOURCE
from .document import Document
from .oxml import RPR_ORDER, el, put, run_content

LRE, PDF = "\u202a", "\u202c"            # left-to-right embedding around English in RTL editions
LRI, PDI = "\u2066", "\u2069"            # left-to-right isolate around a symbol inside RTL text

# a Latin-script stretch inside right-to-left text: a document symbol, an abbreviation, a name
# (joined symbols "…/2018/3–CTOC/…" and ranges "VII.20–22" stay one left-to-right unit)
_LATIN_STRETCH = re.compile(r"[A-Za-z\u00C0-\u024F][A-Za-z0-9\u00C0-\u024F/.\-\u2013]*[A-Za-z0-9]"
                            r"|[A-Za-z\u00C0-\u024F]")


class Runs(Document):
    """Runs of plain text, in the edition's direction and languages."""

    def rpr(self, *, rstyle: str | None = None, rtl: bool = False, english: bool = False):
        rpr = el("w:rPr")
        if rstyle:
            put(rpr, el("w:rStyle", {"w:val": self.sid(rstyle)}), RPR_ORDER)
        if rtl:
            put(rpr, el("w:rtl"), RPR_ORDER)
        if english and self.book.lang != SOURCE:
            put(rpr, el("w:lang", {"w:val": self.english_tag}), RPR_ORDER)
        return rpr

    def text_runs(self, text: str, *, rstyle: str | None = None, english: bool = False) -> list:
        """Runs for `text`; in right-to-left editions Arabic-script text is w:rtl, Latin stretches
        (document symbols, English fallback text) are plain left-to-right runs.

        Each Latin stretch (a symbol, "VII.8" in "VII.8، VII.13 وVII.19") is also isolated
        (LRI ... PDI): Word keeps the Arabic comma between two symbols right to left because its
        run is w:rtl, LibreOffice follows the Unicode algorithm only and needs the isolates, else
        it joins "VII.8، VII.13" into one left-to-right stretch. English shown for a missing
        translation is one left-to-right run, embedded as a whole (see ltr)."""
        if not text:
            return []
        if not self.rtl or english:                # English in RTL: embedded as a whole by ltr()
            return [self._run(text, rstyle, False, english)]
        if not _LATIN_STRETCH.search(text):        # Arabic, or labels such as "1 -", "'2'"
            return self._rtl_runs(text, rstyle, english)
        runs, pos = [], 0
        for m in _LATIN_STRETCH.finditer(text):
            if m.start() > pos:
                runs += self._rtl_runs(text[pos:m.start()], rstyle, english)
            runs.append(self._run(LRI + m.group(0) + PDI, rstyle, False, english))
            pos = m.end()
        if pos < len(text):
            runs += self._rtl_runs(text[pos:], rstyle, english)
        return runs

    def _run(self, text: str, rstyle: str | None, rtl: bool, english: bool):
        r = el("w:r")
        rpr = self.rpr(rstyle=rstyle, rtl=rtl, english=english)
        if len(rpr):
            r.append(rpr)
        run_content(r, text)
        return r

    def _rtl_runs(self, text: str, rstyle: str | None, english: bool) -> list:
        """Right-to-left runs; the characters the complex-script font lacks ([fonts] docx_fallback)
        in runs of their own whose complex-script font is the Latin family."""
        fallback = self.style.fonts.get("docx_fallback", "")
        family = list(self.style.fonts.get("family") or [])
        if not fallback or len(family) < 2:
            return [self._run(text, rstyle, True, english)]
        runs = []
        for piece in re.findall(f"[{re.escape(fallback)}]+|[^{re.escape(fallback)}]+", text):
            run = self._run(piece, rstyle, True, english)
            if piece[0] in fallback:
                put(run.find(qn("w:rPr")), el("w:rFonts", {"w:ascii": family[1], "w:hAnsi": family[1],
                                                          "w:cs": family[1]}), RPR_ORDER)
            runs.append(run)
        return runs

    def ltr(self, content: list) -> list:
        """English shown in a right-to-left edition, embedded left to right (LRE ... PDF), so that
        its own punctuation stays with it: without it a final full stop shows at the left end."""
        if not self.rtl or not content:
            return content
        return [self._run(LRE, None, False, False), *content, self._run(PDF, None, False, False)]

    def label_runs(self, label: str, style: str) -> list:
        """A generated label and the tab to the hanging indent of `style`; labels ending in a
        full-width mark ("一、", book.tight_after) take no tab: the text follows directly, as in
        the text proof."""
        if not label:
            return []
        if label[-1] in getattr(self.book, "tight_after", ""):
            return self.text_runs(label)
        ems = sum(1.0 if _wide(ch) else 0.5 for ch in label) + 0.6
        self.label_ems[style] = max(self.label_ems.get(style, 0.0), ems)
        return self.text_runs(label) + [el("w:r", None, el("w:tab"))]


def _wide(ch: str) -> bool:
    return "\u2e80" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"
