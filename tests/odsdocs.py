"""The two ODS-style test documents: resolution 8/4 with its annex (from sources/001) and the
recommendations of the 2010 report (from sources/004), laid out as in Word (see odsdocx)."""
from __future__ import annotations

import re
from pathlib import Path

from odsdocx import P, make

ROOT = Path(__file__).resolve().parent.parent
SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹"
_TERMINAL = (".", ";", ":", ",")


def resolution_8_4(path: Path) -> Path:
    """001 as Word: typed labels up to annex paragraph 13, Word numbering from 14 on, real footnotes."""
    text = (ROOT / "sources" / "001_868e53c41903a224.txt").read_text(encoding="utf-8")
    chunks, notes = [], {}
    for chunk in re.split(r"\n\s*\n", text):
        c = " ".join(chunk.split())
        if not c:
            continue
        if c[0] in SUPERSCRIPTS:
            notes[SUPERSCRIPTS.index(c[0]) + 1] = c[1:].strip()
        elif chunks and not chunks[-1].endswith(_TERMINAL) and not re.match(r"\d+\. ", c) \
                and chunks[-1].split()[-1][:1].islower():
            chunks[-1] += " " + c                     # the paragraphs the PDF's page breaks cut
        else:
            chunks.append(c)
    paras, annex = [], False
    for c in chunks:
        c = c.replace(" -laundering", "-laundering").replace("capacity - building", "capacity-building")
        c = re.sub(f"[{SUPERSCRIPTS}]", lambda m: f"^{SUPERSCRIPTS.index(m.group(0)) + 1}", c)
        m = re.match(r"(\d+)\. (.*)", c)
        if c in ("Resolution 8/4", "Annex"):
            annex = annex or c == "Annex"
            paras.append(P("HChG", c))
        elif m and annex and int(m.group(1)) >= 14:
            paras.append(P("SingleTxtG", m.group(2), num=(41, 0)))
        elif m:
            paras.append(P("SingleTxtG", m.group(2), label=m.group(1) + "."))
        elif re.match(r"[A-C]\. ", c):
            paras.append(P("H1G", c[3:], label=c[:2]))
        elif not c.endswith(_TERMINAL):
            paras.append(P("H1G", c))
        else:
            paras.append(P("SingleTxtG", c))
    return make(path, paras, notes, header="", lists={41: [("decimal", "%1.", 14)]})


def report_2010(path: Path) -> Path:
    """The recommendations of 004: '4.<tab>' typed, subparagraphs (a)-(o) by Word numbering."""
    from test_crosscheck import source_004
    found = source_004()
    paras = [P("HChG", "Recommendations", label="II."),
             P("SingleTxtG", "The Working Group held a meeting in Vienna on 19 and 20 October 2010, during the "
                             "fifth session of the Conference.", label="3."),
             P("SingleTxtG", found["A.V.p1"][1], label="4.")]
    for letter in "abcdefghijklmno":
        paras.append(P("SingleTxtG", found[f"A.V.{letter}"][1], num=(42, 0)))
    paras.append(P("HChG", "Summary of the deliberations", label="III."))
    paras.append(P("SingleTxtG", "The Chair, Simona Marin (Romania), made an opening statement.", label="5."))
    return make(path, paras, {}, header="CTOC/COP/WG.2/2010/1", lists={42: [("lowerLetter", "(%1)", 1)]})
