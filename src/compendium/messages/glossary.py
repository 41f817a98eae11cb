"""The terminology glossary (`locales/glossary.csv`) and the check that translations follow it.

Columns: id, match, en, ar, es, fr, ru, zh, source. `match` is "term" (the English term anywhere in
the message, whole words, any case) or "operative" (the message opens with that verb, as an operative
paragraph of a resolution does). A target cell lists accepted forms separated by "|"; "*" stands for
any letters (inflection), "…" a few words in between. Comparison ignores case, Arabic diacritics,
the contraction لل (ل + ال) and the kind of apostrophe.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import polib

from ..errors import CompendiumError

COLUMNS = ("id", "match", "en", "ar", "es", "fr", "ru", "zh", "source")
_ARABIC_MARKS = re.compile("[\u064b-\u0652\u0670\u0640]")   # harakat, dagger alif, tatweel
_ARABIC_LIL = re.compile(r"(?<!\w)([وف]?)لل(?=\w)")         # لل = ل + ال: للدول is ل + الدول


def _normal(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")
    return _ARABIC_LIL.sub(r"\1لال", _ARABIC_MARKS.sub("", text)).casefold()


def _pattern(form: str) -> str:
    """'*' any letters (an inflected ending), '…' a few words in between (qualifiers inside a name)."""
    return r".{0,80}?".join(r"\w*".join(re.escape(p) for p in piece.split("*"))
                            for piece in _normal(form).split("…"))


_ADDRESS = re.compile(r"\S*(?:www\.|://|@)\S*")      # web and mail addresses are not prose


@dataclass
class Term:
    id: str
    match: str
    en: str
    targets: dict[str, list[str]]
    source: str
    line: int

    def in_english(self, msgid: str) -> bool:
        text = _ADDRESS.sub(" ", msgid)
        text = text.replace("*", " ").strip() if self.match == "operative" else text
        if self.match == "operative":
            return re.match(_pattern(self.en) + r"\b", _normal(text)) is not None
        return re.search(r"(?<!\w)" + _pattern(self.en) + r"(?!\w)", _normal(text)) is not None

    def in_translation(self, lang: str, msgstr: str) -> bool:
        text = _normal(msgstr)
        return any(re.search(_pattern(form), text) for form in self.targets[lang])


def load_glossary(path: Path) -> list[Term]:
    """Read the glossary; a missing column, cell or source is reported with its line."""
    shown = str(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:      # Excel's "CSV UTF-8" starts with a BOM
            reader = csv.DictReader(f)
            if tuple(reader.fieldnames or ()) != COLUMNS:
                raise CompendiumError(f"columns must be {', '.join(COLUMNS)}", shown, 1)
            terms = []
            for row in reader:
                line = reader.line_num
                if any(row.get(c) in (None, "") for c in COLUMNS):
                    empty = next(c for c in COLUMNS if row.get(c) in (None, ""))
                    raise CompendiumError(f"term '{row.get('id')}' has no {empty}", shown, line,
                                          hint="every term needs all six languages and a source")
                if row["match"] not in ("term", "operative"):
                    raise CompendiumError(f"match must be 'term' or 'operative', not '{row['match']}'", shown, line)
                targets = {lang: [x.strip() for x in row[lang].split("|") if x.strip()]
                           for lang in ("ar", "es", "fr", "ru", "zh")}
                terms.append(Term(row["id"], row["match"], row["en"], targets, row["source"], line))
            return terms
    except FileNotFoundError:
        return []
    except (UnicodeDecodeError, csv.Error) as exc:
        raise CompendiumError(f"unreadable glossary: {exc}", shown) from None
    except OSError as exc:               # a folder, no permission: say so, never a traceback
        raise CompendiumError(f"cannot read the glossary: {exc.strerror or exc}", shown,
                              hint="it must be a CSV file (restore it from git)") from None


def terminology(terms: list[Term], lang: str):
    """A checker for `check_language`: glossary terms of the English must appear translated."""
    def check(entry: polib.POEntry) -> list[str]:
        return [f"terminology: '{t.en}' must be translated as {' or '.join(repr(f) for f in t.targets[lang])} "
                f"(glossary: {t.id})" for t in terms
                if not (t.match == "operative" and entry.msgctxt)      # template strings are not resolutions
                and t.in_english(entry.msgid) and not t.in_translation(lang, entry.msgstr)]
    return check
