"""An opened DOCX package: its parts (size-limited, parsed without entities or network), their
relationships, the styles, the core properties, and the content read by the walker."""
from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from ...errors import CompendiumError
from .model import Comment, Paragraph, Style
from .numbering import Numbering, num_pr
from .walker import Walker
from .xml import TRUE, R, local, number, val, w

PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOCUMENT = R + "/officeDocument"
CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
MAX_PART = 200 * 1024 * 1024
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True, huge_tree=False)


class Package:
    """An opened DOCX: its main document, styles, footnotes, comments and core properties."""

    def __init__(self, path: Path | str) -> None:
        self.path = str(path)
        try:
            self.zip = zipfile.ZipFile(path)
            self.names = set(self.zip.namelist())
        except FileNotFoundError:
            raise CompendiumError("file not found", self.path) from None
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise CompendiumError(f"not a DOCX file (not a ZIP package: {exc})", self.path,
                                  hint="save the document as Word (.docx) and try again") from None
        rels = self.rels("")
        main = next((t for _, (k, t, ext) in rels.items() if k == OFFICE_DOCUMENT and not ext), None)
        if main is None or main not in self.names:
            raise CompendiumError("not a DOCX file (no main document part)", self.path,
                                  hint="save the document as Word (.docx) and try again")
        self.main = main
        root = self.xml(main)
        if root.tag != w("document"):
            raise CompendiumError(f"not a Word document (its main part is {etree.QName(root).localname})",
                                  self.path, hint="absorb reads Word documents (.docx)")
        self.document = root
        self.main_rels = self.rels(main)
        self.styles = self._styles()
        self.default_style = next((sid for sid, st in self.styles.items() if st.kind == "paragraph"
                                   and st.default), "")
        name = self.related("numbering")
        self.numbering = Numbering(self.xml(name) if name else None)

    # -- parts ------------------------------------------------------------------------------------

    def xml(self, name: str):
        info = self.zip.getinfo(name)
        if info.file_size > MAX_PART:
            raise CompendiumError(f"part {name} is too large ({info.file_size} bytes)", self.path)
        try:
            data = self.zip.read(name)
            return etree.fromstring(data, _PARSER)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise CompendiumError(f"corrupt DOCX: part {name} cannot be read ({exc})", self.path,
                                  hint="open and save it again in Word or LibreOffice") from None
        except etree.XMLSyntaxError as exc:
            raise CompendiumError(f"corrupt DOCX: part {name} is not well-formed XML ({exc.msg})", self.path,
                                  hint="open and save it again in Word or LibreOffice") from None

    def rels(self, part: str) -> dict[str, tuple[str, str, bool]]:
        """Relationships of `part` ("" for the package): id -> (type, target part name or URL, external)."""
        folder, _, name = part.rpartition("/")
        rels_name = f"{folder}/_rels/{name}.rels" if part else "_rels/.rels"
        if rels_name not in self.names:
            return {}
        out = {}
        for rel in self.xml(rels_name):
            if rel.tag != f"{{{PKG_REL}}}Relationship":
                continue
            target, external = rel.get("Target", ""), rel.get("TargetMode") == "External"
            if not external:
                target = _join(folder, target)
            out[rel.get("Id")] = (rel.get("Type", ""), target, external)
        return out

    def related(self, kind: str) -> str | None:
        """The part the main document relates to with relationship type `.../kind`."""
        return next((t for k, t, ext in self.main_rels.values() if k == f"{R}/{kind}" and not ext
                     and t in self.names), None)

    def _styles(self) -> dict[str, Style]:
        name = self.related("styles")
        out: dict[str, Style] = {}
        if name is None:
            return out
        for s in self.xml(name).iter(w("style")):
            sid = s.get(w("styleId"), "")
            n = s.find(w("name"))
            based = s.find(w("basedOn"))
            italic = s.find(f"{w('rPr')}/{w('i')}")
            ppr = s.find(w("pPr"))
            out[sid] = Style(n.get(w("val"), sid) if n is not None else sid, s.get(w("type"), ""),
                             based.get(w("val"), "") if based is not None else "",
                             None if italic is None else italic.get(w("val")) in TRUE,
                             num_pr(ppr), number(val(ppr, "outlineLvl")), s.get(w("default")) in ("1", "true"))
        return out

    def style_name(self, sid: str) -> str:
        return self.styles[sid].name if sid in self.styles else sid

    def style_chain(self, sid: str) -> list[Style]:
        """A style and those it is based on, nearest first."""
        chain, seen = [], set()
        while sid in self.styles and sid not in seen:
            seen.add(sid)
            chain.append(self.styles[sid])
            sid = self.styles[sid].based_on
        return chain

    def style_italic(self, sid: str) -> bool:
        seen = set()
        while sid in self.styles and sid not in seen:
            seen.add(sid)
            if self.styles[sid].italic is not None:
                return self.styles[sid].italic
            sid = self.styles[sid].based_on
        return False

    def core(self) -> dict[str, str]:
        """Core properties (title, language, created, …) by local name."""
        name = next((t for k, t, ext in self.rels("").values() if k == CORE and not ext and t in self.names), None)
        if name is None:
            return {}
        return {local(e): (e.text or "").strip() for e in self.xml(name) if local(e)}

    # -- content ----------------------------------------------------------------------------------

    def paragraphs(self, view: str = "accept") -> list[Paragraph]:
        """The body's paragraphs in document order (table cells included, with their position)."""
        body = self.document.find(w("body"))
        if body is None:
            raise CompendiumError("corrupt DOCX: the document has no body", self.path)
        paras = Walker(self, self.main_rels, view).container(body)
        self.numbering.reset()
        for p in paras:                       # Word numbers the lists in document order
            if p.num is not None:
                p.label, p.label_format = self.numbering.next(*p.num)
        return paras

    def header_texts(self) -> list[str]:
        """The text of each paragraph of the page headers and footers (where ODS prints the symbol)."""
        out = []
        for kind in ("header", "footer"):
            for k, target, ext in self.main_rels.values():
                if k == f"{R}/{kind}" and not ext and target in self.names:
                    out += ["".join(t.text or "" for t in p.iter(w("t"))) for p in self.xml(target).iter(w("p"))]
        return out

    def footnotes(self, view: str = "accept") -> dict[str, list[Paragraph]]:
        """Footnotes by w:id (separators left out)."""
        name = self.related("footnotes")
        if name is None:
            return {}
        walker = Walker(self, self.rels(name), view)
        out = {}
        for fn in self.xml(name).iter(w("footnote")):
            if fn.get(w("type")) in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            nid = fn.get(w("id"), "")
            paras = walker.container(fn)
            for p in paras:
                p.note = nid
            out[nid] = paras
        return out

    def comments(self) -> dict[str, Comment]:
        name = self.related("comments")
        if name is None:
            return {}
        walker = Walker(self, self.rels(name), "accept")
        out = {}
        for c in self.xml(name).iter(w("comment")):
            cid = c.get(w("id"), "")
            text = "\n".join(p.text for p in walker.container(c)).strip()
            out[cid] = Comment(cid, c.get(w("author"), ""), c.get(w("date"), ""), text)
        return out


def _join(folder: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    parts = [p for p in folder.split("/") if p]
    for piece in target.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)
