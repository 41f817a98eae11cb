"""Checks of one translated message against its English: what a translator must keep.

Each checker takes the English and the translation and returns problems (empty when fine).
Strings of the templates (with a msgctxt) carry {placeholders}; corpus texts carry inline markup.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable

from ..corpus.characters import BIDI_CONTROLS, FORBIDDEN, forbidden_character, safe
from ..corpus.editions import FIELDS
from ..corpus.markup import DocLink, Emph, MarkupError, NoteRef, parse, plain, translated_inlines
from ..corpus.symbols import SYMBOL
from ..localize.breaks import long_runs

# ASCII boundaries: a number may touch a CJK character (第3/4号决定), as a symbol may (corpus.symbols).
RESOLUTION = re.compile(r"(?<![A-Za-z0-9/.])\d{1,2}/\d{1,2}(?![A-Za-z0-9/])")   # resolution/decision numbers: 7/3
NUMBER = re.compile(r"\d+")
FIELD = re.compile(r"\{[A-Za-z0-9_]*\}")
CORPUS_FIELD = re.compile(r"\{(?:" + "|".join(FIELDS) + r")\}")
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
    for m in FORBIDDEN.finditer(translation):
        col, ch = m.start() + 1, m.group()
        what = forbidden_character(ch)
        if what:
            name = f" {BIDI_CONTROLS[ord(ch)]}" if ord(ch) in BIDI_CONTROLS else ""
            found.setdefault(what, []).append(f"U+{ord(ch):04X}{name} at column {col}")
    return [f"{what}: {', '.join(places[:5])}{' …' if len(places) > 5 else ''}; remove it"
            + (" (the editions set the direction; use U+200F RIGHT-TO-LEFT MARK or U+200E if a mark is needed)"
               if what.startswith("bidi") else "")
            for what, places in found.items()]


def usable(msgctxt: str | None, msgid: str, msgstr: str) -> bool:
    """Whether the build shows this (translated, reviewed) msgstr; when not, `check` reports why:
    a forbidden character, a template string whose {placeholders} differ, broken markup or
    footnotes. The one rule for the build's translation table and for the figures of `check`."""
    if not msgstr or not safe(msgstr):
        return False
    if msgctxt is not None:
        return not placeholders(msgid, msgstr)
    return translated_inlines(msgid, msgstr) is not None


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


def corpus_fields(english: str, translation: str) -> list[str]:
    """{year}, {meetings} and {sessions}, which the tool fills in a corpus text, are all kept and none
    invented; other braces in a corpus text are text like any other."""
    return _compare("placeholder", Counter(CORPUS_FIELD.findall(english)), Counter(CORPUS_FIELD.findall(translation)))


def _invisible(translation: str, col: int, ch: str) -> str | None:
    """What hides in a character that prints fine but breaks searching, copying and the glossary."""
    cp = ord(ch)
    before, after = translation[col - 2:col - 1], translation[col:col + 1]
    if 0xFB50 <= cp <= 0xFDFF or 0xFE70 <= cp <= 0xFEFC:
        return f"Arabic presentation form (write the letter itself, {unicodedata.normalize('NFKC', ch)!r})"
    if cp == 0xFEFF:
        return "byte-order mark / zero-width no-break space (remove it)"
    if cp == 0x200B:
        return "zero-width space (remove it; a line may break at a real space)"
    if cp in (0x00AD, 0x2060) and before.isalnum() and after.isalnum():
        return ("soft hyphen inside a word (remove it: the editions hyphenate by themselves)" if cp == 0x00AD
                else "word joiner inside a word (remove it: the word can no longer be found as typed)")
    if unicodedata.combining(ch) and not (before.isalnum() or (before and unicodedata.combining(before))):
        return "combining mark with no letter to sit on (a lone accent or haraka: retype the letter with it)"
    return None


def invisible(english: str, translation: str) -> list[str]:
    """No Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFC), zero-width spaces or U+FEFF,
    soft hyphens or word joiners inside words, or a combining mark on no letter, unless the English
    has the same: they print, but the text can no longer be found, copied or checked as typed."""
    found = []
    for col, ch in enumerate(translation, 1):
        what = _invisible(translation, col, ch)
        if what and ch not in english:
            found.append(f"{what}: U+{ord(ch):04X} {unicodedata.name(ch, '')} at column {col}".rstrip())
    return found[:5] + ([f"… and {len(found) - 5} more such characters"] if len(found) > 5 else [])


CORPUS: tuple[Checker, ...] = (characters, invisible, markup, corpus_fields, symbols, resolutions, numbers, whitespace,
                                identical)
TEMPLATE: tuple[Checker, ...] = (characters, invisible, placeholders, symbols, resolutions, numbers, whitespace,
                                 identical)


def unbreakable(limit: int, locale: str) -> Callable[[str], list[str]]:
    """A check of a translation's runs without a line-break opportunity (localize.breaks): longer than
    `limit` ([pdf] max_unbreakable), one overflows its column and slows the PDF layout down."""
    def check(translation: str) -> list[str]:
        try:
            text = plain(parse(translation), lambda note: "")    # as printed: markup left out
        except MarkupError:
            text = translation
        runs = long_runs(text, limit, locale)
        if not runs:
            return []
        start, end = max(runs, key=lambda r: r[1] - r[0])
        sample = text[start:start + 20] + ("…" if end - start > 20 else "")
        return [f"unbreakable: a run of {end - start} characters without a place to break a line ({sample!r}), "
                f"more than {limit} ([pdf] max_unbreakable in templates/edition.toml); put in the spaces it needs"]
    return check


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


def check_message(english: str, translation: str, template_string: bool) -> list[str]:
    """All problems of one translated message."""
    out: list[str] = []
    for checker in TEMPLATE if template_string else CORPUS:
        out += checker(english, translation)
    return out
