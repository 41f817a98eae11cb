"""Catalogues: write the POT with Babel, merge it into each language's .po, read translations back."""
from __future__ import annotations

import configparser
import io
import re
from datetime import datetime, timezone
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import PoFileError, escape, generate_po, read_po

from .. import atomic
from ..errors import CompendiumError
from .checkers import usable
from .kept import Kept, kept_from, previous_lines
from .files import DOMAIN, po_path
from .merge import fill_new

PROJECT = "Technical Assistance Compendium"
WIDTH = 76                                     # pybabel's wrapping


def extract(project: Path, mapping: Path, version: str) -> Catalog:
    """Run Babel's extraction over `project` with the babel.cfg `mapping`, as `pybabel extract` does."""
    hint = "sections such as [compendium: content/**.yaml]; see babel.cfg in the project"
    try:
        with open(mapping, encoding="utf-8") as f:
            method_map, options_map = parse_mapping_cfg(f, str(mapping))
    except FileNotFoundError:
        raise CompendiumError("extraction map not found", str(mapping),
                              hint="run from the project folder (babel.cfg) or pass --mapping") from None
    except configparser.MissingSectionHeaderError as exc:
        raise CompendiumError("not a valid extraction map: a line before any [method: pattern] section",
                              str(mapping), exc.lineno, hint=hint) from None
    except (OSError, UnicodeDecodeError, configparser.Error) as exc:
        what = exc.message.splitlines()[0] if isinstance(exc, configparser.Error) else str(exc)
        raise CompendiumError(f"not a valid extraction map: {what}", str(mapping), getattr(exc, "lineno", None),
                              hint=hint) from None
    catalog = Catalog(project=PROJECT, version=version, copyright_holder="United Nations",
                      msgid_bugs_address="", charset="utf-8")
    try:
        for filename, line, message, comments, context in extract_from_dir(
                str(project), method_map, options_map, keywords=DEFAULT_KEYWORDS):
            catalog.add(message, None, [(filename, line)], auto_comments=comments, context=context)
    except ValueError as exc:
        if "extraction method" not in str(exc):
            raise
        raise CompendiumError(str(exc), str(mapping), hint="the methods are compendium and compendium_strings") from None
    return catalog


def _po_bytes(catalog: Catalog, include_previous: bool = False, kept: Kept | None = None) -> bytes:
    """The catalogue as pybabel writes it, with `#| msgid` previous strings when asked, and what
    Babel drops (`kept`: unknown header fields, `#| msgctxt`, `#~|`, obsolete entries' flags).

    Babel (2.18) wraps a long previous msgid into an unparseable comment ('#| msgid "" "…'), so those
    lines are written here the way msgmerge writes them: the normalized string, each line after '#| '.
    """
    kept = kept or Kept()
    previous = iter([(kept.previous_context.get(_babel_key(m)), m.previous_id)
                     for m in catalog if m.id and m.previous_id] if include_previous else [])
    obsolete = iter([(sorted(m.flags), kept.obsolete_previous.get(key)) for key, m in catalog.obsolete.items()])
    out: list[str] = []
    in_block = in_obsolete = in_header = header_done = False
    for line in generate_po(catalog, width=WIDTH, include_previous=include_previous):
        if line.startswith("#|"):
            if not in_block:
                out += previous_lines("#|", *next(previous), width=WIDTH)
            in_block = True
            continue
        in_block = False
        if line.startswith("#~ ") and not in_obsolete:   # Babel drops the flags of obsolete entries
            flags, prev = next(obsolete)                  # (a fuzzy one would come back as final):
            if flags:                                     # written before '#~' as msgmerge does
                out.append(f"#, {', '.join(flags)}\n")
            if prev:
                out += previous_lines("#~|", *prev, width=WIDTH)
        in_obsolete = line.startswith("#~ ")
        if line == 'msgid ""\n' and not header_done:   # the header entry: its fields end at the blank line
            in_header = header_done = True
        elif in_header and line == "\n":
            out += [f"{escape(h + chr(10))}\n" for h in kept.headers]
            in_header = False
        out.append(line)
    return "".join(out).encode(catalog.charset, "backslashreplace")


def _babel_key(message):
    return (message.id, message.context) if message.context else message.id


def _messages(po: bytes) -> bytes:
    """A PO file without its header entry: what a change of date, year or Babel version leaves alone."""
    return po.split(b"\n\n", 1)[-1]


def _write_if_changed(path: Path, data: bytes, option: str) -> bool:
    """Write atomically unless the file already holds the same messages (headers are not compared:
    `Generated-By`, `POT-Creation-Date` and the copyright year change with the tool, not the text)."""
    try:
        if not atomic.special(path) and _messages(path.read_bytes()) == _messages(data):
            return False     # (a pipe or /dev/stdout is never read back: it is written)
    except OSError:      # unreadable or absent: write it (a real problem is reported there)
        pass
    atomic.write_bytes(path, data, option)
    return True


def write_pot(catalog: Catalog, path: Path) -> bool:
    """Write the POT; False (and nothing written) when its messages are unchanged."""
    return _write_if_changed(path, _po_bytes(catalog), "--output")


_KEYWORD = re.compile(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)(?=\s)\s*(.*)$')
_COMMENT = re.compile(r"^#(?:[,.:|]|~\|?)?(?=\s|$)|^##")     # '# ', '#, ', '#. ', '#: ', '#| ', '#~ ', '#~| '

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"$')
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"'}    # what Babel and polib both read
_ESCAPE = re.compile(r"\\(.)", re.S)
_HEADER_FIELD = re.compile(r"^[A-Za-z][A-Za-z0-9-]*:")
_PLURAL_FORMS = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*[^;]+;?\s*$")
_TZ = re.compile(r"[+-]\d{4}$")
_CHARSET = re.compile(r"charset\s*=\s*([^\s;]+)", re.I)
_SYNTAX = "not a valid PO file"


@dataclass
class PoEntry:
    """One entry as the file spells it (for checks that Babel and polib do not make)."""
    line: int                            # line of its first keyword
    obsolete: bool
    context: str | None = None
    msgid: str | None = None
    plural: str | None = None
    strings: dict[int, str] = field(default_factory=dict)   # msgstr is index 0 of a singular entry
    singular: bool = True
    previous: list[str] = field(default_factory=list)        # '#| msgid' (then msgid_plural); '#~|' if obsolete
    previous_context: str | None = None                      # '#| msgctxt' ('#~| msgctxt')
    last: str = ""                       # the keyword whose string the next "…" line continues

    @property
    def key(self) -> tuple[str | None, str | None]:
        return (self.context, self.msgid)


def _unquote(string: str, path: Path, n: int) -> str:
    if not string.startswith('"'):
        raise CompendiumError(f"{_SYNTAX}: expected a \"quoted\" string, found {string[:40]!r}", str(path), n,
                              hint="each line is a #comment, a msgid/msgstr keyword or a \"quoted\" string")
    if not _STRING.match(string):
        if len(string) > 1 and string.endswith('"') and not string.endswith('\\"'):
            raise CompendiumError(f"{_SYNTAX}: a quote inside the string is not escaped", str(path), n,
                                  hint='write \\" for a quote inside the text')
        raise CompendiumError(f"{_SYNTAX}: string not closed on this line", str(path), n,
                              hint='end it with " (a quote inside the text is written \\")')

    def unescape(m: re.Match) -> str:
        if m.group(1) not in _ESCAPES:
            raise CompendiumError(f"{_SYNTAX}: unknown escape '\\{m.group(1)}' in a string", str(path), n,
                                  hint="only \\n \\t \\r \\\\ and \\\" are allowed; write other characters as they are")
        return _ESCAPES[m.group(1)]
    if "\x04" in string:
        raise CompendiumError(f"{_SYNTAX}: the control character U+0004 (EOT) in a string", str(path), n,
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
        raise CompendiumError(f"{_SYNTAX}: the file starts with a byte-order mark", name, 1,
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

    def finish() -> None:
        nonlocal current
        if current is not None:
            if current.msgid is None:
                raise CompendiumError(f"{_SYNTAX}: msgctxt without msgid", name, current.line)
            if not current.strings:
                raise CompendiumError(f"{_SYNTAX}: msgid without msgstr", name, current.line,
                                      hint="every msgid is followed by its msgstr (\"\" when untranslated)")
            entries.append(current)
        current = None

    for n, raw in enumerate(text.split("\n"), 1):
        if "\r" in raw[:-1]:                                 # editors and readers disagree on a lone CR
            raise CompendiumError(f"{_SYNTAX}: a carriage return (CR) inside a line", name, n,
                                  hint="save the file with LF (or CRLF) line ends; write \\r inside a string")
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#") and not _COMMENT.match(line):
            raise CompendiumError(f"{_SYNTAX}: {line[:2]!r} with no space after it", name, n,
                                  hint="a comment is '# text'; the markers are '#,' '#.' '#:' '#|' '#~' "
                                       "followed by a space")
        obsolete = line.startswith("#~")
        if line.startswith("#") and not obsolete:
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
                    raise CompendiumError(f"{_SYNTAX}: unexpected text {body[:40]!r} after '#|'", name, n,
                                          hint="'#|' lines hold the previous msgid: #| msgid \"…\"")
                continue
            if previous_last:
                raise CompendiumError(f"{_SYNTAX}: a comment between '#|' and its msgid", name, n,
                                      hint="'#|' lines come last, right before the entry's msgctxt or msgid")
            if current is not None and not current.strings:
                raise CompendiumError(f"{_SYNTAX}: msgid without msgstr", name, current.line,
                                      hint="every msgid is followed by its msgstr (\"\" when untranslated)")
            finish()
            continue
        if obsolete and previous_last:
            raise CompendiumError(f"{_SYNTAX}: '#|' before an obsolete (#~) entry", name, n,
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
                raise CompendiumError(f"{_SYNTAX}: unexpected {line[:1]!r} after '#~ '", name, n,
                                      hint="an obsolete entry's previous msgid is written '#~| msgid \"…\"'")
        m = _KEYWORD.match(line)
        if m is None:
            if not line.startswith('"'):
                raise CompendiumError(f"{_SYNTAX}: unexpected text {line[:40]!r}", name, n,
                                      hint="each line is a #comment, a msgid/msgstr keyword or a \"quoted\" string")
            value = _unquote(line, path, n)
            if current is None or not current.last:
                raise CompendiumError(f"{_SYNTAX}: a string that belongs to no msgid or msgstr", name, n)
            if current.obsolete != obsolete:
                raise CompendiumError(f"{_SYNTAX}: an entry mixes obsolete (#~) and active lines", name, n)
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
        if current is None:
            raise CompendiumError(f"{_SYNTAX}: {keyword} without msgid", name, n,
                                  hint="an entry is [msgctxt] msgid then msgstr")
        if current.obsolete != obsolete:
            raise CompendiumError(f"{_SYNTAX}: an entry mixes obsolete (#~) and active lines", name, n)
        if keyword == "msgctxt":
            current.context = value
        elif keyword == "msgid":
            current.msgid = value
        elif keyword == "msgid_plural":
            if current.msgid is None or current.plural is not None or current.strings:
                raise CompendiumError(f"{_SYNTAX}: msgid_plural out of place", name, n,
                                      hint="msgid_plural follows the msgid, before msgstr[0]")
            current.plural = value
        else:
            if current.msgid is None:
                raise CompendiumError(f"{_SYNTAX}: {keyword} without msgid", name, n)
            if index is None:
                if current.plural is not None:
                    raise CompendiumError(f"{_SYNTAX}: an entry with msgid_plural needs msgstr[0], msgstr[1] …",
                                          name, n)
                if current.strings:
                    raise CompendiumError(f"{_SYNTAX}: a second msgstr for the same msgid", name, n,
                                          hint="keep one of them")
                current.strings[0] = value
            else:
                if current.plural is None:
                    raise CompendiumError(f"{_SYNTAX}: {keyword} without msgid_plural", name, n,
                                          hint="a singular entry has one plain msgstr")
                if int(index) != len(current.strings):
                    raise CompendiumError(f"{_SYNTAX}: {keyword} out of order (expected msgstr[{len(current.strings)}])",
                                          name, n)
                current.singular = False
                current.strings[int(index)] = value
        current.last = keyword
    finish()
    if previous_last:
        raise CompendiumError(f"{_SYNTAX}: '#|' with no entry after it", name, previous_line,
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


def read_catalog(path: Path, lang: str | None = None) -> Catalog:
    """Parse a .po/.pot strictly: every problem becomes file:line: what is wrong, what to do.

    Babel reads '#| msgid' lines as translator comments; they are set aside here and given back as
    the messages' previous_id, so an entry still fuzzy keeps its previous English.
    """
    return _read(path, lang)[0]


def _read(path: Path, lang: str | None) -> tuple[Catalog, list[PoEntry]]:
    entries = syntax_check(path, lang)
    lines = Path(path).read_bytes().split(b"\n")
    for i, raw in enumerate(lines):
        stripped = raw.strip()
        if stripped.startswith((b"#|", b"#~|")):
            lines[i] = b""                  # (a blank line keeps the line numbers)
    try:
        catalog = read_po(io.BytesIO(b"\n".join(lines)), locale=lang, domain=DOMAIN, abort_invalid=True)
    except PoFileError as exc:
        raise CompendiumError(f"{_SYNTAX}: {exc}", str(path), exc.lineno + 1 if exc.lineno is not None else None,
                              hint="fix the entry (msgfmt -c shows the same)") from None
    except (ValueError, LookupError, UnicodeDecodeError, UnknownLocaleError) as exc:
        raise CompendiumError(f"{_SYNTAX}: {exc}", str(path),
                              hint="the file must be UTF-8 with a gettext header") from None
    for e in entries:
        if e.previous and not e.obsolete:
            message = catalog.get(e.msgid, e.context)
            if message is not None:
                message.previous_id = list(e.previous)
    return catalog, entries


@dataclass
class UpdateResult:
    lang: str
    path: Path
    created: bool
    new: int            # messages the catalogue did not have (untranslated or with a suggestion)
    suggested: int      # of those, pre-filled (fuzzy) with the translation of a similar message
    changed: int        # messages whose English changed: old translation kept, fuzzy, previous English
    removed: int        # entries made obsolete because their English left the template
    revived: int        # obsolete entries brought back because their English returned


def update(pot: Path, locales: Path, lang: str) -> UpdateResult:
    """Merge the POT into the language's catalogue, as `pybabel update --previous` / msgmerge.

    A changed English text keeps its translation as fuzzy with `#| msgid` (the previous English),
    a removed one becomes obsolete (`#~`), an obsolete one whose English returns is restored; a new
    one is pre-filled only from a genuinely similar message (merge.py, similarity.py).
    No translation is ever dropped, nor what Babel does not model (see Kept).
    """
    template = read_catalog(pot)
    path = po_path(locales, lang)
    created = not path.exists()
    if created:
        try:
            Locale.parse(lang)
        except (ValueError, UnknownLocaleError):
            raise CompendiumError(f"'{lang}' is not a language code that Babel/CLDR knows", str(path.parents[1]),
                                  hint="name the folder with an ISO 639 code such as de or pt_BR") from None
        catalog = Catalog(locale=lang, domain=DOMAIN, project=template.project, version=template.version,
                          copyright_holder="United Nations", charset="utf-8", fuzzy=False,
                          language_team=f"{Locale.parse(lang).english_name} <>",
                          last_translator="Working translation, to be replaced by UN translators <>",
                          revision_date=datetime.now(timezone.utc), header_comment=_header_comment(lang))
        kept = Kept()
    else:
        catalog, entries = _read(path, lang)
        kept = kept_from(entries)
    previous = {_key(m): m.previous_id for m in catalog if m.id and m.fuzzy and m.previous_id}
    old = [m for m in catalog if m.id]
    before_obsolete = set(catalog.obsolete)
    revived = 0
    for message in template:                      # msgmerge revives obsolete entries; Babel does not
        key = (message.id, message.context) if message.context else message.id
        stale = catalog.obsolete.get(key)
        if message.id and stale is not None and catalog.get(message.id, message.context) is None:
            del catalog.obsolete[key]
            catalog[message.id] = stale
            kept.obsolete_previous.pop(key, None)
            revived += 1
    had = {_babel_key(m) for m in catalog if m.id}
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
    removed = set(catalog.obsolete) - before_obsolete
    new = [m for m in catalog if m.id and _babel_key(m) not in had]
    merged = fill_new(catalog, new, old, removed)
    kept.previous_context.update(merged.previous_context)
    for m in old:                                 # a fuzzy entry made obsolete keeps its previous English
        key = _babel_key(m)
        if key in catalog.obsolete and key in removed and m.previous_id:
            kept.obsolete_previous[key] = (kept.previous_context.get(key), list(m.previous_id))
    for message in catalog:
        if not message.id:
            continue
        if message.fuzzy and not message.previous_id and _key(message) in previous:
            message.previous_id = previous[_key(message)]     # Babel forgets the '#| msgid' of one still fuzzy
        source = template.get(message.id, message.context)
        if source is not None:                    # format flags follow the template (msgmerge), not the old
            message.flags = {f for f in message.flags if not f.endswith("-format")} | {   # entry a fuzzy match
                f for f in source.flags if f.endswith("-format")}                         # came from
    result = UpdateResult(lang, path, created, len(new) - merged.changed, merged.suggested, merged.changed,
                          len(removed) - merged.changed, revived)
    _write_if_changed(path, _po_bytes(catalog, include_previous=True, kept=kept), "--locales")
    return result


def _key(message) -> tuple[str | None, str]:
    return (message.context, message.id if isinstance(message.id, str) else message.id[0])


def _header_comment(lang: str) -> str:
    name = Locale.parse(lang).english_name
    return (f"# {name} translation of the Technical Assistance Compendium.\n"
            "# Copyright (C) United Nations\n"
            "# This file is distributed under the same license as the compendium project.\n"
            "#")


def translations(locales: Path, lang: str) -> dict[tuple[str | None, str], str]:
    """The usable translations of a language: translated, non-fuzzy entries, by (msgctxt, msgid).

    A translation holding a control, XML-illegal or bidi override character, a template string
    whose {placeholders} differ from the English (they are filled with str.format) or a text whose
    markup or footnotes break, is not used (checkers.usable): the English shows, marked as a
    fallback, and `compendium check` reports it.
    """
    path = po_path(locales, lang)
    if lang == "en" or not path.exists():
        return {}
    return usable_translations(read_catalog(path, lang))


def usable_translations(catalog: Catalog) -> dict[tuple[str | None, str], str]:
    return {(m.context, m.id): m.string for m in catalog
            if m.id and isinstance(m.id, str) and isinstance(m.string, str) and not m.fuzzy
            and usable(m.context, m.id, m.string)}
