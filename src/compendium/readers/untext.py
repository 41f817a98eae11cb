"""Reader for the text extracted from a UN document's PDF (pdftotext and the like).

What the extraction leaves is undone here: page furniture (running-head symbols, job numbers, page
numbers, the footnote rule and the undocs.org addresses of the page's links), footnotes at the foot of
the page, lines hard-wrapped at the printed width (single- or double-spaced, paragraph starts indented
or not), paragraphs cut by a page break, footnote numbers glued to the word they follow ("thereto,1")
or printed as superscripts, markdown emphasis and "- " bullets, spaces around hyphens
("money -laundering") and inside symbols ("WG.3 /2022"). What cannot be decided for sure is reported.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..corpus.symbols import SYMBOL_FIELD
from ..errors import CompendiumError
from .blocks import HEADING_SERIES, Block, Document, Finding, Link, Note, Span, tidy
from .labels import conventions, follow_on, split_label

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP = str.maketrans(SUPERSCRIPTS, "0123456789")
_MARK_ONLY = re.compile(r"^(\d{1,3}|\*{1,3})$")
_MARK_TEXT = re.compile(r"^(\d{1,3}|\*{1,3})\s+(\S.*)$")
_SUP_NOTE = re.compile(f"^([{SUPERSCRIPTS}]+)\\s*(\\S.*)$")
_BULLET = re.compile(r"^[-•▪◦·]\s+")
_ANNEX = re.compile(r"^Annex(?:\s+([IVXL]+))?$")
_TERMINAL = (".", ";", ":", ",", "!", "?")
_CLOSERS = "”’\")]"
_EMPH = re.compile(r"(?<![\w*\\])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_SPACED_HYPHEN = re.compile(r"(?<=[A-Za-z]) -(?=[A-Za-z])|(?<=[A-Za-z])- (?=[a-z])|(?<=[A-Za-z]) - (?=[a-z])")
_SYMBOL_SPACE = re.compile(r"(?<=[A-Z]/)([A-Za-z0-9.]+(?:/[A-Za-z0-9.]+)*) /(?=[A-Za-z0-9])")
_GLUED_MARK = re.compile(r"(?<=[A-Za-z,.;:)”’])(\d{1,3})(?=[\s,;:.)]|$)")
_GLUED_END = re.compile(r"(?<=[^\s\d/])(\d{1,3})$")
_SPLIT_WORD = re.compile(r"(?<![\w(/.-])([b-hj-z]) ([a-z]{1,3})(?![\w/-])")


@dataclass
class _Line:
    no: int
    indent: int
    text: str
    broken: bool = False          # page furniture or footnotes stand between it and the body line before
    blank_before: bool = False


@dataclass
class _Para:
    lines: list[_Line] = field(default_factory=list)

    @property
    def first(self) -> _Line:
        return self.lines[0]

    def text(self) -> str:
        out = ""
        for ln in self.lines:
            t = ln.text
            if not out:
                out = t
            elif out.endswith("-") and t[:1].islower() and not out.endswith(" -"):
                out += t                                     # "capacity-" + "building"
            else:
                out += " " + t
        return out


@dataclass
class _Layout:
    wrapped: bool                 # lines are printed lines, not whole paragraphs
    double: bool                  # an empty line after every printed line
    indented: bool                # a paragraph's first line is indented, its other lines are not


def decode(data: bytes, name: str) -> str:
    """The file's text, or one clear error: PDF, not UTF-8, empty."""
    if data.startswith(b"%PDF"):
        raise CompendiumError("this is a PDF, not its text", name,
                              hint=f"extract the text first: pdftotext {name} {_stem(name)}.txt, then import that")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CompendiumError(f"not UTF-8 text ({exc.reason}, byte {data[exc.start]:#04x})", name,
                              data.count(b"\n", 0, exc.start) + 1,
                              hint="save it as UTF-8 (iconv -f WINDOWS-1252 -t UTF-8), or extract it again "
                                   "with pdftotext -enc UTF-8") from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise CompendiumError("file is empty", name, hint="extract the document's text again (pdftotext FILE.pdf)")
    return text


def _stem(name: str) -> str:
    return name[:-4] if name.lower().endswith(".pdf") else name


def read_text(data: bytes, name: str) -> Document:
    """The blocks, footnotes and links of a UN document's extracted text."""
    text = decode(data, name)
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    layout = _layout(raw)
    doc = Document(name, [])
    body = _body_lines(raw, doc)
    paras = _rejoin(_paragraphs(body, layout, doc), layout)
    _blocks(paras, layout, doc)
    if not any(b.series in ("number", "letter", "roman") for b in doc.blocks):
        raise CompendiumError("no numbered paragraphs found (1., (a), (i) …)", name,
                              hint="import the text of a UN resolution or report; check that the extraction "
                                   "kept the paragraph numbers")
    for note in doc.notes.values():
        note.spans = _spans(_repair("".join(s.text for s in note.spans)))
    _agenda_note(doc)
    _note_marks(doc)
    _split_words(doc)
    return doc


# -- layout ------------------------------------------------------------------------------------------
def _layout(raw: list[str]) -> _Layout:
    nonblank = [i for i, s in enumerate(raw) if s.strip()]
    if not nonblank:
        return _Layout(False, False, False)
    long = sum(len(raw[i].strip()) > 110 for i in nonblank)
    wrapped = long <= 0.1 * len(nonblank)
    followed = sum(i + 1 < len(raw) and not raw[i + 1].strip() for i in nonblank)
    double = wrapped and followed >= 0.7 * len(nonblank)
    labelled = [i for i in nonblank if split_label(raw[i].strip(), headings=False)]
    starts_indented = sum(_indent(raw[i]) > 0 for i in labelled)
    flush = sum(_indent(raw[i]) == 0 for i in nonblank)
    indented = wrapped and bool(labelled) and starts_indented >= 0.6 * len(labelled) and flush >= 0.3 * len(nonblank)
    return _Layout(wrapped, double, indented)


def _indent(s: str) -> int:
    return len(s) - len(s.lstrip(" \t\f"))


# -- page furniture and footnotes --------------------------------------------------------------------
def _body_lines(raw: list[str], doc: Document) -> list[_Line]:
    furniture = {k: re.compile(v) for k, v in conventions()["furniture"].items()}
    body: list[_Line] = []
    heads: dict[str, int] = {}
    note: Note | None = None
    in_notes = broken = blank = False
    for no, line in enumerate(raw, 1):
        if "\f" in line:
            broken = True
        s = line.strip(" \t\f\u00a0")
        if not s:
            blank = True
            continue
        m = furniture["url"].match(s)
        if m:
            doc.links.append(Link(m.group("symbol").rstrip("/"), no))
            broken = True
            continue
        if furniture["separator"].match(s):
            in_notes, note, broken = True, None, True
            continue
        if furniture["job_number"].match(s) or furniture["page"].match(s):
            broken = True
            continue
        note_open = in_notes and note is not None and not _ended(note)
        if SYMBOL_FIELD.match(s) and not note_open:     # a symbol alone on a line: the running head
            heads[s] = heads.get(s, 0) + 1
            broken = True
            continue
        if in_notes:
            m_only, m_text = _MARK_ONLY.match(s), _MARK_TEXT.match(s)
            if m_only:
                note = _new_note(doc, m_only.group(1), "", no)
                continue
            if m_text and not note_open:
                note = _new_note(doc, m_text.group(1), m_text.group(2), no)
                continue
            if note_open:
                _append(note, s)
                continue
            in_notes = False
        m = _SUP_NOTE.match(s)
        if m:
            note = _new_note(doc, m.group(1).translate(_SUP), m.group(2), no)
            in_notes = broken = True
            continue
        body.append(_Line(no, _indent(line), s, broken, blank))
        broken = blank = False
    if heads:
        doc.symbol = max(heads, key=lambda k: heads[k])
        for sym in heads:
            if sym != doc.symbol:
                doc.findings.append(Finding(0, f"'{sym}' stands alone on a line like a running head and was "
                                               f"dropped; the document's symbol is taken to be {doc.symbol}"))
    return body


def _new_note(doc: Document, mark: str, text: str, no: int) -> Note:
    note = Note(mark, [Span("text", text)] if text else [], no)
    if mark in doc.notes:
        doc.findings.append(Finding(no, f"a second footnote {mark} (first on line {doc.notes[mark].line}); "
                                        "the later one is kept"))
    doc.notes[mark] = note
    return note


def _append(note: Note, s: str) -> None:
    if note.spans and note.spans[-1].text.endswith("-") and s[:1].islower():
        note.spans[-1].text += s
    elif note.spans:
        note.spans[-1].text += " " + s
    else:
        note.spans.append(Span("text", s))


def _ended(note: Note) -> bool:
    text = "".join(s.text for s in note.spans).rstrip().rstrip(_CLOSERS)
    return text.endswith(".")


# -- paragraphs --------------------------------------------------------------------------------------
def _paragraphs(body: list[_Line], layout: _Layout, doc: Document) -> list[_Para]:
    paras: list[_Para] = []
    for ln in body:
        bullet = _BULLET.match(ln.text)
        if bullet:                                           # "- (a) …", "• …": the bullet is the extraction's
            ln.text = ln.text[bullet.end():]
        cur = paras[-1] if paras else None
        label = split_label(ln.text)
        if bullet and not label:
            doc.findings.append(Finding(ln.no, "a bulleted paragraph without a label: imported as unnumbered text"))
        if cur is None or bullet:
            start = True
        elif _label_only(cur) and not label:
            start = False                                    # "1." on its own line, the text below it
        elif not layout.wrapped:
            start = True
        elif label and (not layout.indented or ln.indent > 0):
            start = True
        elif layout.indented:
            start = ln.indent > 0
        else:
            start = ln.blank_before and not layout.double
        if start:
            paras.append(_Para([ln]))
        else:
            cur.lines.append(ln)
    return paras


def _label_only(p: _Para) -> bool:
    lab = split_label(p.text(), headings=False)
    return lab is not None and not lab.rest


def _rejoin(paras: list[_Para], layout: _Layout) -> list[_Para]:
    """Paragraphs cut in two by a page break (and its footnotes) made whole again."""
    out: list[_Para] = []
    for p in paras:
        prev = out[-1] if out else None
        if prev is not None and (not layout.wrapped or p.first.broken or p.first.blank_before) \
                and not (layout.indented and p.first.indent > 0) and _continues(prev.text(), p.text()):
            prev.lines.extend(p.lines)
        else:
            out.append(p)
    return out


def _continues(prev: str, nxt: str) -> bool:
    if split_label(nxt) or _ANNEX.match(nxt):
        return False
    tail = prev.rstrip(SUPERSCRIPTS + "0123456789 ")
    if not tail:
        return False
    if nxt[:1].islower():
        return True
    last = tail.split()[-1]
    return not tail.endswith(_TERMINAL) and not tail.endswith(tuple(_CLOSERS)) and last[:1].islower()


# -- blocks ------------------------------------------------------------------------------------------
def _blocks(paras: list[_Para], layout: _Layout, doc: Document) -> None:
    alts: dict[int, int] = {}
    for n, p in enumerate(paras):
        text = _repair(p.text())
        first, last = p.first.no, p.lines[-1].no
        annex = _ANNEX.match(text)
        if annex:
            doc.blocks.append(Block("annex", [Span("text", text)], first, annex.group(1) or "", end=last))
            continue
        label = split_label(text)
        if label and label.series in HEADING_SERIES and len(label.rest.split()) <= 40:
            doc.blocks.append(Block("heading", _spans(label.rest), first, label.text, label.series, label.value, last))
            continue
        if label and label.series not in HEADING_SERIES:
            if label.alt:
                alts[len(doc.blocks)] = label.alt
            if not label.rest:
                doc.findings.append(Finding(first, f"paragraph {label.text} has no text"))
            doc.blocks.append(Block("para", _spans(label.rest), first, label.text, label.series, label.value, last))
            continue
        bare = _GLUED_END.sub(lambda m: "" if m.group(1) in doc.notes else m.group(0), text.rstrip(SUPERSCRIPTS))
        if not bare.strip():
            doc.findings.append(Finding(first, f"a line with nothing but '{text}': left out"))
            continue
        if not bare.endswith(_TERMINAL + tuple(_CLOSERS)) and len(text.split()) <= 60 or \
                bare.endswith(")") and not bare.endswith((".)", ";)")) and len(text.split()) <= 30:
            doc.blocks.append(Block("heading", _spans(text), first, end=last))
            if not _sure_heading(p, paras[n + 1] if n + 1 < len(paras) else None, layout, bare):
                doc.findings.append(Finding(first, f"taken as a heading (no final punctuation): "
                                                   f"'{_short(text)}'; check it is not a paragraph cut short"))
            continue
        doc.blocks.append(Block("para", _spans(text), first, end=last))
    doc.findings += follow_on(doc.blocks, alts)


def _sure_heading(p: _Para, nxt: _Para | None, layout: _Layout, text: str) -> bool:
    if text.split()[-1].lower() in conventions()["text"]["no_last_word"]:
        return False                                         # "… noted that the": cut short
    if layout.indented:
        return p.first.indent >= 2
    return nxt is None or not nxt.first.broken               # a page break follows: perhaps cut short


def _short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[:n - 1].rstrip() + "…"


def _repair(text: str) -> str:
    text = " ".join(text.split())
    text = _SYMBOL_SPACE.sub(lambda m: m.group(1) + "/", text)
    return _SPACED_HYPHEN.sub("-", text)


def _spans(text: str) -> list[Span]:
    """Markdown emphasis and superscript footnote marks as spans."""
    out: list[Span] = []
    pos = 0
    for m in _EMPH.finditer(text):
        out += _sup_spans(text[pos:m.start()])
        out.append(Span("emph", m.group(1)))
        pos = m.end()
    out += _sup_spans(text[pos:])
    return tidy(out)


def _sup_spans(text: str) -> list[Span]:
    out: list[Span] = []
    for part in re.split(f"([{SUPERSCRIPTS}]+)", text):
        if part and part[0] in SUPERSCRIPTS:
            out.append(Span("note", part.translate(_SUP)))
        elif part:
            out.append(Span("text", part))
    return out


def _agenda_note(doc: Document) -> None:
    """The first page's '*' note naming the provisional agenda: furniture, as is its link."""
    note = doc.notes.get("*")
    agenda = re.compile(conventions()["furniture"]["agenda_note"])
    text = "".join(s.text for s in note.spans).strip() if note else ""
    if note and agenda.match(text) and not any(s.kind == "note" and s.text == "*" for b in doc.blocks for s in b.spans):
        del doc.notes["*"]
        doc.links = [lk for lk in doc.links if lk.target != text.rstrip(".")]


# -- footnote marks and words the extraction split ---------------------------------------------------
def _note_marks(doc: Document) -> None:
    """Footnote numbers glued to a word ("thereto,1", "recommendations3") become references, in order."""
    cited = {s.text for b in doc.blocks for s in b.spans if s.kind == "note"}
    pending = sorted((m for m in doc.notes if m.isdigit() and m not in cited), key=int)
    for b in doc.blocks:
        if not pending:
            break
        spans: list[Span] = []
        for s in b.spans:
            if s.kind != "text":
                spans.append(s)
                continue
            rest = s.text
            while pending:
                m = next((m for m in _GLUED_MARK.finditer(rest) if m.group(1) == pending[0]), None)
                if m is None:
                    break
                spans += [Span("text", rest[:m.start()]), Span("note", pending.pop(0))]
                rest = rest[m.end():]
            spans.append(Span("text", rest))
        b.spans = [s for s in spans if s.text]


def _split_words(doc: Document) -> None:
    """'o n' → 'on' where the joined word is one the document uses elsewhere; reported either way."""
    words: set[str] = set()
    for b in doc.blocks:
        words.update(re.findall(r"[a-z]+", b.text))
    for b in doc.blocks:
        for s in b.spans:
            if s.kind != "text":
                continue
            for m in list(_SPLIT_WORD.finditer(s.text)):
                joined = m.group(1) + m.group(2)
                if joined in words:
                    s.text = s.text.replace(m.group(0), joined, 1)
                    doc.findings.append(Finding(b.line, f"'{m.group(0)}' read as '{joined}' (a word split by the "
                                                        "extraction): check it"))
                else:
                    doc.findings.append(Finding(b.line, f"'{m.group(0)}' looks like a word split by the "
                                                        "extraction: check it"))
