"""What a catalogue holds that Babel's Catalog does not model, kept by `update` as msgmerge keeps it."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from babel.messages.pofile import normalize

if TYPE_CHECKING:
    from .syntax import PoEntry


@dataclass
class Kept:
    """What a catalogue holds that Babel's Catalog drops, given back when `update` writes it:
    header fields Babel does not know (Poedit's `X-Generator`, Weblate's `X-…`), the previous
    msgctxt of a fuzzy entry (`#| msgctxt`) and the previous strings of obsolete ones (`#~|`)."""
    headers: list[str] = field(default_factory=list)                       # "X-Generator: Poedit 3.4"
    previous_context: dict = field(default_factory=dict)                   # message key -> '#| msgctxt'
    obsolete_previous: dict = field(default_factory=dict)                  # key -> (msgctxt, [msgid …])


_BABEL_HEADERS = {"project-id-version", "report-msgid-bugs-to", "pot-creation-date", "po-revision-date",
                  "last-translator", "language", "language-team", "plural-forms", "mime-version",
                  "content-type", "content-transfer-encoding", "generated-by"}


def kept_from(entries: list[PoEntry]) -> Kept:
    kept = Kept()
    header = next((e for e in entries if not e.obsolete and e.msgid == "" and e.context is None), None)
    if header is not None:
        kept.headers = [line for line in header.strings[0].split("\n")
                        if line.strip() and line.partition(":")[0].strip().lower() not in _BABEL_HEADERS]
    for e in entries:
        key = (e.msgid, e.context) if e.context else e.msgid
        if e.obsolete and e.previous:
            kept.obsolete_previous[key] = (e.previous_context, list(e.previous))
        elif e.previous_context is not None:
            kept.previous_context[key] = e.previous_context
    return kept


def previous_lines(prefix: str, context: str | None, ids: list[str], width: int) -> list[str]:
    """'#| msgctxt …', '#| msgid …' lines as msgmerge writes them (the normalized string, each line
    after the prefix)."""
    out = []
    for keyword, value in ([("msgctxt", context)] if context is not None else []) + list(
            zip(("msgid", "msgid_plural"), ids)):
        lines = normalize(value, width=width).splitlines()
        out.append(f"{prefix} {keyword} {lines[0]}\n")
        out += [f"{prefix} {x}\n" for x in lines[1:]]
    return out
