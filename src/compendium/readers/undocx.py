"""Reader for DOCX as the Official Document System distributes it (UN Word templates).

Paragraph labels come typed as text ("1.<tab>The Working Group …", "<tab>(a)<tab>States …") or from Word
numbering; headings are the template's heading styles (HChG, H1G, H23G …, or Word's Heading N);
footnotes are real Word footnotes; italic runs become emphasis; hyperlinks to the Official Document
System become document links. The document's symbol is read from its page headers.
"""
from __future__ import annotations

import re
from collections import Counter

from ..corpus.symbols import SYMBOL
from ..errors import CompendiumError
from .blocks import HEADING_SERIES, Block, Document, Finding, Note, Span, tidy
from .labels import conventions, follow_on, split_label
from .ooxml import Package, Paragraph
from .ooxml import Span as Run

_ANNEX = re.compile(r"^Annex(?:\s+([IVXL]+))?$")
_FORMATS = {"decimal": "number", "lowerLetter": "letter", "lowerRoman": "roman", "upperRoman": "Roman",
            "upperLetter": "Letter"}


_WORD_CHARS = str.maketrans({"\u2011": "-", "\u00ad": None, "\n": " "})   # Word's hyphens, line breaks


def read_docx(path, name: str) -> Document:
    """The blocks, footnotes and links of an ODS-style DOCX."""
    pkg = Package(path)
    pkg.path = name
    conv = conventions()
    headings = set(conv["docx"]["heading_styles"])
    url = re.compile(conv["furniture"]["url"])
    doc = Document(name, [], line_word="paragraph")
    marks: dict[str, str] = {}
    alts: dict[int, int] = {}
    for index, p in enumerate(pkg.paragraphs(), 1):
        spans = _spans(p.spans, marks, url)
        if not "".join(s.text for s in spans).strip() and not any(s.kind == "note" for s in spans):
            continue
        is_heading = p.style in headings or (p.outline is not None and p.outline < 9)
        raw = "".join(s.text for s in spans if s.kind != "note")
        text = raw.strip()
        if is_heading and _ANNEX.match(" ".join(text.split())):
            doc.blocks.append(Block("annex", tidy(spans), index, _ANNEX.match(" ".join(text.split())).group(1)
                                    or "", end=index))
            continue
        label = _numbered(p) or split_label(text, headings=is_heading)
        if label and not p.label:
            spans = _drop(spans, len(raw) - len(raw.lstrip()) + len(label.text))
        spans = tidy(spans)
        kind = "heading" if is_heading or (label and label.series in HEADING_SERIES) else "para"
        if label is None:
            doc.blocks.append(Block(kind, spans, index, end=index))
            continue
        if label.alt:
            alts[len(doc.blocks)] = label.alt
        doc.blocks.append(Block(kind, spans, index, label.text, label.series, label.value, index))
    doc.findings += follow_on(doc.blocks, alts)
    if not any(b.series in ("number", "letter", "roman") for b in doc.blocks):
        raise CompendiumError("no numbered paragraphs found (1., (a), (i) …, typed or Word numbering)", name,
                              hint="import a UN resolution or report as ODS distributes it")
    footnotes = pkg.footnotes()
    first = {s.text: b.line for b in reversed(doc.blocks) for s in b.spans if s.kind == "note"}
    for fid, mark in marks.items():
        paras = footnotes.get(fid)
        if paras is None:
            doc.findings.append(Finding(first.get(mark, 0), f"footnote reference {mark} has no footnote text"))
            continue
        spans: list[Span] = []
        for fp in paras:
            spans += _spans(fp.spans, {}, url) + [Span("text", " ")]
        doc.notes[mark] = Note(mark, tidy(spans), first.get(mark, 0))
    heads = Counter(m.group(0) for t in pkg.header_texts() for m in SYMBOL.finditer(t)
                   if m.group(0).count("/") >= 2)
    if heads:
        doc.symbol = heads.most_common(1)[0][0]
    return doc


def _numbered(p: Paragraph):
    """The label Word numbering gives the paragraph, read like a typed one."""
    series = _FORMATS.get(p.label_format)
    if not p.label or not series:
        return None
    probe = split_label(p.label + " X", headings=series in HEADING_SERIES)
    if probe is None:
        return None
    probe.rest = ""
    if series == "letter" and probe.series == "roman":     # Word says it is a letter: believe it
        probe.series, probe.value, probe.alt = "letter", probe.alt, 0
    return probe


def _spans(runs: list[Run], marks: dict[str, str], url: re.Pattern) -> list[Span]:
    out: list[Span] = []
    custom = False
    for r in runs:
        if r.note:
            if r.custom_mark:
                custom, pending = True, r.note
                continue
            marks.setdefault(r.note, str(sum(m.isdigit() for m in marks.values()) + 1))
            out.append(Span("note", marks[r.note]))
            continue
        if custom:                                           # a custom mark ("*") is the run that follows
            marks.setdefault(pending, r.text.strip() or "*")
            out.append(Span("note", marks[pending]))
            custom = False
            continue
        text = r.text.translate(_WORD_CHARS)
        m = url.match(r.url) if r.url else None
        if m:
            out.append(Span("link", text, m.group("symbol").rstrip("/")))
        else:
            out.append(Span("emph" if r.italic else "text", text))
    return out


def _drop(spans: list[Span], n: int) -> list[Span]:
    """`spans` without their first `n` characters of text (a typed label and what precedes it)."""
    out = []
    for s in spans:
        if n > 0 and s.kind != "note":
            cut = min(n, len(s.text))
            n -= cut
            s = Span(s.kind, s.text[cut:], s.target)
        out.append(s)
    return out
