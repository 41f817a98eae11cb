"""Test documents made the way the Official Document System lays out a UN document in Word.

UN Word templates: body paragraphs in SingleTxtG, numbered by a typed label and a tab ("1.<tab>The …",
"<tab>(a)<tab>States …") or by Word numbering; HChG for document and annex headings, H1G for titles
and section headings ("A.<tab>The status …"); real footnotes in FootnoteText, referenced by a
FootnoteReference run; italic runs for operative verbs and titles; the symbol in the page header.

Paragraph texts use two marks: *italic* and ^N for a reference to footnote N.
"""
from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt


@dataclass
class P:
    style: str                     # SingleTxtG, HChG, H1G
    text: str                      # with *italic* and ^N
    label: str = ""                # typed label, followed by a tab
    num: tuple[int, int] | None = None   # Word numbering (numId, ilvl) instead of a typed label
    indent_tabs: int = 0           # tabs before the label (ODS subparagraphs: "<tab>(a)<tab>")


def _runs(text: str) -> list[tuple[str, bool, int | None]]:
    out = []
    for part in re.split(r"(\*[^*]+\*|\^\d+)", text):
        if not part:
            continue
        if part.startswith("^"):
            out.append(("", False, int(part[1:])))
        elif part.startswith("*") and part.endswith("*"):
            out.append((part[1:-1], True, None))
        else:
            out.append((part, False, None))
    return out


def _rpr(italic: bool = False, style: str = "") -> str:
    inner = (f'<w:rStyle w:val="{style}"/>' if style else "") + ("<w:i/><w:iCs/>" if italic else "")
    return f"<w:rPr>{inner}</w:rPr>" if inner else ""


def _t(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f'<w:t xml:space="preserve">{text}</w:t>'


def make(path: Path, paras: list[P], footnotes: dict[int, str], header: str = "",
         lists: dict[int, list[tuple[str, str, int]]] | None = None) -> Path:
    """Write an ODS-style DOCX; `lists` maps a numId to its levels (numFmt, lvlText, start)."""
    d = docx.Document()
    styles = d.styles
    for name, size, bold in (("SingleTxtG", 10, False), ("HChG", 14, True), ("H1G", 12, True),
                             ("FootnoteText", 8, False)):
        st = styles.add_style(name, docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
        st.base_style = styles["Normal"]
        st.font.size, st.font.bold = Pt(size), bold
    ref = styles.add_style("FootnoteReference", docx.enum.style.WD_STYLE_TYPE.CHARACTER)
    ref.font.superscript = True
    if lists:
        numbering = d.part.numbering_part.element
        for num_id, levels in lists.items():
            lvls = "".join(f'<w:lvl w:ilvl="{k}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
                           f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
                           for k, (fmt, text, start) in enumerate(levels))
            numbering.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{90 + num_id}">'
                                          f'{lvls}</w:abstractNum>'))
            numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                                       f'<w:abstractNumId w:val="{90 + num_id}"/></w:num>'))
    body = d.element.body
    for p in paras:
        ppr = f'<w:pStyle w:val="{p.style}"/>'
        if p.num:
            ppr += f'<w:numPr><w:ilvl w:val="{p.num[1]}"/><w:numId w:val="{p.num[0]}"/></w:numPr>'
        xml = [f'<w:p {nsdecls("w")}><w:pPr>{ppr}</w:pPr>']
        lead = "\t" * p.indent_tabs + (p.label + "\t" if p.label else "")
        if lead:
            xml.append("<w:r>" + "".join("<w:tab/>" if ch == "\t" else _t(ch) for ch in _chunks(lead)) + "</w:r>")
        for text, italic, note in _runs(p.text):
            if note is not None:
                xml.append(f'<w:r>{_rpr(style="FootnoteReference")}<w:footnoteReference w:id="{note}"/></w:r>')
            else:
                xml.append(f"<w:r>{_rpr(italic)}{_t(text)}</w:r>")
        xml.append("</w:p>")
        body.insert(len(body) - 1, parse_xml("".join(xml)))
    if footnotes:
        notes = [f'<w:footnotes {nsdecls("w")}>',
                 '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
                 '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
                 '</w:r></w:p></w:footnote>']
        for n, text in footnotes.items():
            runs = "".join(f"<w:r>{_rpr(italic)}{_t(t)}</w:r>" for t, italic, _ in _runs(" " + text))
            notes.append(f'<w:footnote w:id="{n}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
                         f'<w:r>{_rpr(style="FootnoteReference")}<w:footnoteRef/></w:r>{runs}</w:p></w:footnote>')
        notes.append("</w:footnotes>")
        part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, "".join(notes).encode(), d.part.package)
        d.part.relate_to(part, RT.FOOTNOTES)
    if header:
        d.sections[0].header.paragraphs[0].text = header
    d.save(path)
    return path


def _chunks(lead: str) -> list[str]:
    return re.findall(r"\t|[^\t]+", lead)


def resave(path: Path, out_dir: Path) -> Path:
    """The document opened and saved again by LibreOffice (as Word 2007-365 .docx)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    profile = (out_dir / "lo-profile").resolve()
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                    "docx:MS Word 2007 XML", "--outdir", str(out_dir), str(path)],
                   check=True, capture_output=True, timeout=180)
    return out_dir / path.name
