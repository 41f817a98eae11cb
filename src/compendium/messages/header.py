"""The checks of a catalogue's entries as a whole, once `syntax.syntax_check` has read them: no
duplicate messages, the header (present, 'Name: value' lines, UTF-8 charset, dates, Plural-Forms
and, for a language's catalogue, a `Language` that names the folder's language: `same_language`),
and the plural forms of each entry."""
from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from babel import Locale, UnknownLocaleError
from babel.core import get_global

from ..errors import CompendiumError

if TYPE_CHECKING:
    from .syntax import PoEntry

_HEADER_FIELD = re.compile(r"^[A-Za-z][A-Za-z0-9-]*:")
_PLURAL_FORMS = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*[^;]+;?\s*$")
_TZ = re.compile(r"[+-]\d{4}$")
_CHARSET = re.compile(r"charset\s*=\s*([^\s;]+)", re.I)


def check_entries(entries: list[PoEntry], path: Path, lang: str | None) -> None:
    """Reject duplicates, a bad header and, for a language's catalogue (`lang`), a Language that
    is not the folder's or plural forms that Plural-Forms does not give."""
    name = str(path)
    seen: dict[tuple, PoEntry] = {}
    for e in entries:
        if e.key in seen:
            first = seen[e.key]
            what = "an obsolete (#~) copy of" if e.obsolete or first.obsolete else "a second entry for"
            raise CompendiumError(f"duplicate message: {what} msgid {_short(e.msgid)}"
                                  + (f" (msgctxt {e.context!r})" if e.context else "")
                                  + f", first on line {first.line}", name, e.line,
                                  hint="keep one of them: msgfmt rejects duplicates")
        seen[e.key] = e
    header = next((e for e in entries if not e.obsolete), None)
    template = lang is None
    fix = "run `compendium extract`" if template else "copy the header of another catalogue and adapt it"
    if header is None or header.msgid != "" or header.context is not None:
        raise CompendiumError("no header: the first entry must be msgid \"\" with the catalogue's settings",
                              name, header.line if header else 1, hint=fix)
    fields: dict[str, str] = {}
    for field_line in header.strings[0].split("\n"):
        if not field_line.strip():
            continue
        if not _HEADER_FIELD.match(field_line):
            raise CompendiumError(f"bad header: {field_line[:50]!r} is not a 'Name: value' line", name,
                                  header.line, hint="each header line is \"Name: value\\n\"")
        key, _, value = field_line.partition(":")
        fields[key.strip().lower()] = value.strip()
    charset = _CHARSET.search(fields.get("content-type", ""))
    if charset is None:
        raise CompendiumError("bad header: no Content-Type charset", name, header.line,
                              hint='add the line "Content-Type: text/plain; charset=UTF-8\\n"')
    if charset.group(1).strip().lower().replace("_", "-") not in ("utf-8", "utf8"):
        raise CompendiumError(f"bad header: charset={charset.group(1)}; catalogues are UTF-8", name, header.line,
                              hint="save the file as UTF-8 and write charset=UTF-8 in Content-Type")
    for key, label in (("pot-creation-date", "POT-Creation-Date"), ("po-revision-date", "PO-Revision-Date")):
        value = fields.get(key)
        if value is None or (key == "po-revision-date" and "YEAR" in value):
            continue                                     # absent, or the template's placeholder
        try:
            datetime.strptime(_TZ.sub("", value), "%Y-%m-%d %H:%M")
        except ValueError:
            raise CompendiumError(f"bad header: {label} {value!r} is not a date such as 2026-01-31 09:46+0000",
                                  name, header.line, hint="write the date as YYYY-MM-DD HH:MM+ZZZZ") from None
    plural_forms = fields.get("plural-forms")
    nplurals = None
    if plural_forms is not None:
        m = _PLURAL_FORMS.match(plural_forms)
        if m is None or int(m.group(1)) < 1:
            raise CompendiumError(f"bad header: Plural-Forms {plural_forms!r} is not "
                                  "'nplurals=N; plural=EXPRESSION;'", name, header.line,
                                  hint="copy the Plural-Forms of the language from `compendium update` or CLDR")
        nplurals = int(m.group(1))
    if template:
        return
    language = fields.get("language", "")
    if not same_language(language, lang):
        said = f"says Language: {language}" if language else "has no Language header"
        raise CompendiumError(f"bad header: the catalogue of '{lang}' {said}", name, header.line,
                              hint=f"a file in locales/{lang}/ holds {lang}: write \"Language: {lang}\\n\", "
                                   f"or move the file to the folder of its language")
    for e in entries:
        if e.singular or e.obsolete:
            continue
        if nplurals is None:
            raise CompendiumError("bad header: no Plural-Forms, but this entry has plural forms", name, e.line,
                                  hint="add \"Plural-Forms: nplurals=N; plural=EXPRESSION;\\n\" to the header")
        if len(e.strings) != nplurals:
            raise CompendiumError(f"wrong plural count: Plural-Forms says nplurals={nplurals}, this entry has "
                                  f"{len(e.strings)} msgstr[n]", name, e.line,
                                  hint=f"give msgstr[0] … msgstr[{nplurals - 1}], one per plural form")


def same_language(header: str, folder: str) -> bool:
    """Whether a `Language:` header names the language of the folder: the same language and script,
    and the same territory when the folder names one. Poedit and Weblate write "fr_FR", "zh_CN" or
    "zh_Hans" for the catalogue of locales/fr/ or locales/zh/ (Simplified Chinese); "zh_TW"
    (Traditional) is not the catalogue of locales/zh/, nor "fr" that of locales/fr_CA/."""
    def parts(code: str) -> tuple[str, str, str] | None:
        try:
            loc = Locale.parse(code.strip().replace("-", "_"))
        except (ValueError, TypeError, UnknownLocaleError):
            return None
        likely = _LIKELY.get(str(loc)) or _LIKELY.get(loc.language, "")
        script = loc.script or (likely.split("_")[1] if likely.count("_") == 2 else "")
        return loc.language, script, loc.territory or ""
    h, f = parts(header), parts(folder)
    if h is None or f is None:
        return header.replace("-", "_").lower() == folder.replace("-", "_").lower() != ""
    return h[:2] == f[:2] and (not f[2] or h[2] == f[2])


_LIKELY = get_global("likely_subtags")


def _short(text: str | None, limit: int = 50) -> str:
    text = " ".join((text or "").split())
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
