"""WordprocessingML helpers for the DOCX writer: element builders, schema-ordered insertion,
units, bookmark names and a byte-stable ZIP container.

python-docx covers styles, sections, core properties and comments; what it lacks (footnotes,
fields, bookmarks, hyperlinks, bidi properties) is built here with lxml.
"""
from __future__ import annotations

import hashlib
import io
import re
import zipfile

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.packuri import PackURI
from docx.opc.part import PartFactory, XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

# -- schema order of the children we touch (ECMA-376 part 1, §17) --------------------------------

PPR_ORDER = ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
             "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
             "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
             "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
             "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
             "sectPr", "pPrChange"]
RPR_ORDER = ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
             "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing",
             "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText",
             "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath"]
SECTPR_ORDER = ["headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar",
                "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote",
                "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange"]
TBLPR_ORDER = ["tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
               "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook",
               "tblCaption", "tblDescription"]
SETTINGS_ORDER = ["writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
                  "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
                  "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts", "embedSystemFonts",
                  "saveSubsetFonts", "saveFormsData", "mirrorMargins", "alignBordersAndEdges",
                  "bordersDoNotSurroundHeader", "bordersDoNotSurroundFooter", "gutterAtTop",
                  "hideSpellingErrors", "hideGrammaticalErrors", "activeWritingStyle", "proofState",
                  "formsDesign", "attachedTemplate", "linkStyles", "stylePaneFormatFilter",
                  "stylePaneSortMethod", "documentType", "mailMerge", "revisionView", "trackRevisions",
                  "doNotTrackMoves", "doNotTrackFormatting", "documentProtection", "autoFormatOverride",
                  "styleLockTheme", "styleLockQFSet", "defaultTabStop", "autoHyphenation",
                  "consecutiveHyphenLimit", "hyphenationZone", "doNotHyphenateCaps", "showEnvelope",
                  "summaryLength", "clickAndTypeStyle", "defaultTableStyle", "evenAndOddHeaders",
                  "bookFoldRevPrinting", "bookFoldPrinting", "bookFoldPrintingSheets",
                  "drawingGridHorizontalSpacing", "drawingGridVerticalSpacing",
                  "displayHorizontalDrawingGridEvery", "displayVerticalDrawingGridEvery",
                  "doNotUseMarginsForDrawingGridOrigin", "drawingGridHorizontalOrigin",
                  "drawingGridVerticalOrigin", "doNotShadeFormData", "noPunctuationKerning",
                  "characterSpacingControl", "printTwoOnOne", "strictFirstAndLastChars", "noLineBreaksAfter",
                  "noLineBreaksBefore", "savePreviewPicture", "doNotValidateAgainstSchema", "saveInvalidXml",
                  "ignoreMixedContent", "alwaysShowPlaceholderText", "doNotDemarcateInvalidXml",
                  "saveXmlDataOnly", "useXSLTWhenSaving", "saveThroughXslt", "showXMLTags",
                  "alwaysMergeEmptyNamespace", "updateFields", "hdrShapeDefaults", "footnotePr", "endnotePr",
                  "compat", "docVars", "rsids", "mathPr", "attachedSchema", "themeFontLang",
                  "clrSchemeMapping", "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures",
                  "forceUpgrade", "captions", "readModeInkLockDown", "smartTagType", "schemaLibrary",
                  "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator"]


def el(tag: str, attrs: dict[str, str] | None = None, *children: etree._Element, text: str | None = None):
    """A w: element: el("w:pStyle", {"w:val": "Heading1"})."""
    e = etree.Element(qn(tag), nsmap={"w": W_NS})
    for k, v in (attrs or {}).items():
        e.set(qn(k), str(v))
    for c in children:
        e.append(c)
    if text is not None:
        e.text = text
    return e


def _local(e: etree._Element) -> str:
    return etree.QName(e).localname if isinstance(e.tag, str) else ""


def put(parent: etree._Element, child: etree._Element, order: list[str]) -> etree._Element:
    """Insert `child` into `parent` at its schema position, replacing an element of the same tag."""
    name = _local(child)
    for old in parent.findall(child.tag):
        parent.remove(old)
    rank = order.index(name)
    for i, existing in enumerate(parent):
        n = _local(existing)
        if n in order and order.index(n) > rank:
            parent.insert(i, child)
            return child
    parent.append(child)
    return child


def sub(parent: etree._Element, tag: str, order: list[str], attrs: dict[str, str] | None = None):
    """Get or create the child `tag` of `parent` at its schema position."""
    found = parent.find(qn(tag))
    if found is None:
        found = put(parent, el(tag, attrs), order)
    else:
        for k, v in (attrs or {}).items():
            found.set(qn(k), str(v))
    return found


def text_el(text: str) -> etree._Element:
    t = el("w:t", text=text)
    if text != text.strip() or "  " in text:
        t.set(XML_SPACE, "preserve")
    return t


def run_content(r: etree._Element, text: str) -> None:
    """Append `text` to a run: tabs as w:tab, line breaks as w:br."""
    for i, line in enumerate(text.split("\n")):
        if i:
            r.append(el("w:br"))
        for j, chunk in enumerate(line.split("\t")):
            if j:
                r.append(el("w:tab"))
            if chunk:
                r.append(text_el(chunk))


def field_runs(instr: str, cached: list[etree._Element] | None = None) -> list[etree._Element]:
    """The runs of a complex field: begin, instruction, separate, cached result runs, end."""
    instr_el = el("w:instrText", text=f" {instr} ")
    instr_el.set(XML_SPACE, "preserve")
    return [el("w:r", None, el("w:fldChar", {"w:fldCharType": "begin"})),
            el("w:r", None, instr_el),
            el("w:r", None, el("w:fldChar", {"w:fldCharType": "separate"})),
            *(cached or []),
            el("w:r", None, el("w:fldChar", {"w:fldCharType": "end"}))]


# -- units ------------------------------------------------------------------------------------------

_LENGTH = re.compile(r"^\s*([0-9.]+)\s*(mm|cm|in|pt)\s*$")
_PER_POINT = {"mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0, "pt": 1.0}


def points(value: str | int | float) -> float:
    """'170mm', '10pt', '1in' as points (a bare number is points)."""
    if isinstance(value, (int, float)):
        return float(value)
    m = _LENGTH.match(value)
    if not m:
        raise ValueError(f"not a length: {value!r} (use mm, cm, in or pt)")
    return float(m.group(1)) * _PER_POINT[m.group(2)]


def twips(value: str | int | float) -> int:
    return round(points(value) * 20)


def half_points(value: str | int | float) -> int:
    return round(points(value) * 2)


# -- bookmark names ---------------------------------------------------------------------------------

_BAD = re.compile(r"[^A-Za-z0-9]")


def bookmark_name(ident: str) -> str:
    """A Word bookmark name for a compendium id: 'A.VII.26' -> 'p_A_VII_26'.

    Word wants at most 40 characters, a leading letter, letters/digits/underscores only. Long ids
    keep a readable prefix and a hash suffix, so the mapping stays deterministic.
    """
    name = "p_" + _BAD.sub("_", ident)
    if len(name) > 40:
        name = name[:31] + "_" + hashlib.sha1(ident.encode("utf-8")).hexdigest()[:8]
    return name


class Bookmarks:
    """Compendium ids -> unique bookmark names and numeric ids, in order of first use."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        self._used: set[str] = set()

    def name(self, ident: str) -> str:
        if ident not in self.names:
            name = bookmark_name(ident)
            if name in self._used:
                name = name[:31] + "_" + hashlib.sha1(ident.encode("utf-8")).hexdigest()[:8]
            self._used.add(name)
            self.names[ident] = name
        return self.names[ident]

    def wrap(self, p: etree._Element, ident: str, number: int) -> None:
        """Put bookmarkStart/End around the content of paragraph `p` (after its pPr)."""
        start = el("w:bookmarkStart", {"w:id": str(number), "w:name": self.name(ident)})
        ppr = p.find(qn("w:pPr"))
        if ppr is not None:
            ppr.addnext(start)
        else:
            p.insert(0, start)
        p.append(el("w:bookmarkEnd", {"w:id": str(number)}))


# -- footnotes part ---------------------------------------------------------------------------------

class FootnotesPart(XmlPart):
    """/word/footnotes.xml, which python-docx loads only as an opaque blob."""


PartFactory.part_type_for[CT.WML_FOOTNOTES] = FootnotesPart

FOOTNOTES_XML = (
    f"<w:footnotes {nsdecls('w', 'r')}>"
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
    "</w:footnotes>")


def new_footnotes_part(package) -> FootnotesPart:
    return FootnotesPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, parse_xml(FOOTNOTES_XML), package)


# -- byte-stable container --------------------------------------------------------------------------

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def stable_zip(data: bytes) -> bytes:
    """Rewrite a package with a fixed entry order and fixed dates, so equal input gives equal bytes.

    [Content_Types].xml and the package relationships come first (as Word writes them), then the
    remaining entries sorted by name.
    """
    src = zipfile.ZipFile(io.BytesIO(data))
    names = src.namelist()
    first = [n for n in ("[Content_Types].xml", "_rels/.rels") if n in names]
    order = first + sorted(n for n in names if n not in first)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name in order:
            info = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            dst.writestr(info, src.read(name), compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
    return out.getvalue()
