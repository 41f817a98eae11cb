"""The PDF editions as independent tools and assistive technology read them: the `page` validator's
PDF/UA-1 and PDF/A-2a profiles, the tag tree (pikepdf + pdfminer.six, tests/pdfread.py), the text
that pdftotext and pdfminer.six extract, and the index table's cells (pdfminer.six).

The six editions are the session's build (conftest.pdf_editions); each is read once here."""
from __future__ import annotations

import itertools
import re
import subprocess
import unicodedata
from functools import lru_cache
from pathlib import Path

import pikepdf
import pytest
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTCurve, LTLine, LTRect

from conftest import LANGS
from pdfread import marked_text, structure

MAIN = ["en", "ar", "zh"]
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def squash(text: str) -> str:
    """Text without whitespace, soft hyphens, bidi controls, joiners and combining marks."""
    text = re.sub(r"[\s\u00ad\u2060\u200c\u200d\u200e\u200f\u202a-\u202e\u2066-\u2069\u0640]+", "", text)
    return "".join(c for c in unicodedata.normalize("NFKC", text) if unicodedata.category(c) != "Mn")


@lru_cache(maxsize=None)
def _structure(path: Path):
    return structure(path)


@lru_cache(maxsize=None)
def _pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


@lru_cache(maxsize=None)
def _pdfminer_text(path: Path) -> str:
    """Every glyph's text as pdfminer.six decodes it (ToUnicode), page by page, marked or not."""
    return "\f".join("".join(p.marked[k] for k in sorted(p.marked)) + "".join(p.artifacts) + "".join(p.loose)
                     for p in marked_text(path))


@pytest.fixture(params=MAIN)
def main(request, pdf_editions):
    return request.param, *pdf_editions[request.param]


# -- validators ---------------------------------------------------------------------------------

@pytest.mark.parametrize("profile", ["ua1", "2a"])
@pytest.mark.parametrize("lang", LANGS)
def test_every_edition_is_pdf_ua_1_and_pdf_a_2a(pdf_editions, lang, profile):
    import page
    report = page.validate_pdf(pdf_editions[lang][0], profile=profile)
    failures = sorted({f"{f.rule_id}: {f.message}" for f in report.failures})
    assert report.rules.failed == 0 and report.is_compliant, failures
    assert report.rules.passed == report.rules.total > 100


# -- the tag tree -------------------------------------------------------------------------------

def test_footnotes_are_notes_read_right_after_the_reference_that_links_to_them(main):
    lang, path, tree = main
    root = _structure(path)
    notes = {e.id: e for e in root.walk() if e.role == "Note"}
    assert sorted(notes) == sorted(f"note-{n}" for n in tree.notes)
    for parent in root.walk():
        for i, kid in enumerate(parent.kids):
            if kid.role != "Note":
                continue
            ref = parent.kids[i - 1]
            assert ref.role == "Reference" and ref.kids[0].role == "Link", kid.id
            assert {a.dest for a in ref.kids[0].annots} == {kid.id}
            n = int(kid.id.split("-")[1])
            assert kid.kids[0].role == "Lbl" and squash(kid.kids[0].text).translate(
                str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")) == str(n)
            assert squash(kid.text) == squash(kid.kids[0].text + "".join(r.text for r in tree.notes[n].runs))


def test_labels_are_lbl_elements_first_in_their_paragraph(main):
    lang, path, tree = main
    labels = [e.kids[0].text for e in _structure(path).walk() if e.role == "P" and e.kids and e.kids[0].role == "Lbl"]

    def walk(paras):
        for p in paras:
            if p.label:
                yield p.label
            yield from walk(p.children)
    expected = [label for item in tree.flow() if hasattr(item, "children") for label in walk([item])]
    assert [squash(x) for x in labels] == [squash(x) for x in expected]


def test_the_contents_is_a_toc_without_leader_dots(main):
    lang, path, tree = main
    toc = [e for e in _structure(path).walk() if e.role == "TOC"]
    assert len(toc) == 1
    items = [k for k in toc[0].kids if k.role == "TOCI"]
    assert len(items) == len(tree.contents)
    for item, entry in zip(items, tree.contents):
        assert squash(entry.text) in squash(item.text) and "..." not in item.text
        assert [k.role for k in item.kids] == (["Lbl", "Link"] if entry.label else ["Link"])
        assert {a.dest for a in item.kids[-1].annots} == {entry.target}


def test_no_link_is_inside_another_and_every_annotation_is_in_the_tree(main):
    lang, path, tree = main
    root = _structure(path)
    for e in root.walk():
        if e.role == "Link":
            assert not any(k.role == "Link" for k in e.walk() if k is not e)
    in_tree = {a.objgen for e in root.walk() for a in e.annots}
    pdf = pikepdf.open(path)
    annots = {a.objgen for p in pdf.pages for a in p.get("/Annots", [])}
    assert annots == in_tree


def test_the_index_is_one_table_whose_cells_name_their_headers(main):
    lang, path, tree = main
    tables = [e for e in _structure(path).walk() if e.role == "Table"]
    assert len(tables) == 1
    cells = {e.id: e for e in tables[0].walk() if e.role == "TH"}
    assert all(str(th.attrs["/Scope"]) in ("/Column", "/Row") for th in cells.values())
    rows = [r for g in tables[0].kids if g.role == "TBody" for r in g.kids]
    assert len(rows) == sum(len(t.rows) for t in tree.index.topics)
    topics = iter(row.topic for t in tree.index.topics for row in t.rows)
    for row in rows:
        topic = next(topics)
        for cell in row.kids:
            heads = [cells[str(h)] for h in cell.attrs.get("/Headers", [])]
            column = [h for h in heads if str(h.attrs["/Scope"]) == "/Column"]
            assert column, (topic, cell.text)
            if cell.role == "TD":      # the topic's row head, also on the rows that do not print it
                assert [squash(h.text) for h in heads if str(h.attrs["/Scope"]) == "/Row"] == [squash(topic)]
    heads = [e for e in tables[0].kids if e.role == "THead"]
    assert len(heads) == 1 and squash(heads[0].text) == squash("".join(
        tree.index.columns[k] for k in ("topic", "report", "compendium", "symbol", "document", "paragraphs")))


def test_running_heads_folios_and_repeated_column_heads_are_artifacts(main):
    lang, path, tree = main
    pages = marked_text(path)
    head = sorted(squash(tree.ui["running_head.index"]))        # letters (artifacts have no ActualText)
    index_pages = [p for p in pages if any(sorted(squash(a)) == head for a in p.artifacts)]
    assert len(index_pages) >= 5
    column_head = sorted(squash(tree.index.columns["symbol"]))
    for p in index_pages:
        assert not any(sorted(squash(t)) == head for t in p.marked.values())
        folio = [a for a in p.artifacts if squash(a).isdigit()]
        assert folio, "a folio drawn as an artifact"
    marked_heads = sum(1 for p in index_pages for t in p.marked.values() if sorted(squash(t)) == column_head)
    assert marked_heads == 1                               # content once, artifact on the other pages
    assert all(not p.loose for p in pages)                 # nothing is neither content nor artifact


# -- extracted text -----------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_hyphenation_leaves_no_hyphen_in_the_text_and_words_come_out_whole(pdf_editions, lang):
    path, tree = pdf_editions[lang]
    poppler, miner = _pdftotext(path), _pdfminer_text(path)
    assert "\u2010" not in poppler and "\u2010" not in miner
    if lang in ("en", "ru", "fr", "es"):
        from compendium.render.text import render_text
        source = squash(render_text(tree))
        # pdftotext: a soft hyphen at the end of the line (in an index cell its next line may come
        # after the other cells of the row: a capital there is another cell); the tag tree
        # (pdfminer): inside the word
        for split in ([(a, b) for a, b in re.findall(r"(\w+)\u00ad\n([^\W\d]\w*)", poppler) if b[0].islower()],
                      re.findall(r"(\w+)\u00ad(\w+)", _structure(path).text)):
            assert len(split) >= 10, "hyphenated line ends, read as soft hyphens"
            for a, b in split:
                b = "".join(itertools.takewhile(str.isalpha, b))  # (a note call, or its note, after the word)
                assert a[-4:] + b in source, (a, b)             # (the tree runs table cells together)


def _paras(tree):
    def walk(paras):
        for p in paras:
            yield p
            yield from walk(p.children)
    return [p for item in tree.flow() if hasattr(item, "children") for p in walk([item])]


def _first_calls(tree):
    """(text before the call, note number) of each note's first citation in the body."""
    seen = set()
    for p in _paras(tree):
        for before, run in zip(p.runs, p.runs[1:]):
            if run.kind == "note" and run.note not in seen and before.kind == "text":
                seen.add(run.note)
                yield before.text, run.note


@pytest.mark.parametrize("lang", MAIN)
def test_a_footnote_call_is_a_superscript_apart_from_its_word(pdf_editions, lang):
    path, tree = pdf_editions[lang]
    calls = list(_first_calls(tree))
    assert len(calls) >= 5
    for text in (_pdftotext(path), _structure(path).text):          # pdftotext, the tag tree (pdfminer)
        flat = re.sub(r"[\s\u2060\u202a-\u202e\u2066-\u2069]+", "", text)    # (squash would make ¹ a 1)
        for before, n in calls:
            word = re.sub(r"\s+", "", before)[-6:]
            # (in right-to-left text pdftotext may put a comma between the word and its call)
            gap = r"[،,.]?" if lang == "ar" else ""
            assert re.search(re.escape(word) + gap + str(n).translate(SUPERSCRIPT), flat), (lang, before[-30:], n)


def _letters(text: str) -> list[str]:
    """The words of a text: its runs of letters (without marks) and of digits."""
    text = "".join(c for c in unicodedata.normalize("NFKC", text) if unicodedata.category(c) != "Mn")
    return re.findall(r"[^\W\d_]+|\d+", text)


def test_arabic_text_extracts_in_logical_order(pdf_editions):
    """The tag tree (what a screen reader reads: ActualText of the right-to-left runs, here through
    pdfminer.six) gives every Arabic paragraph in logical order. pdftotext, which orders the glyphs
    itself, gives every word without vowel marks whole and unreversed; a word with raised marks
    (shadda, tanwin: drawn with a text rise) it may still split or move to a line of its own, by its
    baseline rule (the Span's ActualText, which says the word, poppler does not read)."""
    path, tree = pdf_editions["ar"]
    paras = [" ".join(r.text for r in p.runs if r.kind != "note") for p in _paras(tree)]
    paras = [p for p in paras if len(squash(p)) > 20]
    assert len(paras) > 100
    in_tree = squash(_structure(path).text_without(("Note", "Reference")))
    missing = [squash(p)[:40] for p in paras if squash(p) not in in_tree]
    assert not missing, missing[:3]
    poppler = set(_letters(_pdftotext(path)))
    plain = [w for p in paras for w in p.split() if not any(unicodedata.category(c) == "Mn" for c in w)]
    missing = [w for w in plain for x in _letters(w) if x not in poppler]
    assert not missing, missing[:10]


def test_the_arabic_title_page_extracts_as_whole_words(pdf_editions):
    path, tree = pdf_editions["ar"]
    from compendium.localize.tree import plain
    words = _letters(_pdftotext(path).split("\f")[2])
    for line in tree.title_page:
        for word in _letters(plain(line)):
            assert word in words, word


# -- the index: nothing outside its cell --------------------------------------------------------

def outside_cells(path: Path) -> dict[int, str]:
    """Pages (1-based) of the index table where a character crosses a vertical rule of the table or
    lies beyond its outer rules, with those characters. The table's rules are the thin vertical
    rectangles and lines pdfminer.six finds on a page with at least ten of them."""
    def chars(o):
        if isinstance(o, LTChar):
            yield o
        elif hasattr(o, "__iter__"):
            for x in o:
                yield from chars(x)
    bad = {}
    for i, page in enumerate(extract_pages(path)):
        rules = [o for o in page if isinstance(o, (LTRect, LTLine, LTCurve)) and o.width < 2 and o.height > 4]
        if len(rules) < 10:
            continue
        top, bottom = max(r.y1 for r in rules), min(r.y0 for r in rules)
        left, right = min(r.x0 for r in rules), max(r.x1 for r in rules)
        found = []
        for c in chars(page):
            middle = (c.y0 + c.y1) / 2
            if not c.get_text().strip() or not bottom <= middle <= top:
                continue
            if c.x0 < left or c.x1 > right or any(
                    r.y0 <= middle <= r.y1 and c.x0 < r.x0 - 0.1 and c.x1 > r.x1 + 0.1 for r in rules):
                found.append(c.get_text())
        if found:
            bad[i + 1] = "".join(found)
    return bad


@pytest.mark.parametrize("lang", LANGS)
def test_no_character_of_the_index_lies_outside_its_cell(pdf_editions, lang):
    assert outside_cells(pdf_editions[lang][0]) == {}


# -- the printer's file -------------------------------------------------------------------------

def test_the_print_edition_is_pdf_x_4_in_cmyk_with_trim_and_bleed_boxes(tmp_path):
    """What can be checked here of PDF/X-4 (no PDF/X validator installs without Java): the output
    intent and its CMYK profile, the identification, trim and bleed boxes on every page, fonts
    embedded, no DeviceRGB anywhere (the marks included), no transparency at all."""
    from editions import build
    from conftest import ROOT
    build(ROOT / "content", ["en"], ["pdf"], tmp_path, ROOT / "locales", ROOT / "templates", print_marks=True)
    path = tmp_path / "en" / "compendium.pdf"
    pdf = pikepdf.open(path)
    intent, = pdf.Root.OutputIntents
    assert intent.S == "/GTS_PDFX" and intent.DestOutputProfile.N == 4 and str(intent.OutputConditionIdentifier)
    assert intent.DestOutputProfile.read_bytes()[16:20] == b"CMYK"           # ICC header: colour space
    xmp = pdf.Root.Metadata.read_bytes().decode()
    assert "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" in xmp and "dc:title" in xmp
    assert pdf.trailer.ID and pdf.docinfo.Trapped == "/False"
    bleed = 3 * 72 / 25.4
    for page in pdf.pages:
        media, box, trim = ([float(v) for v in page.obj[k]] for k in ("/MediaBox", "/BleedBox", "/TrimBox"))
        assert abs(trim[2] - trim[0] - 170 * 72 / 25.4) < 0.5 and abs(trim[3] - trim[1] - 240 * 72 / 25.4) < 0.5
        assert all(abs(abs(b - t) - bleed) < 0.1 for b, t in zip(box, trim))
        assert media[0] <= box[0] and media[1] <= box[1] and box[2] <= media[2] and box[3] <= media[3]
        streams = [page] + list(page.obj.get("/Resources", {}).get("/XObject", {}).values())
        operators = {str(i.operator) for s in streams for i in pikepdf.parse_content_stream(s)}
        assert not operators & {"rg", "RG", "sh"}, operators
        spaces = {str(i.operands[0]) for s in streams for i in pikepdf.parse_content_stream(s)
                  if str(i.operator) in ("cs", "CS")}
        assert spaces <= {"/DeviceCMYK"}, spaces
        for state in page.obj.get("/Resources", {}).get("/ExtGState", {}).values():
            assert float(state.get("/CA", 1)) == 1 and float(state.get("/ca", 1)) == 1 and "/SMask" not in state
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert rows and all(row[-5] == "yes" for row in rows), fonts                # emb column
    again = tmp_path / "again"                   # reproducible: no clock time, no random id in the file
    build(ROOT / "content", ["en"], ["pdf"], again, ROOT / "locales", ROOT / "templates", print_marks=True)
    assert (again / "en" / "compendium.pdf").read_bytes() == path.read_bytes()
    assert re.search(r"<xmp:MetadataDate>\d{4}</xmp:MetadataDate>", xmp), xmp    # the edition's date
