"""The printer's file (`--print`, PDF/X-4): what WeasyPrint leaves in DeviceRGB, in CMYK.

The style sheets give every colour in CMYK (templates/pdf/print.css), but WeasyPrint draws its crop
marks as an SVG stroked in RGB black; PDF/X with a CMYK output intent allows no DeviceRGB. The
marks are made registration colour (100 % of every ink, as imposition software draws them).
"""
from __future__ import annotations

import io
from typing import Any

REGISTRATION = [1, 1, 1, 1]
RGB_TO_CMYK = {"rg": "k", "RG": "K"}


def cmyk_marks(data: bytes) -> bytes:
    """The PDF with the RGB colours of its form XObjects (the crop marks) set in registration CMYK."""
    import pikepdf
    pdf = pikepdf.open(io.BytesIO(data))
    seen: set[tuple[int, int]] = set()
    for page in pdf.pages:
        for xobject in page.obj.get("/Resources", {}).get("/XObject", {}).values():
            _recolour(pdf, xobject, seen)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


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
