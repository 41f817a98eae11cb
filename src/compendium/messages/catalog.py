"""Catalogues: write the POT with Babel, merge it into each language's .po, read translations back."""
from __future__ import annotations

import io
import re
from datetime import datetime, timezone
from dataclasses import dataclass
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import PoFileError, generate_po, normalize, read_po

from .. import atomic
from ..errors import CompendiumError

DOMAIN = "compendium"
PROJECT = "Technical Assistance Compendium"
WIDTH = 76                                     # pybabel's wrapping


def po_path(locales: Path, lang: str) -> Path:
    return Path(locales) / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def extract(project: Path, mapping: Path, version: str) -> Catalog:
    """Run Babel's extraction over `project` with the babel.cfg `mapping`, as `pybabel extract` does."""
    try:
        with open(mapping, encoding="utf-8") as f:
            method_map, options_map = parse_mapping_cfg(f, str(mapping))
    except FileNotFoundError:
        raise CompendiumError("extraction map not found", str(mapping),
                              hint="run from the project folder (babel.cfg) or pass --mapping") from None
    catalog = Catalog(project=PROJECT, version=version, copyright_holder="United Nations",
                      msgid_bugs_address="", charset="utf-8")
    for filename, line, message, comments, context in extract_from_dir(
            str(project), method_map, options_map, keywords=DEFAULT_KEYWORDS):
        catalog.add(message, None, [(filename, line)], auto_comments=comments, context=context)
    return catalog


def _po_bytes(catalog: Catalog, include_previous: bool = False) -> bytes:
    """The catalogue as pybabel writes it, with `#| msgid` previous strings when asked.

    Babel (2.18) wraps a long previous msgid into an unparseable comment ('#| msgid "" "…'), so those
    lines are written here the way msgmerge writes them: the normalized string, each line after '#| '.
    """
    previous = iter([m.previous_id[0] for m in catalog if m.id and m.previous_id] if include_previous else [])
    out: list[str] = []
    in_block = False
    for line in generate_po(catalog, width=WIDTH, include_previous=include_previous):
        if line.startswith("#|"):
            if not in_block:
                lines = normalize(next(previous), width=WIDTH).splitlines()
                out.append(f"#| msgid {lines[0]}\n")
                out += [f"#| {x}\n" for x in lines[1:]]
            in_block = True
            continue
        in_block = False
        out.append(line)
    return "".join(out).encode(catalog.charset, "backslashreplace")


def _undated(po: bytes) -> bytes:
    return re.sub(rb'"POT-Creation-Date: [^"]*"', b"", po)


def write_pot(catalog: Catalog, path: Path) -> bool:
    """Write the POT atomically; False (and nothing written) when only its date would change."""
    data = _po_bytes(catalog)
    if path.is_file() and _undated(path.read_bytes()) == _undated(data):
        return False
    atomic.write_bytes(path, data)
    return True


_KEYWORD = re.compile(r'(msgctxt|msgid|msgid_plural|msgstr(\[\d+\])?)\s+(".*)$')
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"$')


def syntax_check(path: Path) -> None:
    """Reject what msgfmt rejects but Babel and polib read silently (an unterminated string, a stray
    word): raise CompendiumError with the line, so a broken catalogue is never half-read and rewritten."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise CompendiumError("file not found", str(path)) from None
    except UnicodeDecodeError as exc:
        raise CompendiumError(f"not UTF-8 text ({exc.reason} at byte {exc.start})", str(path),
                              hint="save the catalogue as UTF-8") from None
    for n, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or (line.startswith("#") and not line.startswith("#~")):
            continue
        if line.startswith("#~"):
            line = line[2:].strip()
            if line.startswith("|"):
                line = line[1:].strip()
        m = _KEYWORD.match(line)
        string = m.group(3).strip() if m else line
        if not string.startswith('"'):
            raise CompendiumError(f"not a valid PO file: unexpected text {line[:40]!r}", str(path), n,
                                  hint="each line is a #comment, a msgid/msgstr keyword or a \"quoted\" string")
        if not _STRING.match(string):
            raise CompendiumError("not a valid PO file: string not closed on this line", str(path), n,
                                  hint='end it with " (a quote inside the text is written \\")')


def read_catalog(path: Path, lang: str | None = None) -> Catalog:
    """Parse a .po/.pot strictly: a syntax error becomes file:line: what is wrong."""
    syntax_check(path)
    try:
        with open(path, "rb") as f:
            return read_po(f, locale=lang, domain=DOMAIN, abort_invalid=True)
    except FileNotFoundError:
        raise CompendiumError("file not found", str(path)) from None
    except PoFileError as exc:
        raise CompendiumError(f"not a valid PO file: {exc}", str(path), exc.lineno or None,
                              hint="fix the entry (msgfmt -c shows the same) or restore it from git") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise CompendiumError(f"not a valid PO file: {exc}", str(path),
                              hint="the file must be UTF-8 with a gettext header") from None


@dataclass
class UpdateResult:
    lang: str
    path: Path
    created: bool
    fuzzy: int          # entries newly marked fuzzy by this update
    obsolete: int       # entries newly made obsolete
    revived: int        # obsolete entries brought back because their English returned


def update(pot: Path, locales: Path, lang: str) -> UpdateResult:
    """Merge the POT into the language's catalogue, as `pybabel update --previous` / msgmerge.

    A changed English text keeps its translation as fuzzy with `#| msgid` (the previous English),
    a removed one becomes obsolete (`#~`), an obsolete one whose English returns is restored.
    No translation is ever dropped.
    """
    template = read_catalog(pot)
    path = po_path(locales, lang)
    created = not path.exists()
    if created:
        catalog = Catalog(locale=lang, domain=DOMAIN, project=template.project, version=template.version,
                          copyright_holder="United Nations", charset="utf-8", fuzzy=False,
                          language_team=f"{Locale.parse(lang).english_name} <>",
                          last_translator="Working translation, to be replaced by UN translators <>",
                          revision_date=datetime.now(timezone.utc), header_comment=_header_comment(lang))
    else:
        catalog = read_catalog(path, lang)
    before_fuzzy = {m.id for m in catalog if m.id and m.fuzzy}
    before_obsolete = set(catalog.obsolete)
    revived = 0
    for message in template:                      # msgmerge revives obsolete entries; Babel does not
        key = (message.id, message.context) if message.context else message.id
        old = catalog.obsolete.get(key)
        if message.id and old is not None and key not in catalog:
            del catalog.obsolete[key]
            catalog[message.id] = old
            revived += 1
    catalog.update(template, update_header_comment=False)
    result = UpdateResult(lang, path, created,
                          sum(1 for m in catalog if m.id and m.fuzzy and m.id not in before_fuzzy),
                          len(set(catalog.obsolete) - before_obsolete), revived)
    atomic.write_bytes(path, _po_bytes(catalog, include_previous=True))
    return result


def _header_comment(lang: str) -> str:
    name = Locale.parse(lang).english_name
    return (f"# {name} translation of the Technical Assistance Compendium.\n"
            "# Copyright (C) United Nations\n"
            "# This file is distributed under the same license as the compendium project.\n"
            "#")


def translations(locales: Path, lang: str) -> dict[tuple[str | None, str], str]:
    """The usable translations of a language: translated, non-fuzzy entries, by (msgctxt, msgid)."""
    path = po_path(locales, lang)
    if lang == "en" or not path.exists():
        return {}
    catalog = read_catalog(path, lang)
    return {(m.context, m.id): m.string for m in catalog
            if m.id and isinstance(m.string, str) and m.string and not m.fuzzy}
