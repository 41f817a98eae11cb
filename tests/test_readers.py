"""What the text reader makes of the forms UN PDF extractions come in: each case is a small document
in one of those forms, and what a user of `compendium import` would see from it."""
from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compendium.cli import main
from compendium.corpus.loader import load_book
from compendium.errors import CompendiumError
from compendium.importer.chapter import Options, build
from compendium.importer.outline import outline, select
from compendium.readers import read_document
from compendium.readers.untext import read_text

ROOT = Path(__file__).resolve().parent.parent


def read(tmp_path: Path, text: str):
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return read_document(path)


def shown(b) -> str:
    return "".join(f"[^{s.text}]" if s.kind == "note" else (f"*{s.text}*" if s.kind == "emph" else s.text)
                   for s in b.spans)


# double-spaced, paragraph starts indented, page furniture and footnotes at the page foot
PAGED = """\
  Annex

 The Working Group adopted the following recommendations1 for endorsement by the

Conference:

  Prevention of organized crime

 (a) States should consider developing national strategies and to request technical

assistance from UNODC in accordance with Conference resolution 10/4;

__________________

1
 CTOC/COP/WG.2/2022/4, para. 8.

http://undocs.org/CTOC/COP/WG.2/2022/4

CTOC/COP/2030/L.1

V.30-12345 2/3

 (b) UNODC should continue to provide capacity-

building assistance to States

parties.
"""


def test_page_furniture_footnotes_and_glued_marks(tmp_path):
    doc = read(tmp_path, PAGED)
    assert doc.symbol == "CTOC/COP/2030/L.1"                          # the running head, not text
    assert [b.kind for b in doc.blocks] == ["annex", "para", "heading", "para", "para"]
    chapeau, _, a, b = doc.blocks[1:]
    assert shown(chapeau) == ("The Working Group adopted the following recommendations[^1] for "
                              "endorsement by the Conference:")
    assert a.label == "(a)" and shown(a).endswith("Conference resolution 10/4;")
    assert shown(b) == "UNODC should continue to provide capacity-building assistance to States parties."
    assert doc.notes["1"].spans[0].text == "CTOC/COP/WG.2/2022/4, para. 8."
    assert [(lk.target, lk.line) for lk in doc.links] == [("CTOC/COP/WG.2/2022/4", 18)]
    assert doc.findings == []


# one paragraph per line, superscript footnote marks, a paragraph cut by a page break and its notes
UNWRAPPED = """\
Resolution 9/9

Title of the resolution

1. *Endorses* the recommendations adopted by the Working Group of Government Experts on Technical Assistance at its meeting;¹

2. States parties should designate a focal point for the purpose of communicating with the Secretariat and should

¹ United Nations, *Treaty Series*, vol. 2225, No. 39574.

provide UNODC with the contact details of that focal point. UNODC should compile the contact details of those focal points.
"""


def test_superscript_marks_and_a_paragraph_cut_by_a_page_break(tmp_path):
    doc = read(tmp_path, UNWRAPPED)
    assert [b.kind for b in doc.blocks] == ["heading", "heading", "para", "para"]
    assert shown(doc.blocks[2]).endswith("at its meeting;[^1]")
    assert "with the Secretariat and should provide UNODC with the contact details" in shown(doc.blocks[3])
    assert [s.kind for s in doc.notes["1"].spans] == ["text", "emph", "text"]


# hard-wrapped lines, no indentation, labels on their own line, roman and letter (i)
WRAPPED = """\
II. Recommendations
4.
The Working Group:
(a) Noted the following:
(i) The first point;
(ii) The second point;
(b) Requested the Secretariat to prepare a work-
plan;
(c) Third;
(d) Fourth;
(e) Fifth;
(f) Sixth;
(g) Seventh;
(h) Eighth;
(i) Ninth;
(k) Eleventh.
"""


def test_labels_in_sequence_letters_and_romans(tmp_path):
    doc = read(tmp_path, WRAPPED)
    labels = [(b.label, b.series) for b in doc.blocks if b.series]
    assert labels[:4] == [("II.", "Roman"), ("4.", "number"), ("(a)", "letter"), ("(i)", "roman")]
    assert labels[4] == ("(ii)", "roman")
    assert ("(i)", "letter") in labels[5:]                            # after (h), (i) is the letter
    assert shown(doc.blocks[5]) == "Requested the Secretariat to prepare a work-plan;"
    assert [f.line for f in doc.findings] == [1, 2, 16]               # an excerpt: II. and 4. come first …
    assert "labels start at II." in doc.findings[0].what
    assert "skips to (k) after (i)" in doc.findings[2].what           # … and (k) after (i): a paragraph lost?


def test_romans_nest_as_items_in_the_chapter(tmp_path, capsys):
    src = tmp_path / "doc.txt"
    src.write_text(WRAPPED.replace("II. Recommendations\n", "II. Recommendations\n3.\nThe Working Group held a "
                                   "meeting in Vienna on 1 and 2 June 2030.\n"), encoding="utf-8")
    out = tmp_path / "A" / "14.yaml"
    code = main(["import", str(src), "-o", str(out), "--paragraphs", "4", "--symbol", "CTOC/COP/WG.2/2030/1",
                 "--content", str(ROOT / "content")])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["meeting"] == 14 and data["dates"] == ["2030-06-01", "2030-06-02"]
    assert data["sources"] == [{"symbol": "CTOC/COP/WG.2/2030/1", "paragraph": 4}]
    first = data["blocks"][1]
    assert first == {"sub": "Noted the following:", "list": [{"item": "The first point;"},
                                                             {"item": "The second point;"}]}
    assert "the document labels this paragraph (k) but in the chapter it is (j)" in captured.out


def test_a_heading_that_may_be_a_cut_paragraph_is_reported(tmp_path):
    long = "the Working Group noted the importance of technical assistance in every region and at every level, "
    doc = read(tmp_path, f"1. In {long}as the Chair said.\n\nAlso, {long}and noted that the\n\n"
                         f"V.30-12345 2/3\n\nSecretariat had reported on {long}as planned.\n\n2. Second, {long}.\n")
    assert [b.kind for b in doc.blocks] == ["para", "para", "para"]  # rejoined across the page break
    assert doc.blocks[1].text.endswith("noted that the Secretariat had reported on the Working Group noted the "
                                       "importance of technical assistance in every region and at every level, "
                                       "as planned.")
    doc = read(tmp_path, f"1. In {long}as said.\n\nA heading that ends on a word like the\n\n2. In {long}.\n")
    assert doc.blocks[1].kind == "heading"
    assert doc.findings and "taken as a heading" in doc.findings[0].what


def test_bullets_of_the_extraction_are_taken_off(tmp_path):
    doc = read(tmp_path, "1. The Group:\n\n- (a) First;\n\n- (b) Second.\n\n- Unlabelled.\n")
    assert [(b.label, shown(b)) for b in doc.blocks] == [("1.", "The Group:"), ("(a)", "First;"), ("(b)", "Second."),
                                                         ("", "Unlabelled.")]
    assert [f.what for f in doc.findings] == ["a bulleted paragraph without a label: imported as unnumbered text"]


# -- mutated documents: only one clear error, never a traceback ----------------------------------------
SEEDS = [ROOT / "sources" / n for n in ("001_868e53c41903a224.txt", "002_4316debb4bfacb85.txt",
                                        "003_04f0d1fdfe45e1a4.txt", "004_f936931a798d0548.txt")]
PIECES = ["1.", "(a)", "(i)", "(iv)", "Annex", "Annex II", "__________", "*", "3", "¹", "- ", "A.", "II.",
          "http://undocs.org/X/Y/1", "CTOC/COP/2022/L.5", "V.22-21550 4/5", "", "   ", "[[", "\\", "*x*"]


@st.composite
def mutated(draw):
    lines = SEEDS[draw(st.integers(0, 3))].read_text(encoding="utf-8").split("\n")
    for _ in range(draw(st.integers(1, 8))):
        k = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["del", "dup", "cut", "insert", "noise"]))
        if op == "del" and len(lines) > 1:
            del lines[k]
        elif op == "dup":
            lines.insert(k, lines[draw(st.integers(0, len(lines) - 1))])
        elif op == "cut":
            lines[k] = lines[k][:draw(st.integers(0, len(lines[k])))]
        elif op == "insert":
            lines.insert(k, draw(st.sampled_from(PIECES)))
        else:
            lines[k] = draw(st.text(alphabet="ab. ()1¹*-_[]\\|/\t", max_size=20))
    return "\n".join(lines)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=mutated(), target=st.sampled_from(["A.XIV", "B.XII"]))
def test_mutated_text_gives_a_chapter_or_one_clear_error(text, target):
    book = _book()
    try:
        o = outline(read_text(text.encode("utf-8"), "doc.txt"))
        for annex in [None] + [a.annex for a in o.annexes]:
            try:
                build(o, select(o, annex, None, None), Options(target, annex=annex), book)
            except CompendiumError as exc:
                assert "\n" not in str(exc)
    except CompendiumError as exc:
        assert str(exc).startswith("doc.txt") and "\n" not in str(exc)


@cache
def _book():
    return load_book(ROOT / "content")
