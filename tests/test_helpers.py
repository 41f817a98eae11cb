"""Direct tests of helpers the editions rely on: index ranges (compress, _range_starts), the DOCX
schema-order insertion (put), the PDF footnote placement pass (note_breaks, notes_kept) and the PDF
streams' line ends (pack, line_ends_fixed)."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from compendium.localize.conventions import load_style
from compendium.localize.index_cells import _range_starts
from compendium.localize.localizer import Localizer
from compendium.localize.strings import load_strings
from compendium.render.docx.oxml import _local, el, put
from compendium.render.pdf.pages import note_breaks, notes_kept
from compendium.render.pdf.streams import LEVEL, line_ends_fixed, pack

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def loc(book_2021):
    strings = load_strings(ROOT / "templates")
    return {lang: Localizer(book_2021, load_style(lang, ROOT / "locales"), strings) for lang in ("en", "fr")}


def _ids(loc: Localizer, paths: list[tuple]) -> list[str]:
    return loc.compress(paths, loc.id_path, lambda p: loc.id_path(p[-1:]))


def test_compress_makes_ranges_of_three_or_more_consecutive_siblings(loc):
    en = loc["en"]
    n = lambda *k: [("VII", ("number", i)) for i in k]
    assert _ids(en, n(17, 20, 21, 22)) == ["VII.17", "VII.20–22"]
    assert _ids(en, n(20, 21)) == ["VII.20", "VII.21"]              # two are listed, not a range
    assert _ids(en, n(1, 2, 3, 5, 6, 7, 8)) == ["VII.1–3", "VII.5–8"]
    assert _ids(en, n(3, 2, 1)) == ["VII.3", "VII.2", "VII.1"]       # only upward runs
    # siblings only: another chapter or another series breaks the run
    assert _ids(en, [("VII", ("number", 1)), ("VII", ("number", 2)), ("VIII", ("number", 3))]) == \
        ["VII.1", "VII.2", "VIII.3"]
    subs = [("IV", ("number", 1), ("letter", k)) for k in (1, 2, 3)]
    assert _ids(en, subs) == ["IV.1.a–c"]                            # the tail names the last level only


def test_compress_uses_the_languages_range_and_labels(loc):
    fr = loc["fr"]
    paths = [(("number", 2), ("letter", k)) for k in (1, 2, 3)]
    assert fr.compress(paths, fr.path_label, lambda q: fr.path_label(q[-1:])) == ["2 a)–c)"]


def test_range_starts_links_each_segment_to_its_first_paragraph(loc):
    refs = ["A.VII.17", "A.VII.20", "A.VII.21", "A.VII.22", "A.VII.25"]
    assert _range_starts(["VII.17", "VII.20–22", "VII.25"], refs, loc["en"]) == ["A.VII.17", "A.VII.20", "A.VII.25"]
    assert _range_starts(["VII.20", "VII.21"], ["A.VII.20", "A.VII.21"], loc["en"]) == ["A.VII.20", "A.VII.21"]


ORDER = ["pStyle", "keepNext", "spacing", "ind", "jc"]


def test_put_inserts_at_the_schema_position_and_replaces_the_same_tag():
    ppr = el("w:pPr")
    put(ppr, el("w:jc", {"w:val": "both"}), ORDER)
    put(ppr, el("w:pStyle", {"w:val": "Heading1"}), ORDER)
    put(ppr, el("w:spacing", {"w:after": "120"}), ORDER)
    assert [_local(c) for c in ppr] == ["pStyle", "spacing", "jc"]
    new = put(ppr, el("w:spacing", {"w:after": "240"}), ORDER)      # replaced, not added
    assert [_local(c) for c in ppr] == ["pStyle", "spacing", "jc"]
    assert ppr[1] is new and new.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}after") == "240"
    put(ppr, el("w:ind"), ORDER)
    assert [_local(c) for c in ppr] == ["pStyle", "spacing", "ind", "jc"]


def _document(fill: int, breaks: set[str] = frozenset(), placed: set[str] | None = None):
    """The test page with `fill` paragraphs before the citing one; `breaks` moved by the style sheet,
    or, with `placed`, by the placement pass inside WeasyPrint's layout (notes_kept)."""
    from contextlib import nullcontext

    from weasyprint import CSS, HTML
    paras = "".join(f'<p id="p{i}">Paragraph {i} of filler text.</p>' for i in range(fill))
    note = "<br>".join(["note line"] * 3)
    html = (f'<html><body>{paras}<p id="cite">The citing paragraph<span class="fn" id="n1">{note}</span>'
            ' ends here.</p><p id="after">After the citing paragraph.</p></body></html>')
    moved = "".join(f"#{b} {{ break-before: page }}" for b in breaks)
    css = ("@page { size: 100mm 60mm; margin: 5mm } body { font: 10pt/12pt serif; margin: 0 } p { margin: 0 }"
           " .fn { float: footnote }" + moved)
    with notes_kept(placed, 4) if placed is not None else nullcontext():
        return HTML(string=html).render(stylesheets=[CSS(string=css)])


def _note_on_citing_page(document) -> bool:
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(document.write_pdf())).pages]
    citing = next(i for i, text in enumerate(pages) if "citing paragraph" in text.replace("\n", " "))
    return "note line" in pages[citing]


def test_note_breaks_moves_the_paragraph_that_pushed_a_note_off_its_page():
    """Where WeasyPrint defers a note to the next page, moving the returned paragraphs (pass after
    pass, as the writer does, at most MAX_PASSES layouts) brings it back to its citing page."""
    from compendium.render.pdf.writer import MAX_PASSES
    deferred = 0
    for fill in range(4, 14):                         # the citing paragraph at every height of the page
        document = _document(fill)
        moves = note_breaks(document)
        assert _note_on_citing_page(document) == (not moves), fill
        if moves:
            deferred += 1
            breaks = set(moves)
            for _ in range(MAX_PASSES - 1):
                document = _document(fill, breaks)
                more = note_breaks(document) - breaks
                if not more:
                    break
                breaks |= more
            assert note_breaks(document) <= breaks and _note_on_citing_page(document), (fill, breaks)
    assert deferred, "no layout deferred a note: the test page no longer exercises the pass"


def test_notes_kept_in_one_layout_gives_the_pages_of_the_marked_html():
    """The placement pass inside WeasyPrint's layout (only the pages from the moved paragraph made
    again) moves the same paragraphs as laying the HTML out again, and gives the same PDF, byte for
    byte, as the HTML with those paragraphs marked; every note ends on its citing page."""
    moved_any = False
    for fill in range(4, 14):
        placed: set[str] = set()
        document = _document(fill, placed=placed)
        assert _note_on_citing_page(document), fill
        assert note_breaks(document) <= placed
        assert document.write_pdf() == _document(fill, placed).write_pdf(), (fill, placed)
        moved_any |= bool(placed)
    assert moved_any, "no layout deferred a note: the test page no longer exercises the pass"


def _ending_in_cr(count: int) -> list[bytes]:
    """`count` texts whose Flate data (level 9, as pydyf and the writer compress) ends in CR."""
    import zlib
    found = []
    i = 0
    while len(found) < count:
        text = b"BT /F1 12 Tf (%d) Tj ET" % i
        if zlib.compress(text, LEVEL).endswith(b"\r"):
            found.append(text)
        i += 1
    return found


def test_no_stream_of_a_written_pdf_ends_in_cr():
    """PDF/A checkers read a CR at the end of stream data and the LF before `endstream` as one line end
    (and /Length as one byte too long): pack compresses every stream once and writes the one whose
    compressed data would end in CR uncompressed; the XMP metadata stays plain text."""
    import pikepdf
    import pydyf
    bad, = _ending_in_cr(1)
    pdf = pydyf.PDF()
    streams = [pydyf.Stream([bad], compress=True), pydyf.Stream([b"q 1 0 0 1 0 0 cm Q"], compress=True),
               pydyf.Stream([b"<x:xmpmeta/>"], {"Type": "/Metadata", "Subtype": "/XML"}, compress=True)]
    for stream in streams:
        pdf.add_object(stream)
    pdf.catalog["Metadata"] = streams[2].reference
    pack(pdf)
    out = io.BytesIO()
    pdf.write(out, identifier=True, compress=True)
    data = out.getvalue()
    assert b"\r\nendstream" not in data
    written = pikepdf.open(io.BytesIO(data))
    kept = {bytes(written.get_object(s.number, 0).read_bytes()): written.get_object(s.number, 0).get("/Filter")
            for s in streams}
    assert kept == {bad: None, b"q 1 0 0 1 0 0 cm Q": pikepdf.Name.FlateDecode, b"<x:xmpmeta/>": None}


def test_a_written_stream_ending_in_cr_is_repaired():
    """Where a stream pydyf compresses while writing (object, cross-reference streams) ends in CR,
    line_ends_fixed saves the file again with that stream's data ending otherwise, content unchanged."""
    import zlib

    import pikepdf
    texts = _ending_in_cr(2)
    pdf = pikepdf.new()
    for text in texts:
        stream = pdf.make_stream(b"")
        stream.write(zlib.compress(text, LEVEL), filter=pikepdf.Name.FlateDecode)
        pdf.Root[pikepdf.Name("/S%d" % len(pdf.objects))] = stream
    out = io.BytesIO()
    pdf.save(out, compress_streams=False)
    assert b"\r\nendstream" in out.getvalue()
    fixed = line_ends_fixed(out.getvalue())
    assert b"\r\nendstream" not in fixed
    reread = pikepdf.open(io.BytesIO(fixed))
    assert sorted(bytes(v.read_bytes()) for k, v in reread.Root.items() if k.startswith("/S")) == sorted(texts)
    assert line_ends_fixed(fixed) is fixed
