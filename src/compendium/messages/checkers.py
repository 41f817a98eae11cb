"""Checks of one translated message against its English: what a translator must keep.

Each checker takes the English and the translation and returns problems (empty when fine).
Strings of the templates (with a msgctxt) carry {placeholders}; corpus texts carry inline markup.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from ..corpus.characters import BIDI_CONTROLS, forbidden_character
from ..corpus.markup import DocLink, Emph, MarkupError, NoteRef, parse
from ..corpus.symbols import SYMBOL

# ASCII boundaries: a number may touch a CJK character (第3/4号决定), as a symbol may (corpus.symbols).
RESOLUTION = re.compile(r"(?<![A-Za-z0-9/.])\d{1,2}/\d{1,2}(?![A-Za-z0-9/])")   # resolution/decision numbers: 7/3
NUMBER = re.compile(r"\d+")
FIELD = re.compile(r"\{[A-Za-z0-9_]*\}")
WORD = re.compile(r"[A-Za-z]{3,}")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹０１２３４５６７８９", "0123456789" * 3)
_MARKUP = re.compile(r"\[\^[^\]]*\]|\[\[[^\]|]*\||\]\]|\[\[")

Checker = Callable[[str, str], list[str]]


def _items(counter: Counter) -> str:
    return ", ".join(sorted(counter.elements())) or "none"


def _compare(what: str, source: Counter, target: Counter) -> list[str]:
    if source == target:
        return []
    missing, extra = source - target, target - source
    parts = []
    if missing:
        parts.append(f"missing {_items(missing)}")
    if extra:
        parts.append(f"unexpected {_items(extra)}")
    return [f"{what}: " + "; ".join(parts)]


def characters(english: str, translation: str) -> list[str]:
    """No control, XML-illegal or bidi override/isolate characters (they would corrupt or disguise output)."""
    found: dict[str, list[str]] = {}
    for col, ch in enumerate(translation, 1):
        what = forbidden_character(ch)
        if what:
            name = f" {BIDI_CONTROLS[ord(ch)]}" if ord(ch) in BIDI_CONTROLS else ""
            found.setdefault(what, []).append(f"U+{ord(ch):04X}{name} at column {col}")
    return [f"{what}: {', '.join(places[:5])}{' …' if len(places) > 5 else ''}; remove it"
            + (" (the editions set the direction; use U+200F RIGHT-TO-LEFT MARK or U+200E if a mark is needed)"
               if what.startswith("bidi") else "")
            for what, places in found.items()]


def markup(english: str, translation: str) -> list[str]:
    """Inline markup parses; footnote references, linked symbols and emphasis spans are kept."""
    try:
        target = parse(translation)
    except MarkupError as exc:
        return [f"markup: {exc} at column {exc.col}"]
    source = parse(english)
    problems = _compare("footnote reference", Counter(f"[^{n.id}]" for n in source if isinstance(n, NoteRef)),
                        Counter(f"[^{n.id}]" for n in target if isinstance(n, NoteRef)))
    problems += _compare("linked symbol", Counter(f"[[{n.symbol}]]" for n in source if isinstance(n, DocLink)),
                         Counter(f"[[{n.symbol}]]" for n in target if isinstance(n, DocLink)))
    emph_s = sum(isinstance(n, Emph) for n in source)
    emph_t = sum(isinstance(n, Emph) for n in target)
    if emph_s != emph_t:
        problems.append(f"emphasis: the English has {emph_s} *…* span(s), the translation {emph_t}")
    return problems


BRACES = re.compile(r"\{[^{}]*\}?|\}")


def placeholders(english: str, translation: str) -> list[str]:
    """{placeholders} of a template string are all kept, none invented, each a plain {name}.

    The tool fills them with str.format: '{number.__class__}' or '{number:>99999}' would run as code
    or blow up, a lone brace would break the pattern.
    """
    odd = [b for b in BRACES.findall(translation) if not FIELD.fullmatch(b)]
    problems = [f"placeholder: {', '.join(repr(b) for b in odd[:3])} {'is' if len(odd) == 1 else 'are'} not a plain {{name}}; "
                "write the name only, and no other braces"] if odd else []
    return problems + _compare("placeholder", Counter(FIELD.findall(english)), Counter(FIELD.findall(translation)))


def _symbols(text: str) -> list[str]:
    return SYMBOL.findall(text)


def symbols(english: str, translation: str) -> list[str]:
    """Document symbols (CTOC/COP/2014/13) are copied exactly."""
    return _compare("document symbol", Counter(_symbols(english)), Counter(_symbols(translation)))


def _without_symbols(text: str) -> str:
    return SYMBOL.sub(" ", _MARKUP.sub(" ", text)).translate(_DIGITS)


def resolutions(english: str, translation: str) -> list[str]:
    """Resolution and decision numbers (7/3, 55/25) are copied exactly."""
    return _compare("resolution/decision number", Counter(RESOLUTION.findall(_without_symbols(english))),
                    Counter(RESOLUTION.findall(_without_symbols(translation))))


def numbers(english: str, translation: str) -> list[str]:
    """Every paragraph number and year of the English appears in the translation.

    Extra numbers are allowed: a language may write a month or an ordinal in digits.
    """
    def nums(text: str) -> Counter:
        return Counter(NUMBER.findall(RESOLUTION.sub(" ", _without_symbols(text))))
    missing = nums(english) - nums(translation)
    return [f"number: missing {_items(missing)}"] if missing else []


def whitespace(english: str, translation: str) -> list[str]:
    """Leading/trailing whitespace and line breaks as in the English."""
    problems = []
    if english[:1].isspace() != translation[:1].isspace() or english[-1:].isspace() != translation[-1:].isspace():
        problems.append("whitespace: leading or trailing space differs from the English")
    if english.count("\n") != translation.count("\n"):
        problems.append(f"line breaks: the English has {english.count(chr(10))}, "
                        f"the translation {translation.count(chr(10))}")
    return problems


def identical(english: str, translation: str) -> list[str]:
    """A translation equal to the English is suspicious when the English is prose, not a name or symbol."""
    if translation != english:
        return []
    words = WORD.findall(SYMBOL.sub(" ", _MARKUP.sub(" ", english)))
    return ["identical to the English (copied, not translated?)"] if len(words) >= 3 else []


# the quotation marks `quotation` watches: straight ASCII ones and the double marks of the six
# languages (single curly marks are left alone: ’ is also the apostrophe)
QUOTATION_MARKS = "\"'“”„‟«»「」『』"


def quotation(translation: str, quotes: str) -> list[str]:
    """Quotation marks the language does not use (`quotes`: [typography] quotes of its style.toml)."""
    wrong = sorted({c for c in translation if c in QUOTATION_MARKS and c not in quotes})
    if not quotes or not wrong:
        return []
    return [f"quotation marks: {' '.join(wrong)} {'is' if len(wrong) == 1 else 'are'} not used in this language; "
            f"quote with {' '.join(quotes)} ([typography] quotes in its style.toml)"]


CORPUS: tuple[Checker, ...] = (characters, markup, symbols, resolutions, numbers, whitespace, identical)
TEMPLATE: tuple[Checker, ...] = (characters, placeholders, symbols, resolutions, numbers, whitespace, identical)


def check_message(english: str, translation: str, template_string: bool) -> list[str]:
    """All problems of one translated message."""
    out: list[str] = []
    for checker in TEMPLATE if template_string else CORPUS:
        out += checker(english, translation)
    return out
