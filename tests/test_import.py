"""`compendium import`: UN documents (PDF text, ODS DOCX) become corpus chapters.

The chapters of the 2021 edition that come from sources/ are the yardstick: importing 004 gives
content/A/05.yaml byte for byte, and importing 001 gives content/A/09.yaml but for the differences
the 2021 edition made to the official text, each of them named here.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from compendium.cli import main

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"
S001, S003, S004 = (SOURCES / n for n in ("001_868e53c41903a224.txt", "003_04f0d1fdfe45e1a4.txt",
                                         "004_f936931a798d0548.txt"))
A09 = ["--annex", "--paragraphs", "2-20", "--report", "CTOC/COP/WG.2/2016/5:5", "--as", "A.IX"]
A05 = ["--paragraphs", "4", "--symbol", "CTOC/COP/WG.2/2010/1", "--as", "A.V"]


def run(capsys, *args) -> tuple[int, str, str]:
    code = main(["import", *map(str, args)])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def corpus(tmp_path) -> Path:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return tmp_path / "content"


def review(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.strip()]


# -- the 2021 chapters reproduced ------------------------------------------------------------------
def test_004_gives_chapter_A_V_byte_for_byte(capsys, tmp_path):
    out = tmp_path / "05.yaml"
    code, stdout, err = run(capsys, S004, "-o", out, *A05, "--content", ROOT / "content")
    assert code == 0, err
    assert out.read_text(encoding="utf-8") == (ROOT / "content/A/05.yaml").read_text(encoding="utf-8")
    assert review(stdout) == []                       # dates, labels: nothing unsure
    assert "A.V, 16 blocks; 0 place(s) to review" in err


def test_001_gives_chapter_A_IX_but_for_the_2021_editions_changes(capsys, tmp_path):
    out = tmp_path / "09.yaml"
    code, stdout, err = run(capsys, S001, "-o", out, *A09, "--content", ROOT / "content")
    assert code == 0, err
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    expected_text = (ROOT / "content/A/09.yaml").read_text(encoding="utf-8")
    expected = yaml.safe_load(expected_text)
    # 1. The annex's section headings A.-C.: imported (the chapter keeps what the document says), but
    #    the 2021 edition prints part A without them. They are the three places the review names.
    headings = [b["heading"] for b in data["blocks"] if "heading" in b]
    assert [h.split()[0] for h in headings] == ["The", "Identification", "Identification"]
    assert [line.split(": ", 1)[1][:10] for line in review(stdout)] == \
        ["heading A.", "heading B.", "heading C."]
    data["blocks"] = [b for b in data["blocks"] if "heading" not in b]
    # 2. Footnote 2 of the annex (the Convention in the Treaty Series) on A.IX.1: the 2021 edition
    #    leaves it out. The import names it like the corpus's other notes and writes it beside the chapter.
    assert "[^treaty-series-a9]" in data["blocks"][0]["para"]
    notes = yaml.safe_load((tmp_path / "09.footnotes.yaml").read_text(encoding="utf-8"))
    assert notes == {"treaty-series-a9": "United Nations, *Treaty Series*, vol. 2225, No. 39574."}
    data["blocks"][0]["para"] = data["blocks"][0]["para"].replace("[^treaty-series-a9]", "")
    # 3. The wording the 2021 edition changed, documented in sources/variants.yaml (and checked
    #    against the official text by test_crosscheck): applied, they give the corpus's text.
    variants = [v for v in yaml.safe_load((SOURCES / "variants.yaml").read_text(encoding="utf-8"))
                if v["id"].startswith("A.IX.")]
    assert len(variants) == 4
    for v in variants:
        n = int(v["id"].split(".")[2]) - 1
        text = " ".join(data["blocks"][n]["para"].split())
        assert text.count(v["official"]) == 1, v
        data["blocks"][n]["para"] = text.replace(v["official"], v["compendium"])
    # Nothing else differs: the same file, byte for byte, blocks and source mapping included.
    assert data["sources"] == [{"symbol": "CTOC/COP/WG.2/2016/5", "offset": 4}, {"resolution": "8/4", "offset": 1}]
    assert "# A.IX: Working Group meeting 9\n" + yaml.dump(data, sort_keys=False, width=100,
                                                            allow_unicode=True) == expected_text
    assert data == expected


def test_001_body_gives_session_B_VIII_but_for_two_2021_choices(capsys, tmp_path):
    out = tmp_path / "08.yaml"
    code, stdout, err = run(capsys, S001, "-o", out, "--as", "B.VIII", "--dates", "2016-10-17,2016-10-21",
                            "--report", "CTOC/COP/2016/15", "--content", ROOT / "content")
    assert code == 0, err
    assert review(stdout) == []
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    # preamble upright, operative verbs in italics, the annex a 'see' to the chapter that reproduces it
    assert [next(iter(b)) for b in data["blocks"]] == ["text", "pp", "pp", "para", "para"]
    assert data["blocks"][3]["para"].startswith("*Endorses* the recommendations")
    assert data["annexes"][0]["blocks"] == [{"see": "A.IX"}]
    # 1. The 2021 edition prints footnote 1 of the resolution as "Ibid." (ibid-b8), after the same
    #    reference in the chapter before; the import keeps the document's note.
    notes = yaml.safe_load((tmp_path / "08.footnotes.yaml").read_text(encoding="utf-8"))
    assert notes == {"treaty-series-b8": "United Nations, *Treaty Series*, vols. 2225, 2237, 2241 and 2326, No. 39574."}
    data["blocks"][1]["pp"] = data["blocks"][1]["pp"].replace("[^treaty-series-b8]", "[^ibid-b8]")
    # 2. The 2021 edition leaves out the annex's title for this session (it prints it for B.VII).
    assert data["annexes"][0].pop("title").startswith("Recommendations adopted by the Working Group")
    assert "# B.VIII: Conference session 8\n" + yaml.dump(data, sort_keys=False, width=100, allow_unicode=True) \
        == (ROOT / "content/B/08.yaml").read_text(encoding="utf-8")


# -- the next edition from 003 ---------------------------------------------------------------------------
def test_003_gives_the_2023_chapters_but_for_one_hand_edit(capsys, tmp_path):
    """The 2023 draft's A.XII, A.XIII and B.XI were typed by hand (content/); the import gives the same
    files but for the mapping of A.XIII onto its report, the one place it asks to check."""
    outs = {}
    for cid, args in (("A.XII", ["--annex", "I"]), ("A.XIII", ["--annex", "II"]),
                      ("B.XI", ["--dates", "2022-10-17,2022-10-21"])):
        out = tmp_path / f"{cid}.yaml"
        code, stdout, err = run(capsys, S003, *args, "--as", cid, "-o", out, "--content", ROOT / "content")
        assert code == 0, err
        outs[cid] = (yaml.safe_load(out.read_text(encoding="utf-8")), review(stdout))
    hand = {cid: yaml.safe_load((ROOT / "content" / f"{cid[0]}/{n:02d}.yaml").read_text(encoding="utf-8"))
            for cid, n in (("A.XII", 12), ("A.XIII", 13), ("B.XI", 11))}
    a12, a13, b11 = (outs[c][0] for c in ("A.XII", "A.XIII", "B.XI"))
    # what the importer read: the edition, days, the later meeting that adopted A.XII, the report from
    # the chapeau's footnote, the draft resolution by its symbol, labels off, italics the PDF lost
    assert a12["since"] == 2023 and a12["dates"] == ["2020-07-09", "2020-07-10"] and a12["adopted"] == 13
    assert a12["sources"] == [{"symbol": "CTOC/COP/WG.2/2022/4–CTOC/COP/WG.3/2022/4", "paragraph": 8},
                              {"resolution": "CTOC/COP/2022/L.5", "annex": "I"}]
    assert "element of *mens rea*;" in a12["blocks"][12]["sub"]
    assert "national legislation on how individuals" in a13["blocks"][7]["sub"]      # 'o n' rejoined
    assert b11["blocks"][4]["para"].startswith("*Endorses* the recommendations discussed")
    assert b11["blocks"][5]["para"].startswith("*Also endorses* the recommendations adopted")
    # the same as the hand-made chapters, blocks, footnote references and source mappings included …
    assert a12 == hand["A.XII"]
    assert b11 == hand["B.XI"]
    # … but for the one hand edit: footnote 4 cites report paragraphs 8 and 10, and which recommendations
    # are in paragraph 10 the draft does not say; the import maps all onto 8 and says so.
    assert a13["sources"][0] == {"symbol": "CTOC/COP/WG.2/2022/4–CTOC/COP/WG.3/2022/4", "paragraph": 8}
    a13["sources"][:1] = hand["A.XIII"]["sources"][:2]
    assert a13 == hand["A.XIII"]
    # the review: every place to check, with the document's line; nothing from validate
    assert outs["A.XII"][1] == []
    assert outs["A.XIII"][1] == [
        f"{S003}:295: footnote 4 cites paragraphs 8 and 10 of CTOC/COP/WG.2/2022/4–CTOC/COP/WG.3/2022/4: the "
        "chapter is mapped onto paragraph 8; check which recommendations are in paragraph 10",
        f"{S003}:368: 'o n' read as 'on' (a word split by the extraction): check it"]
    assert outs["B.XI"][1] == [
        f"{S003}:76: the page links to A/RES/10/4, which no imported text names as such: not linked; check the "
        "links of this page"]
    assert not list(tmp_path.glob("*.footnotes.yaml"))      # its notes are the corpus's (report-a12 …)


def test_never_overwrites_without_force(capsys, tmp_path):
    out = tmp_path / "05.yaml"
    out.write_text("kept\n", encoding="utf-8")
    code, _, err = run(capsys, S004, "-o", out, *A05, "--content", ROOT / "content")
    assert code == 2 and err.strip().count("\n") == 0
    assert "already exists; nothing written" in err and "--force" in err
    assert out.read_text(encoding="utf-8") == "kept\n"
    code, _, err = run(capsys, S004, "-o", out, *A05, "--content", ROOT / "content", "--force")
    assert code == 0 and out.read_text(encoding="utf-8").startswith("# A.V:")
    assert not list(tmp_path.glob(".*.tmp"))


def test_reimport_with_force_reuses_its_footnotes(capsys, corpus):
    for _ in range(2):
        code, _, err = run(capsys, S003, "--annex", "I", "-o", corpus / "A/12.yaml", "--content", corpus, "--force")
        assert code == 0, err
    assert (corpus / "footnotes.yaml").read_text(encoding="utf-8").count("report-a12:") == 1


# -- compare mode ----------------------------------------------------------------------------------------
def test_compare_004_with_chapter_A_V_finds_no_difference(capsys):
    code, out, err = run(capsys, S004, "--paragraphs", "4", "--compare", ROOT / "content/A/05.yaml",
                         "--content", ROOT / "content")
    assert code == 0, out + err
    assert out == "" and "A.V: 16 paragraph(s) compared, 16 the same; 0 difference(s)" in err


def test_a_section_chosen_by_its_heading(capsys):
    code, out, err = run(capsys, S004, "--section", "II", "--compare", ROOT / "content/A/05.yaml",
                         "--content", ROOT / "content")
    assert code == 0 and "16 the same; 0 difference(s)" in err
    code, out, err = run(capsys, S004, "--section", "IV", "--compare", ROOT / "content/A/05.yaml",
                         "--content", ROOT / "content")
    assert code == 2 and "no section IV in the body (its sections: I. II. III.)" in err


def test_compare_001_reports_each_difference_with_its_place(capsys):
    code, out, err = run(capsys, S001, "--annex", "--paragraphs", "2-20", "--compare", ROOT / "content/A/09.yaml",
                         "--variants", SOURCES / "variants.yaml", "--content", ROOT / "content")
    assert code == 1
    lines = out.splitlines()
    assert sum("documented difference (" in line for line in lines) == 4
    assert sum("(heading) is in the document but not in the corpus" in line for line in lines) == 3
    assert any(re.search(r"/content/A/09\.yaml:\d+: A\.IX\.1: footnotes differ: the document has \['United Nations, "
                         r"\*Treaty Series\*, vol\. 2225, No\. 39574\.'\], the corpus none \(", line)
               and line.endswith(f"({S001}:25)") for line in lines)
    assert all(f"({S001}:" in line for line in lines)
    assert "4 documented difference(s); 4 difference(s)" in err


S002 = SOURCES / "002_4316debb4bfacb85.txt"


@pytest.mark.parametrize("src, args, chapter, differences", [
    # every difference that is not documented in variants.yaml, by kind; all are the 2021 edition's choices
    (S002, ["--annex", "I"], "A/07.yaml", {"heading": 3, "footnotes": 3}),
    (S002, ["--annex", "II"], "A/08.yaml", {"heading": 3, "footnotes": 2, "extra": 2}),
    (S002, [], "B/07.yaml", {"footnotes": 1}),             # "Ibid." where the resolution repeats the reference
    (S001, [], "B/08.yaml", {"footnotes": 1, "title": 1}),
])
def test_compare_resolutions_7_3_and_8_4_with_the_corpus(capsys, src, args, chapter, differences):
    code, out, err = run(capsys, src, *args, "--compare", ROOT / "content" / chapter,
                         "--variants", SOURCES / "variants.yaml", "--content", ROOT / "content")
    assert code == 1
    kinds = {"heading": "(heading) is in the document but not", "footnotes": ": footnotes differ",
             "title": "annex title: the document has", "extra": "but not in the",
             "text": ": text differs"}
    found = {k: sum(v in line for line in out.splitlines()) for k, v in kinds.items()}
    found["extra"] -= found["heading"]                      # the closing paragraph A.VIII numbers as 14
    assert {k: n for k, n in found.items() if n} == differences, out


def test_compare_names_a_changed_word(capsys, corpus):
    path = corpus / "A/09.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("widest range of predicate", "broadest range of predicate",
                                                             1), encoding="utf-8")
    code, out, _ = run(capsys, S001, "--annex", "--paragraphs", "2-20", "--compare", path,
                       "--variants", SOURCES / "variants.yaml", "--content", corpus, "--headings", "drop")
    assert code == 1
    changed = [line for line in out.splitlines() if "text differs" in line]
    assert len(changed) == 1 and "A.IX.13: text differs" in changed[0]
    assert "[-widest-]{+broadest+}" in changed[0] and f"({S001}:61)" in changed[0]


# -- bad input: one line, exit 2 ---------------------------------------------------------------------------
BAD = {
    "empty": (b"   \n\n", "file is empty"),
    "pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "this is a PDF, not its text"),
    "latin1": ("1. Les États parties.\n".encode("latin-1"), "not UTF-8 text"),
    "no-numbering": (b"The Working Group met.\n\nIt adopted nothing.\n", "no numbered paragraphs found"),
    "old-doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "old Word .doc file"),
    "bad-docx": (b"PK\x03\x04garbage", "not a DOCX file"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_gets_one_clear_line(capsys, tmp_path, case):
    data, what = BAD[case]
    src = tmp_path / f"{case}.txt"
    src.write_bytes(data)
    out = tmp_path / "A" / "12.yaml"
    code, stdout, err = run(capsys, src, "-o", out, "--content", ROOT / "content")
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    assert lines[0].startswith(f"compendium: error: {src}") and what in lines[0]
    assert not out.exists()


@pytest.mark.parametrize("args, what", [
    (["--annex", "III"], "no annex III in the document"),
    (["--annex"], "the document has annexes I, II"),
    (["--paragraphs", "7-3"], "is not N or N-M"),
    (["--annex", "I", "--paragraphs", "4"], "no paragraph 4 in annex I"),
    (["--as", "A.XXQ"], "'A.XXQ' is not a chapter id"),
    (["--dates", "2020-02-30"], "is not FIRST[,LAST]"),
    (["--report", "not a symbol"], "is not a document symbol"),
])
def test_bad_options_get_one_clear_line(capsys, tmp_path, args, what):
    code, _, err = run(capsys, S003, "-o", tmp_path / "A/12.yaml", *args, "--content", ROOT / "content")
    assert code == 2 and len(err.strip().splitlines()) == 1 and what in err, err


def test_not_utf8_names_the_line(capsys, tmp_path):
    src = tmp_path / "doc.txt"
    src.write_bytes(b"1. First.\n2. Second \xe9t\xe9.\n")
    code, _, err = run(capsys, src, "-o", tmp_path / "A/12.yaml", "--content", ROOT / "content")
    assert code == 2 and f"{src}:2: not UTF-8 text" in err
