"""The outline of a UN document read into blocks: what it is (resolution 8/4, a draft resolution, a
report), its title, its body and annexes; and the part of it that the user chose to import."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import CompendiumError
from ..readers.blocks import Block, Document

_KIND = re.compile(r"^(?P<draft>draft\s+)?(?P<kind>resolution|decision)\b(?:\s+(?P<number>\d+/\d+))?", re.I)


@dataclass
class Region:
    annex: str | None             # None: the body; "": the only annex; "I", "II" …
    title: Block | None           # the annex's title (or the document's, for the body)
    blocks: list[Block] = field(default_factory=list)
    line: int = 0                 # the line of its "Annex …" heading

    @property
    def name(self) -> str:
        return "the body" if self.annex is None else ("the annex" if not self.annex else f"annex {self.annex}")


@dataclass
class Outline:
    doc: Document
    kind: str                     # "resolution" | "decision" | "report"
    draft: bool
    number: str                   # "8/4"; "" for a draft or a report
    head: list[Block]             # the headings above the title ("Resolution 8/4")
    body: Region
    annexes: list[Region]

    @property
    def symbol(self) -> str:
        return self.doc.symbol

    def annex(self, which: str) -> Region:
        if not self.annexes:
            raise CompendiumError("the document has no annex", self.doc.path, hint="leave out --annex")
        names = [a.annex for a in self.annexes]
        twice = next((a for i, a in enumerate(self.annexes) if a.annex in names[:i]), None)
        if twice is not None:
            raise CompendiumError(f"a second '{('Annex ' + twice.annex).strip()}' heading", self.doc.path,
                                  twice.line, hint="each annex heading stands once: check the document's text")
        if not which:
            if len(self.annexes) == 1:
                return self.annexes[0]
            raise CompendiumError(f"the document has annexes {', '.join(names)}", self.doc.path,
                                  hint=f"say which one: --annex {names[0]}")
        for a in self.annexes:
            if a.annex == which.upper() or (not a.annex and len(self.annexes) == 1 and which.upper() == "I"):
                return a
        raise CompendiumError(f"no annex {which} in the document", self.doc.path,
                              hint="its annexes: " + (", ".join(names) if all(names) else "one, unnumbered (--annex)"))


def outline(doc: Document) -> Outline:
    body = Region(None, None)
    annexes: list[Region] = []
    current = body
    for b in doc.blocks:
        if b.kind == "annex":
            current = Region(b.label, None, line=b.line)
            annexes.append(current)
            continue
        if current is not body and current.title is None and not current.blocks and b.kind == "heading" \
                and not b.series:
            current.title = b
            continue
        current.blocks.append(b)
    head: list[Block] = []
    while body.blocks and body.blocks[0].kind == "heading" and not body.blocks[0].series:
        head.append(body.blocks.pop(0))
    kind, draft, number = "report", False, ""
    for h in head:
        m = _KIND.match(h.text)
        if m:
            kind, draft, number = m.group("kind").lower(), bool(m.group("draft")), m.group("number") or ""
            break
    if kind != "report" and len(head) > 1:
        body.title = head[-1]
        head = head[:-1]
    return Outline(doc, kind, draft, number, head, body, annexes)


@dataclass
class Selection:
    region: Region
    blocks: list[Block]
    paragraph: int | None = None  # the one numbered paragraph chosen, when its chapeau and list are the chapter
    lines: tuple[int, int] = (0, 0)


def select(o: Outline, annex: str | None, section: str | None, paragraphs: tuple[int, int] | None) -> Selection:
    """The blocks to import: a region (body or annex), optionally one section and a paragraph range."""
    region = o.body if annex is None else o.annex(annex)
    blocks = list(region.blocks)
    if section:
        blocks = _section(blocks, section, o.doc.path, region)
    single = None
    if paragraphs:
        blocks = _paragraphs(blocks, paragraphs, o.doc.path, region)
        single = paragraphs[0] if paragraphs[0] == paragraphs[1] else None
    elif section:
        numbered = [b for b in blocks if b.series == "number"]
        single = numbered[0].value if len(numbered) == 1 and blocks and blocks[0] is numbered[0] else None
    if single is not None and not any(b.level > 1 for b in blocks):
        single = None
    if not blocks:
        raise CompendiumError(f"nothing to import in {region.name}", o.doc.path,
                              hint="check --annex, --section and --paragraphs")
    first = region.title.line if region.title and not (section or paragraphs) else blocks[0].line
    return Selection(region, blocks, single, (first, max(b.end or b.line for b in blocks)))


def _section(blocks: list[Block], label: str, path: str, region: Region) -> list[Block]:
    want = label.rstrip(".").upper()
    for i, b in enumerate(blocks):
        if b.kind == "heading" and b.series and b.label.rstrip(".").upper() == want:
            out = []
            for nxt in blocks[i + 1:]:
                if nxt.kind == "heading" and nxt.series == b.series:
                    break
                out.append(nxt)
            return out
    known = [b.label for b in blocks if b.kind == "heading" and b.series]
    raise CompendiumError(f"no section {label} in {region.name}", path,
                          hint="its sections: " + (" ".join(known) if known else "none (leave out --section)"))


def _paragraphs(blocks: list[Block], span: tuple[int, int], path: str, region: Region) -> list[Block]:
    lo, hi = span
    numbers = [b.value for b in blocks if b.series == "number"]
    missing = [n for n in (lo, hi) if n not in numbers]
    if missing:
        have = f"{min(numbers)}-{max(numbers)}" if numbers else "none"
        raise CompendiumError(f"no paragraph {missing[0]} in {region.name} (its paragraphs: {have})", path,
                              hint="check --paragraphs")
    start = next(i for i, b in enumerate(blocks) if b.series == "number" and b.value == lo)
    end = next(i for i, b in enumerate(blocks) if b.series == "number" and b.value == hi) + 1
    while end < len(blocks) and blocks[end].level > 1:
        end += 1
    inside = {b.series for b in blocks[start:end] if b.kind == "heading"}
    if start > 0 and blocks[start - 1].kind == "heading" and blocks[start - 1].series in inside:
        start -= 1                                 # the first of the run's headings, above paragraph N
    return blocks[start:end]
