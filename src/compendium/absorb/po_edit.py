"""Replace msgstr entries of a catalogue and nothing else.

The entry (found by its msgid, no msgctxt) keeps its comments, references and place; its msgstr is
rewritten as pybabel writes it (76 columns), a translator comment records the editor's DOCX, and the
fuzzy flag is set when the policy says so (see plan.py). Every other byte of the file is kept.
"""
from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from babel.messages.pofile import normalize

from ..errors import CompendiumError
from ..messages.pofile import WIDTH, read_catalog
from .yaml_edit import Hunk, trimmed

COMMENT = "# from editor's DOCX"
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"'}


@dataclass
class PoChange:
    msgid: str
    msgstr: str
    fuzzy: bool
    docx: str


def _unquote(s: str) -> str:
    s = s.strip()[1:-1]
    out, i = [], 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s):
            out.append(_ESCAPES.get(s[i + 1], s[i + 1]))
            i += 2
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


def _entries(lines: list[str]) -> list[tuple[int, int]]:
    """(first, last+1) line indexes of each entry: runs of non-blank lines."""
    out, start = [], None
    for i, line in enumerate(lines + [""]):
        if line.strip() and start is None:
            start = i
        elif not line.strip() and start is not None:
            out.append((start, i))
            start = None
    return out


def _fields(lines: list[str]) -> dict[str, tuple[str, int, int]]:
    """keyword -> (value, first line, last line + 1) within one entry."""
    out: dict[str, tuple[str, int, int]] = {}
    current = None
    for i, line in enumerate(lines):
        s = line.strip()
        if s.startswith("#"):
            current = None
            continue
        keyword, _, rest = s.partition(" ")
        if keyword in ("msgctxt", "msgid", "msgid_plural", "msgstr") or keyword.startswith("msgstr["):
            current = keyword
            out[keyword] = (_unquote(rest), i, i + 1)
        elif s.startswith('"') and current:
            value, first, _ = out[current]
            out[current] = (value + _unquote(s), first, i + 1)
    return out


def edit_catalog(text: str, changes: list[PoChange], name: str, lang: str) -> tuple[str, dict[str, Hunk]]:
    """`text` with the changes applied, and the changed lines of each entry, by msgid."""
    lines = text.split("\n")
    by_msgid = {c.msgid: c for c in changes}
    done: set[str] = set()
    pieces: list[list[str]] = []
    hunks: dict[str, Hunk] = {}
    last = 0
    for start, end in _entries(lines):
        block = lines[start:end]
        if block[0].startswith("#~"):
            continue
        fields = _fields(block)
        if "msgctxt" in fields or "msgid" not in fields or "msgstr" not in fields:
            continue
        change = by_msgid.get(fields["msgid"][0])
        if change is None:
            continue
        new_block = _rewrite(block, fields, change)
        pieces.append(lines[last:start])
        pieces.append(new_block)
        hunks[change.msgid] = trimmed(Hunk(start + 1, block, new_block))
        last = end
        done.add(change.msgid)
    pieces.append(lines[last:])
    missing = [c.msgid for c in changes if c.msgid not in done]
    if missing:
        raise CompendiumError(f"no entry for msgid {missing[0][:50]!r}", name, hint="run `compendium update`, then absorb again")
    result = "\n".join(line for piece in pieces for line in piece)
    _check(result, changes, name, lang)
    return result, hunks


def _rewrite(block: list[str], fields: dict, change: PoChange) -> list[str]:
    _, first, after = fields["msgstr"]
    keywords_at = min(v[1] for v in fields.values())
    comments = [c for c in block[:keywords_at] if not c.startswith(COMMENT)]
    translator = [c for c in comments if c == "#" or c.startswith("# ")]
    others = [c for c in comments if c not in translator]
    flags_line = next((c for c in others if c.startswith("#, ")), None)
    flags = [f.strip() for f in flags_line[3:].split(",")] if flags_line else []
    if change.fuzzy and "fuzzy" not in flags:
        flags.insert(0, "fuzzy")
    if not change.fuzzy and "fuzzy" in flags:
        flags.remove("fuzzy")
        others = [c for c in others if not c.startswith("#|")]
    flag_text = f"#, {', '.join(flags)}" if flags else None
    if flags_line is not None:
        at = others.index(flags_line)
        if flag_text:
            others[at] = flag_text
        else:
            del others[at]
    elif flag_text:
        at = next((n for n, c in enumerate(others) if c.startswith("#|")), len(others))
        others.insert(at, flag_text)
    msgstr = f"msgstr {normalize(change.msgstr, width=WIDTH)}".split("\n")
    return (translator + [f"{COMMENT} {change.docx}"] + others + block[keywords_at:first] + msgstr
            + block[after:])


def _check(result: str, changes: list[PoChange], name: str, lang: str) -> None:
    """The written catalogue must read back (msgfmt's rules) with the new translations."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "compendium.po"
        path.write_text(result, encoding="utf-8")
        try:
            catalog = read_catalog(path, lang)
        except CompendiumError as exc:
            raise CompendiumError(f"writing the change would break the catalogue ({exc.message}); nothing was "
                                  "written", name) from None
    for c in changes:
        m = catalog.get(c.msgid)
        if m is None or m.string != c.msgstr or bool(m.fuzzy) != c.fuzzy:
            raise CompendiumError("the new translation does not read back from the catalogue; nothing was written",
                                  name)
