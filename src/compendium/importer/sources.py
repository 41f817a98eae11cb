"""A chapter's source mapping: the report and the resolution or decision its paragraphs come from,
and where in them (`report:` and `sources:` of the chapter file), from the options, the document's
kind and symbol, or the chapeau's footnote naming the report."""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..corpus.symbols import SYMBOL_PATTERN
from ..errors import CompendiumError
from ..readers.labels import conventions
from .outline import Outline, Selection
from .texts import Texts

if TYPE_CHECKING:
    from .chapter import Options


def _linked(name: str) -> str:
    return rf"(?:\[\[)?(?P<{name}>{SYMBOL_PATTERN})(?:\]\])?"


# the chapeau's footnote naming the report: "CTOC/COP/WG.2/2022/4–CTOC/COP/WG.3/2022/4, paras. 8 and 10."
_REPORT_NOTE = re.compile(rf"^{_linked('a')}(?:\s*[-–]\s*{_linked('b')})?,\s+paras?\.\s+"
                          r"(?P<n>\d+)(?:\s+and\s+(?P<m>\d+))?\.?$")


class Mapping:
    """Maps the chapter that `sel` of the document `o` makes onto the documents it comes from."""

    def __init__(self, o: Outline, sel: Selection, opts: Options, texts: Texts,
                 note: Callable[[int, str], None]) -> None:
        self.o, self.doc, self.sel, self.opts, self.texts, self.note = o, o.doc, sel, opts, texts, note

    def sources(self, content: list[dict], single: int | None, offset: int) -> tuple[str, list[dict]]:
        """The chapter's report and source rules; `offset`: the document's paragraph 1 + offset is the
        chapter's paragraph 1."""
        paras = any("para" in n for n in content)
        rules: list[dict] = []
        report = ""
        where = self.sel.lines[0]

        def placed(rule: dict, first: int | None) -> dict:
            if single is not None:
                rule["paragraph"] = single
            elif paras and first is not None:
                rule["offset"] = first - 1
            elif first is not None and not paras:
                rule["paragraph"] = first
            return rule

        if self.opts.report:
            report, n = self.opts.report
            rules.append(placed({"symbol": report}, n if n is not None else (offset + 1 if paras else None)))
        elif self.o.kind == "report":
            report = self.opts.symbol or self.doc.symbol
            if report:
                rules.append(placed({"symbol": report}, offset + 1 if paras else None))
            else:
                self.note(where, "the document's symbol is not in its text: pass --symbol to map the chapter "
                                 "onto it (no source mapping written)")
        else:
            report, n = self._report_from_note()
            if report:
                rules.append(placed({"symbol": report}, n))
        if self.o.kind in ("resolution", "decision"):
            rule: dict = {}
            if self.o.number:
                rule[self.o.kind] = self.o.number
            elif self.o.kind == "resolution":             # a draft is cited by its symbol until numbered
                rule["resolution"] = self.draft_symbol()
            else:
                self.note(where, f"a draft {self.o.kind} cannot be cited before it has a number: "
                                 "no mapping onto it written")
                return report, rules
            if self.sel.region.annex:
                rule["annex"] = self.sel.region.annex
            if single is not None:
                rule["paragraph"] = single
            elif paras and offset:
                rule["offset"] = offset
            rules.append(rule)
        return report, rules

    def draft_symbol(self) -> str:
        symbol = self.opts.symbol or self.doc.symbol
        if not symbol:
            raise CompendiumError(f"the draft {self.o.kind}'s symbol is not in its text", self.doc.path,
                                  hint="pass --symbol, e.g. --symbol CTOC/COP/2022/L.5")
        return symbol

    def _report_from_note(self) -> tuple[str, int | None]:
        """The report and paragraph that a footnote on the chapeau cites ("CTOC/COP/WG.2/2022/4, para. 8")."""
        dash = conventions()["text"]["joint_symbol_dash"]
        for b in self.sel.blocks:
            if b.series:
                break
            for s in b.spans:
                if s.kind != "note" or s.text not in self.texts.notes:
                    continue
                text = self.texts.footnote_text(self.texts.notes[s.text])
                m = _REPORT_NOTE.match(text)
                if not m:
                    continue
                symbol = m.group("a") + (dash + m.group("b") if m.group("b") else "")
                if m.group("m"):
                    self.note(self.doc.notes[s.text].line,
                              f"footnote {s.text} cites paragraphs {m.group('n')} and {m.group('m')} of {symbol}: "
                              f"the chapter is mapped onto paragraph {m.group('n')}; check which recommendations "
                              f"are in paragraph {m.group('m')}")
                return symbol, int(m.group("n"))
        return "", None
