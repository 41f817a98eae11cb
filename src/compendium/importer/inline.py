"""A reader's spans as the corpus's inline markup: `*emphasis*`, `[^note]`, `[[symbol]]`, escapes.

Document symbols in the text become links as the corpus writes them (`[[A/63/539]]` in a paragraph;
footnotes keep them plain, as `working-paper-b4` does: `conventions.toml` says so); a General Assembly
resolution that the page links to ("General Assembly resolution 55/25" and a link to A/RES/55/25)
becomes `[[55/25|A/RES/55/25]]`. The symbols of a joint document are joined by the corpus's dash.
Text read from a PDF has lost its italics: the words UN style italicises get them back.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from ..corpus.symbols import SYMBOL_PATTERN
from ..readers.blocks import Span, tidy
from ..readers.labels import conventions

SYMBOL_IN_TEXT = re.compile(rf"(?<!\[\[)(?<!\|)({SYMBOL_PATTERN})(?![\w/])")
_JOINT = re.compile(rf"({SYMBOL_PATTERN})[-–](?={SYMBOL_PATTERN})")
_REFERENCE = re.compile(r"\b(?:General )?Assembly resolutions?\s+(\d+/\d+)\b")
_ESCAPE = re.compile(r"([\\*\[\]])")


@cache
def _italic_terms() -> re.Pattern:
    terms = sorted(conventions()["text"]["italic"], key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(t) for t in terms) + r")\b")


def enrich(spans: list[Span], links: list[str], restore_italics: bool, link_symbols: bool = True) -> list[Span]:
    """Spans with symbol links found in the text and, for PDF text, the italics UN style uses."""
    dash = conventions()["text"]["joint_symbol_dash"]
    out: list[Span] = []
    for s in spans:
        if s.kind != "text":
            out.append(s)
            continue
        pieces = [Span("text", _JOINT.sub(lambda m: m.group(1) + dash, s.text))]
        if restore_italics:
            pieces = _split(pieces, _italic_terms(), lambda m: Span("emph", m.group(1)))
        if link_symbols:
            pieces = _split(pieces, SYMBOL_IN_TEXT,
                            lambda m: Span("link", m.group(1), m.group(1)) if _is_symbol(m.group(1)) else None)
        pieces = _split(pieces, _REFERENCE, lambda m: _resolution_link(m, links))
        out += pieces
    return tidy(out)


def _is_symbol(text: str) -> bool:
    """A document symbol, not a pair of capitalised words ("UNODC/UNDP"): a digit and two slashes."""
    return text.count("/") >= 2 and any(ch.isdigit() for ch in text)


def _resolution_link(m: re.Match, links: list[str]) -> list[Span] | None:
    number = m.group(1)
    target = next((t for t in links if t == f"A/RES/{number}"), None)
    if target is None:
        return None
    head = m.group(0)[:m.start(1) - m.start(0)]
    return [Span("text", head), Span("link", number, target)]


def _split(spans: list[Span], rx: re.Pattern, make: Callable) -> list[Span]:
    out: list[Span] = []
    for s in spans:
        if s.kind != "text":
            out.append(s)
            continue
        pos = 0
        for m in rx.finditer(s.text):
            made = make(m)
            if made is None:
                continue
            out.append(Span("text", s.text[pos:m.start()]))
            out += made if isinstance(made, list) else [made]
            pos = m.end()
        out.append(Span("text", s.text[pos:]))
    return [s for s in out if s.text or s.kind == "note"]


def markup(spans: list[Span], note_id: Callable[[str], str]) -> str:
    """The corpus markup of `spans`; `note_id(mark)` names the footnote a mark refers to."""
    out = []
    for s in spans:
        if s.kind == "text":
            out.append(_ESCAPE.sub(r"\\\1", s.text))
        elif s.kind == "emph":
            out.append("*" + _ESCAPE.sub(r"\\\1", s.text) + "*")
        elif s.kind == "note":
            out.append(f"[^{note_id(s.text)}]")
        elif s.kind == "link":
            shown = s.text.replace("|", "/")
            out.append(f"[[{shown}]]" if shown == s.target else f"[[{shown}|{s.target}]]")
    return "".join(out)


def italicise_opening(spans: list[Span], adverbs: list[str]) -> tuple[list[Span], bool]:
    """An operative paragraph's opening verb (with 'Also', 'Further' …) in italics; False if none found."""
    if not spans:
        return spans, False
    if spans[0].kind == "emph":
        return spans, True
    if spans[0].kind != "text":
        return spans, False
    alts = "|".join(re.escape(a) for a in sorted(adverbs, key=len, reverse=True))
    m = re.match(rf"((?:(?:{alts})\s+)?[A-Za-z]+s)\b", spans[0].text) if alts else None
    if not m or not (m.group(1)[0].isupper()):
        return spans, False
    rest = Span("text", spans[0].text[m.end():])
    return tidy([Span("emph", m.group(1)), rest] + spans[1:]), True


def upright_opening(spans: list[Span]) -> list[Span]:
    """A preambular paragraph's opening words without the italics UN documents give them."""
    if spans and spans[0].kind == "emph":
        return tidy([Span("text", spans[0].text)] + spans[1:])
    return spans
