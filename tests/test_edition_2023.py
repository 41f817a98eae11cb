"""The 2023 draft edition: its new chapters reproduce CTOC/COP/2022/L.5 (sources/003_…txt) word for
word, in order, and appear in the contents, the body and the index of that edition only."""
from __future__ import annotations

import re

from compendium.corpus.markup import plain

from seedtext import ROOT

L5 = ROOT / "sources" / "003_04f0d1fdfe45e1a4.txt"
NEW = ("A.XII", "A.XIII", "B.XI")
# Extraction artefacts of the PDF text, undone here and only here.
ARTEFACTS = {"legislation o n how": "legislation on how"}


def _official() -> str:
    """003 as one normalised string: page furniture, footnotes and footnote marks removed."""
    kept, notes = [], False
    for line in L5.read_text(encoding="utf-8").split("\n"):
        s = line.strip()
        if s.startswith("_____"):
            notes = True                    # the footnotes of a page run to its next text block
            continue
        if notes and (not s or s.startswith(("http", "*")) or s.isdigit() or s.startswith(
                ("CTOC/COP/2022/1.", "United Nations, Treaty", "Ibid.", "CTOC/COP/WG.2/2022/4"))):
            continue
        notes = False
        if s == "CTOC/COP/2022/L.5" or s.startswith("V.22-21550"):
            continue
        kept.append(s)
    text = " ".join(" ".join(kept).split())
    text = re.sub(r"(?<=[a-z,])\d(?= )", "", text)            # footnote marks: "recommendations3 for"
    for bad, good in ARTEFACTS.items():
        text = text.replace(bad, good)
    return text


def _texts(book, chapter: str) -> list[tuple[str, str]]:
    """(id, plain text without footnote marks) of a chapter's blocks, decision and annex titles."""
    ch = book.chapters[chapter]
    out = []

    def walk(blocks):
        for b in blocks:
            if b.text is not None:
                out.append((b.id, plain(b.text.inlines)))
            walk(b.children)
    walk(ch.blocks)
    if ch.decision:
        out.append((f"{chapter}.title", plain(ch.decision.title.inlines)))
        walk(ch.decision.blocks)
        for annex in ch.decision.annexes:
            out.append((f"{annex.id}.title", plain(annex.title.inlines)))
    return out


def test_new_chapters_are_the_draft_resolution_word_for_word_and_in_order(book_2023):
    official = _official()
    failures = []
    for chapter in NEW:
        at = 0
        for bid, text in _texts(book_2023, chapter):
            found = official.find(" ".join(text.split()), at if chapter != "B.XI" else 0)
            if found < 0:
                failures.append(f"{bid}: not in CTOC/COP/2022/L.5 as written: {text[:120]}")
            else:
                at = found
    assert not failures, "\n".join(failures)


def test_new_chapters_have_every_subparagraph_and_topic_heading(book_2023):
    a12, a13 = book_2023.chapters["A.XII"], book_2023.chapters["A.XIII"]
    assert [b.id.rsplit(".", 1)[1] for b in a12.blocks if b.kind == "sub"] == list("abcdefghijklmno")
    assert [b.id.rsplit(".", 1)[1] for b in a13.blocks if b.kind == "sub"] == list("abcdefghijk")
    assert [b.text.source.split(" ")[0] for b in a12.blocks if b.kind == "heading"] == ["Updating", "Application"]
    assert [b.text.source.split(" ")[0] for b in a13.blocks if b.kind == "heading"] == ["Effective", "Matters"]
    d = book_2023.chapters["B.XI"].decision
    assert (d.kind, d.number) == ("draft_resolution", "CTOC/COP/2022/L.5")
    assert [a.blocks[0].target for a in d.annexes] == ["A.XII", "A.XIII"]
    assert [b.id for b in d.blocks if b.kind in ("pp", "para")] == [
        "B.XI.PP.1", "B.XI.PP.2", "B.XI.PP.3", "B.XI.1", "B.XI.2"]


def test_the_2021_view_has_none_of_it(book_2021):
    assert not set(NEW) & set(book_2021.chapters)
    assert not any(b.startswith(("A.XII", "A.XIII", "B.XI")) for b in book_2021.blocks)
    assert sorted(n.number for n in book_2021.footnotes.values()) == list(range(1, 18))
    assert "report-a12" not in book_2021.footnotes


def test_counts_and_year_come_from_the_view(proof_2021, proof_2023):
    assert "Vienna, 2021" in proof_2021 and "Vienna, 2023" in proof_2023
    assert "© United Nations Office on Drugs and Crime, 2023." in proof_2023
    assert "A. Recommendations adopted by the Working Group at its first 11 meetings" in proof_2021
    assert "A. Recommendations adopted by the Working Group at its first 13 meetings" in proof_2023
    assert "adopted by the Conference of the Parties at its first nine sessions" in proof_2021  # as published
    assert "adopted by the Conference of the Parties at its first 11 sessions" in proof_2023
    assert "{" not in proof_2023


def test_new_chapters_in_contents_body_and_index(en_2023):
    contents = [(e.label, e.text) for e in en_2023.contents]
    assert ("XII.", "Twelfth meeting, 9 and 10 July 2020") in contents
    assert ("XIII.", "Thirteenth meeting, 23 to 27 May 2022") in contents
    assert ("XI.", "Eleventh session, 17 to 21 October 2022") in contents
    b11 = en_2023.parts[1].chapters[-1]
    assert b11.decision.heading.text == "Draft resolution CTOC/COP/2022/L.5"
    rows = {(t.title, r.symbol, r.document): r for t in en_2023.index.topics for r in t.rows}
    report = "CTOC/COP/WG.2/2022/4–CTOC/COP/WG.3/2022/4"
    r = rows[("Implementation Review Mechanism", report, "")]
    assert r.paragraphs == ["8 (a) and (f) and 10 (a) and (b)"]
    assert "".join(s.text for s in r.compendium[0]) == "Part A: XII.a, XII.f, XIII.j and XIII.k"
    r = rows[("Implementation Review Mechanism", "CTOC/COP/2022/L.5", "Draft resolution")]
    assert r.paragraphs == ["Annex I, (a) and (f)", "Annex II, (j) and (k)"] and r.shaded
    assert [s.target for s in r.compendium[0]] == ["A.XII"]
    r = rows[("Donors", report, "")]              # a row added to a topic of the 2021 edition
    assert r.paragraphs == ["8 (g)"] and "".join(s.text for s in r.compendium[0]) == "XII.g"


def test_footnotes_renumber_in_the_new_view(book_2023):
    numbers = {n.id: n.number for n in book_2023.footnotes.values()}
    assert numbers["report-a12"] == 4 and numbers["report-a13"] == 5
    assert numbers["convention-b1"] == 6 and numbers["ibid-b8"] == 19     # 4 and 17 in 2021
    assert numbers["treaty-series-b11"] == 20 and numbers["ibid-b11"] == 21
