"""Chapter files: a Working Group meeting (part A) or a Conference session (part B) with its dates,
report and sources, and a session's decision or resolution with its annexes."""
from __future__ import annotations

from pathlib import Path

from . import numerals
from .blocks import read_blocks
from ..errors import CompendiumError
from .model import Annex, Chapter, Decision, Loc
from .reading import EDITION_KEYS, Reader
from .sources import DOC_NUMBER, DRAFT, read_rule
from .symbols import SYMBOL_FIELD
from .yamlio import Map, Seq

MAX_ORDINAL = 999                        # meetings and sessions


def read_chapter(r: Reader, path: Path, part: str) -> Chapter | None:
    """One chapter file; None when it is not in the edition loaded."""
    m = r.load_as(path, Map, "is a mapping of keys such as 'meeting:' or 'session:'")
    key = "meeting" if part == "A" else "session"
    allowed = {key, "dates", "report", "sources", "blocks"} | EDITION_KEYS
    allowed |= {"adopted"} if part == "A" else {"decision", "resolution", "title", "annexes"}
    r.only(m, allowed)
    if not r.holds(m):
        return None
    ordinal = r.need(m, key, int)
    if not 1 <= ordinal <= MAX_ORDINAL:
        raise CompendiumError(f"'{key}' must be 1 or more" if ordinal < 1 else f"'{key}' must be at most {MAX_ORDINAL}",
                              m.file, m.key_lines[key])
    cid = f"{part}.{numerals.roman(ordinal)}"
    dates = r.need(m, "dates", Seq)
    if len(dates) not in (1, 2):
        raise CompendiumError("'dates' lists the first and last day", m.file, m.key_lines["dates"])
    start = r.date(dates[0], m.file, dates.item_lines[0])
    end = r.date(dates[-1], m.file, dates.item_lines[-1])
    if end < start:
        raise CompendiumError(f"the meeting ends ({end}) before it starts ({start})", m.file,
                              m.key_lines["dates"], hint="list the first day, then the last")
    report = r.optional(m, "report", str, "")
    if report and not SYMBOL_FIELD.match(report):
        raise CompendiumError(f"'{report}' is not a document symbol", m.file, m.key_lines["report"])
    adopted = r.optional(m, "adopted", int, None)
    if adopted is not None and not ordinal < adopted <= MAX_ORDINAL:
        raise CompendiumError(f"'adopted' names the later meeting that adopted these recommendations, "
                              f"a number above {ordinal}", m.file, m.key_lines["adopted"])
    sources = r.optional(m, "sources", Seq, None)
    rules = [read_rule(r, s, sources.file, ln) for s, ln in zip(sources, sources.item_lines)] if sources else []
    decision = _decision(r, m, cid) if part == "B" else None
    if decision and decision.kind == "draft_resolution" and not report:
        report = decision.number           # until the session's report is out, the draft is the source
    blocks = read_blocks(r, m["blocks"], cid) if part == "A" and "blocks" in m else []
    return Chapter(cid, part, ordinal, key, start, end, report, rules, blocks, decision,
                   Loc(m.file, m.line), adopted, dict(m.key_lines))


def _decision(r: Reader, m: Map, cid: str) -> Decision:
    kinds = [k for k in ("decision", "resolution") if k in m]
    if len(kinds) != 1:
        raise CompendiumError("a session names one 'decision' or 'resolution' (its number, e.g. 3/4)",
                              m.file, m.line)
    key = kind = kinds[0]
    number = str(m[kind])
    if kind == "resolution" and DRAFT.match(number):
        kind = "draft_resolution"          # cited by its draft symbol until it is adopted and numbered
    elif not DOC_NUMBER.match(number):
        raise CompendiumError(f"'{number}' is not a number like 7/3" + (
            " (or a draft resolution's symbol like CTOC/COP/2022/L.5)" if kind == "resolution" else ""),
            m.file, m.key_lines[kind])
    title = r.need_text(m, "title", f"{cid}.title")
    annexes = []
    seq = r.optional(m, "annexes", Seq, Seq())
    present = [(a, line) for a, line in zip(seq, getattr(seq, "item_lines", [])) if r.holds(a)]
    numbered = len(present) > 1
    for a, line in present:
        if not isinstance(a, Map):
            raise CompendiumError("an annex is a mapping with 'title' and 'blocks'", m.file, line)
        r.only(a, {"title", "blocks"} | EDITION_KEYS)
        number_ = numerals.roman(len(annexes) + 1) if numbered else ""
        aid = f"{cid}.annex" + (f"-{number_}" if number_ else "")
        atitle = r.need_text(a, "title", f"{aid}.title") if "title" in a else None
        annexes.append(Annex(aid, number_, atitle, read_blocks(r, r.need(a, "blocks", Seq), aid),
                             Loc(a.file, a.line)))
    blocks = read_blocks(r, m["blocks"], cid) if "blocks" in m else []
    return Decision(cid, kind, number, title, blocks, annexes, Loc(m.file, m.key_lines[key]))
