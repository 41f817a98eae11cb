"""Jinja filters and tests of the PDF templates: CSS values checked and quoted, text direction."""
from __future__ import annotations

import re
import unicodedata
from typing import Any

from markupsafe import Markup, escape

from ...corpus.symbols import SYMBOL_PATTERN
from ...errors import CompendiumError
from ..edition import HEX_COLOUR
from ..text import superscript

SUPERSCRIPTS = superscript(1234567890)

_LENGTH = re.compile(r"^-?\d+(\.\d+)?(mm|cm|in|pt|pc|px|em|rem|%)?$")
_IDENT = re.compile(r"^[a-z][a-z0-9-]*$")
_SYMBOL_BREAK = re.compile(r"(?<=[–-])(?=[A-Z])|(?<=\s)")  # "…/2018/3–CTOC/…": a new symbol begins
# a document symbol in running text ("CTOC/COP/2006/2/Rev.1"): kept on one line (and left to right)
_SYMBOL = SYMBOL_PATTERN
# a telephone number ("(+43-1) 26060-0"): its parts reordered by the bidi algorithm in RTL text
_PHONE = r"(?<![\w.])(?:\(\+?\d+(?:-\d+)*\)[ \u00a0]?)?\+?\d+(?:-\d+)+(?![\w])|\(\+\d+(?:-\d+)*\)"
_TOKEN_LTR = re.compile(f"(?P<sym>{_SYMBOL})|(?P<tel>{_PHONE})")
_TOKEN = re.compile(f"(?P<sym>{_SYMBOL})")
_PT = {"pt": 1.0, "mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0, "pc": 12.0, "px": 0.75}
SETTINGS = "templates/edition.toml"


def css_string(value: Any) -> Markup:
    """A CSS string literal: quotes, backslashes and line breaks escaped."""
    s = str(value)
    out = "".join(c if c.isprintable() and c not in '"\\<>&' else f"\\{ord(c):x} " for c in s)
    return Markup(f'"{out}"')


def css_length(value: Any) -> Markup:
    """A CSS length from the edition settings, checked so that a typo cannot inject CSS."""
    s = str(value).strip()
    if not _LENGTH.match(s):
        raise CompendiumError(f"not a CSS length: {s!r}", SETTINGS,
                              hint="write a number with a unit, e.g. \"20mm\" or \"10pt\"")
    return Markup(s)


def css_ident(value: Any) -> Markup:
    s = str(value).strip()
    if not _IDENT.match(s):
        raise CompendiumError(f"not a CSS keyword: {s!r}", SETTINGS,
                              hint="write a CSS keyword, e.g. \"lower-roman\"")
    return Markup(s)


def css_colour(value: Any) -> Markup:
    """A CSS colour from the edition settings (#rrggbb, as the DOCX writes it too)."""
    s = str(value).strip()
    if not HEX_COLOUR.fullmatch(s):
        raise CompendiumError(f"not a colour: {s!r}", SETTINGS, hint='write #rrggbb, e.g. "#d9d9d9"')
    return Markup(s)


def left_to_right(text: str) -> bool:
    """True for a run without right-to-left letters (a symbol, an id such as "VII.20-22"): in an RTL
    edition it is isolated left to right, or the bidi algorithm reorders its parts."""
    return not any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)


def scale(length: Any, factor: float, plus_pt: float = 0) -> Markup:
    """A CSS length times a factor (the n-th indentation step), plus_pt points added."""
    m = re.match(r"^(-?\d+(?:\.\d+)?)([a-z%]*)$", str(css_length(length)))
    number, unit = float(m.group(1)), m.group(2)
    if not plus_pt:
        return Markup(f"{number * factor:g}{unit}")
    if unit not in _PT:
        raise CompendiumError(f"cannot add points to {length!r}", SETTINGS,
                              hint="give the indentation in mm, cm, in or pt")
    return Markup(f"{number * factor * _PT[unit] + plus_pt:.2f}pt")


def direction(text: str) -> str:
    """"ltr" or "rtl" after the first strong character of a text ("" when it has none): an English
    line in an Arabic draft is laid out left to right, or its punctuation lands on the wrong side."""
    for c in text:
        kind = unicodedata.bidirectional(c)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return ""


def symbol_pieces(symbol: str) -> list[str]:
    """A document-symbol cell cut where a line may break: between joined symbols, never inside one."""
    return [p for p in _SYMBOL_BREAK.split(symbol) if p]


def inline(text: Any, rtl: bool = False) -> Markup:
    """A text run, escaped, with its document symbols unbreakable (<span class="sym">); in an RTL
    edition symbols and telephone numbers are isolated left to right as well (<bdi dir="ltr">), or
    the bidi algorithm reorders their parts. Neighbouring punctuation (an Arabic comma) stays outside."""
    s = str(text)
    pattern = _TOKEN_LTR if rtl else _TOKEN
    out: list[str] = []
    end = 0
    for m in pattern.finditer(s):
        out.append(escape(s[end:m.start()]))
        piece = escape(m.group(0))
        if m.group("sym"):
            piece = Markup('<span class="sym">%s</span>') % piece
        else:
            piece = Markup('<span class="tel">%s</span>') % piece
        out.append(Markup('<bdi dir="ltr">%s</bdi>') % piece if rtl else piece)
        end = m.end()
    out.append(escape(s[end:]))
    return Markup("").join(out)


def file_url(path: str) -> str:
    """A local file as a CSS url() argument, quoted (the printer's ICC profile)."""
    from pathlib import Path
    file = Path(path)
    if not file.is_file():
        raise CompendiumError(f"colour profile not found: {path}", "templates/edition.toml",
                              hint="[print] output_profile names the printer's ICC profile; the default "
                                   "comes with the Debian package libgs-common")
    return css_string(file.resolve().as_uri())


def note_mark(number: int, digits) -> str:
    """A footnote's number as printed: superscript digits (U+00B9 …), so that copied text keeps the
    call apart from its word ("Crime,¹ the"); the edition's own digits where it does not use
    Western ones (there is no superscript Eastern Arabic digit), raised by the style sheet."""
    local = digits(str(number))
    return superscript(number) if local == str(number) else local


def raised_mark(mark: str) -> bool:
    """A note mark that the style sheet must raise (not made of superscript digits)."""
    return not any(c in SUPERSCRIPTS for c in mark)


FILTERS = {"css_string": css_string, "css_length": css_length, "css_ident": css_ident, "css_colour": css_colour,
           "scale": scale,
           "symbol_pieces": symbol_pieces, "direction": direction, "inline": inline, "note_mark": note_mark,
           "file_url": file_url}
TESTS = {"left_to_right": left_to_right, "raised_mark": raised_mark}
