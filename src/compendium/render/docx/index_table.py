"""The index as a Word table: fixed column widths from edition.toml, two header rows repeated on
every page, a topic cell merged down its rows, Conference rows shaded, compendium cells linked to the
paragraphs they cite."""
from __future__ import annotations

from ...localize import tree as t
from .blocks import Blocks
from .oxml import TBLPR_ORDER, el, put


class IndexTable(Blocks):
    """The index heading, table and notes."""

    def index(self, index: t.Index) -> None:
        self.heading(index.heading)
        width = self.text_width()
        cols = [round(width * f) for f in self.edition.settings["docx"]["index_columns"]]   # edition.toml
        cols[-1] = width - sum(cols[:-1])
        tbl = el("w:tbl")
        tblpr = el("w:tblPr")
        put(tblpr, el("w:tblStyle", {"w:val": self.sid("Compendium Index")}), TBLPR_ORDER)
        if self.rtl:
            put(tblpr, el("w:bidiVisual"), TBLPR_ORDER)
        put(tblpr, el("w:tblW", {"w:w": str(width), "w:type": "dxa"}), TBLPR_ORDER)
        put(tblpr, el("w:tblLayout", {"w:type": "fixed"}), TBLPR_ORDER)
        put(tblpr, el("w:tblLook", {"w:val": "0000", "w:firstRow": "0", "w:lastRow": "0", "w:firstColumn": "0",
                                    "w:lastColumn": "0", "w:noHBand": "1", "w:noVBand": "1"}), TBLPR_ORDER)
        tbl.append(tblpr)
        tbl.append(el("w:tblGrid", None, *(el("w:gridCol", {"w:w": str(w)}) for w in cols)))
        c = {k: (v, k in index.english) for k, v in index.columns.items()}
        head = "Index Head"
        # two header rows, repeated on every page; the topic and compendium heads are not vertically
        # merged (LibreOffice cuts a merged cell of a repeated header) but lose the rule between rows
        tbl.append(self.row([(*c["topic"], cols[0], 1, "open-bottom"), (*c["report"], sum(cols[1:4]), 3, None),
                             (*c["compendium"], cols[4], 1, "open-bottom")], head, header=True))
        tbl.append(self.row([("", False, cols[0], 1, "open-top"), (*c["symbol"], cols[1], 1, None),
                             (*c["document"], cols[2], 1, None), (*c["paragraphs"], cols[3], 1, None),
                             ("", False, cols[4], 1, "open-top")], head, header=True))
        for topic in index.topics:
            for row in topic.rows:
                tr = self.row([(row.topic if row.first else "", topic.fallback and row.first, cols[0], 1,
                                "restart" if row.first else "continue"),
                               (row.symbol, False, cols[1], 1, None),
                               (row.document, "document" in row.english, cols[2], 1, None),
                               (row.paragraphs, "paragraphs" in row.english, cols[3], 1, None),
                               (row.compendium, "compendium" in row.english, cols[4], 1, None)],
                              "Index Cell", shaded=row.shaded)
                tbl.append(tr)
        self.add(tbl)
        p = self.para("Index Notes")
        p.extend(self.english_text(index.notes, "index.notes" in self.book.english))
        self.add(p)

    def row(self, cells, style: str, *, header: bool = False, shaded: bool = False):
        """A table row of (content, English shown?, width, span, vertical merge) cells."""
        tr = el("w:tr")
        trpr = el("w:trPr", None, el("w:cantSplit"))
        if header:
            trpr.append(el("w:tblHeader"))
        tr.append(trpr)
        for i, (content, english, width, span, vmerge) in enumerate(cells):
            tc = el("w:tc")
            tcpr = el("w:tcPr", None, el("w:tcW", {"w:w": str(width), "w:type": "dxa"}))
            if span > 1:
                tcpr.append(el("w:gridSpan", {"w:val": str(span)}))
            if vmerge in ("open-bottom", "open-top"):
                side = "bottom" if vmerge == "open-bottom" else "top"
                tcpr.append(el("w:tcBorders", None, el(f"w:{side}", {"w:val": "nil"})))
            elif vmerge:
                tcpr.append(el("w:vMerge", {"w:val": vmerge}))
            if shaded and i > 0:
                tcpr.append(el("w:shd", {"w:val": "clear", "w:color": "auto", "w:fill": self.shade}))
            tc.append(tcpr)
            for p in self.cell_paragraphs(content, style, english):
                tc.append(p)
            tr.append(tc)
        return tr

    def cell_paragraphs(self, content, style: str, english: bool) -> list:
        """A cell's lines; English shown in a translated edition is tagged so, and its first line
        carries the comment (one per cell, as one [EN] in the proof)."""
        if isinstance(content, str):
            content = [content] if content else []
        paras = []
        for i, line in enumerate(content):
            p = self.para(style)
            if isinstance(line, str):
                runs = self.text_runs(line, english=english)
                runs = self.ltr(runs) if english else runs
            else:                                        # a compendium line: linked segments
                runs = []
                for seg in line:
                    seg_runs = self.text_runs(seg.text)
                    if seg.target:
                        link = el("w:hyperlink", {"w:anchor": self.marks.name(seg.target), "w:history": "1"})
                        link.extend(seg_runs)
                        runs.append(link)
                    else:
                        runs.extend(seg_runs)
            p.extend(self.commented(runs) if english and i == 0 else runs)
            paras.append(p)
        return paras or [self.para(style)]
