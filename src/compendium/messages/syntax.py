"""The strict PO syntax checker: what msgfmt rejects but Babel and polib read silently or differently.

`syntax_check` reads a .po/.pot line by line into the entries as the file spells them (`PoEntry`),
then checks them as a whole (`header.check_entries`: duplicates, the header, plural forms); every
problem is `file:line: what is wrong (what to do)`. pofile.read_catalog runs it before Babel reads.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CompendiumError
from .header import check_entries

_KEYWORD = re.compile(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)(?=\s)\s*(.*)$')
_COMMENT = re.compile(r"^#(?:[,.:|]|~\|?)?(?=\s|$)|^##")     # '# ', '#, ', '#. ', '#: ', '#| ', '#~ ', '#~| '

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"$')
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"'}    # what Babel and polib both read
_ESCAPE = re.compile(r"\\(.)", re.S)
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
    check_entries(entries, path, lang)
    return entries
