"""readers/ooxml.py on the constructs Word writes (LibreOffice's are covered by tests/test_absorb.py):
tracked insertions and deletions, moves, a deleted paragraph mark, formatting changes, deleted table
rows, fields, comments on a range and on a point, style names and inherited italic; Word numbering
labels (a list's start, levels, numbering by style), outline levels, custom footnote marks, page headers."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from compendium.errors import CompendiumError
from compendium.readers.ooxml import Package

NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
REV = 'w:id="{n}" w:author="Word User" w:date="2026-12-01T10:00:00Z"'

BODY = f"""
<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:bookmarkStart w:id="1" w:name="p_A_VII_26"/>
  <w:r><w:t xml:space="preserve">UNODC should </w:t></w:r>
  <w:del {REV.format(n=1)}><w:r><w:delText xml:space="preserve">continue to </w:delText></w:r></w:del>
  <w:r><w:t>apply</w:t></w:r>
  <w:ins {REV.format(n=2)}><w:r><w:t xml:space="preserve"> all</w:t></w:r></w:ins>
  <w:r><w:t xml:space="preserve"> the </w:t></w:r>
  <w:commentRangeStart w:id="7"/><w:r><w:t>principles</w:t></w:r><w:commentRangeEnd w:id="7"/>
  <w:r><w:commentReference w:id="7"/></w:r><w:r><w:t>.</w:t></w:r><w:bookmarkEnd w:id="1"/></w:p>
<w:p><w:pPr><w:rPr><w:del {REV.format(n=3)}/></w:rPr></w:pPr><w:r><w:t>First half</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve"> and second half.</w:t></w:r></w:p>
<w:p><w:moveFrom {REV.format(n=4)}><w:r><w:t>Moved words</w:t></w:r></w:moveFrom><w:r><w:t xml:space="preserve"> stay. </w:t></w:r>
  <w:moveTo {REV.format(n=5)}><w:r><w:t>Moved words</w:t></w:r></w:moveTo></w:p>
<w:p><w:r><w:rPr><w:rStyle w:val="Emph"/><w:rPrChange {REV.format(n=6)}><w:rPr/></w:rPrChange></w:rPr><w:t>Endorses</w:t></w:r>
  <w:r><w:t xml:space="preserve"> the text</w:t></w:r><w:r><w:commentReference w:id="8"/></w:r>
  <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> NOTEREF fn_2 \\f \\h </w:instrText></w:r>
  <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>
  <w:r><w:footnoteReference w:id="5"/></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>kept row</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>B</w:t></w:r></w:p></w:tc></w:tr>
  <w:tr><w:trPr><w:del {REV.format(n=9)}/></w:trPr><w:tc><w:p><w:r><w:t>deleted row</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:hyperlink r:id="rIdLink"><w:r><w:t>A/63/539</w:t></w:r></w:hyperlink><w:fldSimple w:instr=" PAGE "><w:r><w:t>7</w:t></w:r></w:fldSimple></w:p>
"""

STYLES = f"""<w:styles {NS}>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>
<w:style w:type="character" w:styleId="Base"><w:name w:val="Base Emphasis"/><w:rPr><w:i/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Emph"><w:name w:val="Compendium Emphasis"/><w:basedOn w:val="Base"/></w:style>
</w:styles>"""

COMMENTS = f"""<w:comments {NS}>
<w:comment w:id="7" w:author="Ann Editor" w:date="2026-12-01T10:00:00Z"><w:p><w:r><w:t>Which principles?</w:t></w:r></w:p></w:comment>
<w:comment w:id="8" w:author="Bo Reviewer" w:date="2026-12-01T10:00:00Z"><w:p><w:r><w:t>Point comment</w:t></w:r></w:p></w:comment>
</w:comments>"""

RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def word_docx(path: Path, body: str = BODY) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   f'<Relationship Id="rId1" Type="{RT}/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/_rels/document.xml.rels",
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   f'<Relationship Id="rId2" Type="{RT}/styles" Target="styles.xml"/>'
                   f'<Relationship Id="rId3" Type="{RT}/comments" Target="comments.xml"/>'
                   f'<Relationship Id="rIdLink" Type="{RT}/hyperlink" Target="https://example.org/?s=A/63/539" '
                   'TargetMode="External"/></Relationships>')
        z.writestr("word/document.xml", f"<w:document {NS}><w:body>{body}</w:body></w:document>")
        z.writestr("word/styles.xml", STYLES)
        z.writestr("word/comments.xml", COMMENTS)
    return path


@pytest.fixture
def pkg(tmp_path) -> Package:
    return Package(word_docx(tmp_path / "word.docx"))


def texts(paragraphs) -> list[str]:
    return [" ".join(p.text.split()) for p in paragraphs]


def test_accept_and_reject_views(pkg):
    accepted, rejected = pkg.paragraphs("accept"), pkg.paragraphs("reject")
    assert texts(accepted)[:3] == ["UNODC should apply all the principles.",
                                   "First half and second half.",                  # the deleted mark joins
                                   "stay. Moved words"]
    assert texts(rejected)[:4] == ["UNODC should continue to apply the principles.", "First half",
                                   "and second half.", "Moved words stay."]
    assert accepted[1].joined == 2 and accepted[0].tracked and accepted[1].tracked
    assert accepted[0].style == "heading 1" and accepted[0].bookmarks == ["p_A_VII_26"]


def test_formatting_change_fields_notes_and_links(pkg):
    p = pkg.paragraphs("accept")[3]
    emph = p.spans[0]
    assert emph.text == "Endorses" and emph.italic and emph.char_style == "Compendium Emphasis"   # via basedOn
    assert not pkg.paragraphs("reject")[4].spans[0].italic          # before the formatting change
    noteref = next(s for s in p.spans if s.field.startswith("NOTEREF"))
    assert noteref.text == "2" and noteref.field == "NOTEREF fn_2 \\f \\h"
    assert [s.note for s in p.spans if s.note] == ["5"]
    last = pkg.paragraphs("accept")[-1]
    assert last.spans[0].url == "https://example.org/?s=A/63/539" and last.spans[1].field == "PAGE"


def test_table_rows_and_comments(pkg):
    cells = [p for p in pkg.paragraphs("accept") if p.cell]
    assert [(p.cell, p.text) for p in cells] == [((0, 0, 0), "kept row"), ((0, 0, 1), "B")]
    assert any(p.text == "deleted row" for p in pkg.paragraphs("reject") if p.cell)
    comments = pkg.comments()
    assert comments["7"].author == "Ann Editor" and comments["7"].text == "Which principles?"
    first = pkg.paragraphs("accept")[0]
    assert first.quoted("7") == "principles"
    point = pkg.paragraphs("accept")[3]
    assert "8" in point.comments and point.quoted("8") == ""


def test_not_a_docx(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"plain text")
    with pytest.raises(CompendiumError, match="not a DOCX file"):
        Package(bad)
    broken = word_docx(tmp_path / "broken.docx", body="<w:p>")
    with pytest.raises(CompendiumError, match="not well-formed"):
        Package(broken)


NUMBERED = f"""<w:document {NS}><w:body>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>First</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>Sub a</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>Sub b</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="Numbered"/></w:pPr><w:r><w:t>Second, numbered by its style</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>Sub a again</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>Not numbered</w:t>
  </w:r><w:r><w:footnoteReference w:customMarkFollows="1" w:id="2"/><w:t>*</w:t></w:r></w:p>
</w:body></w:document>"""
NUMBERING = f"""<w:numbering {NS}><w:abstractNum w:abstractNumId="9">
<w:lvl w:ilvl="0"><w:start w:val="4"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>
</w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="9"/></w:num></w:numbering>"""
STYLES_N = f"""<w:styles {NS}><w:style w:type="paragraph" w:styleId="Numbered"><w:name w:val="Numbered"/>
<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr><w:outlineLvl w:val="2"/></w:pPr></w:style></w:styles>"""


def test_word_numbering_labels_outline_headers_and_custom_marks(tmp_path):
    path = tmp_path / "numbered.docx"
    rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>'
            '<Relationship Id="r2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            '<Relationship Id="r3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>'
            '</Relationships>')
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
                   'Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml", NUMBERED)
        z.writestr("word/_rels/document.xml.rels", rels)
        z.writestr("word/numbering.xml", NUMBERING)
        z.writestr("word/styles.xml", STYLES_N)
        z.writestr("word/header1.xml", f'<w:hdr {NS}><w:p><w:r><w:t>CTOC/COP/2030/1</w:t></w:r></w:p></w:hdr>')
    pkg = Package(path)
    paras = pkg.paragraphs()
    assert [p.label for p in paras] == ["4.", "(a)", "(b)", "5.", "(a)", ""]      # the list's start, levels restart
    assert [p.label_format for p in paras[:2]] == ["decimal", "lowerLetter"]
    assert paras[3].outline == 2 and paras[0].outline is None
    note = [s for s in paras[5].spans if s.note]
    assert note[0].custom_mark and paras[5].text.endswith("*")
    assert pkg.header_texts() == ["CTOC/COP/2030/1"]
