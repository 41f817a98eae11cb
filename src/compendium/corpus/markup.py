"""The corpus's small inline markup.

    *Endorses*              emphasis (italic operative verbs, titles)
    [^note-id]              reference to a footnote object (numbered by the book)
    [[A/63/539]]            document symbol linked to the UN Official Document System
    [[55/25|A/RES/55/25]]   linked text whose symbol differs from what is printed
    \\*  \\[  \\\\             a literal character

The same markup is what translators see in the catalogues, so it is short and visible.
"""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Emph:
    text: str


@dataclass(frozen=True)
class NoteRef:
    id: str


@dataclass(frozen=True)
class DocLink:
    text: str
    symbol: str


Inline = Text | Emph | NoteRef | DocLink


class MarkupError(ValueError):
    """Malformed inline markup; `col` is the 1-based column in the string."""

    def __init__(self, message: str, col: int) -> None:
        super().__init__(message)
        self.col = col


_NOTE = re.compile(r"\[\^([A-Za-z0-9][A-Za-z0-9._-]*)\]")
_LINK = re.compile(r"\[\[([^\[\]|]+?)(?:\|([^\[\]|]+?))?\]\]")
_ESCAPABLE = "*[]\\"
_SPECIAL = re.compile(r"[\\*\[\]]")


def parse(source: str) -> list[Inline]:
    """Parse one paragraph's markup into inline nodes; raise MarkupError on bad markup."""
    out: list[Inline] = []
    buf: list[str] = []
    emph_start: int | None = None
    emph: list[str] = []
    i = 0

    def flush() -> None:
        if buf:
            out.append(Text("".join(buf)))
            buf.clear()

    while i < len(source):
        ch = source[i]
        target = emph if emph_start is not None else buf
        if ch == "\\":
            if i + 1 < len(source) and source[i + 1] in _ESCAPABLE:
                target.append(source[i + 1])
                i += 2
                continue
            raise MarkupError("a backslash must be followed by * [ ] or \\", i + 1)
        if ch == "*":
            if emph_start is None:
                flush()
                emph_start = i
            else:
                if not emph:
                    raise MarkupError("empty emphasis '**'", i + 1)
                out.append(Emph("".join(emph)))
                emph.clear()
                emph_start = None
            i += 1
            continue
        if ch == "[":
            m = _NOTE.match(source, i)
            if m:
                if emph_start is not None:
                    raise MarkupError("a footnote reference cannot stand inside *emphasis*", i + 1)
                flush()
                out.append(NoteRef(m.group(1)))
                i = m.end()
                continue
            m = _LINK.match(source, i)
            if m:
                if emph_start is not None:
                    raise MarkupError("a document link cannot stand inside *emphasis*", i + 1)
                flush()
                text = m.group(1)
                out.append(DocLink(text, (m.group(2) or text).strip()))
                i = m.end()
                continue
            raise MarkupError("'[' starts no [^note] or [[symbol]] (write \\[ for a literal bracket)", i + 1)
        if ch == "]":
            raise MarkupError("unmatched ']' (write \\] for a literal bracket)", i + 1)
        special = _SPECIAL.search(source, i)           # plain text up to the next markup character
        end = special.start() if special else len(source)
        target.append(source[i:end])
        i = end
    if emph_start is not None:
        raise MarkupError("emphasis opened with '*' is never closed", emph_start + 1)
    flush()
    return out


def plain(nodes: list[Inline], note_mark=None) -> str:
    """Nodes as plain text; `note_mark(id)` gives the text of a footnote reference."""
    parts = []
    for n in nodes:
        if isinstance(n, NoteRef):
            parts.append(note_mark(n.id) if note_mark else "")
        else:
            parts.append(n.text)
    return "".join(parts)


def translated_inlines(english: str, translation: str) -> list | None:
    """The translation's inline nodes when a build can use it (it parses and cites the same
    footnotes as the English), else None: the English is shown instead, marked."""
    try:
        parsed = parse(translation)
    except MarkupError:
        return None
    notes = sorted(n.id for n in parsed if isinstance(n, NoteRef))
    return parsed if notes == sorted(n.id for n in parse(english) if isinstance(n, NoteRef)) else None
