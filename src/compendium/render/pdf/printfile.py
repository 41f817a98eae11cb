"""The printer's file (`--print`, PDF/X-4): what WeasyPrint leaves in DeviceRGB, in CMYK.

The style sheets give every colour in CMYK (templates/pdf/print.css), but WeasyPrint draws its crop
marks as an SVG stroked in RGB black; PDF/X with a CMYK output intent allows no DeviceRGB. The
marks are made registration colour (100 % of every ink, as imposition software draws them).
The file is made reproducible: WeasyPrint gives its XMP a random DocumentID (uuid4); here it is
one derived from the file's content, and so is the trailer's /ID.
"""
from __future__ import annotations

import hashlib
import io
import re
import uuid
from typing import Any

REGISTRATION = [1, 1, 1, 1]
RGB_TO_CMYK = {"rg": "k", "RG": "K"}
_DOCUMENT_ID = re.compile(rb"xmp\.did:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_TRAILER_ID = re.compile(rb"/ID\s*\[[^\]]*\]")          # pydyf's, an md5 of the objects (the uuid in them)


def cmyk_marks(data: bytes) -> bytes:
    """The PDF with the RGB colours of its form XObjects (the crop marks) set in registration CMYK."""
    import pikepdf
    pdf = pikepdf.open(io.BytesIO(_stable_document_id(data)))
    seen: set[tuple[int, int]] = set()
    for page in pdf.pages:
        for xobject in page.obj.get("/Resources", {}).get("/XObject", {}).values():
            _recolour(pdf, xobject, seen)
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True)        # the /ID from the content: the same input, the same file
    return out.getvalue()


def _stable_document_id(data: bytes) -> bytes:
    """The file with the random uuid of its XMP DocumentID (written uncompressed in PDF/X-4), and the
    trailer's /ID made from it, replaced by ids of the same length made from the rest of the file, so
    that no offset moves."""
    digest = hashlib.sha256(_TRAILER_ID.sub(b"", _DOCUMENT_ID.sub(b"xmp.did:", data))).digest()
    data = _DOCUMENT_ID.sub(f"xmp.did:{uuid.UUID(bytes=digest[:16], version=4)}".encode(), data)
    return _TRAILER_ID.sub(lambda m: re.sub(rb"[0-9a-f]{32}", digest.hex()[:32].encode(), m.group()), data)


def _recolour(pdf: Any, xobject: Any, seen: set) -> None:
    import pikepdf
    if xobject.objgen in seen or xobject.get("/Subtype") != pikepdf.Name.Form:
        return
    seen.add(xobject.objgen)
    instructions = pikepdf.parse_content_stream(xobject)
    if any(str(i.operator) in RGB_TO_CMYK for i in instructions):
        xobject.write(pikepdf.unparse_content_stream([
            pikepdf.ContentStreamInstruction(REGISTRATION, pikepdf.Operator(RGB_TO_CMYK[str(i.operator)]))
            if str(i.operator) in RGB_TO_CMYK else i for i in instructions]))
    for inner in xobject.get("/Resources", {}).get("/XObject", {}).values():
        _recolour(pdf, inner, seen)
