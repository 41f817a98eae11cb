"""`compendium check`: per language, the msgfmt figures, what is missing and what is wrong."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import polib

from ..errors import CompendiumError
from .checkers import check_message, quotation
from .files import po_path
from .pofile import read, read_catalog
from .step import Key, Standing, standing


@dataclass
class Finding:
    where: str          # place in the book: "A.VII.26", "running head (running_head.index)"
    po_line: int        # line of the entry in the .po (0: the catalogue has no entry)
    msgid: str          # the English
    problem: str = ""   # for errors
    state: str = ""     # for missing entries: "untranslated" | "fuzzy"; out of step: "not in the
                        # catalogue" | "not in the text"
    kind: str = ""      # for missing entries: "new" | "changed" | "suggested" | "fuzzy" (see below)
    previous: str = ""  # for changed and suggested ones: the English the translation was made for
    msgctxt: str | None = None


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
    template: int | None = None      # messages of the text now (None: not compared)
    in_english: int | None = None    # of those, shown in English by a build (the draft note's figure)
    out_of_step: list[Finding] = field(default_factory=list)
    hint: str = ""                   # what to run when out of step
    editions: dict[str, dict[str, int]] = field(default_factory=dict)   # per edition: its "messages" and,
                                     # of those, "in_english" (the figures of that edition's draft note)

    @property
    def clean(self) -> bool:
        return not self.errors and not self.missing and not self.out_of_step

    def figures(self) -> dict:
        d = asdict(self)
        del d["lang"], d["path"]
        return d


def load_po(path: Path, lang: str | None = None) -> list[polib.POEntry]:
    """A catalogue's entries as `check` sees them, in file order without the header, read by the one
    reader (pofile.read: the strict syntax check, then Babel; a problem is file:line: what is wrong),
    as polib's entries, the type the glossary check takes; `linenum` is the entry's first line.

    With `lang`, the header must also say that language (see syntax.syntax_check).
    """
    path = Path(path)
    if path.is_dir():
        raise CompendiumError("a folder stands where the catalogue file goes", str(path),
                              hint=f"remove or rename the folder {path.name}/")
    if not path.is_file():
        raise CompendiumError("no catalogue", str(path), hint="run `compendium extract` then `compendium update`")
    entries = read(path, lang)[1]
    header = next(e for e in entries if not e.obsolete)
    return [polib.POEntry(msgctxt=e.context, msgid=e.msgid, msgstr=e.strings[0] if e.singular else "",
                          obsolete=e.obsolete, flags=e.flags, comment="\n".join(e.extracted),
                          previous_msgid=e.previous[0] if e.previous else None, linenum=e.first)
            for e in entries if e is not header]


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


def check_language(locales: Path, lang: str, extra=None, messages: dict[Key, str] | None = None,
                   pot: Path | None = None, editions: dict[str, set[Key]] | None = None) -> LanguageReport:
    """The report of one catalogue: counts as `msgfmt --statistics`, missing entries, errors.

    `extra(entry) -> list[str]` adds checks (the glossary's terminology check). With `messages`
    (step.template: the text as it is now), the catalogue is also compared with them (out of step),
    and with `pot` the hint says whether `extract` must run before `update`; with `editions`
    (step.edition_templates) the figures of each edition's draft note are counted too.

    A missing entry is *new* (untranslated), *changed* (fuzzy; its previous English `#| msgid` is
    no longer in the catalogue: that text was edited), *suggested* (fuzzy; the translation of a
    similar text that is still in the book, offered by `update`) or *fuzzy* (marked by hand).
    """
    path = po_path(locales, lang)
    po = load_po(path, lang)
    r = LanguageReport(lang, str(path))
    active = {(e.msgctxt, e.msgid) for e in po if not e.obsolete}
    quotes = _quotes(locales, lang)
    for e in po:
        if e.obsolete:
            r.obsolete += 1
            continue
        r.total += 1
        where = _where(e)
        if e.fuzzy:
            r.fuzzy += 1
            previous = e.previous_msgid or ""
            kind = ("fuzzy" if not previous else "suggested" if (e.msgctxt, previous) in active else "changed")
            r.missing.append(Finding(where, e.linenum, e.msgid, state="fuzzy", kind=kind, previous=previous,
                                     msgctxt=e.msgctxt))
        elif not e.msgstr:
            r.untranslated += 1
            r.missing.append(Finding(where, e.linenum, e.msgid, state="untranslated", kind="new", msgctxt=e.msgctxt))
        else:
            r.translated += 1
            problems = check_message(e.msgid, e.msgstr, bool(e.msgctxt)) + quotation(e.msgstr, quotes)
            if extra:
                problems += extra(e)
            r.errors += [Finding(where, e.linenum, e.msgid, problem=p, msgctxt=e.msgctxt) for p in problems]
    if messages is not None:
        st = standing(messages, locales, lang)
        _compare(r, po, st, messages, pot)
        r.editions = {name: {"messages": len(keys), "in_english": sum(k in keys for k in st.english)}
                      for name, keys in (editions or {}).items()}
    return r


def _compare(r: LanguageReport, po: list[polib.POEntry], st: Standing, messages: dict[Key, str],
             pot: Path | None) -> None:
    lines = {(e.msgctxt, e.msgid): e for e in po if not e.obsolete}
    r.template, r.in_english = len(messages), len(st.english)
    r.out_of_step = [Finding(messages[k], 0, k[1], state="not in the catalogue", msgctxt=k[0]) for k in st.missing]
    r.out_of_step += [Finding(_where(lines[k]), lines[k].linenum, k[1], state="not in the text", msgctxt=k[0])
                      for k in st.extra]
    if r.out_of_step:
        stale_pot = pot is not None and (not pot.is_file() or {
            (m.context, m.id) for m in read_catalog(pot) if m.id} != set(messages))
        r.hint = (f"run `compendium extract`, then `compendium update --lang {r.lang}`" if stale_pot
                  else f"run `compendium update --lang {r.lang}`")


def _bar(done: int, total: int, width: int = 20) -> str:
    filled = round(width * done / total) if total else width
    return "█" * filled + "░" * (width - filled)


def _pct(n: int, total: int) -> str:
    return f"{100 * n / total:5.1f}%" if total else "  -  "


def _short(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


_KIND = {"new": "new (untranslated)", "changed": "changed (fuzzy: the English was edited)",
         "suggested": "suggested (fuzzy: the translation of a similar text, to review)",
         "fuzzy": "fuzzy", "": "untranslated"}


def _status(r: LanguageReport) -> str:
    return "ready" if r.clean else "out of step" if r.out_of_step else "not ready"


def render_text(reports: list[LanguageReport], summary_only: bool = False) -> str:
    """A summary table per language, then each problem with its book reference, file:line and English."""
    out = [f"{'lang':4} {'total':>5} {'translated':>16} {'fuzzy':>5} {'untransl.':>9} {'obsolete':>8} "
           f"{'errors':>6}  progress"]
    for r in reports:
        out.append(f"{r.lang:4} {r.total:5} {r.translated:7} {_pct(r.translated, r.total):>8} {r.fuzzy:5} "
                   f"{r.untranslated:9} {r.obsolete:8} {len(r.errors):6}  {_bar(r.translated, r.total)}"
                   f"  {_status(r)}")
    if summary_only:
        return "\n".join(out) + "\n"
    for r in reports:
        if r.clean:
            continue
        out.append("")
        kinds = {k: sum(f.kind == k for f in r.missing) for k in ("new", "changed", "suggested", "fuzzy")}
        english = f"; a build shows {r.in_english} of {r.template} messages in English" if r.template else ""
        if r.editions:
            english += " (" + ", ".join(f"edition {name}: {e['in_english']} of {e['messages']}"
                                        for name, e in r.editions.items()) + ")"
        detail = ", ".join(f"{n} {k}" for k, n in kinds.items() if n)
        out.append(f"== {r.lang}: {len(r.errors)} error(s), {len(r.missing)} missing"
                   + (f" ({detail})" if detail else "") + f"{english} — {r.path}")
        if r.out_of_step:
            out.append(f"{r.path}: out of step with the text: {sum(f.po_line == 0 for f in r.out_of_step)} "
                       f"message(s) without an entry, {sum(f.po_line > 0 for f in r.out_of_step)} entry(ies) "
                       f"for a text no longer there; {r.hint}")
            for f in r.out_of_step:
                out.append(f"{r.path}{f':{f.po_line}' if f.po_line else ''}: [{f.where}] {f.state}"
                           + (f" (msgctxt {f.msgctxt!r})" if f.msgctxt else ""))
                out.append(f"    English: {_short(f.msgid)}")
        for f in r.errors:
            out.append(f"{r.path}:{f.po_line}: [{f.where}] {f.problem}")
            out.append(f"    English: {_short(f.msgid)}")
        for f in r.missing:
            out.append(f"{r.path}:{f.po_line}: [{f.where}] {_KIND[f.kind]}")
            out.append(f"    English: {_short(f.msgid)}")
            if f.previous:
                out.append(f"    {'Previous' if f.kind == 'changed' else 'From'}: {_short(f.previous)}")
    return "\n".join(out) + "\n"


def render_json(reports: list[LanguageReport]) -> str:
    def finding(f: Finding, *keys: str) -> dict:
        return {k: getattr(f, k) for k in ("where", "po_line", "msgctxt", "msgid", *keys)}
    data = {"languages": {r.lang: {
        **{k: v for k, v in r.figures().items() if k not in ("errors", "missing", "out_of_step")},
        "ready": r.clean,
        "errors": [finding(f, "problem") for f in r.errors],
        "missing": [finding(f, "state", "kind", "previous") for f in r.missing],
        "out_of_step": [finding(f, "state") for f in r.out_of_step]} for r in reports}}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
