"""A tagged PDF read as assistive technology reads it: the text of each marked-content sequence (its
/ActualText where it has one, else its glyphs decoded by pdfminer.six) and the structure tree over
it (pikepdf), independently of the code that wrote them."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
from pdfminer.pdfdevice import PDFDevice
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import PDFObjRef
from pdfminer.utils import decode_text


@dataclass
class PageText:
    marked: dict[int, str] = field(default_factory=dict)     # MCID -> text
    artifacts: list[str] = field(default_factory=list)       # text drawn as artifacts
    loose: list[str] = field(default_factory=list)           # text neither marked nor an artifact


class _Device(PDFDevice):
    def __init__(self, rsrcmgr: PDFResourceManager) -> None:
        super().__init__(rsrcmgr)
        self.pages: list[PageText] = []
        self.stack: list[tuple[str, int | None, str | None]] = []

    def begin_page(self, page, ctm) -> None:
        self.pages.append(PageText())
        self.stack = []

    def begin_tag(self, tag, props=None) -> None:
        props = props if isinstance(props, dict) else {}
        actual = props.get("ActualText")
        if isinstance(actual, PDFObjRef):
            actual = actual.resolve()
        actual = decode_text(actual) if isinstance(actual, bytes) else actual
        self.stack.append((tag.name, props.get("MCID"), actual))
        if actual is not None:
            self._add(actual)

    def end_tag(self) -> None:
        self.stack.pop()

    def _add(self, text: str) -> None:
        page = self.pages[-1]
        mcid = next((m for _, m, _ in reversed(self.stack) if m is not None), None)
        if mcid is not None:
            page.marked[mcid] = page.marked.get(mcid, "") + text
        elif any(tag == "Artifact" for tag, _, _ in self.stack):
            page.artifacts.append(text)
        else:
            page.loose.append(text)

    def render_string(self, textstate, seq, ncs, graphicstate) -> None:
        if any(actual is not None for _, _, actual in self.stack):
            return                                   # the ActualText stands for these glyphs
        font, text = textstate.font, ""
        for obj in seq:
            if isinstance(obj, bytes):
                for cid in font.decode(obj):
                    try:
                        text += font.to_unichr(cid)
                    except Exception:        # no Unicode for this glyph
                        text += "\ufffd"
        self._add(text)


def marked_text(path: Path) -> list[PageText]:
    """The text of every page's marked content, by MCID, and of its artifacts."""
    rsrc = PDFResourceManager()
    device = _Device(rsrc)
    interpreter = PDFPageInterpreter(rsrc, device)
    with open(path, "rb") as f:
        for page in PDFPage.get_pages(f):
            interpreter.process_page(page)
    return device.pages


@dataclass
class Annotation:
    objgen: tuple[int, int]
    dest: str | None         # the named destination of an internal link


@dataclass
class Element:
    role: str
    parts: list                      # text of its marked content and child elements, in tree order
    kids: list[Element]
    attrs: dict
    id: str | None
    annots: list[Annotation]
    actual: str | None = None        # its /ActualText: what its content reads as

    @property
    def text(self) -> str:
        return self.text_without(())

    def text_without(self, roles: tuple[str, ...]) -> str:
        """The text, without that of elements of these roles (say, notes inside a paragraph)."""
        if self.actual is not None:
            return self.actual
        return "".join(p if isinstance(p, str) else "" if p.role in roles else p.text_without(roles)
                       for p in self.parts)

    def walk(self):
        yield self
        for k in self.kids:
            yield from k.walk()


def structure(path: Path) -> Element:
    """The structure tree, each element with the text of its marked content in tree order."""
    pages = marked_text(path)
    pdf = pikepdf.open(path)
    index = {p.objgen: i for i, p in enumerate(pdf.pages)}

    def element(e, page: int | None) -> Element:
        if "/Pg" in e:
            page = index[e.Pg.objgen]
        k = e.get("/K")
        kids = list(k) if isinstance(k, pikepdf.Array) else [] if k is None else [k]
        out = Element(str(e.get("/S"))[1:], [], [], dict(e.get("/A", {})), str(e.ID) if "/ID" in e else None, [],
                      str(e.ActualText) if "/ActualText" in e else None)
        for kid in kids:
            if isinstance(kid, int):
                out.parts.append(pages[page].marked.get(kid, ""))
            elif kid.get("/Type") == "/MCR":
                out.parts.append(pages[index[kid.Pg.objgen]].marked.get(int(kid.MCID), ""))
            elif kid.get("/Type") == "/OBJR":
                out.annots.append(Annotation(kid.Obj.objgen, str(kid.Obj.Dest) if "/Dest" in kid.Obj else None))
            else:
                child = element(kid, page)
                out.kids.append(child)
                out.parts.append(child)
        return out

    root = pdf.Root.StructTreeRoot
    k = root.K
    return element(k[0] if isinstance(k, pikepdf.Array) else k, None)
