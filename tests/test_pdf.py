"""The PDF editions, read back as a reader would: pdftotext/pdffonts (poppler) and pypdf.

The six editions are built once per test session (conftest.pdf_editions); every test reads them.
"""
from __future__ import annotations

import copy
import re
import subprocess
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LANGS = ["en", "ar", "zh", "fr", "es", "ru"]
MAIN = ["en", "ar", "zh"]           # read closely; fr, es, ru get the smoke tests
ROMAN = re.compile(r"^[ivxlc]+$")
NUMBER = re.compile(r"^(\d+|[ivxlc]+)$")


def _alnum(text: str) -> str:
    """Letters and digits only: what survives any extraction (Arabic vowel signs, bidi controls,
    and the order of a comma and a number in right-to-left text do not)."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(c for c in text if unicodedata.category(c)[0] in "LN")


def _words(text: str) -> str:
    """Letters and digits, every other run of characters made one space."""
    text = "".join(c for c in unicodedata.normalize("NFKC", text) if unicodedata.category(c) != "Mn")
    return " ".join("".join(c if unicodedata.category(c)[0] in "LN" else " " for c in text).split())


def _spaced(key: str) -> str:
    """A regular expression for letters that extraction may have parted with spaces (line ends)."""
    return " ?".join(re.escape(c) for c in key)


def _squash(text: str) -> str:
    """Text without whitespace, word joiners, bidi controls and combining marks (Arabic vowel signs
    come out of pdftotext detached): extraction differs in those only."""
    text = re.sub(r"[\s\u2060\u200e\u200f\u202a-\u202e\u2066-\u2069\u0640]+", "", text)
    return "".join(c for c in unicodedata.normalize("NFKC", text) if unicodedata.category(c) != "Mn")




@dataclass
class Edition:
    lang: str
    path: Path
    tree: object
    _cache: dict = field(default_factory=dict)

    @cached_property
    def reader(self):
        from pypdf import PdfReader
        return PdfReader(self.path)

    @cached_property
    def pages(self) -> list[str]:
        out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(self.path), "-"],
                             capture_output=True, text=True, check=True).stdout
        return out.split("\f")[:len(self.reader.pages)]

    @cached_property
    def labels(self) -> list[str]:
        return [self.reader.page_labels[i] for i in range(len(self.reader.pages))]

    def words(self, index: int) -> list[tuple[float, float, float, float, str]]:
        """(xMin, yMin, xMax, yMax, word) of a page, y from the top, in points."""
        if index not in self._cache:
            out = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", "-f", str(index + 1), "-l", str(index + 1),
                                  str(self.path), "-"], capture_output=True, text=True, check=True).stdout
            self._cache[index] = [(float(a), float(b), float(c), float(d), unescape(w)) for a, b, c, d, w in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', out)]
        return self._cache[index]

    def dest_page(self, name: str) -> int:
        return self.reader.get_destination_page_number(self.reader.named_destinations[name])

    def links(self, index: int):
        """(dest name, rect (x0, top, x1, bottom) from the top) of the internal links of a page."""
        page = self.reader.pages[index]
        height = float(page.mediabox.top)
        for annot in page.get("/Annots") or []:
            a = annot.get_object()
            if a.get("/Subtype") == "/Link" and "/Dest" in a:
                x0, y0, x1, y1 = (float(v) for v in a["/Rect"])
                yield str(a["/Dest"]), (min(x0, x1), height - max(y0, y1), max(x0, x1), height - min(y0, y1))

    def outline(self):
        """[(depth, title, page index)] of the PDF bookmarks, in order."""
        items = []

        def walk(nodes, depth):
            for node in nodes:
                if isinstance(node, list):
                    walk(node, depth + 1)
                else:
                    items.append((depth, node.title, self.reader.get_destination_page_number(node)))
        walk(self.reader.outline, 0)
        return items


def unescape(word: str) -> str:
    return word.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")


@pytest.fixture(scope="module")
def editions(pdf_editions) -> dict[str, Edition]:
    """The published 2021 book in six languages (build/2021/<lang>/)."""
    return {lang: Edition(lang, path, tree) for lang, (path, tree) in pdf_editions.items()}


@pytest.fixture(scope="module")
def drafts(pdf_drafts) -> dict[str, Edition]:
    """The 2023 draft edition, the newest (build/<lang>/), in the languages read closely."""
    return {lang: Edition(lang, path, tree) for lang, (path, tree) in pdf_drafts.items()}

@pytest.fixture(params=MAIN)
def ed(request, editions) -> Edition:
    return editions[request.param]


def test_the_build_reports_the_page_count_of_the_file_it_wrote(editions):
    """The summary's (and the manifest's) pages come from the laid-out document, not from reading the
    file back: they must still be the file's own count, in every language."""
    import json
    out = next(iter(editions.values())).path.parents[2]
    recorded = json.loads((out / ".manifest.json").read_text(encoding="utf-8"))["outputs"]
    for lang, ed in editions.items():
        assert recorded[f"2021/{lang}/compendium.pdf"]["pages"] == len(ed.reader.pages), lang


@pytest.fixture(params=[(e, lang) for e in ("2021", "2023") for lang in MAIN], ids=lambda p: f"{p[0]}-{p[1]}")
def any_ed(request, editions, drafts) -> Edition:
    """Each language read closely, in both editions: what holds for every edition."""
    edition, lang = request.param
    return (editions if edition == "2021" else drafts)[lang]


# -- page numbers ---------------------------------------------------------------------------------

def test_front_matter_is_numbered_in_roman_and_the_body_from_1(ed):
    book, labels = ed.tree, ed.labels
    pages = {title: page for _, title, page in ed.outline()}
    intro, body = pages[book.intro.heading.text], pages[book.compendium.heading.text]
    assert labels[intro] == "iv", "the introduction is on page iv, as printed"
    assert labels[body] == "1"
    assert all(ROMAN.match(l) for l in labels[intro - 3:body]), labels[:body]
    tail = labels[body:-1]
    assert tail == [str(n) for n in range(1, len(tail) + 1)], tail
    assert labels[:2] == ["C1", "C2"] and labels[-1] == "C4"       # covers


def _contents_numbers(ed) -> dict[str, str]:
    """The page number printed at the end of each contents entry (page iii), by the entry's target."""
    contents = [i for i, l in enumerate(ed.labels) if l in ("iii",)]
    assert contents
    rtl = ed.tree.direction == "rtl"
    printed = {}
    for index in contents:
        boxes: dict[str, list] = {}
        for dest, rect in ed.links(index):
            boxes.setdefault(dest, []).append(rect)
        words = ed.words(index)
        for dest, rects in boxes.items():
            x0, top = min(r[0] for r in rects), min(r[1] for r in rects)
            x1, bottom = max(r[2] for r in rects), max(r[3] for r in rects)
            inside = [w for w in words if x0 <= (w[0] + w[2]) / 2 <= x1 and top <= (w[1] + w[3]) / 2 <= bottom
                      and NUMBER.match(w[4])]
            last_line = max(w[3] for w in inside)
            line = [w for w in inside if abs(w[3] - last_line) < 2]
            printed[dest] = (min(line) if rtl else max(line, key=lambda w: w[2]))[4]
    return printed


def test_contents_give_the_page_of_each_heading(any_ed):
    """Each contents entry links to its heading, and the number printed at its end is that page's."""
    ed = any_ed
    printed = _contents_numbers(ed)
    for dest, number in printed.items():
        assert number == ed.labels[ed.dest_page(dest)], (dest, number)
    assert set(printed) == {e.target for e in ed.tree.contents}


def test_bookmarks_give_parts_chapters_and_the_index(any_ed):
    ed = any_ed
    book = ed.tree
    outline = ed.outline()
    titles = [(depth, title) for depth, title, _ in outline]
    expected = [(0, book.contents_title), (0, book.intro.heading.text), (0, book.compendium.heading.text)]
    for part in book.parts:
        expected.append((1, book.label_text(part.heading.label, part.heading.text)))
        expected += [(2, book.label_text(ch.heading.label, ch.heading.text)) for ch in part.chapters]
    expected.append((0, book.index.heading.text))
    assert titles == expected
    pages = [page for _, _, page in outline]
    assert pages == sorted(pages)
    assert outline[-1][2] == ed.dest_page(book.index.heading.id)


def test_english_edition_keeps_the_published_pagination(editions):
    """The 2021 book: introduction iv, compendium 1, part A 2, part B 16, index 29, about 40 pages."""
    ed = editions["en"]
    at = {dest: ed.labels[ed.dest_page(dest)] for dest in ("intro", "compendium", "A", "B", "index")}
    assert at["intro"] == "iv" and at["compendium"] == "1" and at["A"] == "2"
    assert abs(int(at["B"]) - 16) <= 1 and abs(int(at["index"]) - 29) <= 1, at
    assert 40 <= len(ed.labels) <= 50


# -- footnotes --------------------------------------------------------------------------------------

def _calls(book):
    """note number -> the text before its call, in the paragraph or heading that cites it."""
    calls = {}

    def runs(rs):
        before = ""
        for r in rs:
            if r.kind == "note":
                calls.setdefault(r.note, before)
                before += str(r.note)
            else:
                before += r.text

    def para(p):
        runs(p.runs)
        for c in p.children:
            para(c)
    for section in (book.intro, book.compendium):
        for p in section.blocks:
            para(p)
    for part in book.parts:
        for ch in part.chapters:
            runs(ch.heading.runs)
            for p in ch.blocks:
                para(p)
            d = ch.decision
            if d:
                for p in d.blocks:
                    para(p)
                for a in d.annexes:
                    for p in a.blocks:
                        para(p)
    return calls


def test_each_footnote_is_at_the_foot_of_the_page_that_cites_it(any_ed):
    ed = any_ed
    index = ed.dest_page(ed.tree.index.heading.id)       # the index has no notes, and
    pages = [_words(p) for p in ed.pages[:index]]       # some notes are symbols it cites
    calls = _calls(ed.tree)
    assert calls and set(calls) == set(ed.tree.notes)
    for number, note in ed.tree.notes.items():
        text = _spaced(_alnum("".join(r.text for r in note.runs))[:12])
        marker = re.compile(rf"(?<!\S){number} ?{text}")        # "5 Ibid" and "6 Ibid" told apart
        where = [i for i, p in enumerate(pages) if marker.search(p)]
        if ed.tree.direction == "rtl":
            # pdftotext gives the lines of right-to-left paragraphs, raised numbers and left-to-right
            # notes in an order of its own: the words before the call, the note and its number are
            # on the page (notes of the same text, "Ibid.", are told apart by their numbers only)
            words = [_alnum(w) for w in calls[number].split()[-3:]]
            cited = [i for i, p in enumerate(pages)
                     if all(w in p.replace(" ", "") for w in words) and f" {number} " in f" {p} "]
            where = [i for i in cited if re.search(text, pages[i])][:1]
        else:
            call = _spaced(_alnum(calls[number] + str(number))[-24:])
            cited = [i for i, p in enumerate(pages) if re.search(call, p)]
        assert len(where) == 1 and where[0] in cited, (number, ed.labels[where[0]] if where else None, cited)


# -- thematic index -----------------------------------------------------------------------------

def _targets(book) -> dict[str, str]:
    """compendium id -> the first four words of that paragraph or heading (letters and digits),
    but for words with vowel marks (pdftotext splits a word a raised mark sits on, such as تُشجَّع)."""
    found = {}

    def first(text):
        return " ".join(_alnum(w) for w in text.split()[:4] if not any(unicodedata.category(c) == "Mn" for c in w))

    def para(p):
        found[p.id] = first("".join(r.text for r in p.runs if r.kind != "note"))
        for c in p.children:
            para(c)
    for part in book.parts:
        for ch in part.chapters:
            found[ch.heading.id] = first(ch.heading.text)
            for p in ch.blocks:
                para(p)
            if ch.decision:
                for p in ch.decision.blocks:
                    para(p)
                for a in ch.decision.annexes:
                    for p in a.blocks:
                        para(p)
    return found


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("edition", ["2021", "2023"])
def test_index_references_link_to_the_page_of_their_paragraph(editions, drafts, edition, lang):
    ed = (editions if edition == "2021" else drafts)[lang]
    start = ed.dest_page(ed.tree.index.heading.id)
    linked: dict[str, int] = {}
    for index in range(start, len(ed.labels)):
        for dest, _ in ed.links(index):
            linked[dest] = ed.dest_page(dest)
    wanted = {s.target for t in ed.tree.index.topics for r in t.rows for line in r.compendium for s in line if s.target}
    assert wanted and wanted <= set(linked)
    first_words = _targets(ed.tree)
    # the first words of the paragraph are on the page the link leads to (as a sequence in left-to-
    # right text; as words in right-to-left text, whose lines pdftotext may give in another order)
    for target in wanted:
        page = ed.pages[linked[target]]
        if ed.tree.direction == "rtl":
            assert all(word in _alnum(page) for word in first_words[target].split()), target
        else:
            assert _alnum(first_words[target]) in _alnum(page), (target, ed.labels[linked[target]])


def test_index_repeats_its_column_heads_and_names_a_continued_topic(editions):
    ed = editions["en"]
    book = ed.tree
    start = ed.dest_page(book.index.heading.id)
    pattern = book.ui["index.continued"]
    head = _squash(book.index.columns["symbol"])
    table_pages = [i for i in range(start + 1, len(ed.pages) - 1) if _squash(ed.pages[i])]
    assert len(table_pages) >= 8
    titles = {t.title: t for t in book.index.topics}
    continued = []
    for i in table_pages:
        assert head in _squash(ed.pages[i]), f"no column heads on page {ed.labels[i]}"
        lines = [re.sub(r"[\u202a-\u202e]", "", line).strip() for line in ed.pages[i].splitlines()]
        for k, line in enumerate(lines):
            # a long topic name wraps in the running head: "… Transnational Organized" / "Crime (continued)"
            for text in (line, f"{lines[k - 1]} {line}" if k else line):
                m = re.fullmatch(re.escape(pattern).replace(re.escape("{topic}"), "(.+)"), text)
                if m and (m.group(1) in titles or text is not line):
                    continued.append((i, m.group(1)))
                    break
    assert len(continued) >= 3
    for i, title in continued:
        assert title in titles and len(titles[title].rows) > 1
        # the topic cell wraps (and hyphenates: "Transna­" / "tional") among other cells, whose lines
        # pdftotext may give between the two halves of the word
        earlier = set(re.sub("\u00ad\n", "", "".join(ed.pages[start:i])).split())
        heads = {w[:-1] for w in earlier if w.endswith("\u00ad")}
        for word in title.split():
            assert word in earlier or any(word.startswith(h) and word[len(h):] in earlier for h in heads), \
                f"{title} continued on {ed.labels[i]} but starts nowhere before"
    assert _squash(book.index.notes) in _squash(ed.pages[table_pages[0]])   # "Notes:" under the first page


# -- fonts, scripts, direction ----------------------------------------------------------------------

def _fonts(path: Path) -> list[tuple[str, bool]]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        cols = line.split()
        emb = [c for c in cols if c in ("yes", "no")]
        rows.append((cols[0], emb[0] == "yes"))
    return rows


@pytest.mark.parametrize("lang", LANGS)
def test_every_font_is_embedded_from_the_language_s_family(editions, lang):
    fonts = _fonts(editions[lang].path)
    names = " ".join(name for name, _ in fonts)
    assert fonts and all(embedded for _, embedded in fonts), fonts
    assert "DejaVu" not in names                         # no fallback font: the stack covers the text
    want = {"ar": "Noto-Naskh-Arabic", "zh": "Noto-Serif-CJK-SC"}.get(lang, "Noto-Serif")
    assert want in names, names
    if editions[lang].tree.lang in ("ar", "zh"):
        assert "Italic" not in names and "Oblique" not in names     # emphasis = "none": no slanted faces
    else:
        assert "Italic" in names                                    # operative verbs in italics


def test_text_is_in_the_edition_s_script(editions):
    ar = "".join(editions["ar"].pages)
    zh = "".join(editions["zh"].pages)
    assert sum(unicodedata.bidirectional(c) == "AL" for c in ar) > 500
    assert sum("\u4e00" <= c <= "\u9fff" for c in zh) > 200
    assert "\ufffd" not in ar + zh


def test_chinese_labels_and_text_are_never_joined_by_an_ascii_space(editions):
    from compendium.render.edition import load_edition
    from compendium.render.pdf.writer import render_html
    from compendium.localize.conventions import load_style
    book = editions["zh"].tree
    html, _ = render_html(book, load_edition(load_style("zh", ROOT / "locales"), ROOT / "templates"))
    assert "、</span><" in html                                   # "一、" directly followed by its text
    text = re.sub(r"<[^>]+>", "", html)
    assert not re.search(r"[\u3001-\u303f\u4e00-\u9fff\uff00-\uffef] [\u3001-\u303f\u4e00-\u9fff\uff00-\uffef]", text)


def test_arabic_edition_is_laid_out_right_to_left(editions):
    ed = editions["ar"]
    book = ed.tree
    # the index table is mirrored: the topic column is on the right of the paragraphs column
    first_table = ed.dest_page(book.index.heading.id) + 1
    words = ed.words(first_table)

    def x(word):   # pdftotext -bbox gives Arabic words in display order (reversed)
        return next(w[0] for w in words if _alnum(w[4]) in (_alnum(word), _alnum(word)[::-1]))
    assert x(book.index.columns["topic"].split()[0]) > x(book.index.columns["paragraphs"].split()[0])
    # paragraph labels hang on the right of their text: "1 -" is the rightmost word of its line
    para = book.parts[0].chapters[1].blocks[0]
    words = ed.words(ed.dest_page(para.id))
    parts = para.label.split()

    def rightmost(w):
        line = [o for o in words if abs(o[1] - w[1]) < 3 and o[4] not in parts]
        return line and all(w[0] >= o[2] - 1 for o in line)
    assert any(rightmost(w) for w in words if w[4] == parts[0]), para.label
    # symbols stay left to right: no symbol is split or reversed
    assert "CTOC/COP/2006/14" in "".join(ed.pages[first_table:])


def _holds(page: str, text: str, rtl: bool) -> bool:
    """Whether a page shows a text: in order, or word by word where pdftotext reorders right-to-left lines."""
    if rtl:
        return all(_alnum(word) in _alnum(page) for word in text.split())
    return _squash(text) in _squash(page)


def test_the_2023_draft_has_its_new_chapters_in_contents_body_bookmarks_and_index(drafts):
    for lang, ed in drafts.items():
        book = ed.tree
        rtl = book.direction == "rtl"
        new = [ch for part in book.parts for ch in part.chapters if ch.heading.id in ("A.XII", "A.XIII", "B.XI")]
        assert [ch.heading.id for ch in new] == ["A.XII", "A.XIII", "B.XI"], lang
        bookmarks = [title for _, title, _ in ed.outline()]
        contents = "".join(ed.pages[i] for i, label in enumerate(ed.labels) if label == "iii")
        for ch in new:
            title = book.label_text(ch.heading.label, ch.heading.text)
            assert title in bookmarks, (lang, title)
            assert _holds(contents, ch.heading.text, rtl), (lang, ch.heading.id)
            assert _holds(ed.pages[ed.dest_page(ch.heading.id)], ch.heading.text, rtl), (lang, ch.heading.id)
        start = ed.dest_page(book.index.heading.id)
        index = "".join(ed.pages[start:])
        assert "CTOC/COP/2022/L.5" in index and "CTOC/COP/WG.2/2022/4" in index, lang
    en = drafts["en"]
    assert "Draft resolution CTOC/COP/2022/L.5" in "".join(en.pages)
    assert "Vienna, 2023" in en.pages[en.labels.index("i")] or "Vienna, 2023" in "".join(en.pages[:4])


# -- editions: draft mark, metadata, printer's PDF ---------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_draft_editions_say_so_on_every_page_and_complete_ones_do_not(editions, drafts, lang):
    for ed in [editions[lang]] + ([drafts[lang]] if lang in drafts else []):
        _draft_marks(ed)
    if lang in drafts:
        assert drafts[lang].tree.draft                   # a draft edition, in every language


def _draft_marks(ed: Edition) -> None:
    mark = ed.tree.ui["page.draft"].casefold()
    marked = [any(_squash(line).casefold() == _squash(mark) for line in page.splitlines()) for page in ed.pages]
    rtl = ed.tree.direction == "rtl"
    notes = [_holds(page, ed.tree.draft_note, rtl) for page in ed.pages] if ed.tree.draft_note else [False]
    if ed.tree.draft:
        assert all(marked), [ed.labels[i] for i, m in enumerate(marked) if not m]
        assert any(notes)
    else:
        assert not any(marked) and not any(notes)


@pytest.mark.parametrize("lang", LANGS)
def test_metadata_title_author_subject_language_and_tags(editions, lang):
    ed = editions[lang]
    ui, info = ed.tree.ui, ed.reader.metadata
    assert (info.title, info.author, info.subject) == (ui["meta.title"], ui["meta.author"], ui["meta.subject"])
    assert info["/Keywords"] == ui["meta.keywords"]
    assert (info.title == "Technical Assistance: Compendium and Thematic Index of Recommendations, Resolutions "
            "and Decisions") == (lang == "en")                     # the title bar shows the edition's language
    root = ed.reader.trailer["/Root"]
    assert root["/Lang"] == lang
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]      # tagged (PDF/UA-1)


def _folio(ed, index: int):
    """The page number printed in the bottom margin of a page, as a word box, or None."""
    page = ed.reader.pages[index]
    height = float(page.mediabox.top)
    low = [w for w in ed.words(index) if w[1] > height * 0.9 and w[4] == ed.labels[index]]
    return low[0] if low else None


@pytest.mark.parametrize("lang", ["fr", "es", "ru"])
def test_other_editions_smoke(editions, lang):
    """Pagination a reader checks: covers, front matter i … with the introduction on iv, the
    compendium from 1 on a right-hand page with its folio at the outer (right) edge, part A
    following on the left-hand page 2, and the contents giving the index's real first page."""
    ed = editions[lang]
    assert ed.labels[:3] == ["C1", "C2", "i"] and "iv" in ed.labels and ed.labels[-1] == "C4"
    assert 40 <= len(ed.labels) <= 70
    at = {dest: ed.dest_page(dest) for dest in ("intro", "compendium", "A", "B", "index")}
    assert ed.labels[at["intro"]] == "iv"
    body = at["compendium"]
    assert ed.labels[body] == "1" and body % 2 == 0, "page 1 is a right-hand page (an odd sheet side)"
    width = float(ed.reader.pages[body].mediabox.right)
    one, two = _folio(ed, body), _folio(ed, body + 1)
    assert one and one[0] > width / 2 and two and two[2] < width / 2, (one, two)
    assert at["A"] == body + 1 and ed.labels[at["A"]] == "2"
    assert at["compendium"] < at["B"] < at["index"] < len(ed.labels) - 1
    printed = _contents_numbers(ed)
    assert printed["index"] == ed.labels[at["index"]] and printed["B"] == ed.labels[at["B"]], printed
    text = "\n".join(ed.pages)
    assert not re.search(r"(?m)^\s*[:;!?]", text)        # French: no line starts with ":" (no-break space kept)


# -- the writer itself -----------------------------------------------------------------------------

def test_catalogue_text_never_acts_as_html(en_2021):
    from compendium.render.edition import load_edition
    from compendium.render.pdf.writer import render_html
    from compendium.localize.conventions import load_style
    book = copy.deepcopy(en_2021)
    book.intro.blocks[0].runs[0].text = '<b onclick="x">bold</b> & <script>'
    html, _ = render_html(book, load_edition(load_style("en", ROOT / "locales"), ROOT / "templates"))
    assert "&lt;b onclick=&#34;x&#34;&gt;bold&lt;/b&gt; &amp; &lt;script&gt;" in html
    assert "<script>" not in html


def test_a_bad_length_in_the_edition_settings_is_reported(en_2021):
    from compendium.render.edition import load_edition
    from compendium.errors import CompendiumError
    from compendium.render.pdf.writer import render_html
    from compendium.localize.conventions import load_style
    edition = load_edition(load_style("en", ROOT / "locales"), ROOT / "templates")
    edition.settings["page"]["margin_top"] = "20mm; } body { display: none"
    with pytest.raises(CompendiumError, match="not a CSS length"):
        render_html(en_2021, edition)


def test_symbols_and_telephone_numbers_in_running_text_are_kept_whole():
    from compendium.render.pdf.filters import inline
    assert str(inline("see CTOC/COP/2006/2/Rev.1, <b>")) == 'see <span class="sym">CTOC/COP/2006/2/Rev.1</span>, &lt;b&gt;'
    assert str(inline("A/RES/55/25 & 7/3")) == '<span class="sym">A/RES/55/25</span> &amp; 7/3'
    ar = str(inline("الهاتف: (+43-1) 26060-0، www.unodc.org", rtl=True))
    assert '<bdi dir="ltr"><span class="tel">(+43-1) 26060-0</span></bdi>،' in ar   # the Arabic comma outside
    assert str(inline("القرار 7/1 (2006) و1-3", rtl=True)) == "القرار 7/1 (2006) و1-3"
