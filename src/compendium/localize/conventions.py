"""A language's conventions, read from `locales/<lang>/style.toml`: labels and how numbers are written
in them, sequences, dates and months, lists, typography, fonts, collation, edition overrides."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel import Locale as BabelLocale, UnknownLocaleError

from ..corpus import SOURCE, numerals
from ..errors import CompendiumError
from ..schema import (ANYTHING, Check, Choice, Flag, List, Number, Source, Table, Text, format_fields,
                      toml_source, utf8, validate)
from .ordinals import Ordinals, parse as parse_ordinals

EASTERN_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
DATE_FORMS = ("single", "two_days", "same_month", "across_months", "across_years")
_FIELD = re.compile(r"\{(seq:[a-z_]+|ord:[a-z_]+|n|a|A|i|I)\}")
_REGION = re.compile(r"[A-Z]{2}|[0-9]{3}")      # ISO 3166 country or UN M.49 area: "SA", "CN", "419"


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
    source: Source | None = None        # the line of each setting, for later messages
    ordinals: Ordinals | None = None    # [ordinals]: required, set by load_style
    region: str = ""                   # the language variant's country, for the DOCX's tag ("SA")
    east_asian: bool = False           # Chinese, Japanese, Korean (Word's East Asian slots)
    build_cost: int = 1                # how long its outputs take to build, relative to English

    @property
    def language_tag(self) -> str:
        """The BCP 47 tag the DOCX gives the text: "ar-SA", or the language alone without a region."""
        return f"{self.lang}-{self.region}" if self.region else self.lang

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


def label_pattern(value: str) -> str | None:
    """What is wrong with a label pattern ("({a})", "{seq:abjad} -"), or None."""
    rest = _FIELD.sub("", value)
    bad = re.search(r"\{[^{}]*\}|[{}]", rest)
    if bad:
        return (f"has an unknown field {bad.group()} (fields: {{n}} {{a}} {{A}} {{i}} {{I}} {{seq:NAME}}; "
                "a label cannot hold a literal brace)")
    return None


def _babel_locale(value: str) -> str | None:
    try:
        BabelLocale.parse(value)
    except (ValueError, TypeError, UnknownLocaleError):
        return f"= {value!r} is not a locale Babel (CLDR) knows"
    return None


_LOCALE_ID = re.compile(r"[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*(@[a-z]+=[a-z0-9-]+(;[a-z]+=[a-z0-9-]+)*)?")


def _icu_locale(value: str) -> str | None:
    """A locale ICU has collation rules for ("fr", "zh_Hans"), as the index's sort needs."""
    import icu
    if _LOCALE_ID.fullmatch(value):
        try:
            icu.Collator.createInstance(icu.Locale(value))
            return None
        except icu.ICUError:
            pass
    return f"= {value!r} is not a locale ICU can sort by"


LABEL = Text(label_pattern, hint="see locales/en/style.toml, [labels]")
LABEL_KINDS = ("part", "chapter", "section", "para", "sub", "item")
DATE_FIELDS = ("d1", "d2", "month1", "month2", "year1", "year2")
LIST_PATTERN = Text(format_fields(("0", "1"), required=("0", "1")), hint='e.g. "{0} and {1}"')
# The shape of locales/<lang>/style.toml (see locales/en/style.toml for what each setting does);
# [edition] holds overrides of templates/edition.toml, checked against its shape by render.edition.
STYLE = Table({
    "language": Text(), "name": Text(),
    "babel_locale": Check(Text(), _babel_locale, hint="an ISO 639 code such as fr, or zh_Hans"),
    "direction": Choice("ltr", "rtl"), "digits": Choice("western", "eastern"),
    "region": Check(Text(empty=True), lambda v: None if v == "" or _REGION.fullmatch(v) else
                    f"= {v!r} is not a country code", hint='write two capital letters (ISO 3166), e.g. "FR", or "" for none'),
    "east_asian": Flag(), "build_cost": Number(1, 100, whole=True),
    "labels": Table({k: LABEL for k in (*LABEL_KINDS, "annex", "part_ref")}, required=LABEL_KINDS),
    "index_labels": Table({"number": LABEL, "letter": LABEL, "roman": LABEL, "separator": Text(empty=True),
                           "id_separator": Text(empty=True)}, required=("number", "letter", "roman")),
    "sequences": Table(other=List(Text(), 1)),
    "dates": Table({"first_day": Text(empty=True), "months": List(Text(), 12, 12),
                    "patterns": Table({f: Text(format_fields(DATE_FIELDS)) for f in DATE_FORMS}, required=DATE_FORMS,
                                      hint="see locales/en/style.toml")}, required=("patterns",)),
    "lists": Table({"two": LIST_PATTERN, "middle": LIST_PATTERN, "end": LIST_PATTERN, "range_dash": Text()},
                   required=("two", "middle", "end")),
    "typography": Table({"nbsp_before": Text(empty=True), "emphasis": Choice("italic", "none"),
                         "tight_after": Text(empty=True), "note_separator": Text(empty=True),
                         "quotes": Text(empty=True)}),
    "ordinals": Table(other=ANYTHING, hint="see [ordinals] in locales/en/style.toml"),   # read by ordinals.parse
    "fonts": Table({"family": List(Text(), 1), "docx_fallback": Text(empty=True)}),
    "sort": Table({"icu_locale": Check(Text(), _icu_locale, hint='a language code such as "fr", or "zh_Hans"'),
                   "ignore_punctuation": Flag()}),
    "edition": Table(other=ANYTHING),
}, required=("language", "name", "babel_locale", "labels", "index_labels", "dates", "lists", "ordinals"),
   hint="see locales/en/style.toml")


def load_style(lang: str, locales: Path) -> Style:
    """A language's conventions, every value checked against STYLE (errors say file:line)."""
    path = locales / lang / "style.toml"
    shown = str(path)
    try:
        text = utf8(path.read_bytes(), shown)
    except FileNotFoundError:
        raise CompendiumError(f"no conventions for language '{lang}'", shown,
                              hint="copy locales/en/style.toml and adapt it") from None
    except OSError as exc:
        raise CompendiumError(f"cannot read: {exc.strerror or exc}", shown, hint="it must be a text file") from None
    data, src = toml_source(text, shown)
    validate(data, STYLE, src)
    style = Style(
        lang=data["language"], name=data["name"], babel_locale=data["babel_locale"],
        direction=data.get("direction", "ltr"), digits=data.get("digits", "western"),
        labels=data["labels"], index_labels=data["index_labels"], lists=data["lists"],
        dates=data["dates"], typography=data.get("typography", {}),
        sequences=data.get("sequences", {}), fonts=data.get("fonts", {}), sort=data.get("sort", {}),
        edition=data.get("edition", {}), path=shown, source=src, region=data.get("region", ""),
        east_asian=data.get("east_asian", False), build_cost=data.get("build_cost", 1))
    style.ordinals = parse_ordinals(data["ordinals"], style.babel_locale, shown)
    if style.lang != lang:
        raise src.error(("language",), f"= \"{style.lang}\" but the folder is '{lang}'",
                        hint=f"write language = \"{lang}\", or rename the folder")
    dash, sep = style.lists.get("range_dash", "–"), style.index_labels.get("id_separator", ".")
    if not dash.strip() or any(c.isalnum() for c in dash):
        raise src.error(("lists", "range_dash"), f"= {dash!r} cannot mark a range in an index reference such as "
                        "VII.20–22: it is blank or holds a letter or digit", hint='write a dash such as "–"')
    if sep and (dash in sep or sep in dash):
        raise src.error(("lists", "range_dash") if "range_dash" in style.lists else ("index_labels", "id_separator"),
                        f"= {dash!r} and [index_labels] id_separator = {sep!r} cannot be told apart in an index "
                        "reference such as VII.20–22", hint='keep a dash such as "–" and a separator such as "."')
    for table in ("labels", "index_labels"):
        for key, value in data[table].items():
            for name in re.findall(r"\{seq:([a-z_]+)\}", value):
                if name not in style.sequences:
                    raise src.error((table, key), f"uses {{seq:{name}}} but [sequences] has no '{name}'",
                                    hint=f"add {name} = [\"…\", …] under [sequences]")
            for name in re.findall(r"\{ord:([a-z_]+)\}", value):
                if name not in style.ordinals.uses:
                    raise src.error((table, key), f"uses {{ord:{name}}} but [ordinals] has no [ordinals.{name}]",
                                    hint=f"add an [ordinals.{name}] table naming its ICU rule set")
    return style


def source_style(style: Style) -> Style:
    """The conventions of the corpus's language (English), read beside `style`'s own file."""
    return style if style.lang == SOURCE else load_style(SOURCE, Path(style.path).parent.parent)
