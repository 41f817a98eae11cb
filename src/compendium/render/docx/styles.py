"""Per-edition settings on top of the styles of reference.docx: default fonts and languages, body
and note sizes, line height, hanging indents widened for the edition's labels, contents tabs."""
from __future__ import annotations

from docx.oxml.ns import qn

from .document import Document
from .oxml import PPR_ORDER, RPR_ORDER, el, half_points, put, sub

_STYLE_ORDER = ["name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden", "uiPriority", "semiHidden",
                "unhideWhenUsed", "qFormat", "locked", "personal", "personalCompose", "personalReply", "rsid",
                "pPr", "rPr", "tblPr", "trPr", "tcPr", "tblStylePr"]


class Styles(Document):
    """The styles part adjusted to the edition."""

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
        put(rpr, el("w:lang", self.lang_tags("bidi", "eastAsia")), RPR_ORDER)
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
