"""A small, self-contained reader of WordprocessingML (DOCX) packages as Word and LibreOffice save them.

It knows OOXML, not the compendium: paragraphs with their style names, outline levels, Word numbering
labels ("1.", "(a)", as the list's level prints them), bookmarks, comment anchors and table cells; runs
as spans of text with italic, character style, hyperlink, footnote reference (and custom mark) and
field; footnotes; comments; the text of page headers and footers; core properties. Tracked changes are resolved into one of two views:
"accept" (the text as if every change were accepted: w:ins and w:moveTo kept, w:del and w:moveFrom
dropped, a deleted paragraph mark joins two paragraphs) or "reject" (the text before the changes:
w:delText read back, insertions dropped, formatting from w:rPrChange/w:pPrChange).

Untrusted input: no entity expansion, no network, parts larger than MAX_PART are refused.
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..corpus.numerals import letter, roman
from ..errors import CompendiumError

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOCUMENT = R + "/officeDocument"
CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
MAX_PART = 200 * 1024 * 1024
VIEWS = ("accept", "reject")
_TRUE = {None, "1", "true", "on"}
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True, huge_tree=False)


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _local(e) -> str:
    return etree.QName(e).localname if isinstance(e.tag, str) else ""


def _ns(e) -> str:
    return etree.QName(e).namespace if isinstance(e.tag, str) else ""


@dataclass
class Span:
    """A stretch of text with one set of properties ("\\t" for a tab, "\\n" for a line break)."""
    text: str
    italic: bool = False
    char_style: str = ""      # character style name
    url: str = ""             # target of an external hyperlink
    anchor: str = ""          # bookmark an internal hyperlink points at
    note: str = ""            # w:id of a footnote reference (text is "")
    custom_mark: bool = False # the footnote reference prints the next run's text ("*"), not a number
    field: str = ""           # instruction of the innermost field whose result this is
    inserted: bool = False    # inside a tracked insertion (w:ins, w:moveTo)
    deleted: bool = False     # inside a tracked deletion (reject view only)


@dataclass
class Paragraph:
    style: str                                  # paragraph style name
    spans: list[Span] = field(default_factory=list)
    bookmarks: list[str] = field(default_factory=list)
    comments: dict[str, tuple[int, int | None]] = field(default_factory=dict)   # id -> (start, end)
    cell: tuple[int, int, int] | None = None    # (table, row, grid column) for a paragraph in a table
    note: str = ""                              # w:id of the footnote holding it
    tracked: bool = False                       # a tracked change touched it
    page_break: bool = False
    joined: int = 1                             # paragraphs it is made of (a deleted mark joins two)
    mark: str = ""                              # "inserted" | "deleted": a tracked change of its mark
    num: tuple[str, int] | None = None          # Word numbering: (numId, level), from the paragraph or its style
    label: str = ""                             # the label that numbering prints ("1.", "(a)")
    label_format: str = ""                      # its w:numFmt: decimal, lowerLetter, lowerRoman, upperRoman …
    outline: int | None = None                  # outline level (0 = top) from the paragraph or its style

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)

    def quoted(self, comment_id: str) -> str:
        start, end = self.comments[comment_id]
        return self.text[start:end]


@dataclass
class Comment:
    id: str
    author: str
    date: str
    text: str


@dataclass
class Style:
    name: str
    kind: str
    based_on: str = ""
    italic: bool | None = None
    num: tuple[str, int] | None = None
    outline: int | None = None
    default: bool = False


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
        self.numbering = _Numbering(self.xml(name) if name else None)

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
                             None if italic is None else italic.get(w("val")) in _TRUE,
                             _num(ppr), _int(_val(ppr, "outlineLvl")), s.get(w("default")) in ("1", "true"))
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
        return {_local(e): (e.text or "").strip() for e in self.xml(name) if _local(e)}

    # -- content ----------------------------------------------------------------------------------

    def paragraphs(self, view: str = "accept") -> list[Paragraph]:
        """The body's paragraphs in document order (table cells included, with their position)."""
        body = self.document.find(w("body"))
        if body is None:
            raise CompendiumError("corrupt DOCX: the document has no body", self.path)
        paras = _Walker(self, self.main_rels, view).container(body)
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
        walker = _Walker(self, self.rels(name), view)
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
        walker = _Walker(self, self.rels(name), "accept")
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


class _Walker:
    """Reads block and inline content of one part in one view of its tracked changes."""

    def __init__(self, pkg: Package, rels: dict, view: str) -> None:
        if view not in VIEWS:
            raise ValueError(view)
        self.pkg, self.rels, self.view = pkg, rels, view
        self.fields: list[list] = []           # open complex fields: [instruction, in_result]
        self.tables = 0

    # -- blocks -------------------------------------------------------------------------------------

    def container(self, parent, cell=None) -> list[Paragraph]:
        out: list[Paragraph] = []
        self._blocks(parent, out, cell, False, False)
        return _join_marks(out, self.view)

    def _blocks(self, parent, out: list[Paragraph], cell, inserted: bool, deleted: bool) -> None:
        for child in parent:
            name = _local(child)
            if _ns(child) != W:
                continue
            if name == "p":
                out.append(self.paragraph(child, cell, inserted, deleted))
            elif name == "tbl":
                self.table(child, out)
            elif name in ("ins", "moveTo"):
                if self.view == "accept":
                    self._blocks(child, out, cell, True, deleted)
            elif name in ("del", "moveFrom"):
                if self.view == "reject":
                    self._blocks(child, out, cell, inserted, True)
            elif name == "sdt":
                content = child.find(w("sdtContent"))
                if content is not None:
                    self._blocks(content, out, cell, inserted, deleted)
            elif name in ("customXml", "smartTag"):
                self._blocks(child, out, cell, inserted, deleted)

    def table(self, tbl, out: list[Paragraph]) -> None:
        index = self.tables
        self.tables += 1
        row_no = 0
        for tr in tbl.iter(w("tr")):
            if tr.getparent() is not tbl and _local(tr.getparent()) not in ("sdtContent", "customXml"):
                continue                                   # a row of a nested table
            trpr = tr.find(w("trPr"))
            if trpr is not None:
                if self.view == "accept" and trpr.find(w("del")) is not None:
                    continue
                if self.view == "reject" and trpr.find(w("ins")) is not None:
                    continue
            col = 0
            for tc in tr:
                if _local(tc) == "sdt":
                    tc = tc.find(f"{w('sdtContent')}/{w('tc')}")
                    if tc is None:
                        continue
                if _local(tc) != "tc":
                    continue
                span = tc.find(f"{w('tcPr')}/{w('gridSpan')}")
                self._blocks(tc, out, (index, row_no, col), False, False)
                col += (_int(span.get(w("val"))) or 1) if span is not None else 1
            row_no += 1

    def paragraph(self, p, cell, inserted: bool, deleted: bool) -> Paragraph:
        ppr = p.find(w("pPr"))
        style = ""
        para = Paragraph("", cell=cell, tracked=inserted or deleted)
        if ppr is not None:
            source = ppr
            change = ppr.find(w("pPrChange"))
            if change is not None:
                para.tracked = True
                if self.view == "reject" and change.find(w("pPr")) is not None:
                    source = change.find(w("pPr"))
            ps = source.find(w("pStyle"))
            style = ps.get(w("val"), "") if ps is not None else ""
            para.page_break = source.find(w("pageBreakBefore")) is not None
            mark = ppr.find(w("rPr"))
            if mark is not None:
                if mark.find(w("ins")) is not None:
                    para.tracked = True
                    para.mark = "inserted"
                if mark.find(w("del")) is not None:
                    para.tracked = True
                    para.mark = "deleted"
        para.style = self.pkg.style_name(style) if style else "Normal"
        chain = self.pkg.style_chain(style or self.pkg.default_style)
        para.num = _num(ppr) if ppr is not None and ppr.find(w("numPr")) is not None else \
            next((st.num for st in chain if st.num), None)
        if para.num is not None and para.num[0] == "0":         # numId 0: numbering switched off
            para.num = None
        outline = _int(_val(ppr, "outlineLvl")) if ppr is not None else None
        para.outline = outline if outline is not None else next((st.outline for st in chain
                                                                  if st.outline is not None), None)
        self._inline(p, para, _Props(inserted=inserted, deleted=deleted))
        for cid, (start, end) in list(para.comments.items()):
            if end is None:
                para.comments[cid] = (start, len(para.text))
        return para

    # -- inline -------------------------------------------------------------------------------------

    def _inline(self, parent, para: Paragraph, props: _Props) -> None:
        for child in parent:
            if _ns(child) != W:
                continue
            name = _local(child)
            if name == "r":
                self.run(child, para, props)
            elif name == "hyperlink":
                rid = child.get(f"{{{R}}}id")
                url = self.rels.get(rid, ("", "", False))[1] if rid else ""
                self._inline(child, para, props.but(url=url, anchor=child.get(w("anchor"), "")))
            elif name in ("ins", "moveTo"):
                para.tracked = True
                if self.view == "accept":
                    self._inline(child, para, props.but(inserted=True))
            elif name in ("del", "moveFrom"):
                para.tracked = True
                if self.view == "reject":
                    self._inline(child, para, props.but(deleted=True))
            elif name == "bookmarkStart":
                para.bookmarks.append(child.get(w("name"), ""))
            elif name == "commentRangeStart":
                para.comments[child.get(w("id"), "")] = (len(para.text), None)
            elif name == "commentRangeEnd":
                cid = child.get(w("id"), "")
                if cid in para.comments:
                    para.comments[cid] = (para.comments[cid][0], len(para.text))
            elif name == "fldSimple":
                self.fields.append([child.get(w("instr"), "").strip(), True])
                self._inline(child, para, props)
                self.fields.pop()
            elif name in ("smartTag", "customXml"):
                self._inline(child, para, props)
            elif name == "sdt":
                content = child.find(w("sdtContent"))
                if content is not None:
                    self._inline(content, para, props)

    def run(self, r, para: Paragraph, props: _Props) -> None:
        rpr = r.find(w("rPr"))
        italic, char_style = False, ""
        if rpr is not None:
            change = rpr.find(w("rPrChange"))
            if change is not None:
                para.tracked = True
                if self.view == "reject":
                    rpr = change.find(w("rPr"))
        if rpr is not None:
            rs = rpr.find(w("rStyle"))
            sid = rs.get(w("val"), "") if rs is not None else ""
            char_style = self.pkg.style_name(sid) if sid else ""
            italic = self.pkg.style_italic(sid) if sid else False
            for tag in ("i", "iCs"):
                direct = rpr.find(w(tag))
                if direct is not None:
                    italic = direct.get(w("val")) in _TRUE
                    break
        base = dict(italic=italic, char_style=char_style, url=props.url, anchor=props.anchor,
                    inserted=props.inserted, deleted=props.deleted)
        for child in r:
            name = _local(child)
            if _ns(child) != W:
                continue
            if name == "fldChar":
                kind = child.get(w("fldCharType"))
                if kind == "begin":
                    self.fields.append(["", False])
                elif kind == "separate" and self.fields:
                    self.fields[-1][1] = True
                elif kind == "end" and self.fields:
                    self.fields.pop()
                continue
            if name == "instrText" or (name == "delInstrText" and self.view == "reject"):
                if self.fields and not self.fields[-1][1]:
                    self.fields[-1][0] += child.text or ""
                continue
            if self.fields and not self.fields[-1][1]:
                continue                                    # inside a field's instruction
            text = None
            if name == "t" or (name == "delText" and self.view == "reject"):
                text = child.text or ""
            elif name in ("tab", "ptab"):
                text = "\t"
            elif name == "br":
                text = "\n" if child.get(w("type"), "textWrapping") == "textWrapping" else None
            elif name == "cr":
                text = "\n"
            elif name == "noBreakHyphen":
                text = "\u2011"
            elif name == "softHyphen":
                text = "\u00ad"
            elif name == "sym":
                try:
                    text = chr(int(child.get(w("char"), ""), 16))
                except ValueError:
                    text = None
            elif name == "commentReference":              # a comment on a point (Word writes no range)
                cid = child.get(w("id"), "")
                para.comments.setdefault(cid, (len(para.text), len(para.text)))
                continue
            elif name == "footnoteReference":
                para.spans.append(Span("", note=child.get(w("id"), ""), field=self._field(),
                                       custom_mark=child.get(w("customMarkFollows")) in ("1", "true", "on"), **base))
                continue
            if text:
                para.spans.append(Span(text, field=self._field(), **base))

    def _field(self) -> str:
        return " ".join(self.fields[-1][0].split()) if self.fields else ""


@dataclass
class _Props:
    url: str = ""
    anchor: str = ""
    inserted: bool = False
    deleted: bool = False

    def but(self, **changes) -> _Props:
        return _Props(**{**self.__dict__, **changes})


def _join_marks(paras: list[Paragraph], view: str) -> list[Paragraph]:
    """Join a paragraph whose mark does not exist in this view (deleted and accepted, or inserted and
    rejected) with the paragraph after it, as Word does when the change is accepted or rejected."""
    out: list[Paragraph] = []
    carry: Paragraph | None = None
    gone = "deleted" if view == "accept" else "inserted"
    for p in paras:
        if carry is not None:
            offset = len(carry.text)
            carry.spans += p.spans
            carry.bookmarks += p.bookmarks
            for cid, (start, end) in p.comments.items():
                carry.comments[cid] = (start + offset, None if end is None else end + offset)
            carry.tracked = True
            carry.joined += p.joined
            if p.mark != gone:
                out.append(carry)
                carry = None
            continue
        if p.mark == gone and p.cell is None:
            carry = p
            continue
        out.append(p)
    if carry is not None:
        out.append(carry)
    return out


class _Numbering:
    """Word list numbering: the label each numbered paragraph gets, counters kept per list."""

    def __init__(self, root) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        if root is None:
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for a in root.iter(w("abstractNum")):
            abstract[a.get(w("abstractNumId"), "")] = {
                _int(lvl.get(w("ilvl"))) or 0: (_val(lvl, "numFmt") or "decimal", _val(lvl, "lvlText") or "",
                                                _int(_val(lvl, "start"), 1))
                for lvl in a.iter(w("lvl"))}
        for num in root.iter(w("num")):
            levels = dict(abstract.get(_val(num, "abstractNumId") or "", {}))
            for ov in num.iter(w("lvlOverride")):
                start, k = _int(_val(ov, "startOverride")), _int(ov.get(w("ilvl"))) or 0
                if start is not None and k in levels:
                    levels[k] = (levels[k][0], levels[k][1], start)
            self.levels.setdefault(num.get(w("numId"), ""), levels)     # the first definition counts

    def reset(self) -> None:
        self.counters = {}

    def next(self, num_id: str, ilvl: int) -> tuple[str, str]:
        """The label of the next paragraph of list `num_id` at level `ilvl`, and its format."""
        levels = self.levels.get(num_id, {})
        if ilvl not in levels:
            return "", ""
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl][2] - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]

        def fill(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            fmt, _, start = levels.get(k, ("decimal", "", 1))
            return _format(counters.get(k, start), fmt)
        return re.sub(r"%(\d)", fill, levels[ilvl][1]), levels[ilvl][0]


def _format(n: int, fmt: str) -> str:
    if fmt in ("bullet", "none"):
        return ""
    if n < 1 and fmt != "decimal":
        return str(n)
    return {"lowerLetter": letter, "upperLetter": lambda k: letter(k).upper(), "lowerRoman": lambda k: roman(k).lower(),
            "upperRoman": roman}.get(fmt, str)(n)


def _val(parent, tag: str) -> str | None:
    """The w:val of `parent`'s child `tag` (None if either is missing)."""
    el = parent.find(w(tag)) if parent is not None else None
    return None if el is None else el.get(w("val"))


def _num(ppr) -> tuple[str, int] | None:
    el = ppr.find(w("numPr")) if ppr is not None else None
    num_id = _val(el, "numId")
    return (num_id, _int(_val(el, "ilvl")) or 0) if num_id else None


def _int(value: str | None, default: int | None = None) -> int | None:
    """An attribute's whole number (Word writes them as text); `default` when absent or not a number."""
    try:
        n = int(value) if value is not None else default
    except ValueError:
        return default
    return n if n is None or 0 <= n <= 99999 else default
