"""The strict PO syntax checker: what msgfmt rejects but Babel and polib read silently or differently.

`syntax_check` reads a .po/.pot line by line into the entries as the file spells them (`PoEntry`)
and checks the header (`same_language`: does its Language name the folder's language?); every
problem is `file:line: what is wrong (what to do)`. pofile.read_catalog runs it before Babel reads.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.core import get_global

from ..errors import CompendiumError

_KEYWORD = re.compile(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)(?=\s)\s*(.*)$')
_COMMENT = re.compile(r"^#(?:[,.:|]|~\|?)?(?=\s|$)|^##")     # '# ', '#, ', '#. ', '#: ', '#| ', '#~ ', '#~| '

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"$')
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"'}    # what Babel and polib both read
_ESCAPE = re.compile(r"\\(.)", re.S)
_HEADER_FIELD = re.compile(r"^[A-Za-z][A-Za-z0-9-]*:")
_PLURAL_FORMS = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*[^;]+;?\s*$")
_TZ = re.compile(r"[+-]\d{4}$")
_CHARSET = re.compile(r"charset\s*=\s*([^\s;]+)", re.I)
SYNTAX = "not a valid PO file"


@dataclass
class PoEntry:
    """One entry as the file spells it (for checks that Babel does not make, and `check`'s view)."""
    line: int                            # line of its first keyword
    obsolete: bool
    context: str | None = None
    msgid: str | None = None
    plural: str | None = None
    strings: dict[int, str] = field(default_factory=dict)   # msgstr is index 0 of a singular entry
    singular: bool = True
    previous: list[str] = field(default_factory=list)        # '#| msgid' (then msgid_plural); '#~|' if obsolete
    previous_context: str | None = None                      # '#| msgctxt' ('#~| msgctxt')
    first: int = 0                       # its first line, comments included (polib's linenum)
    flags: list[str] = field(default_factory=list)           # '#, fuzzy, python-format'
    extracted: list[str] = field(default_factory=list)       # '#. A.VII.26': each line after '#. '
    last: str = ""                       # the keyword whose string the next "…" line continues

    @property
    def key(self) -> tuple[str | None, str | None]:
        return (self.context, self.msgid)


def _unquote(string: str, path: Path, n: int) -> str:
    if not string.startswith('"'):
        raise CompendiumError(f"{SYNTAX}: expected a \"quoted\" string, found {string[:40]!r}", str(path), n,
                              hint="each line is a #comment, a msgid/msgstr keyword or a \"quoted\" string")
    if not _STRING.match(string):
        if len(string) > 1 and string.endswith('"') and not string.endswith('\\"'):
            raise CompendiumError(f"{SYNTAX}: a quote inside the string is not escaped", str(path), n,
                                  hint='write \\" for a quote inside the text')
        raise CompendiumError(f"{SYNTAX}: string not closed on this line", str(path), n,
                              hint='end it with " (a quote inside the text is written \\")')

    def unescape(m: re.Match) -> str:
        if m.group(1) not in _ESCAPES:
            raise CompendiumError(f"{SYNTAX}: unknown escape '\\{m.group(1)}' in a string", str(path), n,
                                  hint="only \\n \\t \\r \\\\ and \\\" are allowed; write other characters as they are")
        return _ESCAPES[m.group(1)]
    if "\x04" in string:
        raise CompendiumError(f"{SYNTAX}: the control character U+0004 (EOT) in a string", str(path), n,
                              hint="remove it: gettext uses it to separate a msgctxt from its msgid")
    return _ESCAPE.sub(unescape, string[1:-1])


def syntax_check(path: Path, lang: str | None = None) -> list[PoEntry]:
    """Reject what msgfmt rejects but Babel and polib read silently or differently, with the line.

    Syntax (unterminated strings, stray words, unknown escapes, a msgid without msgstr, msgstr[n]
    out of order), duplicate entries, the header (present, 'Name: value' lines, UTF-8 charset) and,
    for a language's catalogue (`lang`), its `Language` and the plural forms of each entry. A broken
    catalogue is thus never half-read, used or rewritten. Returns the entries as spelled.
    """
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise CompendiumError("file not found", name) from None
    except OSError as exc:
        raise CompendiumError(f"cannot read: {exc.strerror}", name) from None
    if data.startswith(b"\xef\xbb\xbf"):
        raise CompendiumError(f"{SYNTAX}: the file starts with a byte-order mark", name, 1,
                              hint="save it as UTF-8 without BOM")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise CompendiumError(f"not UTF-8 text ({exc.reason} at byte {exc.start})", name, line,
                              hint="save the catalogue as UTF-8") from None
    entries: list[PoEntry] = []
    current: PoEntry | None = None
    previous: list[str] = []
    previous_context: str | None = None
    previous_line = 0
    previous_last = ""                  # the '#|' keyword a '#| "…"' line continues
    obsolete_previous: list[str] = []   # the same for an obsolete entry ('#~|')
    obsolete_context: str | None = None
    obsolete_last = ""
    first = 0                           # the first line of the comments of the next entry
    flags: list[str] = []               # and its '#,' flags and '#.' comments
    extracted: list[str] = []

    def finish() -> None:
        nonlocal current
        if current is not None:
            if current.msgid is None:
                raise CompendiumError(f"{SYNTAX}: msgctxt without msgid", name, current.line)
            if not current.strings:
                raise CompendiumError(f"{SYNTAX}: msgid without msgstr", name, current.line,
                                      hint="every msgid is followed by its msgstr (\"\" when untranslated)")
            entries.append(current)
        current = None

    for n, raw in enumerate(text.split("\n"), 1):
        if "\r" in raw[:-1]:                                 # editors and readers disagree on a lone CR
            raise CompendiumError(f"{SYNTAX}: a carriage return (CR) inside a line", name, n,
                                  hint="save the file with LF (or CRLF) line ends; write \\r inside a string")
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#") and not _COMMENT.match(line):
            raise CompendiumError(f"{SYNTAX}: {line[:2]!r} with no space after it", name, n,
                                  hint="a comment is '# text'; the markers are '#,' '#.' '#:' '#|' '#~' "
                                       "followed by a space")
        obsolete = line.startswith("#~")
        if line.startswith("#") and not obsolete:
            if line not in ("#.", "#:", "#,"):                  # (a bare marker is no line of an entry)
                first = first or n
            if line.startswith("#,") and len(line) > 2:
                flags += [f.strip() for f in line[3:].split(",")]
            elif line.startswith("#.") and len(line) > 2:
                extracted.append(line[3:])
            if line.startswith("#|"):                          # previous msgid of the next entry
                body = line[2:].strip()
                m = _KEYWORD.match(body)
                if m and m.group(1) in ("msgid", "msgid_plural", "msgctxt"):
                    if current is not None and current.strings:
                        finish()
                    value = _unquote(m.group(3).strip(), path, n)
                    previous_last = m.group(1)
                    if previous_last == "msgctxt":
                        previous_context = value
                    else:
                        previous.append(value)
                    previous_line = previous_line or n
                elif body.startswith('"') and previous_last:
                    value = _unquote(body, path, n)
                    if previous_last == "msgctxt":
                        previous_context += value
                    else:
                        previous[-1] += value
                else:
                    raise CompendiumError(f"{SYNTAX}: unexpected text {body[:40]!r} after '#|'", name, n,
                                          hint="'#|' lines hold the previous msgid: #| msgid \"…\"")
                continue
            if previous_last:
                raise CompendiumError(f"{SYNTAX}: a comment between '#|' and its msgid", name, n,
                                      hint="'#|' lines come last, right before the entry's msgctxt or msgid")
            if current is not None and not current.strings:
                raise CompendiumError(f"{SYNTAX}: msgid without msgstr", name, current.line,
                                      hint="every msgid is followed by its msgstr (\"\" when untranslated)")
            finish()
            continue
        if obsolete and previous_last:
            raise CompendiumError(f"{SYNTAX}: '#|' before an obsolete (#~) entry", name, n,
                                  hint="an obsolete entry's previous msgid is written '#~| msgid \"…\"'")
        if obsolete:
            if line.startswith("#~|"):                         # previous msgid of an obsolete entry
                body = line[3:].strip()
                m = _KEYWORD.match(body)
                value = _unquote(m.group(3).strip() if m else body, path, n)
                if m and m.group(1) in ("msgid", "msgid_plural", "msgctxt"):
                    obsolete_last = m.group(1)
                    if obsolete_last == "msgctxt":
                        obsolete_context = value
                    else:
                        obsolete_previous.append(value)
                elif obsolete_last == "msgctxt":
                    obsolete_context += value
                elif obsolete_last:
                    obsolete_previous[-1] += value
                continue
            line = line[2:].strip()
            if line.startswith(("|", "#")):
                raise CompendiumError(f"{SYNTAX}: unexpected {line[:1]!r} after '#~ '", name, n,
                                      hint="an obsolete entry's previous msgid is written '#~| msgid \"…\"'")
        m = _KEYWORD.match(line)
        if m is None:
            if not line.startswith('"'):
                raise CompendiumError(f"{SYNTAX}: unexpected text {line[:40]!r}", name, n,
                                      hint="each line is a #comment, a msgid/msgstr keyword or a \"quoted\" string")
            value = _unquote(line, path, n)
            if current is None or not current.last:
                raise CompendiumError(f"{SYNTAX}: a string that belongs to no msgid or msgstr", name, n)
            if current.obsolete != obsolete:
                raise CompendiumError(f"{SYNTAX}: an entry mixes obsolete (#~) and active lines", name, n)
            if current.last == "msgctxt":
                current.context += value
            elif current.last == "msgid":
                current.msgid += value
            elif current.last == "msgid_plural":
                current.plural += value
            else:
                current.strings[max(current.strings)] += value
            continue
        keyword, index, value = m.group(1), m.group(2), _unquote(m.group(3).strip(), path, n)
        if keyword in ("msgctxt", "msgid") and current is not None and (
                current.strings or keyword == "msgctxt" or current.msgid is not None):
            finish()
        if keyword in ("msgctxt", "msgid") and current is None:
            if obsolete:
                current = PoEntry(n, obsolete, previous=obsolete_previous, previous_context=obsolete_context)
            else:
                current = PoEntry(n, obsolete, previous=previous, previous_context=previous_context)
                previous, previous_context, previous_line, previous_last = [], None, 0, ""
            obsolete_previous, obsolete_context, obsolete_last = [], None, ""
            current.first, current.flags, current.extracted = first or n, flags, extracted
            first, flags, extracted = 0, [], []
        if current is None:
            raise CompendiumError(f"{SYNTAX}: {keyword} without msgid", name, n,
                                  hint="an entry is [msgctxt] msgid then msgstr")
        if current.obsolete != obsolete:
            raise CompendiumError(f"{SYNTAX}: an entry mixes obsolete (#~) and active lines", name, n)
        if keyword == "msgctxt":
            current.context = value
        elif keyword == "msgid":
            current.msgid = value
        elif keyword == "msgid_plural":
            if current.msgid is None or current.plural is not None or current.strings:
                raise CompendiumError(f"{SYNTAX}: msgid_plural out of place", name, n,
                                      hint="msgid_plural follows the msgid, before msgstr[0]")
            current.plural = value
        else:
            if current.msgid is None:
                raise CompendiumError(f"{SYNTAX}: {keyword} without msgid", name, n)
            if index is None:
                if current.plural is not None:
                    raise CompendiumError(f"{SYNTAX}: an entry with msgid_plural needs msgstr[0], msgstr[1] …",
                                          name, n)
                if current.strings:
                    raise CompendiumError(f"{SYNTAX}: a second msgstr for the same msgid", name, n,
                                          hint="keep one of them")
                current.strings[0] = value
            else:
                if current.plural is None:
                    raise CompendiumError(f"{SYNTAX}: {keyword} without msgid_plural", name, n,
                                          hint="a singular entry has one plain msgstr")
                if int(index) != len(current.strings):
                    raise CompendiumError(f"{SYNTAX}: {keyword} out of order (expected msgstr[{len(current.strings)}])",
                                          name, n)
                current.singular = False
                current.strings[int(index)] = value
        current.last = keyword
    finish()
    if previous_last:
        raise CompendiumError(f"{SYNTAX}: '#|' with no entry after it", name, previous_line,
                              hint="'#|' lines come right before an entry's msgctxt or msgid")
    _check_entries(entries, path, lang)
    return entries


def _check_entries(entries: list[PoEntry], path: Path, lang: str | None) -> None:
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
