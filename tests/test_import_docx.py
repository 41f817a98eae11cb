"""The DOCX reader on documents laid out as ODS distributes them (typed labels with a tab, Word
numbering, real footnotes, italic operative verbs, the symbol in the page header), as written and
once opened and saved again by LibreOffice: each imports to the same chapter as the PDF's text."""
from __future__ import annotations

import io
import shutil
import tempfile
import zipfile
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import odsdocs
from compendium.cli import main
from compendium.errors import CompendiumError
from compendium.readers import read_document
from compendium.readers.undocx import read_docx
from odsdocx import resave
from test_import import A05, A09, ROOT, S001

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("ods")
    made = {"8/4": odsdocs.resolution_8_4(tmp / "resolution-8-4.docx"),
            "2010": odsdocs.report_2010(tmp / "report-2010.docx")}
    for key, path in list(made.items()):
        made[key + " libreoffice"] = resave(path, tmp / "libreoffice")
    return made


def _import(capsys, src: Path, out: Path, *args) -> str:
    code = main(["import", str(src), "-o", str(out), *args, "--content", str(ROOT / "content")])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return captured.out


@pytest.mark.parametrize("which", ["8/4", "8/4 libreoffice"])
def test_resolution_8_4_as_docx_imports_like_its_pdf_text(capsys, tmp_path, docs, which):
    _import(capsys, S001, tmp_path / "from-text.yaml", *A09)
    review = _import(capsys, docs[which], tmp_path / "from-docx.yaml", *A09)
    assert (tmp_path / "from-docx.yaml").read_bytes() == (tmp_path / "from-text.yaml").read_bytes()
    assert (tmp_path / "from-docx.footnotes.yaml").read_bytes() == (tmp_path / "from-text.footnotes.yaml").read_bytes()
    assert [line.split(": ", 1)[1][:10] for line in review.splitlines()] == ["heading A.", "heading B.", "heading C."]


@pytest.mark.parametrize("which", ["2010", "2010 libreoffice"])
def test_report_2010_as_docx_gives_chapter_A_V(capsys, tmp_path, docs, which):
    args = [a for a in A05 if a not in ("--symbol", "CTOC/COP/WG.2/2010/1")]   # the symbol is in the header
    review = _import(capsys, docs[which], tmp_path / "05.yaml", *args)
    assert (tmp_path / "05.yaml").read_bytes() == (ROOT / "content/A/05.yaml").read_bytes()
    assert review.splitlines() == []


@pytest.mark.parametrize("which", ["8/4", "8/4 libreoffice"])
def test_docx_blocks_labels_italics_and_footnotes(docs, which):
    doc = read_document(docs[which])
    with zipfile.ZipFile(docs[which]) as z:
        xml = z.read("word/document.xml").decode()
    assert "<w:numPr>" in xml and "<w:tab/>" in xml and "footnoteReference" in xml   # both label forms are there
    labels = [b.label for b in doc.blocks if b.series == "number"]
    assert labels == ["1.", "2."] + [f"{n}." for n in range(1, 21)]                   # typed 1-13, numbered 14-20
    op1 = next(b for b in doc.blocks if b.label == "1.")
    assert op1.spans[0].kind == "emph" and op1.spans[0].text == "Endorses"
    assert [b.label for b in doc.blocks if b.series == "Letter"] == ["A.", "B.", "C."]
    assert [b.kind for b in doc.blocks[:4]] == ["heading", "heading", "para", "para"]
    assert sorted(doc.notes) == ["1", "2"]
    assert [s.kind for s in doc.notes["2"].spans] == ["text", "emph", "text"]           # *Treaty Series*


def test_report_2010_numbering_gives_the_letters(docs):
    doc = read_document(docs["2010 libreoffice"])
    subs = [b for b in doc.blocks if b.series == "letter"]
    assert [b.label for b in subs] == [f"({c})" for c in "abcdefghijklmno"]            # (i) is the letter here
    assert doc.symbol == "CTOC/COP/WG.2/2010/1"


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_damaged_docx_gives_one_clear_error(data):
    made = _made()
    with zipfile.ZipFile(io.BytesIO(made)) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    name = data.draw(st.sampled_from(sorted(parts)))
    body = bytearray(parts[name])
    for _ in range(data.draw(st.integers(1, 5))):
        k = data.draw(st.integers(0, max(0, len(body) - 1)))
        body[k:k + data.draw(st.integers(0, 30))] = data.draw(st.sampled_from(
            [b"", b'w:val="x"', b'w:ilvl="-1"', b"<", b'"', b'<w:footnoteReference w:id="7"/>',
             b'<w:numPr><w:numId w:val="41"/><w:ilvl w:val="9"/></w:numPr>']))
    parts[name] = bytes(body)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.docx"
        with zipfile.ZipFile(path, "w") as z:
            for n, b in parts.items():
                z.writestr(n, b)
        try:
            read_docx(path, "doc.docx")
        except CompendiumError as exc:
            assert str(exc).startswith(str(path)) or str(exc).startswith("doc.docx"), exc
            assert "\n" not in str(exc)


@cache
def _made() -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        return odsdocs.resolution_8_4(Path(tmp) / "r.docx").read_bytes()
