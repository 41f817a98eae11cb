"""The strict PO syntax checker: what msgfmt rejects but Babel and polib read silently or differently.

`syntax_check` reads a .po/.pot line by line (`_Reader`, a method per kind of line: comments, '#|'
previous msgids, keywords, continued strings) into the entries as the file spells them (`PoEntry`),
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
_PREVIOUS = ("msgid", "msgid_plural", "msgctxt")                # the keywords of a '#|' or '#~|' line
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


def _read_text(path: Path) -> str:
    """The file's text: UTF-8, without a byte-order mark."""
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
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise CompendiumError(f"not UTF-8 text ({exc.reason} at byte {exc.start})", name, line,
                              hint="save the catalogue as UTF-8") from None


@dataclass
class _Previous:
    """The previous msgid of the next entry as its '#|' (or '#~|') lines spell it."""
    msgids: list[str] = field(default_factory=list)     # msgid, then msgid_plural
    context: str | None = None
    last: str = ""                       # the keyword a '"…"' line continues
    line: int = 0                        # its first line ('#|' only)

    def add(self, keyword: str, value: str) -> None:
        self.last = keyword
        if keyword == "msgctxt":
            self.context = value
        else:
            self.msgids.append(value)

    def extend(self, value: str) -> None:
        if self.last == "msgctxt":
            self.context += value
        else:
            self.msgids[-1] += value


class _Reader:
    """`syntax_check`'s state machine, a method per kind of line: the entries read, the one being
    read, and what comes before the next one ('#|' previous msgids, '#,' flags, '#.' comments)."""

    def __init__(self, path: Path) -> None:
        self.path, self.name = path, str(path)
        self.entries: list[PoEntry] = []
        self.current: PoEntry | None = None
        self.previous = _Previous()                 # '#|' lines
        self.obsolete_previous = _Previous()        # '#~|' lines (an obsolete entry's)
        self.first = 0                      # the first line of the comments of the next entry
        self.flags: list[str] = []          # and its '#,' flags and '#.' comments
        self.extracted: list[str] = []

    def read(self, text: str) -> list[PoEntry]:
        """The entries of the file's text, each checked as its last line is read."""
        for n, raw in enumerate(text.split("\n"), 1):
            self.line(n, raw)
        self.finish()
        if self.previous.last:
            raise self.error("'#|' with no entry after it", self.previous.line,
                             hint="'#|' lines come right before an entry's msgctxt or msgid")
        return self.entries

    def error(self, message: str, n: int, hint: str | None = None) -> CompendiumError:
        return CompendiumError(f"{SYNTAX}: {message}", self.name, n, hint=hint)

    def line(self, n: int, raw: str) -> None:
        """One line: a comment, a previous msgid, or a keyword or string (obsolete after '#~')."""
        if "\r" in raw[:-1]:                                 # editors and readers disagree on a lone CR
            raise self.error("a carriage return (CR) inside a line", n,
                             hint="save the file with LF (or CRLF) line ends; write \\r inside a string")
        line = raw.strip()
        if not line:
            return
        if line.startswith("#") and not _COMMENT.match(line):
            raise self.error(f"{line[:2]!r} with no space after it", n,
                             hint="a comment is '# text'; the markers are '#,' '#.' '#:' '#|' '#~' "
                                  "followed by a space")
        obsolete = line.startswith("#~")
        if line.startswith("#") and not obsolete:
            self.comment(n, line)
            return
        if obsolete:
            if self.previous.last:
                raise self.error("'#|' before an obsolete (#~) entry", n,
                                 hint="an obsolete entry's previous msgid is written '#~| msgid \"…\"'")
            if line.startswith("#~|"):
                self.obsolete_previous_line(n, line[3:].strip())
                return
            line = line[2:].strip()
            if line.startswith(("|", "#")):
                raise self.error(f"unexpected {line[:1]!r} after '#~ '", n,
                                 hint="an obsolete entry's previous msgid is written '#~| msgid \"…\"'")
        m = _KEYWORD.match(line)
        if m is None:
            self.string(n, line, obsolete)
        else:
            self.keyword(n, m, obsolete)

    def comment(self, n: int, line: str) -> None:
        """A comment of the next entry; any but '#|' ends the entry before it."""
        if line not in ("#.", "#:", "#,"):                  # (a bare marker is no line of an entry)
            self.first = self.first or n
        if line.startswith("#,") and len(line) > 2:
            self.flags += [f.strip() for f in line[3:].split(",")]
        elif line.startswith("#.") and len(line) > 2:
            self.extracted.append(line[3:])
        if line.startswith("#|"):
            self.previous_line(n, line[2:].strip())
            return
        if self.previous.last:
            raise self.error("a comment between '#|' and its msgid", n,
                             hint="'#|' lines come last, right before the entry's msgctxt or msgid")
        if self.current is not None and not self.current.strings:
            raise self.no_msgstr(self.current)
        self.finish()

    def previous_line(self, n: int, body: str) -> None:
        """A '#|' line: the previous msgid of the next entry, or the string it continues."""
        m = _KEYWORD.match(body)
        if m and m.group(1) in _PREVIOUS:
            if self.current is not None and self.current.strings:
                self.finish()
            self.previous.add(m.group(1), _unquote(m.group(3).strip(), self.path, n))
            self.previous.line = self.previous.line or n
        elif body.startswith('"') and self.previous.last:
            self.previous.extend(_unquote(body, self.path, n))
        else:
            raise self.error(f"unexpected text {body[:40]!r} after '#|'", n,
                             hint="'#|' lines hold the previous msgid: #| msgid \"…\"")

    def obsolete_previous_line(self, n: int, body: str) -> None:
        """A '#~|' line: the previous msgid of an obsolete entry, or the string it continues."""
        m = _KEYWORD.match(body)
        value = _unquote(m.group(3).strip() if m else body, self.path, n)
        if m and m.group(1) in _PREVIOUS:
            self.obsolete_previous.add(m.group(1), value)
        elif self.obsolete_previous.last:
            self.obsolete_previous.extend(value)

    def string(self, n: int, line: str, obsolete: bool) -> None:
        """A '"…"' line: the rest of the string of the keyword before it."""
        if not line.startswith('"'):
            raise self.error(f"unexpected text {line[:40]!r}", n,
                             hint="each line is a #comment, a msgid/msgstr keyword or a \"quoted\" string")
        value = _unquote(line, self.path, n)
        entry = self.current
        if entry is None or not entry.last:
            raise self.error("a string that belongs to no msgid or msgstr", n)
        self.same_kind(entry, obsolete, n)
        if entry.last == "msgctxt":
            entry.context += value
        elif entry.last == "msgid":
            entry.msgid += value
        elif entry.last == "msgid_plural":
            entry.plural += value
        else:
            entry.strings[max(entry.strings)] += value

    def keyword(self, n: int, m: re.Match, obsolete: bool) -> None:
        """A msgctxt, msgid, msgid_plural, msgstr or msgstr[n] line (msgctxt and msgid may start an entry)."""
        keyword, index, value = m.group(1), m.group(2), _unquote(m.group(3).strip(), self.path, n)
        if keyword in ("msgctxt", "msgid"):
            self.begin(keyword, n, obsolete)
        entry = self.current
        if entry is None:
            raise self.error(f"{keyword} without msgid", n, hint="an entry is [msgctxt] msgid then msgstr")
        self.same_kind(entry, obsolete, n)
        if keyword == "msgctxt":
            entry.context = value
        elif keyword == "msgid":
            entry.msgid = value
        elif keyword == "msgid_plural":
            if entry.msgid is None or entry.plural is not None or entry.strings:
                raise self.error("msgid_plural out of place", n,
                                 hint="msgid_plural follows the msgid, before msgstr[0]")
            entry.plural = value
        else:
            self.msgstr(entry, keyword, index, value, n)
        entry.last = keyword

    def begin(self, keyword: str, n: int, obsolete: bool) -> None:
        """At a msgctxt or msgid: the entry before it ends if it is complete, and a new one starts
        with the comments and previous msgid read since."""
        current = self.current
        if current is not None and (current.strings or keyword == "msgctxt" or current.msgid is not None):
            self.finish()
        if self.current is not None:
            return
        previous = self.obsolete_previous if obsolete else self.previous
        self.current = PoEntry(n, obsolete, previous=previous.msgids, previous_context=previous.context,
                               first=self.first or n, flags=self.flags, extracted=self.extracted)
        if not obsolete:
            self.previous = _Previous()
        self.obsolete_previous = _Previous()
        self.first, self.flags, self.extracted = 0, [], []

    def msgstr(self, entry: PoEntry, keyword: str, index: str | None, value: str, n: int) -> None:
        """msgstr (a singular entry's) or msgstr[n] (in order, after msgid_plural)."""
        if entry.msgid is None:
            raise self.error(f"{keyword} without msgid", n)
        if index is None:
            if entry.plural is not None:
                raise self.error("an entry with msgid_plural needs msgstr[0], msgstr[1] …", n)
            if entry.strings:
                raise self.error("a second msgstr for the same msgid", n, hint="keep one of them")
            entry.strings[0] = value
        else:
            if entry.plural is None:
                raise self.error(f"{keyword} without msgid_plural", n,
                                 hint="a singular entry has one plain msgstr")
            if int(index) != len(entry.strings):
                raise self.error(f"{keyword} out of order (expected msgstr[{len(entry.strings)}])", n)
            entry.singular = False
            entry.strings[int(index)] = value

    def same_kind(self, entry: PoEntry, obsolete: bool, n: int) -> None:
        if entry.obsolete != obsolete:
            raise self.error("an entry mixes obsolete (#~) and active lines", n)

    def no_msgstr(self, entry: PoEntry) -> CompendiumError:
        return self.error("msgid without msgstr", entry.line,
                          hint="every msgid is followed by its msgstr (\"\" when untranslated)")

    def finish(self) -> None:
        """The entry being read is complete (msgid and msgstr) and joins the others."""
        entry = self.current
        if entry is not None:
            if entry.msgid is None:
                raise self.error("msgctxt without msgid", entry.line)
            if not entry.strings:
                raise self.no_msgstr(entry)
            self.entries.append(entry)
        self.current = None


def syntax_check(path: Path, lang: str | None = None) -> list[PoEntry]:
    """Reject what msgfmt rejects but Babel and polib read silently or differently, with the line.

    Syntax (unterminated strings, stray words, unknown escapes, a msgid without msgstr, msgstr[n]
    out of order), duplicate entries, the header (present, 'Name: value' lines, UTF-8 charset) and,
    for a language's catalogue (`lang`), its `Language` and the plural forms of each entry. A broken
    catalogue is thus never half-read, used or rewritten. Returns the entries as spelled.
    """
    entries = _Reader(path).read(_read_text(path))
    check_entries(entries, path, lang)
    return entries
