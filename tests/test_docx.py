"""The DOCX editions, read back with python-docx, from the package XML, and with LibreOffice.

The six editions are built once per module (DOCX and the text proof, two processes); a draft
edition (part of a catalogue withheld, so texts fall back to English) and an edition citing a note
twice are rendered from modified trees. LibreOffice converts all of them in two soffice runs.
"""
from __future__ import annotations

import copy
import io
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
LANGS = ["en", "ar", "zh", "fr", "es", "ru"]
MAIN = ["en", "ar", "zh"]
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"w": W, "r": R}
BOOKMARK = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,39}$")
ARABIC = re.compile(r"[\u0600-\u06FF]")
LATIN = re.compile(r"[A-Za-z]")
SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


# -- building -------------------------------------------------------------------------------------

def _tree(lang: str, drop: int = 0, edition: str = "2021"):
    """The localized tree as the build makes it; with `drop`, every drop-th translation is withheld
    (a draft edition: those texts fall back to English)."""
    from compendium.corpus.loader import load_book
    from compendium.localize.localizer import localize
    from compendium.messages.translations import translations
    table = translations(ROOT / "locales", lang)
    if drop:
        table = {k: v for i, (k, v) in enumerate(sorted(table.items(), key=lambda kv: (kv[0][0] or "", kv[0][1])))
                 if i % drop}
    return localize(load_book(ROOT / "content", edition), lang, ROOT / "locales", ROOT / "templates",
                    lambda ctx, msgid: table.get((ctx, msgid)))


def _render(tree, fmt: str) -> bytes:
    from compendium.render.edition import load_edition
    from compendium.render import writer
    from compendium.localize.conventions import load_style
    edition = load_edition(load_style(tree.lang, ROOT / "locales"), ROOT / "templates")
    return writer(fmt)(tree, edition)


class Docx:
    """One DOCX file: its bytes, package parts as XML, and the tree it was made from."""

    def __init__(self, name: str, data: bytes, tree, proof: str) -> None:
        self.name, self.data, self.tree, self.proof = name, data, tree, proof
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        self.doc = docx.Document(io.BytesIO(data))

    def xml(self, part: str):
        return etree.fromstring(self.zip.read(part))

    @property
    def body(self):
        return self.xml("word/document.xml").find(w("body"))

    def rels(self, part: str) -> dict[str, str]:
        folder, name = part.rsplit("/", 1)
        rels = etree.fromstring(self.zip.read(f"{folder}/_rels/{name}.rels"))
        return {r.get("Id"): r.get("Target") for r in rels}


def _with_repeated_note(tree):
    """The English tree with note 1 cited a second time, in the last paragraph of part A."""
    from compendium.localize.tree import Run
    tree = copy.deepcopy(tree)
    last = tree.parts[0].chapters[-1].blocks[-1]
    last.runs = last.runs + [Run("note", "", note=1)]
    return tree


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from editions import build
    out = tmp_path_factory.mktemp("docx")
    trees = {lang: _tree(lang) for lang in LANGS}       # what the build reads, read at the same time
    build(ROOT / "content", LANGS, ["docx", "txt"], out, ROOT / "locales", ROOT / "templates", jobs=2, force=True,
          edition="2021")
    files = {}
    for lang in LANGS:
        files[lang] = Docx(lang, (out / "2021" / lang / "compendium.docx").read_bytes(), trees[lang],
                           (out / "2021" / lang / "compendium.txt").read_text(encoding="utf-8"))
    for name, tree in (("ar-draft", _tree("ar", drop=3)), ("zh-draft", _tree("zh", drop=3)),
                       ("en-repeat", _with_repeated_note(files["en"].tree))):
        files[name] = Docx(name, _render(tree, "docx"), tree, _render(tree, "txt").decode("utf-8"))
    files["_out"] = out
    return files


@pytest.fixture(params=MAIN)
def ed(request, built) -> Docx:
    return built[request.param]


def test_proofs_of_the_build_are_the_proofs_of_the_trees(built):
    """The trees the tests read are the trees the build wrote (same catalogues, same corpus)."""
    from compendium.render.text import render_text
    for lang in LANGS:
        assert render_text(built[lang].tree, unofficial=lang != "en") == built[lang].proof, lang


def test_the_text_proof_of_an_unofficial_translation_says_so_after_its_title(built):
    from compendium.localize.tree import plain
    for lang in LANGS:
        blocks = built[lang].proof.split("\n\n")
        after = blocks[blocks.index(plain(built[lang].tree.title_page[-1])) + 1]
        assert (after == built[lang].tree.ui["page.unofficial"]) == (lang != "en"), lang


# -- structure ------------------------------------------------------------------------------------

def _walk(tree):
    """(kind, object) for every Heading and Para, in book order."""
    def para(p):
        yield "para", p
        for c in p.children:
            yield from para(c)
    for section in (tree.intro, tree.compendium):
        yield "heading", section.heading
        for p in section.blocks:
            yield from para(p)
    for part in tree.parts:
        yield "heading", part.heading
        for ch in part.chapters:
            yield "heading", ch.heading
            for p in ch.blocks:
                yield from para(p)
            if ch.decision:
                d = ch.decision
                yield "heading", d.heading
                yield "heading", d.title
                for p in d.blocks:
                    yield from para(p)
                for a in d.annexes:
                    yield "heading", a.heading
                    if a.title:
                        yield "heading", a.title
                    for p in a.blocks:
                        yield from para(p)
    yield "heading", tree.index.heading


def _label_line(tree, label: str, text: str) -> str:
    return tree.label_text(label, text)


def test_heading_styles_follow_the_contents(ed):
    """Heading 1-3 paragraphs are exactly the contents entries (so Word's TOC \\o "1-3" rebuilds the
    same contents); decisions, titles and annexes are Heading 4-6; every heading style has its
    outline level (navigation pane)."""
    tree = ed.tree
    headings = [(int(p.style.name.split()[-1]), p.text) for p in ed.doc.paragraphs
                if p.style.name.startswith("Heading ")]
    top = [(lvl, re.sub(r"\t", " ", text)) for lvl, text in headings if lvl <= 3]
    expected = [(e.level, _label_line(tree, e.label, e.text)) for e in tree.contents]
    assert top == expected
    counts = {lvl: sum(1 for level, _ in headings if level == lvl) for lvl in range(1, 7)}
    decisions = sum(1 for p in tree.parts for c in p.chapters if c.decision)
    assert counts[4] == decisions
    assert counts[5] == decisions + sum(len(c.decision.annexes) for p in tree.parts for c in p.chapters
                                         if c.decision)
    styles = ed.xml("word/styles.xml")
    for level in range(1, 7):
        style = styles.find(f"w:style[@w:styleId='Heading{level}']", NS)
        assert style.find("w:pPr/w:outlineLvl", NS).get(w("val")) == str(level - 1)
    names = {s.find("w:name", NS).get(w("val")) for s in styles.findall("w:style", NS)}
    for name in ("Normal", "Title", "footnote text", "footnote reference", "Compendium Paragraph",
                 "Compendium Subparagraph 1", "Compendium Subparagraph 2", "Compendium Index", "toc 1"):
        assert name in names


def test_numbered_paragraphs_have_generated_labels_and_hanging_indents(ed):
    """Labels are text followed by a tab (never Word numbering); each level's style hangs."""
    paras = {p.style.name: p for p in ed.doc.paragraphs}
    assert ed.xml("word/document.xml").find(".//w:numPr", NS) is None
    tree = ed.tree
    first = tree.parts[0].chapters[1].blocks[0]
    sub = next(c for p in tree.parts[0].chapters[1].blocks for c in p.children)
    texts = [p.text for p in ed.doc.paragraphs]
    tab = "" if first.label[-1] in tree.tight_after else "\t"
    assert any(t.startswith(first.label + tab) for t in texts)
    assert any(t.startswith(sub.label + "\t") for t in texts)
    styles = ed.xml("word/styles.xml")
    indents = []
    for name in ("CompendiumParagraph", "CompendiumSubparagraph1", "CompendiumSubparagraph2"):
        ind = styles.find(f"w:style[@w:styleId='{name}']/w:pPr/w:ind", NS)
        assert int(ind.get(w("hanging"))) > 0
        indents.append(int(ind.get(w("left"))))
    assert indents == sorted(indents) and len(set(indents)) == 3
    assert "Compendium Subparagraph 2" in paras


def test_footnotes_are_real_word_footnotes_numbered_as_the_book(ed):
    fn = ed.xml("word/footnotes.xml")
    notes = fn.findall("w:footnote", NS)
    assert [n.get(w("id")) for n in notes[:2]] == ["-1", "0"]
    assert [n.get(w("type")) for n in notes[:2]] == ["separator", "continuationSeparator"]
    body = notes[2:]
    from compendium.localize.tree import plain
    assert len(body) == len(ed.tree.notes)
    for note in body:
        number = int(note.get(w("id")))
        text = re.sub("[\u202a\u202c\u2066\u2069]", "", "".join(t.text for t in note.iter(w("t"))))
        assert text.strip() == plain(ed.tree.notes[number].runs).strip()
        assert note.find(".//w:footnoteRef", NS) is not None
    refs = [int(r.get(w("id"))) for r in ed.body.iter(w("footnoteReference"))]
    assert refs == sorted(ed.tree.notes)          # each once, in book order: Word's numbers are the book's
    rels = ed.rels("word/document.xml")
    assert "footnotes.xml" in rels.values()
    settings = ed.xml("word/settings.xml")
    assert [f.get(w("id")) for f in settings.findall("w:footnotePr/w:footnote", NS)] == ["-1", "0"]


def test_a_note_cited_twice_keeps_its_number(built):
    """A second citation is a NOTEREF field (\\f: footnote mark format) to a bookmark on the first
    reference, not a second footnote."""
    ed = built["en-repeat"]
    refs = [int(r.get(w("id"))) for r in ed.body.iter(w("footnoteReference"))]
    assert refs == sorted(ed.tree.notes)
    instr = [t.text for t in ed.body.iter(w("instrText"))]
    assert any(i.strip() == "NOTEREF fn_1 \\f \\h" for i in instr)
    names = [b.get(w("name")) for b in ed.body.iter(w("bookmarkStart"))]
    assert "fn_1" in names
    first = next(ed.body.iter(w("footnoteReference")))
    assert first.getparent().getprevious().get(w("name")) == "fn_1"


def test_contents_is_a_toc_field_with_the_entries_as_cached_result(ed):
    body = ed.body
    runs = list(body.iter(w("fldChar"), w("instrText")))
    toc = next(i for i, e in enumerate(runs) if e.tag == w("instrText") and "TOC" in e.text)
    assert runs[toc].text.strip() == 'TOC \\o "1-3" \\h \\z \\u'
    assert runs[toc - 1].get(w("fldCharType")) == "begin"
    assert runs[toc + 1].get(w("fldCharType")) == "separate"
    assert runs[toc + 2].get(w("fldCharType")) == "end"
    entries = [p for p in ed.doc.paragraphs if p.style.name.startswith("toc ")]
    assert [re.sub(r"\t", " ", p.text) for p in entries] == [
        _label_line(ed.tree, e.label, e.text) for e in ed.tree.contents]
    assert [int(p.style.name.split()[-1]) for p in entries] == [e.level for e in ed.tree.contents]
    settings = ed.xml("word/settings.xml")
    assert settings.find("w:updateFields", NS).get(w("val")) == "true"


def test_every_paragraph_has_a_bookmark_and_every_internal_link_resolves(ed):
    from compendium.render.docx.oxml import bookmark_name
    body = ed.body
    names = [b.get(w("name")) for b in body.iter(w("bookmarkStart"))]
    assert len(names) == len(set(names))
    assert all(BOOKMARK.match(n) for n in names)
    ids = [obj.id for _, obj in _walk(ed.tree)]
    assert {bookmark_name(i) for i in ids} <= set(names)
    assert bookmark_name("A.VII.26") == "p_A_VII_26"
    starts = {b.get(w("id")) for b in body.iter(w("bookmarkStart"))}
    assert starts == {b.get(w("id")) for b in body.iter(w("bookmarkEnd"))}
    anchors = [h.get(w("anchor")) for h in body.iter(w("hyperlink")) if h.get(w("anchor"))]
    targets = [s.target for t in ed.tree.index.topics for r in t.rows for line in r.compendium for s in line
               if s.target]
    assert len(anchors) == len(targets) + len(ed.tree.contents)
    assert set(anchors) <= set(names)
    assert bookmark_name("A.VII.26") in anchors


def test_ods_links_are_external_hyperlinks(ed):
    links = [r for _, obj in _walk(ed.tree) for r in obj.runs if r.kind == "link"]
    note_links = [r for n in ed.tree.notes.values() for r in n.runs if r.kind == "link"]
    rels = ed.rels("word/document.xml")
    body_links = [h for h in ed.body.iter(w("hyperlink")) if h.get(f"{{{R}}}id")]
    assert [rels[h.get(f"{{{R}}}id")] for h in body_links] == [r.href for r in links]
    fn_rels = ed.rels("word/footnotes.xml")
    fn_links = [h for h in ed.xml("word/footnotes.xml").iter(w("hyperlink"))]
    assert [fn_rels[h.get(f"{{{R}}}id")] for h in fn_links] == [r.href for r in note_links]
    assert links and all(r.href.startswith("https://documents.un.org/") for r in links)


def test_index_table_repeats_its_header_and_shades_conference_rows(ed):
    tables = ed.body.findall("w:tbl", NS)
    assert len(tables) == 1
    rows = tables[0].findall("w:tr", NS)
    header = [r for r in rows if r.find("w:trPr/w:tblHeader", NS) is not None]
    assert rows[:2] == header
    data = rows[2:]
    tree_rows = [r for t in ed.tree.index.topics for r in t.rows]
    assert len(data) == len(tree_rows)
    for tr, row in zip(data, tree_rows):
        fills = [tc.find("w:tcPr/w:shd", NS) for tc in tr.findall("w:tc", NS)[1:]]
        assert all((f is not None and f.get(w("fill")) == "D9D9D9") == row.shaded for f in fills)
    style = tables[0].find("w:tblPr/w:tblStyle", NS).get(w("val"))
    assert style == "CompendiumIndex"
    assert (tables[0].find("w:tblPr/w:bidiVisual", NS) is not None) == (ed.tree.direction == "rtl")


def test_right_to_left_settings_for_arabic(built):
    ed = built["ar"]
    doc = ed.xml("word/document.xml")
    parts = [doc, ed.xml("word/footnotes.xml"), ed.xml("word/header1.xml")]
    for part in parts:
        for p in part.iter(w("p")):
            if p.getparent().tag == w("footnote") and p.getparent().get(w("type")):
                continue                                 # separators
            assert p.find("w:pPr/w:bidi", NS) is not None, etree.tostring(p)[:200]
    for sect in doc.iter(w("sectPr")):
        assert sect.find("w:bidi", NS) is not None
    for part in parts[:2]:
        for r in part.iter(w("r")):
            text = "".join(t.text for t in r.iter(w("t")))
            rtl = r.find("w:rPr/w:rtl", NS) is not None
            if ARABIC.search(text):
                assert rtl, text
            elif LATIN.search(text):
                assert not rtl, text                    # document symbols stay left to right
        for ref in part.iter(w("footnoteReference"), w("footnoteRef")):
            assert ref.getparent().find("w:rPr/w:rtl", NS) is not None
    isolated = [t.text for t in parts[1].iter(w("t")) if t.text.startswith("\u2066")]
    assert "\u2066CTOC/COP/2005/2/Rev.2\u2069" in isolated     # symbols between Arabic commas
    styles = ed.xml("word/styles.xml")
    defaults = styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    assert defaults.find("w:lang", NS).get(w("bidi")) == "ar-SA"
    assert defaults.find("w:rFonts", NS).get(w("cs")) == "Noto Naskh Arabic"
    assert styles.find("w:style[@w:styleId='Normal']/w:rPr/w:szCs", NS) is not None
    # emphasis "none" in Arabic: no italic style applied
    assert not [r for r in doc.iter(w("rStyle")) if r.get(w("val")) == "CompendiumEmphasis"]


def test_complex_script_italics_where_emphasis_applies(built):
    styles = built["en"].xml("word/styles.xml")
    emph = styles.find("w:style[@w:styleId='CompendiumEmphasis']/w:rPr", NS)
    assert emph.find("w:i", NS) is not None and emph.find("w:iCs", NS) is not None
    doc = built["en"].xml("word/document.xml")
    assert [r for r in doc.iter(w("rStyle")) if r.get(w("val")) == "CompendiumEmphasis"]


def test_chinese_uses_east_asian_fonts_and_language(built):
    ed = built["zh"]
    defaults = ed.xml("word/styles.xml").find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    assert defaults.find("w:rFonts", NS).get(w("eastAsia")) == "Noto Serif CJK SC"
    assert defaults.find("w:lang", NS).get(w("eastAsia")) == "zh-CN"
    assert ed.xml("word/document.xml").find(".//w:bidi", NS) is None
    installed = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True).stdout \
        if shutil.which("fc-list") else "Noto Serif CJK SC"
    assert "Noto Serif CJK SC" in installed


def test_left_to_right_editions_have_no_bidi(built):
    for lang in ("en", "fr", "es", "ru"):
        xml = built[lang].zip.read("word/document.xml")
        assert b"<w:bidi/>" not in xml and b"<w:rtl/>" not in xml, lang


def test_french_no_break_spaces_are_kept(built):
    ed = built["fr"]
    text = "".join(t.text or "" for t in ed.xml("word/document.xml").iter(w("t")))
    proof_body = ed.proof
    assert "\u00a0" in proof_body
    assert text.count("\u00a0") == proof_body.count("\u00a0") - sum(
        "".join(r.text for r in n.runs).count("\u00a0") for n in ed.tree.notes.values())


def test_document_properties_are_in_the_edition_s_language(ed):
    from compendium.localize.tree import plain
    props, ui = ed.doc.core_properties, ed.tree.ui
    assert (props.title, props.subject, props.author, props.keywords) == (
        ui["meta.title"], ui["meta.subject"], ui["meta.author"], ui["meta.keywords"])
    assert props.title == plain(ed.tree.title_page[1])           # the title printed on the title page
    assert (props.title == ENGLISH_TITLE) == (ed.name == "en")
    assert props.language == {"en": "en-GB", "ar": "ar-SA", "zh": "zh-CN"}[ed.name]
    assert props.created.year == int(ed.tree.meta["year"]) and props.created == props.modified


ENGLISH_TITLE = "Technical Assistance: Compendium and Thematic Index of Recommendations, Resolutions and Decisions"


def test_an_unofficial_translation_says_so_on_its_title_page(ed):
    text = [("".join(t.text or "" for t in p.iter(w("t")))) for p in ed.xml("word/document.xml").iter(w("p"))]
    notice = ed.tree.ui["page.unofficial"]
    title = text.index(next(x for x in text if x == ed.tree.ui["meta.title"]))
    assert (notice in text[title:title + 4]) == (ed.name != "en")


def test_page_geometry_comes_from_the_edition_settings(built):
    from compendium.render.edition import load_edition
    from compendium.render.docx.oxml import twips
    from compendium.localize.conventions import load_style
    for lang in ("en", "ar"):
        page = load_edition(load_style(lang, ROOT / "locales"), ROOT / "templates").settings["page"]
        doc = built[lang].xml("word/document.xml")
        sects = list(doc.iter(w("sectPr")))
        assert len(sects) == 2                          # front matter (roman folios), body
        for sect in sects:
            size = sect.find("w:pgSz", NS)
            assert (int(size.get(w("w"))), int(size.get(w("h")))) == (twips(page["width"]), twips(page["height"]))
            mar = sect.find("w:pgMar", NS)
            inner, outer = twips(page["margin_inner"]), twips(page["margin_outer"])
            expected = (outer, inner) if lang == "ar" else (inner, outer)
            assert (int(mar.get(w("left"))), int(mar.get(w("right")))) == expected
            assert int(mar.get(w("top"))) == twips(page["margin_top"])
        assert built[lang].xml("word/settings.xml").find("w:mirrorMargins", NS) is not None


def test_draft_edition_marks_english_fallbacks(built):
    """Each text shown in English carries a Word comment (as many as the proof's [EN] marks), its
    runs are tagged English, the header says Draft and the draft note opens the book."""
    for name in ("ar-draft", "zh-draft"):
        ed = built[name]
        assert ed.tree.draft
        comments = ed.xml("word/comments.xml").findall("w:comment", NS)
        assert len(comments) == ed.proof.count("[EN] ")
        assert len({c.get(w("date")) for c in comments}) == 1
        doc = ed.xml("word/document.xml")
        fn = ed.xml("word/footnotes.xml")
        ranges = len(list(doc.iter(w("commentRangeStart")))) + len(list(fn.iter(w("commentRangeStart"))))
        assert ranges == len(comments)
        header = re.sub("[\u2066\u2069]", "", "".join(t.text for t in ed.xml("word/header1.xml").iter(w("t"))))
        assert header == ed.tree.ui["page.draft"]
        assert re.sub("[\u202a-\u202e\u2066-\u2069]", "", ed.doc.paragraphs[0].text) == ed.tree.draft_note   # English isolated
        assert ed.doc.paragraphs[0].style.name == "Draft Note"
        english = [r for r in doc.iter(w("lang")) if r.get(w("val")) == "en-GB"]
        assert english


def test_final_edition_has_no_comments_and_no_draft_header(built):
    ed = built["en"]
    assert "word/comments.xml" not in ed.zip.namelist()
    assert "".join(t.text for t in ed.xml("word/header1.xml").iter(w("t"))) == ""


def test_same_input_gives_identical_bytes(built, tmp_path):
    from editions import build
    build(ROOT / "content", ["en", "ar"], ["docx"], tmp_path, ROOT / "locales", ROOT / "templates", force=True,
          edition="2021")
    for lang in ("en", "ar"):
        assert (tmp_path / "2021" / lang / "compendium.docx").read_bytes() == built[lang].data, lang
    assert _render(built["ar-draft"].tree, "docx") == built["ar-draft"].data
    infos = built["en"].zip.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert b"w:rsid" not in built["en"].zip.read("word/document.xml")


def test_a_reference_restyled_and_saved_as_a_document_still_works(built, tmp_path):
    """A publishing unit may save reference.docx from a real document (body, footnotes, comments,
    headers, links): the writer keeps only its styles and settings."""
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    (templates / "reference.docx").write_bytes(built["ar-draft"].data)
    from compendium.render.edition import load_edition
    from compendium.render import writer
    from compendium.localize.conventions import load_style
    tree = built["en"].tree
    data = writer("docx")(tree, load_edition(load_style("en", ROOT / "locales"), templates))
    again = Docx("en-again", data, tree, built["en"].proof)
    assert [p.text for p in again.doc.paragraphs] == [p.text for p in built["en"].doc.paragraphs]
    notes = again.xml("word/footnotes.xml").findall("w:footnote", NS)
    assert len(notes) == len(tree.notes) + 2
    assert "word/comments.xml" not in again.zip.namelist() or not again.xml("word/comments.xml").findall(
        "w:comment", NS)
    assert b"<w:bidi/>" not in again.zip.read("word/styles.xml")

    def furniture(d):
        return sorted(re.sub(r"\d+", "", n) for n in d.zip.namelist() if "header" in n or "footer" in n)
    assert furniture(again) == furniture(built["en"])    # the reference's own headers are dropped
    assert sorted(again.rels("word/document.xml").values()) == sorted(built["en"].rels("word/document.xml").values()) \
        or len(again.rels("word/document.xml")) == len(built["en"].rels("word/document.xml")) + 1   # + comments


def test_reference_docx_is_reproducible(tmp_path):
    out = tmp_path / "reference.docx"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make-reference-docx.py"), str(out)], check=True,
                   capture_output=True)
    assert out.read_bytes() == (ROOT / "templates" / "reference.docx").read_bytes()


# -- LibreOffice read-back ------------------------------------------------------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="module")
def office(built, tmp_path_factory):
    """Every DOCX converted by LibreOffice to PDF and to UTF-8 text (two soffice runs, private profile)."""
    if not SOFFICE:
        pytest.skip("LibreOffice (soffice) is not installed: DOCX read-back not checked")
    d = tmp_path_factory.mktemp("office")
    names = [n for n in built if not n.startswith("_")]
    for n in names:
        (d / f"{n}.docx").write_bytes(built[n].data)
    profile = f"-env:UserInstallation=file://{d / 'profile'}"
    files = [str(d / f"{n}.docx") for n in names]
    for target in ("pdf", "txt:Text (encoded):UTF8"):
        subprocess.run([SOFFICE, profile, "--headless", "--convert-to", target, "--outdir", str(d), *files],
                       capture_output=True, text=True, timeout=600)
    return d


def _normalise_proof(ed) -> list[str]:
    """The text proof as LibreOffice's text export of the DOCX should read:
    - footnote-text blocks are removed (the export keeps footnote marks, not footnote texts);
    - "[EN] " fallback marks are removed (the DOCX has a Word comment instead, counted elsewhere);
    - the list of template strings shown in English, after the draft note, is removed (in the DOCX
      they are comments on the draft note);
    - superscript footnote marks become plain digits (the export writes the number as text).
    """
    from compendium.render.text import FALLBACK_MARK, _Proof, superscript
    from compendium.localize.strings import place
    notes = {(FALLBACK_MARK if n.fallback else "") + superscript(n.number) + _Proof(ed.tree).runs(n.runs)
             for n in ed.tree.notes.values()}
    listed = {f"{FALLBACK_MARK}{place(k)}: {ed.tree.ui[k]}" for k in ed.tree.ui_english}
    blocks = [b for b in ed.proof.rstrip("\n").split("\n\n") if b not in notes and b not in listed]
    removed = len(ed.proof.rstrip("\n").split("\n\n")) - len(blocks)
    assert removed == len(ed.tree.notes) + len(listed)    # every note block and listed string removed
    text = "\n".join(blocks).replace(FALLBACK_MARK, "").translate(SUPERSCRIPT)
    return _lines(text)


def _lines(text: str) -> list[str]:
    """Non-empty lines, without the LRE/PDF and LRI/PDI marks the DOCX puts around English and around
    symbols in a right-to-left edition (the catalogues refuse bidi controls, so the proof has none),
    a tab (label to text, in the export) read as one space; the thematic index
    table collapsed to one line of its cell texts in order (the proof writes a row per line with
    tabs between cells and ' ' between a cell's lines, the export writes every cell paragraph on its
    own line), without the proof's 'shaded' row marker. No other change: no-break spaces, bidi
    characters, punctuation and digits must match as they are."""
    text = re.sub("[\u202a\u202c\u2066\u2069]", "", text.lstrip("\ufeff"))
    return [line.replace("\t", " ").rstrip(" ") for line in text.split("\n") if line.strip(" \t")]


def _collapse_index(lines: list[str], ed) -> list[str]:
    heading = _label_line(ed.tree, ed.tree.index.heading.label, ed.tree.index.heading.text)
    start = len(lines) - 1 - lines[::-1].index(heading)
    end = lines.index(ed.tree.index.notes, start)
    cells = " ".join(re.sub(r" shaded$", "", line) for line in lines[start + 1:end])
    return lines[:start + 1] + [re.sub(r"[ \t\n]+", " ", cells)] + lines[end:]


@pytest.mark.parametrize("name", LANGS + ["ar-draft", "zh-draft", "en-repeat"])
def test_libreoffice_text_equals_the_text_proof(office, built, name):
    """The text LibreOffice extracts from the DOCX equals the text proof of the same language,
    after the normalisation of _normalise_proof and _lines (see there): same paragraphs, same order,
    same labels, same footnote numbers in the same places, the contents as the TOC field's cached
    result, every index cell."""
    ed = built[name]
    exported = (office / f"{name}.txt").read_text(encoding="utf-8")
    got = _collapse_index(_lines(exported), ed)
    want = _collapse_index(_normalise_proof(ed), ed)
    for i, (g, x) in enumerate(zip(got, want)):
        assert g == x, f"line {i}: LibreOffice {g!r}\n          proof {x!r}"
    assert len(got) == len(want)
    assert len(want) > 300


@pytest.mark.parametrize("name", LANGS + ["ar-draft"])
def test_libreoffice_opens_and_lays_out_every_edition(office, name):
    pdf = office / f"{name}.pdf"
    assert pdf.exists(), f"soffice could not convert {name}.docx"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert 30 < pages < 80


def _pages(pdf: Path):
    """Per page: (width, height, [(xMin, yMin, xMax, text)]) from pdftotext -bbox."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True).stdout
    pages = []
    for m in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, re.S):
        words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
                           m.group(3))
        pages.append((float(m.group(1)), float(m.group(2)),
                      [(float(a), float(b), float(c), t) for a, b, c, t in words]))
    return pages


def test_arabic_footnotes_run_right_to_left_in_libreoffice(office, built):
    """Known pitfall: a footnote paragraph without its own w:bidi comes out left to right. The
    first note is one short line: in an RTL paragraph it sits in the right half of the page, its
    mark at the right margin. (pdftotext gives Arabic words in visual order, so the check uses the
    Latin symbol of the note, 55/25.)"""
    ed = built["ar"]
    from compendium.localize.tree import plain
    assert "55/25" in plain(ed.tree.notes[1].runs)
    for width, height, words in _pages(office / "ar.pdf"):
        feet = [x for x in words if x[1] > height * 0.7 and x[3] == "55/25"]
        if feet:
            y = feet[0][1]
            line = [x for x in words if abs(x[1] - y) < 2]
            assert min(x0 for x0, _, _, _ in line) > width / 2, line
            marks = [x for x in words if abs(x[1] - y) < 3 and x[3] == "1"]
            assert marks and marks[0][2] >= max(x2 for _, _, x2, _ in line), (marks, line)
            break
    else:
        pytest.fail("note 1 not found at the foot of any page")


def test_chinese_has_no_missing_glyphs(office):
    fonts = subprocess.run(["pdffonts", str(office / "zh.pdf")], capture_output=True, text=True).stdout
    assert "NotoSerifCJK" in fonts
    text = subprocess.run(["pdftotext", str(office / "zh.pdf"), "-"], capture_output=True, text=True).stdout
    assert "\ufffd" not in text and "工作组" in text


def test_arabic_neutral_characters_are_set_in_the_named_latin_font(built, office):
    """Noto Naskh Arabic has no ( ) / - ': the Arabic DOCX names Noto Serif for them ([fonts]
    docx_fallback), so LibreOffice does not fall back to a font of its own (DejaVu Sans)."""
    doc = built["ar"].xml("word/document.xml")
    runs = [r for r in doc.iter(w("r")) if r.find(w("rPr")) is not None and r.find(w("rPr")).find(w("rtl")) is not None]
    parens = [r for r in runs if "(" in "".join(t.text or "" for t in r.iter(w("t")))]
    assert parens and all(r.find(w("rPr")).find(w("rFonts")).get(w("cs")) == "Noto Serif" for r in parens)
    fonts = subprocess.run(["pdffonts", str(office / "ar.pdf")], capture_output=True, text=True).stdout
    assert "NotoNaskhArabic" in fonts and "NotoSerif" in fonts and "DejaVu" not in fonts, fonts
