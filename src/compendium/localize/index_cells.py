"""The thematic index in one language: paragraph references as it prints them (runs of siblings
as ranges), the cells of its rows (document, paragraphs, compendium references linked to their
paragraphs), its columns' names and its topics in the language's order."""
from __future__ import annotations

from collections.abc import Callable

import icu

from ..corpus import ids
from ..corpus.thematic_index import DerivedRow, derive_rows
from . import tree as t
from .forms import Forms
from .wording import Wording

INDEX_COLUMNS = ("topic", "report", "symbol", "document", "paragraphs", "compendium")   # index.col.* strings


class IndexCells(Wording):
    """The thematic index's references, cells and table, on one language's wording."""

    # -- paragraph references ----------------------------------------------------------------------
    def path_label(self, path: tuple) -> str:
        labels = self.style.index_labels
        return labels.get("separator", " ").join(
            self.style.number(labels[series], n) for series, n in path)

    def compress(self, paths: list[tuple], fmt: Callable[[tuple], str], tail: Callable[[tuple], str]) -> list[str]:
        """Format paths, turning runs of three or more consecutive siblings into ranges."""
        out: list[str] = []
        i = 0
        while i < len(paths):
            j = i
            while (j + 1 < len(paths) and paths[j + 1][:-1] == paths[i][:-1]
                   and paths[j + 1][-1][0] == paths[i][-1][0] and paths[j + 1][-1][1] == paths[j][-1][1] + 1):
                j += 1
            if j - i >= 2:
                out.append(self.span(fmt(paths[i]), tail(paths[j])))
                i = j + 1
            else:
                out.append(fmt(paths[i]))
                i += 1
        return out

    def paragraph_list(self, paths: list[tuple]) -> str:
        """'2 (b) and (c), 6 and 8': subparagraphs grouped under their numbered paragraph."""
        items: list[str] = []
        groups: list[tuple[tuple, list[tuple]]] = []
        for p in paths:
            head = p[:1] if p[0][0] == "number" and len(p) > 1 else None
            if groups and groups[-1][0] == head:
                groups[-1][1].append(p[1:] if head else p)
            else:
                groups.append((head, [p[1:]] if head else [p]))
        for head, rest in groups:
            parts = self.compress(rest, self.path_label, lambda q: self.path_label(q[-1:]))
            if head:
                sep = self.style.index_labels.get("separator", " ")
                items.append(f"{self.path_label(head)}{sep}{self.join(parts)}")
            else:
                items.extend(parts)
        return self.join(items)

    def id_path(self, path: tuple) -> str:
        """('VII', ('number', 26)) -> 'VII.26': a compendium reference as the index prints it."""
        tokens = [p if isinstance(p, str) else ids.token(p[0], p[1]) for p in path]
        return self.style.index_labels.get("id_separator", ".").join(tokens)  # ids are the same in every language

    # -- cells and table --------------------------------------------------------------------------------
    def compendium_lines(self, row: DerivedRow) -> list[list[t.Segment]]:
        ids_ = row.refs
        if row.via:
            chapters = sorted({r.split(".")[1] for r in ids_}, key=lambda c: ids_.index(next(r for r in ids_ if r.split(".")[1] == c)))
            part = ids_[0].split(".")[0]
            name = self.part_name(part)          # as the "Part A:" prefix names it (ar: الجزء ألف)
            text = (self.ui("index.see_part", part=name, chapter=chapters[0]) if len(chapters) == 1 else
                    self.ui("index.see_parts", part=name, chapters=self.join(chapters)))
            return [[t.Segment(text, f"{part}.{chapters[0]}")]]
        plain_ids = [r for r in ids_ if ".annex" not in r and ".PP." not in r]
        pp_ids = [r for r in ids_ if ".PP." in r]
        annex_ids = [r for r in ids_ if ".annex" in r]
        lines: list[list[t.Segment]] = []
        if plain_ids:
            paths = [(r.split(".")[1],) + row.structure[ids_.index(r)] for r in plain_ids]
            segs = self.compress(paths, self.id_path, lambda p: self.id_path(p[-1:]))
            lines.append(self._linked(segs, plain_ids))
        for r in pp_ids:
            ch = r.split(".")[1]
            lines.append([t.Segment(self.ui("index.compendium_pp", chapter=ch, paragraph=r.split(".")[-1]), r)])
        if annex_ids:
            ch = annex_ids[0].split(".")[1]
            paths = [row.paths[ids_.index(r)] for r in annex_ids]
            lines.append([t.Segment(self.ui("index.compendium_annex", chapter=ch,
                                            paragraphs=self.paragraph_list(paths)), annex_ids[0])])
        return lines

    def _linked(self, segs: list[str], refs: list[str]) -> list[t.Segment]:
        """Join formatted refs with the list pattern, each piece linking to its first paragraph."""
        joined = self.join([f"\x00{i}\x00" for i in range(len(segs))])
        out: list[t.Segment] = []
        targets = iter(_range_starts(segs, refs, self))
        for piece in joined.split("\x00"):
            if piece.isdigit():
                out.append(t.Segment(segs[int(piece)], next(targets)))
            elif piece:
                out.append(t.Segment(piece))
        return out

    def index(self) -> t.Index:
        topics = []
        for topic in self.book.topics:
            title_runs, fallback = self.runs(topic.title)
            title = t.plain(title_runs)
            rows = []
            seen_parts: set[str] = set()
            for k, row in enumerate(derive_rows(self.book, topic)):
                english = set()                   # the cells holding a template string shown in English
                mark = self.fb.mark()
                lines = self.compendium_lines(row)
                if not row.via and row.part not in seen_parts:
                    seen_parts.add(row.part)
                    first = lines[0]
                    prefix, _, _ = self.ui("index.part", part=self.part_name(row.part), refs="\x00").partition("\x00")
                    lines[0] = [t.Segment(prefix)] + first
                if self.fb.since(mark):
                    english.add("compendium")
                mark = self.fb.mark()
                paragraphs = self.paragraph_cells(row)
                if self.fb.since(mark):
                    english.add("paragraphs")
                mark = self.fb.mark()
                document = self.document_cell(row.document)
                if self.fb.since(mark):
                    english.add("document")
                rows.append(t.Row(title, k == 0, row.symbol, document, paragraphs, lines, row.shaded, row.refs,
                                  english))
            topics.append(t.Topic(title, rows, fallback))
        locale = self.style.sort.get("icu_locale")
        if locale:  # topics in the language's alphabetical order; rows keep book order
            collator = icu.Collator.createInstance(icu.Locale(locale))
            if self.style.sort.get("ignore_punctuation"):
                collator.setAttribute(icu.UCollAttribute.ALTERNATE_HANDLING, icu.UCollAttributeValue.SHIFTED)
            topics.sort(key=lambda topic: collator.getSortKey(topic.title))
        columns, english = {}, set()
        for c in INDEX_COLUMNS:
            mark = self.fb.mark()
            columns[c] = self.ui(f"index.col.{c}")
            if self.fb.since(mark):
                english.add(c)
        return t.Index(self.heading("index", 1, "", self.book.index_title), "", columns, topics, english)

    def document_cell(self, document: tuple[str, str] | None) -> str:
        """'Resolution 7/3'; a draft resolution's symbol is in the symbol column already."""
        if document is None:
            return ""
        if document[0] == "draft_resolution":
            return self.ui("index.draft_resolution")
        return self.ui(f"{document[0]}.heading", number=document[1])

    def paragraph_cells(self, row: DerivedRow) -> list[str]:
        lines = []
        for annex, pp, paths in row.groups():
            text = self.paragraph_list([(("number", p[0][1]),) + p[1:] for p in paths] if pp else paths)
            if pp:
                text = self.ui("index.pp", paragraphs=text)
            if annex is not None:
                text = (self.ui("index.annex_numbered", number=self.annex_number(annex), paragraphs=text) if annex else
                        self.ui("index.annex", paragraphs=text))
            lines.append(text)
        return lines


def _range_starts(segs: list[str], refs: list[str], loc: Forms) -> list[str]:
    """The id each formatted segment starts at (segments are in ref order)."""
    out, k = [], 0
    dash = loc.style.lists.get("range_dash", "–")
    for s in segs:
        out.append(refs[k])
        if dash in s:
            first, last = s.split(dash)
            while k < len(refs) and not refs[k].endswith("." + last):
                k += 1
        k += 1
    return out
