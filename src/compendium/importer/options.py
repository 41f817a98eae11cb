"""The `compendium import` command's options; the importer itself is imported only when it runs, so
every other command starts without loading the readers."""
from __future__ import annotations

import argparse
from pathlib import Path


def add_parser(sub, common: argparse.ArgumentParser) -> None:
    i = sub.add_parser("import", parents=[common], help="turn a UN document (text or DOCX) into a chapter file")
    i.add_argument("file", type=Path, metavar="FILE", help="the document: text extracted from its PDF, or DOCX")
    i.add_argument("-o", "--output", type=Path, metavar="OUT.yaml",
                   help="chapter file to write (content/A/12.yaml; never replaced without --force)")
    i.add_argument("--as", dest="target", metavar="A.XII",
                   help="the chapter it becomes (default: from OUT, e.g. content/A/12.yaml is A.XII)")
    i.add_argument("--annex", nargs="?", const="", metavar="I",
                   help="take an annex (I, II …; alone: the only annex) instead of the body")
    i.add_argument("--section", metavar="II", help="take one section (its heading's label, e.g. II)")
    i.add_argument("--paragraphs", metavar="N-M", help="take numbered paragraphs N to M (or N) with their lists")
    i.add_argument("--symbol", metavar="SYMBOL", help="the document's symbol, when its text does not show it")
    i.add_argument("--report", metavar="SYMBOL[:N]",
                   help="the meeting's report, and the paragraph of it that the chapter's first paragraph is")
    i.add_argument("--dates", metavar="FIRST[,LAST]", help="the meeting's days (YYYY-MM-DD), if the text does not say")
    i.add_argument("--headings", choices=("keep", "drop"), default="keep",
                   help="keep the document's headings inside the chapter, or drop them (default: keep)")
    i.add_argument("--footnotes", type=Path, metavar="FILE",
                   help="where new footnotes go (default: footnotes.yaml of the corpus OUT is in)")
    i.add_argument("--force", action="store_true", help="replace OUT if it exists")
    i.add_argument("--compare", type=Path, metavar="CHAPTER.yaml",
                   help="write nothing: report how the document differs from this chapter of the corpus")
    i.add_argument("--variants", type=Path, metavar="FILE",
                   help="with --compare: documented differences (like sources/variants.yaml) to report as such")
    i.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    from .command import run
    return run(args)
