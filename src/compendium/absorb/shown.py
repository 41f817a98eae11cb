"""What a DOCX shows of a text, written in the corpus's markup: the common ground of the comparison.

A corpus text (`*Endorses*`, `[^note]`, `[[symbol]]`) is not what an edition prints: the language's
typography puts no-break spaces before `;:!?` (French), emphasis may not show at all (Arabic,
Chinese), a link prints its text. The *shown* form is the printed text in markup: text escaped,
`*…*` only where the edition shows emphasis, `[^id]` for a footnote mark, `[[text|symbol]]` for a
link. Both sides are brought to it: the text behind a paragraph (`from_source`) and the paragraph
the editor returned (`compose` over what the reader found), so equal means unchanged.

`carry` brings an edit of the shown form back to the source, keeping what the edition does not show.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from ..corpus.markup import DocLink, Emph, MarkupError, NoteRef, Text, parse
from ..localize.conventions import Style

BIDI_CONTROLS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


@dataclass(frozen=True)
class Piece:
    kind: str              # "text" | "emph" | "note" | "link"
    text: str = ""         # note: the note id
    symbol: str = ""       # link: the document symbol


@dataclass(frozen=True)
class Display:
    """How an edition shows text: its no-break space rule, whether emphasis shows, and the values of
    the corpus's {year}, {meetings} and {sessions} (a text holding them is shown filled in)."""
    nbsp_before: str = ""
    emphasis: bool = True
    fields: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, style: Style, fields: dict[str, str] | None = None) -> Display:
        return cls(style.typography.get("nbsp_before", ""), style.typography.get("emphasis", "italic") == "italic",
                   tuple((k, style.localize_digits(v)) for k, v in (fields or {}).items()))

    def typography(self, s: str) -> str:
        for name, value in self.fields:
            s = s.replace("{" + name + "}", value)
        for c in self.nbsp_before:
            s = s.replace(" " + c, "\u00a0" + c)
        return s

    def untypography(self, s: str) -> str:
        """Typed text back to corpus form (a no-break space the edition adds becomes a space)."""
        for c in self.nbsp_before:
            s = s.replace("\u00a0" + c, " " + c)
        return s


def escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("[", "\\[").replace("]", "\\]")


def compose(pieces: list[Piece]) -> str:
    """Pieces as markup: neighbours of one kind merged, spaces moved out of emphasis, bidi controls
    (which the DOCX writer adds around Latin text in right-to-left editions) dropped."""
    merged: list[Piece] = []
    for p in pieces:
        if p.kind in ("text", "emph", "link"):
            p = Piece(p.kind, p.text.translate(BIDI_CONTROLS), p.symbol.translate(BIDI_CONTROLS))
            if not p.text:
                continue
        if p.kind == "emph":
            core = p.text.strip()
            lead, trail = p.text[:len(p.text) - len(p.text.lstrip())], p.text[len(p.text.rstrip()):]
            for piece in (Piece("text", lead), Piece("emph", core) if core else None, Piece("text", trail)):
                if piece and piece.text:
                    _push(merged, piece)
            continue
        _push(merged, p)
    out = []
    for p in merged:
        if p.kind == "text":
            out.append(escape(p.text))
        elif p.kind == "emph":
            out.append(f"*{escape(p.text)}*")
        elif p.kind == "note":
            out.append(f"[^{p.text}]")
        else:
            out.append(f"[[{p.text}]]" if p.text == p.symbol else f"[[{p.text}|{p.symbol}]]")
    return "".join(out)


def _push(out: list[Piece], p: Piece) -> None:
    if out and out[-1].kind == p.kind and p.kind in ("text", "emph"):
        out[-1] = Piece(p.kind, out[-1].text + p.text)
    elif out and out[-1].kind == "link" and p.kind == "link" and out[-1].symbol == p.symbol:
        out[-1] = Piece("link", out[-1].text + p.text, p.symbol)
    else:
        out.append(p)


def from_source(source: str, display: Display) -> str:
    """The shown form of a corpus or catalogue text (raises MarkupError on bad markup)."""
    pieces = []
    for n in parse(source):
        if isinstance(n, Text):
            pieces.append(Piece("text", display.typography(n.text)))
        elif isinstance(n, Emph):
            pieces.append(Piece("emph" if display.emphasis else "text", display.typography(n.text)))
        elif isinstance(n, NoteRef):
            pieces.append(Piece("note", n.id))
        elif isinstance(n, DocLink):
            pieces.append(Piece("link", n.text, n.symbol))
    return compose(pieces)


def normalize(source: str) -> str:
    """Whitespace as the corpus loader reads it: one line collapsed, several lines stripped."""
    return " ".join(source.split()) if "\n" not in source.strip() else source.strip()


def spaces(text: str) -> str:
    """Typed spacing tidied as the corpus writes it (runs of spaces, tabs and line breaks in a one-line
    text become one space, ends trimmed), no-break spaces kept."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip() if "\n" not in text.strip() else text.strip()


def carry(source: str, shown: str, edited: str, display: Display) -> str | None:
    """The source with the editor's changes of its shown form applied, or None when they cannot be
    placed without breaking what the edition does not show (a hidden *emphasis* cut in half).

    The changes are the character differences between `shown` and `edited`; the source keeps
    everything in the unchanged stretches, including markup the edition hides. The result is checked:
    it must parse and show exactly as `edited`.
    """
    if "\n" not in source.strip():
        edited = spaces(edited)
    start_of, end_of = _position_map(shown, source)
    out, last = [], 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, shown, edited, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if tag == "insert":
            start = end = start_of(i1, insertion=True)
        else:
            start, end = start_of(i1), end_of(i2)
        out.append(source[last:start])
        out.append(display.untypography(edited[j1:j2]))
        last = end
    out.append(source[last:])
    result = spaces("".join(out))
    try:
        if from_source(result, display) == edited:
            return result
    except MarkupError:
        pass
    return None


def _position_map(shown: str, source: str):
    """Where a changed stretch of `shown` begins and ends in `source`, which holds the same text plus
    what the edition hides (markup, escapes) and minus what it adds (no-break spaces).

    Hidden markup between two unchanged stretches stays: a change starting there begins after it, a
    change ending there ends before it; an insertion goes before it.
    """
    blocks = [b for b in difflib.SequenceMatcher(None, shown, source, autojunk=False).get_matching_blocks()
              if b.size]

    def around(p: int) -> tuple[int, int, int, int] | int:
        """The source position of p inside a matched stretch, else the gap around p:
        (shown end of the stretch before, its source end, shown start of the one after, its source start)."""
        pe = se = 0
        for a, b, size in blocks:
            if a < p < a + size:
                return b + (p - a)
            if a + size <= p:
                pe, se = a + size, b + size
            else:
                return pe, se, a, b
        return pe, se, len(shown), len(source)

    def start_of(p: int, insertion: bool = False) -> int:
        found = around(p)
        if isinstance(found, int):
            return found
        pe, se, ns, ss = found
        if insertion:
            return se
        return ss if p == ns else se

    def end_of(p: int) -> int:
        found = around(p)
        if isinstance(found, int):
            return found
        pe, se, ns, ss = found
        return se if p == pe else ss
    return start_of, end_of
