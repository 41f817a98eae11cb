"""templates/reference.docx checked and opened: the styles template of the DOCX editions.

What Word and LibreOffice save as a Word document is accepted, restyled or not: a `.docx`, a Word
template (`.dotx`, its main part retyped as a document), and LibreOffice's "Office Open XML Text",
whose core-properties relationship is typed `…/officedocument/2006/relationships/metadata/
core-properties` (python-docx does not find it, adds a second `docProps/core.xml` and writes an
invalid package; here it is given the standard type). Anything else (missing, empty, damaged, a
Word 97–2003 `.doc`, an OpenDocument file, a spreadsheet) is one line saying what to do.
"""
from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from ...errors import CompendiumError
from .oxml import FootnotesPart      # (importing it registers the footnotes part type)

NAME = "reference.docx"
_HINT = "restore it from git, or save the restyled document as Word Document (.docx)"
_DOCUMENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_TEMPLATE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_MACROS = ("application/vnd.ms-word.document.macroEnabled.main+xml",
           "application/vnd.ms-word.template.macroEnabledTemplate.main+xml")
_CONTENT_TYPES = "[Content_Types].xml"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"          # Word 97–2003 (.doc), also .dot, .xls
_CORE = "/metadata/core-properties"


def load_reference(path: Path):
    """The reference document as a python-docx Document, ready to be filled."""
    shown = str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise CompendiumError("file not found", shown,
                              hint="restore it from git or rerun scripts/make-reference-docx.py") from None
    except IsADirectoryError:
        raise CompendiumError("a folder stands where the DOCX styles template goes", shown, hint=_HINT) from None
    except OSError as exc:
        raise CompendiumError(f"cannot read: {exc.strerror}", shown, hint="check its permissions") from None
    package = _package(data, shown)
    try:
        document = docx.Document(io.BytesIO(package))
    except (KeyError, ValueError, zipfile.BadZipFile, zlib.error, etree.XMLSyntaxError) as exc:
        raise CompendiumError(f"damaged Word document ({type(exc).__name__}: {exc})", shown, hint=_HINT) from None
    _one_core_properties(document)
    _body(document, shown)
    _footnotes(document, shown)
    return document


def _package(data: bytes, shown: str) -> bytes:
    """The package bytes python-docx can open as a document (a .dotx retyped), or a clear error."""
    if not data:
        raise CompendiumError("file is empty", shown, hint=_HINT)
    if data.startswith(_OLE):
        raise CompendiumError("this is a Word 97–2003 file (.doc or .dot), not a .docx", shown,
                              hint="open it in Word or LibreOffice and save it as Word Document (.docx)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = z.namelist()
            if "mimetype" in names and z.read("mimetype").startswith(b"application/vnd.oasis.opendocument"):
                raise CompendiumError("this is an OpenDocument file (.odt), not a .docx", shown,
                                      hint="in LibreOffice, save it as Word 2007–365 (.docx)")
            if _CONTENT_TYPES not in names:
                raise CompendiumError(f"not a Word document: the package has no {_CONTENT_TYPES}", shown, hint=_HINT)
            bad = z.testzip()
            if bad is not None:
                raise CompendiumError(f"damaged file: {bad} fails its checksum", shown, hint=_HINT)
            types = z.read(_CONTENT_TYPES)
            if _DOCUMENT.encode() in types:
                return data
            for macro in _MACROS:
                if macro.encode() in types:
                    raise CompendiumError("a macro-enabled Word file (.docm/.dotm) is not a styles template",
                                          shown, hint="save it as Word Document (.docx), without macros")
            if _TEMPLATE.encode() not in types:
                raise CompendiumError("not a Word document: no word/document.xml main part", shown, hint=_HINT)
            return _retyped(z, types)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, ValueError, OSError) as exc:
        raise CompendiumError(f"not a Word document or damaged ({exc})", shown, hint=_HINT) from None


def _retyped(z: zipfile.ZipFile, types: bytes) -> bytes:
    """A Word template (.dotx) as a document: the same package, its main part retyped."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as w:
        for info in z.infolist():
            data = z.read(info.filename)
            w.writestr(info, types.replace(_TEMPLATE.encode(), _DOCUMENT.encode())
                       if info.filename == _CONTENT_TYPES else data)
    return out.getvalue()


def _one_core_properties(document) -> None:
    """Exactly one core-properties relationship, of the standard type, so python-docx writes one
    docProps/core.xml (LibreOffice's OOXML filter types it …/officedocument/2006/…)."""
    package = document.part.package
    core = [(rid, rel) for rid, rel in package.rels.items()
            if not rel.is_external and rel.reltype.lower().endswith(_CORE)]
    for i, (rid, rel) in enumerate(core):
        if i == 0:
            rel._reltype = RT.CORE_PROPERTIES
        else:
            del package.rels[rid]                 # a second one: its part is not written either


def _body(document, shown: str) -> None:
    """The document part must have a body; a body without section properties gets empty ones (Word's
    defaults, as Word reads such a file), which the writer then fills."""
    body = document.element.body
    if body is None:
        raise CompendiumError("damaged Word document: word/document.xml has no body", shown, hint=_HINT)
    if body.find(qn("w:sectPr")) is None:
        body.append(OxmlElement("w:sectPr"))


def _footnotes(document, shown: str) -> None:
    """A footnotes part, if the template has one, must be one python-docx reads as XML."""
    for rel in document.part.rels.values():
        if rel.reltype == RT.FOOTNOTES and not rel.is_external and not isinstance(rel.target_part, FootnotesPart):
            raise CompendiumError(f"damaged Word document: its footnotes part ({rel.target_part.partname}) has the "
                                  f"content type {rel.target_part.content_type!r}", shown, hint=_HINT)
