"""The review report of an imported chapter: the places the reader and the import were unsure of,
within the chapter's lines, with the footnotes its text cites nowhere and the links no text names."""
from __future__ import annotations

from ..readers.blocks import Document, Finding, Span
from .texts import Texts


def review(doc: Document, lines: tuple[int, int], texts: Texts, found: list[Finding]) -> list[Finding]:
    """Every place to check in the chapter on `lines` (first, last) of `doc`, in line order: the
    document's findings there, the import's (`found`), and the footnotes and links left out."""
    lo, hi = lines
    own = list(found)
    for mark, note in doc.notes.items():
        cited = any(s.kind == "note" and s.text == mark for b in doc.blocks for s in b.spans)
        if lo <= note.line <= hi and not cited:
            own.append(Finding(note.line, f"footnote {mark} ('{_short(note.spans)}') is cited nowhere in the text "
                                          "(its reference mark was not found): add [^id] where it belongs"))
    for lk in doc.links:
        if lo <= lk.line <= hi + 3 and lk.target not in texts.linked and \
                not any(lk.target in t for t in texts.written):
            own.append(Finding(lk.line, f"the page links to {lk.target}, which no imported text names as such: "
                                        "not linked; check the links of this page"))
    kept = [f for f in doc.findings if f.line == 0 or lo <= f.line <= hi]
    return sorted(kept + own, key=lambda f: f.line)


def _short(spans: list[Span], n: int = 40) -> str:
    text = "".join(s.text for s in spans)
    return text if len(text) <= n else text[:n - 1] + "…"
