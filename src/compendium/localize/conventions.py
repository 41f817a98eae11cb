"""A language's conventions, read from `locales/<lang>/style.toml`: labels and how numbers are written
in them, sequences, dates and months, lists, typography, fonts, collation, edition overrides."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel import Locale as BabelLocale

from ..corpus import numerals
from ..errors import CompendiumError
from .ordinals import Ordinals, parse as parse_ordinals

EASTERN_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
DATE_FORMS = ("single", "two_days", "same_month", "across_months", "across_years")
_FIELD = re.compile(r"\{(seq:[a-z_]+|ord:[a-z_]+|n|a|A|i|I)\}")


@dataclass
class Style:
    lang: str
    name: str
    babel_locale: str
    direction: str
    digits: str
    labels: dict[str, str]
    index_labels: dict[str, str]
    lists: dict[str, str]
    dates: dict[str, Any]
    typography: dict[str, Any]
    sequences: dict[str, list[str]] = field(default_factory=dict)
    fonts: dict[str, Any] = field(default_factory=dict)
    sort: dict[str, Any] = field(default_factory=dict)
    edition: dict[str, Any] = field(default_factory=dict)
    path: str = ""
    ordinals: Ordinals | None = None          # [ordinals]: required, set by load_style

    def number(self, spec: str, n: int) -> str:
        """Fill a label pattern such as '({a})', '{seq:abjad} -' or '{ord:label} -' for the n-th item."""
        def fill(m: re.Match) -> str:
            f = m.group(1)
            if f.startswith("ord:"):
                return self.ordinal(f[4:], n)
            if f.startswith("seq:"):
                seq = self.sequences.get(f[4:])
                if not seq or n > len(seq):
                    raise CompendiumError(f"sequence '{f[4:]}' has no entry {n}", self.path,
                                          hint=f"extend [sequences].{f[4:]}")
                return seq[n - 1]
            return {"n": str(n), "a": numerals.letter(n), "A": numerals.letter(n).upper(),
                    "i": numerals.roman(n).lower(), "I": numerals.roman(n)}[f]
        return self.localize_digits(_FIELD.sub(fill, spec))

    def ordinal(self, use: str, n: int) -> str:
        """The ordinal word of `n` for a use of [ordinals] ('meeting', 'session', …)."""
        return self.localize_digits(self.ordinals.word(use, n))

    def localize_digits(self, s: str) -> str:
        return s.translate(EASTERN_DIGITS) if self.digits == "eastern" else s

    def month(self, m: int) -> str:
        override = self.dates.get("months")
        if override:
            return override[m - 1]
        return BabelLocale.parse(self.babel_locale).months["format"]["wide"][m]


def load_style(lang: str, locales: Path) -> Style:
    path = locales / lang / "style.toml"
    shown = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CompendiumError(f"no conventions for language '{lang}'", shown,
                              hint="copy locales/en/style.toml and adapt it") from None
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        raise CompendiumError(f"TOML syntax error: {exc}", shown, int(line.group(1)) if line else None) from None
    try:
        style = Style(
            lang=data["language"], name=data["name"], babel_locale=data["babel_locale"],
            direction=data.get("direction", "ltr"), digits=data.get("digits", "western"),
            labels=data["labels"], index_labels=data["index_labels"], lists=data["lists"],
            dates=data.get("dates", {}), typography=data.get("typography", {}),
            sequences=data.get("sequences", {}), fonts=data.get("fonts", {}), sort=data.get("sort", {}),
            edition=data.get("edition", {}), path=shown)
    except KeyError as exc:
        raise CompendiumError(f"missing setting {exc}", shown, hint="see locales/en/style.toml") from None
    if "ordinals" not in data:
        raise CompendiumError("missing setting 'ordinals'", shown, hint="see [ordinals] in locales/en/style.toml")
    style.ordinals = parse_ordinals(data["ordinals"], style.babel_locale, shown)
    if style.lang != lang:
        raise CompendiumError(f"language = \"{style.lang}\" but the folder is '{lang}'", shown)
    for key in ("part", "chapter", "section", "para", "sub", "item"):
        if key not in style.labels:
            raise CompendiumError(f"[labels] has no '{key}'", shown)
    patterns = style.dates.get("patterns", {})
    for form in DATE_FORMS:
        if form not in patterns:
            raise CompendiumError(f"[dates.patterns] has no '{form}'", shown, hint="see locales/en/style.toml")
        try:
            patterns[form].format(d1="1", d2="2", month1="m", month2="m", year1="y", year2="y")
        except (KeyError, IndexError, ValueError) as exc:
            raise CompendiumError(f"[dates.patterns] {form}: bad placeholder {exc}", shown,
                                  hint="use {d1} {d2} {month1} {month2} {year1} {year2}") from None
    months = style.dates.get("months")
    if months is not None and len(months) != 12:
        raise CompendiumError("[dates] months must list 12 names", shown)
    return style

