#!/usr/bin/env python3
"""(Re)generate templates/reference.docx, the styles template of the DOCX writer.

    .venv/bin/python scripts/make-reference-docx.py [OUT]

Like pandoc's reference.docx: the writer (src/compendium/render/docx/writer.py) takes every style from
this file and discards its body, so a publishing unit can open it in Word, restyle (fonts aside,
see below), save, and rebuild -- no code change. The body here shows one sample paragraph per style.

What the writer still sets per edition, on top of this file:
- the font families and language tags (docDefaults), from locales/<lang>/style.toml [fonts];
- the body and note sizes and the line height (Normal, Footnote Text), from templates/edition.toml
  [type]; the right tab of the contents styles and the page geometry, from [page];
- right-to-left properties for RTL languages.

The output is byte-stable: running the script twice gives the same file.
"""
from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Mm

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from compendium.render.docx.oxml import (PPR_ORDER, RPR_ORDER, TBLPR_ORDER, el, put,  # noqa: E402
                                         stable_zip, sub)

KEEP = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList"}
FIXED = dt.datetime(2021, 1, 1, tzinfo=dt.timezone.utc)
HANG = 567          # twips (10 mm): the hanging indent of one numbering level
LABEL_TAB = HANG


def clean(doc) -> None:
    """Keep only the four default styles, drop theme fonts, parts we do not need, and rsids."""
    styles = doc.styles.element
    for s in list(styles.findall(qn("w:style"))):
        if s.get(qn("w:styleId")) not in KEEP:
            styles.remove(s)
    for rsid in list(styles.iter(qn("w:rsid"))):
        rsid.getparent().remove(rsid)
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(rpr):
        rpr.remove(child)
    put(rpr, el("w:rFonts", {"w:ascii": "Noto Serif", "w:hAnsi": "Noto Serif", "w:eastAsia": "Noto Serif CJK SC",
                             "w:cs": "Noto Naskh Arabic"}), RPR_ORDER)
    put(rpr, el("w:sz", {"w:val": "20"}), RPR_ORDER)
    put(rpr, el("w:szCs", {"w:val": "20"}), RPR_ORDER)
    put(rpr, el("w:lang", {"w:val": "en-GB", "w:eastAsia": "zh-CN", "w:bidi": "ar-SA"}), RPR_ORDER)
    ppr = styles.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    put(ppr, el("w:spacing", {"w:after": "0", "w:line": "240", "w:lineRule": "auto"}), PPR_ORDER)
    normal = styles.find(qn("w:style") + "[@" + qn("w:styleId") + "='Normal']")
    for child in list(normal):
        if child.tag in (qn("w:pPr"), qn("w:rPr")):
            normal.remove(child)
    part = doc.part
    for rid, rel in list(part.rels.items()):
        if rel.reltype in (RT.CUSTOM_XML, "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"):
            part.drop_rel(rid)
    pkg_rels = part.package.rels
    for rid, rel in list(pkg_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            pkg_rels.pop(rid)
    settings = doc.settings.element
    for tag in ("w:rsids", "w:savePreviewPicture", "w:attachedTemplate"):
        for e in settings.findall(qn(tag)):
            settings.remove(e)


def paragraph_style(doc, name, *, builtin=None, based_on="Normal", next_style=None, size=None, bold=False,
                    italic=False, align=None, before=None, after=None, left=None, hanging=None, first_line=None,
                    keep_next=False, page_break=False, outline=None, line=None, border=False, shade=None,
                    tabs=(), caps=False):
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    e = style.element
    if builtin:
        e.find(qn("w:name")).set(qn("w:val"), builtin)
        e.attrib.pop(qn("w:customStyle"), None)
    style.base_style = doc.styles[based_on] if based_on else None
    if next_style:
        style.next_paragraph_style = doc.styles[next_style]
    style.quick_style = True
    ppr = e.get_or_add_pPr()
    if keep_next:
        put(ppr, el("w:keepNext"), PPR_ORDER)
        put(ppr, el("w:keepLines"), PPR_ORDER)
    if page_break:
        put(ppr, el("w:pageBreakBefore"), PPR_ORDER)
    if border:
        bdr = el("w:pBdr")
        for side in ("top", "left", "bottom", "right"):
            bdr.append(el(f"w:{side}", {"w:val": "single", "w:sz": "4", "w:space": "4", "w:color": "808080"}))
        put(ppr, bdr, PPR_ORDER)
    if shade:
        put(ppr, el("w:shd", {"w:val": "clear", "w:color": "auto", "w:fill": shade}), PPR_ORDER)
    if tabs:
        t = el("w:tabs")
        for kind, pos, leader in tabs:
            attrs = {"w:val": kind, "w:pos": str(pos)}
            if leader:
                attrs["w:leader"] = leader
            t.append(el("w:tab", attrs))
        put(ppr, t, PPR_ORDER)
    spacing = {}
    if before is not None:
        spacing["w:before"] = str(round(before * 20))
    if after is not None:
        spacing["w:after"] = str(round(after * 20))
    if line is not None:
        spacing.update({"w:line": str(line), "w:lineRule": "auto"})
    if spacing:
        put(ppr, el("w:spacing", spacing), PPR_ORDER)
    ind = {}
    if left is not None:
        ind["w:left"] = str(left)
    if hanging is not None:
        ind["w:hanging"] = str(hanging)
    if first_line is not None:
        ind["w:firstLine"] = str(first_line)
    if ind:
        put(ppr, el("w:ind", ind), PPR_ORDER)
    if align:
        put(ppr, el("w:jc", {"w:val": align}), PPR_ORDER)
    if outline is not None:
        put(ppr, el("w:outlineLvl", {"w:val": str(outline)}), PPR_ORDER)
    character_props(e.get_or_add_rPr(), size=size, bold=bold, italic=italic, caps=caps)
    return style


def character_props(rpr, *, size=None, bold=False, italic=False, caps=False, color=None, superscript=False):
    if bold:
        put(rpr, el("w:b"), RPR_ORDER)
        put(rpr, el("w:bCs"), RPR_ORDER)
    if italic:
        put(rpr, el("w:i"), RPR_ORDER)
        put(rpr, el("w:iCs"), RPR_ORDER)
    if caps:
        put(rpr, el("w:caps"), RPR_ORDER)
    if color:
        put(rpr, el("w:color", {"w:val": color}), RPR_ORDER)
    if size:
        put(rpr, el("w:sz", {"w:val": str(round(size * 2))}), RPR_ORDER)
        put(rpr, el("w:szCs", {"w:val": str(round(size * 2))}), RPR_ORDER)
    if superscript:
        put(rpr, el("w:vertAlign", {"w:val": "superscript"}), RPR_ORDER)


def character_style(doc, name, *, builtin=None, **props):
    style = doc.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
    if builtin:
        style.element.find(qn("w:name")).set(qn("w:val"), builtin)
        style.element.attrib.pop(qn("w:customStyle"), None)
    style.base_style = doc.styles["Default Paragraph Font"]
    character_props(style.element.get_or_add_rPr(), **props)
    return style


def table_style(doc):
    style = doc.styles.add_style("Compendium Index", WD_STYLE_TYPE.TABLE)
    style.base_style = doc.styles["Normal Table"]
    e = style.element
    ppr = e.get_or_add_pPr()
    put(ppr, el("w:spacing", {"w:before": "20", "w:after": "20", "w:line": "240", "w:lineRule": "auto"}),
        PPR_ORDER)
    tblpr = sub(e, "w:tblPr", ["name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden",
                                "uiPriority", "semiHidden", "unhideWhenUsed", "qFormat", "locked", "personal",
                                "personalCompose", "personalReply", "rsid", "pPr", "rPr", "tblPr", "trPr",
                                "tcPr", "tblStylePr"])
    borders = el("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(el(f"w:{side}", {"w:val": "single", "w:sz": "4", "w:space": "0", "w:color": "808080"}))
    put(tblpr, borders, TBLPR_ORDER)
    mar = el("w:tblCellMar")
    for side, w in (("top", 28), ("left", 57), ("bottom", 28), ("right", 57)):
        mar.append(el(f"w:{side}", {"w:w": str(w), "w:type": "dxa"}))
    put(tblpr, mar, TBLPR_ORDER)
    return style


def define_styles(doc) -> None:
    normal = doc.styles["Normal"]
    normal.quick_style = True
    npr = normal.element.get_or_add_pPr()
    put(npr, el("w:spacing", {"w:after": "120", "w:line": "312", "w:lineRule": "auto"}), PPR_ORDER)
    put(npr, el("w:jc", {"w:val": "both"}), PPR_ORDER)

    # front matter
    paragraph_style(doc, "Draft Note", size=9, italic=True, border=True, shade="FFF2CC", after=12, align="center")
    paragraph_style(doc, "Cover Text", size=12, align="center", after=12)
    paragraph_style(doc, "Cover Acronym", based_on="Cover Text", size=20, bold=True, before=72)
    paragraph_style(doc, "Title", builtin="Title", size=24, bold=True, align="center", before=96, after=18,
                    line=240)
    paragraph_style(doc, "Subtitle", builtin="Subtitle", size=16, align="center", after=12, line=240)
    paragraph_style(doc, "Title Page Text", size=11, align="center", after=24, caps=False)
    paragraph_style(doc, "Title Page Title", based_on="Title Page Text", size=16, bold=True, before=120,
                    after=120)
    paragraph_style(doc, "Copyright Text", size=8, after=8)
    paragraph_style(doc, "Back Cover Text", size=9, align="center", after=6)

    # headings: outline levels follow the contents (TOC \o "1-3" collects exactly book.contents)
    paragraph_style(doc, "Heading 1", builtin="heading 1", next_style="Normal", size=14, bold=True,
                    page_break=True, keep_next=True, after=18, outline=0, align="left", line=240)
    paragraph_style(doc, "Heading 2", builtin="heading 2", next_style="Normal", size=13, bold=True,
                    page_break=True, keep_next=True, after=18, outline=1, left=HANG, hanging=HANG, align="left",
                    line=240)
    paragraph_style(doc, "Heading 3", builtin="heading 3", next_style="Normal", size=11, bold=True,
                    keep_next=True, before=18, after=9, outline=2, left=HANG, hanging=HANG, align="left",
                    line=240)
    paragraph_style(doc, "Heading 4", builtin="heading 4", next_style="Normal", size=10, bold=True,
                    keep_next=True, before=12, after=6, outline=3, align="center", line=240)
    paragraph_style(doc, "Heading 5", builtin="heading 5", next_style="Normal", size=10, bold=True,
                    keep_next=True, before=6, after=9, outline=4, align="center", line=240)
    paragraph_style(doc, "Heading 6", builtin="heading 6", next_style="Normal", size=10, bold=True,
                    keep_next=True, before=6, after=9, outline=5, align="center", line=240)

    # compendium blocks: generated labels followed by a tab to the hanging indent (no auto-numbering)
    paragraph_style(doc, "Compendium Text")
    paragraph_style(doc, "Compendium Paragraph", left=HANG, hanging=HANG, tabs=[("left", LABEL_TAB, None)])
    for level in (1, 2, 3):
        paragraph_style(doc, f"Compendium Subparagraph {level}", left=HANG * (level + 1), hanging=HANG,
                        tabs=[("left", HANG * (level + 1), None)])
    paragraph_style(doc, "Compendium Preamble", first_line=HANG)
    paragraph_style(doc, "Compendium Section", bold=True, keep_next=True, before=12, after=6, left=HANG,
                    hanging=HANG, align="left", line=240, tabs=[("left", LABEL_TAB, None)])
    paragraph_style(doc, "Compendium Subheading", bold=True, keep_next=True, before=12, after=6,
                    align="center", line=240)

    # contents (the right tab is moved to the text width by the writer)
    paragraph_style(doc, "TOC Heading", builtin="TOC Heading", size=14, bold=True, after=18, page_break=True,
                    align="left", line=240)
    for level, (left, before, bold) in enumerate([(0, 8, True), (HANG, 6, True), (2 * HANG, 2, False)], 1):
        paragraph_style(doc, f"TOC {level}", builtin=f"toc {level}", next_style="Normal", before=before, after=2,
                        bold=bold, align="left", line=240,
                        left=left + HANG if level > 1 else None, hanging=HANG if level > 1 else None,
                        tabs=[("left", left + HANG, None), ("right", 7370, "dot")])

    # notes, furniture, comments
    paragraph_style(doc, "Footnote Text", builtin="footnote text", size=8, after=2, line=240,
                    left=170, hanging=170)
    character_style(doc, "Footnote Reference", builtin="footnote reference", superscript=True)
    paragraph_style(doc, "Header", builtin="header", size=8, align="center", line=240, after=0)
    paragraph_style(doc, "Footer", builtin="footer", size=9, align="center", line=240, after=0)
    paragraph_style(doc, "Comment Text", builtin="annotation text", size=10, line=240, after=0, align="left")
    character_style(doc, "Comment Reference", builtin="annotation reference", size=8)
    character_style(doc, "Hyperlink", builtin="Hyperlink", color="1F3864")
    character_style(doc, "Compendium Emphasis", italic=True)

    # thematic index
    table_style(doc)
    paragraph_style(doc, "Index Notes", size=8, before=6, line=240)
    paragraph_style(doc, "Index Cell", size=7.5, line=240, after=0, align="left")
    paragraph_style(doc, "Index Head", based_on="Index Cell", bold=True, keep_next=True)


def samples(doc) -> None:
    """One paragraph per style, so the template shows what each looks like."""
    body = doc.element.body
    for p in list(body.findall(qn("w:p"))):
        body.remove(p)
    for name in ("Draft Note", "Cover Acronym", "Cover Text", "Title", "Subtitle", "Title Page Text",
                 "Title Page Title", "Copyright Text", "TOC Heading"):
        doc.add_paragraph(f"{name} — sample", style=name)
    for level, text in ((1, "Introduction"), (2, "A.\tRecommendations"), (3, "I.\tFirst meeting")):
        doc.add_paragraph(text, style=f"toc {level}").add_run("\t1")
    doc.add_paragraph("Heading 1 — Introduction", style="Heading 1")
    doc.add_paragraph("Compendium Text — an unnumbered paragraph.", style="Compendium Text")
    doc.add_paragraph("A.\tHeading 2 — a part", style="Heading 2")
    doc.add_paragraph("I.\tHeading 3 — a chapter", style="Heading 3")
    doc.add_paragraph("1.\tCompendium Paragraph — a numbered paragraph with a hanging label.",
                      style="Compendium Paragraph")
    doc.add_paragraph("(a)\tCompendium Subparagraph 1 — a lettered subparagraph.", style="Compendium Subparagraph 1")
    doc.add_paragraph("(i)\tCompendium Subparagraph 2 — a roman item.", style="Compendium Subparagraph 2")
    doc.add_paragraph("(1)\tCompendium Subparagraph 3.", style="Compendium Subparagraph 3")
    doc.add_paragraph("Heading 4 — Decision 3/4", style="Heading 4")
    doc.add_paragraph("Heading 5 — decision title, annex heading", style="Heading 5")
    doc.add_paragraph("Heading 6 — annex title", style="Heading 6")
    p = doc.add_paragraph(style="Compendium Preamble")
    p.add_run("Noting", style="Compendium Emphasis")
    p.add_run(" — Compendium Preamble, with Compendium Emphasis.")
    doc.add_paragraph("Compendium Subheading", style="Compendium Subheading")
    doc.add_paragraph("I.\tCompendium Section", style="Compendium Section")
    p = doc.add_paragraph("A link: ", style="Normal")
    p.add_run("A/63/539", style="Hyperlink")
    p.add_run("1", style="footnote reference")
    doc.add_paragraph("1 Footnote Text — the text of a footnote.", style="footnote text")
    table = doc.add_table(rows=2, cols=2, style="Compendium Index")
    for r, texts, st in ((0, ("Topic", "Compendium"), "Index Head"), (1, ("Accra Agenda", "VII.26"), "Index Cell")):
        for c, text in enumerate(texts):
            cell = table.cell(r, c)
            cell.paragraphs[0].text = text
            cell.paragraphs[0].style = doc.styles[st]
    doc.add_paragraph("Index Notes — notes under the index.", style="Index Notes")


def main(out: Path) -> None:
    doc = docx.Document()
    clean(doc)
    define_styles(doc)
    samples(doc)
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(170), Mm(240)
    props = doc.core_properties
    props.title = "Compendium reference styles"
    props.subject = "Styles template of the DOCX writer (scripts/make-reference-docx.py)"
    props.author = props.last_modified_by = "UNODC"
    props.comments = ""
    props.keywords = ""
    props.revision = 1
    props.created = props.modified = FIXED
    buf = io.BytesIO()
    doc.save(buf)
    out.write_bytes(stable_zip(buf.getvalue()))
    print(out)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "templates" / "reference.docx")
