"""`compendium check`: per language, the msgfmt figures, what is missing and what is wrong."""
from __future__ import annotations

import json
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

import polib

from ..errors import CompendiumError
from .catalog import po_path, syntax_check
from .checkers import check_message, quotation


@dataclass
class Finding:
    where: str          # place in the book: "A.VII.26", "running head (running_head.index)"
    po_line: int        # line of the entry in the .po
    msgid: str          # the English
    problem: str = ""   # for errors
    state: str = ""     # for missing entries: "untranslated" | "fuzzy"


@dataclass
class LanguageReport:
    lang: str
    path: str
    total: int = 0
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    obsolete: int = 0
    errors: list[Finding] = field(default_factory=list)
    missing: list[Finding] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.errors and not self.missing

    def figures(self) -> dict:
        d = asdict(self)
        del d["lang"], d["path"]
        return d


def load_po(path: Path, lang: str | None = None) -> polib.POFile:
    """Read a catalogue with polib; a syntax error becomes file:line: what is wrong.

    With `lang`, the header must also say that language (see catalog.syntax_check).
    """
    path = Path(path)
    if not path.is_file():
        raise CompendiumError("no catalogue", str(path), hint="run `compendium extract` then `compendium update`")
    syntax_check(path, lang)
    try:
        lines = path.read_bytes().split(b"\n")
        trailing = False
        while lines and (not lines[-1].strip() or _comment(lines[-1])):
            if _comment(lines.pop()):
                trailing = True
        if trailing and lines:       # polib drops the last entry of a file that ends with a comment:
            with tempfile.TemporaryDirectory() as tmp:         # read it without the trailing comments
                trimmed = Path(tmp) / path.name
                trimmed.write_bytes(b"\n".join(lines) + b"\n")
                return polib.pofile(str(trimmed), wrapwidth=76)
        return polib.pofile(str(path), wrapwidth=76)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        text = str(exc)
        line = None
        if "(line " in text:
            try:
                line = int(text.rsplit("(line ", 1)[1].split(")")[0])
            except ValueError:
                pass
        raise CompendiumError(f"not a valid PO file: {text}", str(path), line,
                              hint="fix the entry (msgfmt -c shows the same) or restore it from git") from None


def _comment(line: bytes) -> bool:
    line = line.strip()
    return line.startswith(b"#") and (not line.startswith(b"#~") or line.startswith(b"#~|"))


def _where(entry: polib.POEntry) -> str:
    lines = [c for c in entry.comment.splitlines() if c.strip()]
    if not lines:
        return ""
    return lines[0] if entry.msgctxt else ", ".join(lines)


def _quotes(locales: Path, lang: str) -> str:
    """The quotation marks of a language ([typography] quotes of its style.toml; "" when unset)."""
    from ..localize.conventions import load_style
    try:
        return str(load_style(lang, locales).typography.get("quotes", ""))
    except CompendiumError:          # no style.toml for this catalogue: no rule
        return ""


def check_language(locales: Path, lang: str, extra=None) -> LanguageReport:
    """The report of one catalogue: counts as `msgfmt --statistics`, missing entries, errors.

    `extra(entry) -> list[str]` adds checks (the glossary's terminology check).
    """
    path = po_path(locales, lang)
    po = load_po(path, lang)
    r = LanguageReport(lang, str(path))
    quotes = _quotes(locales, lang)
    for e in po:
        if e.obsolete:
            r.obsolete += 1
            continue
        r.total += 1
        where = _where(e)
        if e.fuzzy:
            r.fuzzy += 1
            r.missing.append(Finding(where, e.linenum, e.msgid, state="fuzzy"))
        elif not e.msgstr:
            r.untranslated += 1
            r.missing.append(Finding(where, e.linenum, e.msgid, state="untranslated"))
        else:
            r.translated += 1
            problems = check_message(e.msgid, e.msgstr, bool(e.msgctxt)) + quotation(e.msgstr, quotes)
            if extra:
                problems += extra(e)
            r.errors += [Finding(where, e.linenum, e.msgid, problem=p) for p in problems]
    return r


def _bar(done: int, total: int, width: int = 20) -> str:
    filled = round(width * done / total) if total else width
    return "█" * filled + "░" * (width - filled)


def _pct(n: int, total: int) -> str:
    return f"{100 * n / total:5.1f}%" if total else "  -  "


def _short(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render_text(reports: list[LanguageReport], summary_only: bool = False) -> str:
    """A summary table per language, then each problem with its book reference, file:line and English."""
    out = [f"{'lang':4} {'total':>5} {'translated':>16} {'fuzzy':>5} {'untransl.':>9} {'obsolete':>8} "
           f"{'errors':>6}  progress"]
    for r in reports:
        out.append(f"{r.lang:4} {r.total:5} {r.translated:7} {_pct(r.translated, r.total):>8} {r.fuzzy:5} "
                   f"{r.untranslated:9} {r.obsolete:8} {len(r.errors):6}  {_bar(r.translated, r.total)}"
                   f"  {'ready' if r.clean else 'not ready'}")
    if summary_only:
        return "\n".join(out) + "\n"
    for r in reports:
        if r.clean:
            continue
        out.append("")
        out.append(f"== {r.lang}: {len(r.errors)} error(s), {len(r.missing)} missing — {r.path}")
        for f in r.errors:
            out.append(f"{r.path}:{f.po_line}: [{f.where}] {f.problem}")
            out.append(f"    English: {_short(f.msgid)}")
        for f in r.missing:
            out.append(f"{r.path}:{f.po_line}: [{f.where}] {f.state}")
            out.append(f"    English: {_short(f.msgid)}")
    return "\n".join(out) + "\n"


def render_json(reports: list[LanguageReport]) -> str:
    data = {"languages": {r.lang: {
        **{k: v for k, v in r.figures().items() if k not in ("errors", "missing")},
        "errors": [{"where": f.where, "po_line": f.po_line, "msgid": f.msgid, "problem": f.problem}
                   for f in r.errors],
        "missing": [{"where": f.where, "po_line": f.po_line, "msgid": f.msgid, "state": f.state}
                    for f in r.missing]} for r in reports}}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
