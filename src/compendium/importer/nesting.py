"""A chapter's structure: blocks nested as the corpus nests them (paragraphs, their lettered and
roman lists, headings and sections), their labels checked against the corpus's numbering, and the
roles of a resolution's paragraphs (chapeau, preambular, operative)."""
from __future__ import annotations

from collections.abc import Callable

from ..corpus import ids
from ..readers.blocks import Block, Span
from ..readers.labels import conventions
from . import inline
from .texts import Texts

_KINDS = {1: "para", 2: "sub", 3: "item"}


class Nesting:
    """Nests a chapter's blocks, writing their texts with `texts`."""

    def __init__(self, texts: Texts, headings: bool, note: Callable[[int, str], None]) -> None:
        self.texts, self.headings, self.note = texts, headings, note
        self.lines: list[int] = []                # source line of each block, in book order
        self.override: dict[int, tuple[str, list[Span]]] = {}   # block -> (kind, spans) decided by its role
        self.offset = 0                           # the chapter's paragraph 1 is the document's 1 + offset

    def tree(self, blocks: list[Block], shift: int = 0) -> list[dict]:
        """Blocks nested as the corpus nests them; with `shift` 1 the one numbered paragraph is the
        chapter's unnumbered chapeau and its subparagraphs stand at the top, still lettered."""
        top: list[dict] = []
        stack: list[tuple[int, dict]] = []
        counters: dict[int, dict[str, int]] = {}
        romans = [b.value for b in blocks if b.kind == "heading" and b.series == "Roman"]
        sections = romans == list(range(1, len(romans) + 1))
        for b in blocks:
            if b.kind == "heading":
                if not self.headings:
                    continue
                kind = "section" if b.series == "Roman" and sections else "heading"
                if b.series == "Letter" or (b.series == "Roman" and not sections):
                    self.note(b.line, f"heading {b.label} imported as an unnumbered heading (the corpus numbers "
                                      "only chapter headings I., II. …)")
                top.append(self._node(kind, b))
                stack = []
                continue
            if b.level <= shift:
                top.append(self._node("text", b))
                stack = []
                continue
            depth = b.level - shift
            while stack and stack[-1][0] >= depth:
                stack.pop()
            kind = _KINDS[b.level]
            node = self._node(kind, b)
            parent = stack[-1][1] if stack else None
            siblings = counters.setdefault(id(parent), {})
            siblings[kind] = siblings.get(kind, 0) + 1
            self._check_label(b, kind, siblings[kind])
            if parent is None:
                top.append(node)
            else:
                parent.setdefault("list", []).append(node)
            stack.append((depth, node))
        return top

    def _node(self, kind: str, b: Block) -> dict:
        self.lines.append(b.line)
        kind, spans = self.override.get(id(b), (kind, None))
        return {kind: self.texts.text(b, spans)}

    def _check_label(self, b: Block, kind: str, n: int) -> None:
        if kind == "para":
            expected = b.value - self.offset
            shown, ours = b.label, f"{n + self.offset}."
        else:
            expected = b.value
            shown, ours = b.label, "(" + ids.token("letter" if kind == "sub" else "roman", n) + ")"
        if expected != n:
            self.note(b.line, f"the document labels this paragraph {shown} but in the chapter it is {ours} "
                              "(the corpus numbers on): check that nothing is missing")

    def roles(self, blocks: list[Block]) -> None:
        """Chapeau, preambular and operative paragraphs of a resolution, as the corpus writes them."""
        res = conventions()["resolution"]
        chapeau = operative = False
        for b in blocks:
            if b.series == "number":
                operative = True
                spans, found = inline.italicise_opening(b.spans, res["operative_adverbs"]) \
                    if res["operative_italic"] else (b.spans, True)
                if not found:
                    self.note(b.line, f"operative paragraph {b.label} does not open with a verb such as 'Endorses': "
                                      "no italics given; check it")
                self.override[id(b)] = ("para", spans)
            elif b.kind == "para" and not b.series:
                if not chapeau:
                    chapeau = True
                elif not operative:
                    spans = b.spans if res["preambular_italic"] else inline.upright_opening(b.spans)
                    self.override[id(b)] = ("pp", spans)
                else:
                    self.note(b.line, "an unnumbered paragraph after the operative paragraphs: imported as text")
