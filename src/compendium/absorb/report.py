"""The absorb report: per paragraph id, the file and line it changes and the diff; then generated
text to change at its source, and what is left for a human (paragraphs, footnotes, comments)."""
from __future__ import annotations

import difflib

from . import Outcome

_MAX = 160


def _short(text: str, limit: int = _MAX) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def words(old: str, new: str) -> str:
    """What changed, word by word: 'should [-continue to-] apply' (character by character in text
    written without spaces, such as Chinese)."""
    if not old:
        return f"{{+{_short(new, 80)}+}}"
    if old.count(" ") * 20 < len(old):
        return _chars(old, new)
    a, b = old.split(" "), new.split(" ")
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        before = " ".join(a[max(0, i1 - 2):i1])
        after = " ".join(a[i2:i2 + 2])
        change = (f"[-{' '.join(a[i1:i2])}-]" if i2 > i1 else "") + (f"{{+{' '.join(b[j1:j2])}+}}" if j2 > j1 else "")
        out.append(" ".join(x for x in (before, change, after) if x))
    if not out and old != new:             # a change of spacing only
        return _chars(old, new)
    return " … ".join(out[:4]) + (" …" if len(out) > 4 else "")


def _chars(old: str, new: str) -> str:
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag != "equal":
            change = (f"[-{old[i1:i2]}-]" if i2 > i1 else "") + (f"{{+{new[j1:j2]}+}}" if j2 > j1 else "")
            out.append(f"{old[max(0, i1 - 6):i1]}{change}{old[i2:i2 + 6]}")
    return " … ".join(out[:4]) + (" …" if len(out) > 4 else "")


def hunk_lines(file: str, h) -> list[str]:
    """The changed lines of a hunk, each group under the file:line it starts at."""
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, h.old, h.new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        out.append(f"  @@ {file}:{h.line + i1}")
        out += [f"  - {x}" for x in h.old[i1:i2]]
        out += [f"  + {x}" for x in h.new[j1:j2]]
    return out


def render(out: Outcome, applied: bool) -> str:
    p, ed = out.plan, out.edition
    view = "tracked changes accepted" if p.view == "accept" else "tracked changes rejected (the original text)"
    lines = [f"{p.docx}: {ed.lang} edition {ed.book.meta.get('year', '')}, {view}: "
             f"{len(p.edits)} change(s) to {'write' if not applied else 'written'}, {len(p.generated)} in generated "
             f"text, {len(p.human) + len(p.comments)} left for a human"]
    for n, e in enumerate(p.edits):
        lines.append("")
        lines.append(f"{e.item.where}: {e.file}:{e.line}" + (f"  ({e.why})" if e.why else ""))
        if e.how:
            lines.append(f"  aligned {e.how}")
        if e.also:
            lines.append(f"  the entry is also shown at: {', '.join(e.also[:5])}")
        lines.append(f"  words: {words(e.old, e.new)}")
        for h in out.hunks.get(n, []):
            lines += hunk_lines(e.file, h)
    if p.generated:
        lines += ["", "generated, change the data instead (not applied):"]
        for g in p.generated:
            lines.append(f"  {g.where}: {_short(g.old, 80)!r} -> {_short(g.new, 80)!r}")
            lines.append(f"    generated, change the data instead: {'; '.join(g.decides)}")
    if p.human or p.comments:
        lines += ["", "left for a human:"]
        for h in p.human:
            lines.append(f"  {h.kind}: {h.where}: {_short(h.text)!r}")
            if h.detail:
                lines.append(f"    {h.detail}")
        for where, c, quoted in p.comments:
            on = f" on {_short(quoted, 60)!r}" if quoted else ""
            lines.append(f"  comment by {c.author or 'an unnamed reviewer'} at {where}{on}: {_short(c.text)}")
    lines.append("")
    if not p.edits:
        lines.append("no changes to absorb" if not (p.generated or p.human or p.comments)
                     else "nothing to write")
    elif applied:
        files = sorted({str(f) for f in out.files})
        lines.append(f"wrote {len(p.edits)} change(s) to {len(files)} file(s): {', '.join(files)}")
        if ed.lang == "en":
            lines.append("next: `compendium extract` and `compendium update` carry the new English to the catalogues "
                         "(their translations become fuzzy for the translators)")
    else:
        lines.append(f"dry run: nothing written; add --apply to write these {len(p.edits)} change(s)")
    return "\n".join(lines) + "\n"
