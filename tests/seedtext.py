"""Reading the published edition's text extraction (sources/000_…txt) into comparable paragraphs.

Only extraction artefacts are undone here: markdown emphasis and links, "- " bullets, page numbers
in the contents, running heads, and paragraphs cut in two by a page break (rejoined when the
proof shows them whole).
"""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "sources" / "000_e5b7159cee534676.txt"
SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹⁰"
_LABEL = re.compile(r"^(?:- |\d+\. |\((?:\*?[a-z]+\*?)\) |[" + SUPERSCRIPTS + "])")


def clean(s: str) -> str:
    s = re.sub(r"\[([^\]]+)\]\(#\)", r"\1", s)
    s = re.sub(r"</?i>", "", s)
    s = s.replace("**", "").replace("*", "")
    s = re.sub(r"^- ", "", s)
    return " ".join(s.split())


def seed_paragraphs() -> tuple[list[str], list[str], list[str]]:
    """(body paragraphs in order, footnotes, index table lines) of the published edition."""
    text = SEED.read_text(encoding="utf-8")
    body, notes, table = [], [], []
    in_index = False
    for chunk in re.split(r"\n\s*\n", text):
        lines = [l for l in chunk.split("\n") if l.strip()]
        if not lines:
            continue
        if lines[0].startswith("**Thematic index"):
            body.append(clean(" ".join(lines)))
            in_index = True
            continue
        if in_index and (lines[0] == "THEMATIC INDEX" or "\t" in chunk):
            table.extend(l for l in lines if l != "THEMATIC INDEX")
            continue
        paras: list[str] = []
        for line in lines:
            if "\t" in line:  # contents line: heading, tab, page number
                paras.append(line.split("\t")[0])
            elif paras and not _LABEL.match(line):
                paras[-1] += " " + line
            else:
                paras.append(line)
        for p in paras:
            if p[0] in SUPERSCRIPTS:
                notes.append(clean(p))
            else:
                body.append(clean(p))
    return body, notes, table


def proof_paragraphs(proof: str) -> list[str]:
    return [" ".join(p.split()) for p in proof.split("\n\n") if p.strip()]
