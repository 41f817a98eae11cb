"""Reading and writing PO and POT files: the one reader of a catalogue (`read`, `read_catalog`: the
strict syntax check, then Babel) and the writer (`po_bytes`: as pybabel writes it, with what Babel
drops given back; `write_pot`, `write_if_changed`)."""
from __future__ import annotations

import io
from pathlib import Path

from babel import UnknownLocaleError
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, escape, generate_po, read_po

from .. import atomic
from ..errors import CompendiumError
from .files import DOMAIN
from .kept import Kept, previous_lines
from .syntax import SYNTAX, PoEntry, syntax_check

WIDTH = 76                                     # pybabel's wrapping


def po_bytes(catalog: Catalog, include_previous: bool = False, kept: Kept | None = None) -> bytes:
    """The catalogue as pybabel writes it, with `#| msgid` previous strings when asked, and what
    Babel drops (`kept`: unknown header fields, `#| msgctxt`, `#~|`, obsolete entries' flags).

    Babel (2.18) wraps a long previous msgid into an unparseable comment ('#| msgid "" "…'), so those
    lines are written here the way msgmerge writes them: the normalized string, each line after '#| '.
    """
    kept = kept or Kept()
    previous = iter([(kept.previous_context.get(babel_key(m)), m.previous_id)
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


def babel_key(message: Message) -> str | tuple[str, str]:
    """The key of a message in Babel's Catalog (and in its `obsolete`): the msgid, with its msgctxt if any."""
    return (message.id, message.context) if message.context else message.id


def _messages(po: bytes) -> bytes:
    """A PO file without its header entry: what a change of date, year or Babel version leaves alone."""
    return po.split(b"\n\n", 1)[-1]


def write_if_changed(path: Path, data: bytes, option: str) -> bool:
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
    return write_if_changed(path, po_bytes(catalog), "--output")


def read_catalog(path: Path, lang: str | None = None) -> Catalog:
    """Parse a .po/.pot strictly: every problem becomes file:line: what is wrong, what to do.

    Babel reads '#| msgid' lines as translator comments; they are set aside here and given back as
    the messages' previous_id, so an entry still fuzzy keeps its previous English.
    """
    return read(path, lang)[0]


def read(path: Path, lang: str | None) -> tuple[Catalog, list[PoEntry]]:
    """The catalogue as Babel reads it and its entries as the file spells them (syntax.PoEntry)."""
    entries = syntax_check(path, lang)
    lines = Path(path).read_bytes().split(b"\n")
    for i, raw in enumerate(lines):
        stripped = raw.strip()
        if stripped.startswith((b"#|", b"#~|")):
            lines[i] = b""                  # (a blank line keeps the line numbers)
    try:
        catalog = read_po(io.BytesIO(b"\n".join(lines)), locale=lang, domain=DOMAIN, abort_invalid=True)
    except PoFileError as exc:
        raise CompendiumError(f"{SYNTAX}: {exc}", str(path), exc.lineno + 1 if exc.lineno is not None else None,
                              hint="fix the entry (msgfmt -c shows the same)") from None
    except (ValueError, LookupError, UnicodeDecodeError, UnknownLocaleError) as exc:
        raise CompendiumError(f"{SYNTAX}: {exc}", str(path),
                              hint="the file must be UTF-8 with a gettext header") from None
    for e in entries:
        if e.previous and not e.obsolete:
            message = catalog.get(e.msgid, e.context)
            if message is not None:
                message.previous_id = list(e.previous)
    return catalog, entries
