"""`compendium absorb`: editors' corrections in a DOCX come back into content/ and the catalogues.

The six DOCX editions are built once per session; LibreOffice itself makes the edits (tests/uno_edit.py,
run with the system Python and its UNO bridge, one soffice for all jobs): with change recording on it
replaces words in a paragraph, edits a footnote, adds a comment and changes generated text (a label,
the date of a heading, an index cell), then saves as "MS Word 2007 XML". Each edited file is absorbed
into its own copy of the project; pandoc reads the same files as an independent second reader.
"""
from __future__ import annotations

import difflib
import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from clirun import copy_project, run

ROOT = Path(__file__).resolve().parent.parent
LANGS = ["ar", "en", "es", "fr", "ru", "zh"]
SYSTEM_PYTHON = "/usr/bin/python3"


def tree_files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.parts[len(root.parts)] in ("content", "locales", "templates")}


def changed_lines(old: bytes, new: bytes) -> list[tuple[int, int]]:
    """Old-file line ranges (1-based, inclusive) that differ."""
    a, b = old.decode().split("\n"), new.decode().split("\n")
    return [(i1 + 1, max(i1 + 1, i2)) for tag, i1, i2, _, _ in
            difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if tag != "equal"]


def entry_lines(po: Path, msgid: str) -> tuple[int, int]:
    """First and last line of the catalogue entry of `msgid` (comments included)."""
    from compendium.messages.syntax import syntax_check
    entry = next(e for e in syntax_check(po) if e.msgid == msgid and not e.obsolete)
    lines = po.read_text(encoding="utf-8").split("\n")
    start = entry.line
    while start > 1 and lines[start - 2].strip():
        start -= 1
    end = entry.line
    while end < len(lines) and lines[end].strip():
        end += 1
    return start, end


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> dict[str, Path]:
    """Every language's DOCX of the published 2021 edition, built once from the repository's corpus."""
    out = tmp_path_factory.mktemp("absorb-build")
    r = run("build", "--edition", "2021", "--format", "docx", "--out", str(out))
    assert r.returncode == 0, r.stderr
    return {lang: out / "2021" / lang / "compendium.docx" for lang in LANGS}


EDITS = {
    "en": [
        {"op": "replace", "bookmark": "p_A_VII_26", "find": "should continue to apply", "with": "should apply"},
        {"op": "footnote", "number": 3, "find": "Treaty Series", "with": "Treaty Series (UNTS)"},
        {"op": "comment", "bookmark": "p_A_VII_27", "find": "knowledge base", "author": "Ann Editor",
         "text": "Which knowledge base?"},
        {"op": "replace", "bookmark": "p_A_VII", "find": "28 to 30 October", "with": "28 to 31 October"},
        {"op": "replace", "bookmark": "p_A_VII_25", "find": "25.", "with": "52."},
        {"op": "cell", "cell": "B3", "find": "CTOC", "with": "CTOX"},
    ],
    "ar": [
        {"op": "replace", "bookmark": "p_A_VII_26", "find": "تطورات جديدة", "with": "مستجدات"},
        {"op": "footnote", "number": 3, "find": "الرقم 39574", "with": "العدد 39574"},
        {"op": "comment", "bookmark": "p_A_VII_27", "find": "قاعدة", "author": "Ann Editor", "text": "أي قاعدة؟"},
        {"op": "replace", "bookmark": "p_A_VII", "find": "30", "with": "31"},
        {"op": "replace", "bookmark": "p_A_VII_25", "find": "25 -", "with": "52 -"},
        {"op": "cell", "cell": "B3", "find": "CTOC", "with": "CTOX"},
    ],
    "zh": [
        {"op": "replace", "bookmark": "p_A_VII_26", "find": "应继续适用", "with": "应适用"},
        {"op": "footnote", "number": 3, "find": "条约汇编", "with": "条约集"},     # inside emphasis zh does not show
        {"op": "comment", "bookmark": "p_A_VII_27", "find": "知识库", "author": "Ann Editor", "text": "哪个知识库？"},
        {"op": "replace", "bookmark": "p_A_VII", "find": "30日", "with": "31日"},
    ],
}


@pytest.fixture(scope="session")
def edited(built, tmp_path_factory) -> dict[str, Path]:
    """The en, ar and zh DOCX edited in LibreOffice with change recording on."""
    if not Path(SYSTEM_PYTHON).exists() or subprocess.run([SYSTEM_PYTHON, "-c", "import uno"]).returncode:
        pytest.fail("LibreOffice's UNO bridge is missing: install python3-uno (scripts/setup-system.sh)")
    out = tmp_path_factory.mktemp("absorb-edited")
    jobs = [{"input": str(built[lang]), "output": str(out / f"{lang}-edited.docx"), "track": True, "edits": edits}
            for lang, edits in EDITS.items()]
    jobs.append({"input": str(built["en"]), "output": str(out / "en-structure.docx"), "track": True, "edits": [
        {"op": "split", "bookmark": "p_A_VII_11", "find": "and should have the assistance"},
        {"op": "append", "bookmark": "p_A_VII_5", "find": "such as children.",
         "text": "An editor's new paragraph about witnesses."}]})
    spec = out / "spec.json"
    spec.write_text(json.dumps({"author": "Desk Editor", "jobs": jobs}, ensure_ascii=False), encoding="utf-8")
    r = subprocess.run([SYSTEM_PYTHON, str(ROOT / "tests" / "uno_edit.py"), str(spec)], capture_output=True,
                       text=True, timeout=300, env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"})
    assert r.returncode == 0, r.stdout + r.stderr
    return {**{lang: out / f"{lang}-edited.docx" for lang in EDITS}, "structure": out / "en-structure.docx"}


@pytest.fixture(scope="session")
def absorbed(edited, tmp_path_factory) -> dict[str, tuple[Path, subprocess.CompletedProcess, subprocess.CompletedProcess]]:
    """Each edited DOCX absorbed into its own copy of the project: (project, dry run, --apply)."""
    out = {}
    for lang, path in ((lang, edited[lang]) for lang in EDITS):
        project = copy_project(tmp_path_factory.mktemp(f"absorb-{lang}"))
        dry = run("absorb", str(path), cwd=project)
        applied = run("absorb", str(path), "--apply", cwd=project)
        out[lang] = (project, dry, applied)
    return out


# -- round trip -------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_untouched_docx_absorbs_to_no_change(built, lang):
    r = run("absorb", str(built[lang]))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "0 change(s) to write, 0 in generated text, 0 left for a human" in r.stdout
    assert r.stdout.rstrip().endswith("no changes to absorb")


# -- LibreOffice edits ------------------------------------------------------------------------------

def test_english_edits_land_in_their_yaml_blocks(absorbed):
    project, dry, applied = absorbed["en"]
    assert dry.returncode == 1 and applied.returncode == 1          # a comment and generated text remain
    assert "A.VII.26: content/A/07.yaml:75" in dry.stdout
    assert "footnote 3 (treaty-series-a4): content/footnotes.yaml:11" in dry.stdout
    assert "dry run: nothing written" in dry.stdout
    from compendium.corpus.loader import load_book
    book = load_book(project / "content")
    text = book.blocks["A.VII.26"].text.source
    assert "UNODC should apply the principles" in text and "continue to apply" not in text
    assert "[[A/63/539]]" in text                                   # markup around the edit survives
    assert book.footnotes["treaty-series-a4"].text.source == \
        "United Nations, *Treaty Series (UNTS)*, vols. 2225, 2237, 2241 and 2326, No. 39574."
    before, after = tree_files(ROOT), tree_files(project)
    changed = sorted(k for k in before if before[k] != after[k])
    assert changed == ["content/A/07.yaml", "content/footnotes.yaml"]
    original = load_book(ROOT / "content")
    a26 = original.blocks["A.VII.26"]
    for start, end in changed_lines(before["content/A/07.yaml"], after["content/A/07.yaml"]):
        assert a26.loc.line <= start and end < original.blocks["A.VII.27"].loc.line
    assert changed_lines(before["content/footnotes.yaml"], after["content/footnotes.yaml"]) == \
        [(original.footnotes["treaty-series-a4"].loc.line,) * 2]


@pytest.mark.parametrize("lang, words, note", [
    ("ar", "مستجدات يتفق عليها", "العدد 39574"),
    ("zh", "应适用《关于援助实效的巴黎宣言》", "《*条约集*》"),            # the hidden *emphasis* is kept
])
def test_translation_edits_land_in_their_po_entries(absorbed, lang, words, note):
    project, dry, applied = absorbed[lang]
    assert applied.returncode == 1, applied.stdout + applied.stderr   # the comment is left for a human
    from compendium.corpus.loader import load_book
    from compendium.messages.pofile import read_catalog
    book = load_book(ROOT / "content")
    po_rel = f"locales/{lang}/LC_MESSAGES/compendium.po"
    catalog = read_catalog(project / po_rel, lang)
    para = catalog.get(book.blocks["A.VII.26"].text.source)
    fn = catalog.get(book.footnotes["treaty-series-a4"].text.source)
    assert words in para.string and note in fn.string
    for m in (para, fn):
        assert not m.fuzzy
        assert "from editor's DOCX " + f"{lang}-edited.docx" in m.user_comments
    before, after = tree_files(ROOT), tree_files(project)
    assert sorted(k for k in before if before[k] != after[k]) == [po_rel]
    entries = [entry_lines(ROOT / po_rel, book.blocks["A.VII.26"].text.source),
               entry_lines(ROOT / po_rel, book.footnotes["treaty-series-a4"].text.source)]
    for start, end in changed_lines(before[po_rel], after[po_rel]):
        assert any(s <= start and end <= e + 1 for s, e in entries), (start, end, entries)
    assert f"A.VII.26: {po_rel}:" in dry.stdout and "(stays translated)" in dry.stdout
    assert "the entry is also shown at: footnote 13" in dry.stdout   # one msgid, two footnotes


@pytest.mark.parametrize("lang", ["en", "ar", "zh"])
def test_check_stays_clean_and_the_rebuilt_docx_shows_the_correction(absorbed, lang, tmp_path):
    project, _, _ = absorbed[lang]
    if lang != "en":
        r = run("check", "--lang", lang, cwd=project)
        assert r.returncode == 0, r.stdout
    r = run("validate", cwd=project)
    assert r.returncode == 0, r.stdout + r.stderr
    out = tmp_path / "build"
    r = run("build", "--edition", "2021", "--lang", lang, "--format", "docx", "--out", str(out), cwd=project)
    assert r.returncode == 0, r.stderr
    rebuilt = out / "2021" / lang / "compendium.docx"
    text = pandoc(rebuilt, "accept")
    fixed = {"en": ("UNODC should apply the principles", "Treaty Series (UNTS)"),
             "ar": ("مستجدات", "العدد 39574"), "zh": ("应适用", "条约集")}[lang]
    for words in fixed:
        assert words in " ".join(text.split()), words
    r = run("absorb", str(rebuilt), cwd=project)                      # and it round-trips again
    assert r.returncode == 0 and "no changes to absorb" in r.stdout, r.stdout


@pytest.mark.parametrize("lang", ["en", "ar", "zh"])
def test_comments_are_reported_with_author_and_paragraph(absorbed, lang):
    _, dry, _ = absorbed[lang]
    assert "comment by Ann Editor at A.VII.27 on " in dry.stdout
    assert {"en": "Which knowledge base?", "ar": "أي قاعدة؟", "zh": "哪个知识库？"}[lang] in dry.stdout


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_generated_text_is_reported_not_applied(absorbed, lang):
    project, dry, applied = absorbed[lang]
    report = dry.stdout
    assert "generated, change the data instead (not applied):" in report
    heading = report[report.index("A.VII heading:"):]
    assert "content/A/07.yaml:3 (dates)" in heading.split("\n")[1]
    label = report[report.index("A.VII.25 (label):"):]
    assert f"locales/{lang}/style.toml [labels] para" in label.split("\n")[1]
    cell = report[report.index("index row 1 ("):]
    assert "column 2: 'CTOC/" in cell.split("\n")[0] and "-> 'CTOX/" in cell.split("\n")[0]
    assert "content/index.yaml:" in cell.split("\n")[1]
    text = (project / "content/A/07.yaml").read_text(encoding="utf-8")
    assert "- '2013-10-30'" in text                                  # the dates were not touched


def test_zh_heading_date_is_generated(absorbed):
    _, dry, _ = absorbed["zh"]
    assert "A.VII heading: '第七次会议，2013年10月28日至30日' -> '第七次会议，2013年10月28日至31日'" in dry.stdout


# -- pandoc as a second reader ---------------------------------------------------------------------

def pandoc(path: Path, mode: str) -> str:
    if not shutil.which("pandoc"):
        pytest.fail("pandoc is missing: install it (scripts/setup-system.sh)")
    r = subprocess.run(["pandoc", f"--track-changes={mode}", "-t", "plain", "--wrap=none", str(path)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return r.stdout


def test_pandoc_reads_the_same_tracked_changes(edited):
    """pandoc sees the editor's insertion, deletion and comment where absorb does; rejecting the changes
    gives back the built text, which absorbs to no text change."""
    accepted, rejected = pandoc(edited["en"], "accept"), pandoc(edited["en"], "reject")
    assert "UNODC should apply the principles" in accepted and "should continue to apply" not in accepted
    assert "should continue to apply" in rejected and "Treaty Series (UNTS)" not in rejected
    r = subprocess.run(["pandoc", "--track-changes=all", "-t", "json", str(edited["en"])], capture_output=True,
                       text=True)
    spans = json.dumps(json.loads(r.stdout), ensure_ascii=False)
    assert '"insertion"' in spans and '"deletion"' in spans and '"comment-start"' in spans
    assert "Ann Editor" in spans and "Desk Editor" in spans
    r = run("absorb", str(edited["en"]), "--reject", cwd=ROOT)
    assert "tracked changes rejected" in r.stdout
    assert "0 change(s) to write, 0 in generated text" in r.stdout    # the original: only the comment
    assert "comment by Ann Editor at A.VII.27" in r.stdout


# -- alignment without bookmarks, structure changes ------------------------------------------------

def rewrite_document(src: Path, dest: Path, change) -> Path:
    """Copy a DOCX, passing word/document.xml through `change(xml_root)`."""
    from lxml import etree
    with zipfile.ZipFile(src) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    root = etree.fromstring(parts["word/document.xml"])
    change(root)
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)
    return dest


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def paragraph(root, bookmark: str):
    return next(p for p in root.iter(f"{W}p") if any(b.get(f"{W}name") == bookmark
                                                      for b in p.iter(f"{W}bookmarkStart")))


def test_lost_bookmark_inserted_and_deleted_paragraphs(built, tmp_path):
    import copy

    def change(root):
        p3 = paragraph(root, "p_A_VII_3")                 # bookmark lost, words changed: matched by neighbours
        for b in p3.findall(f"{W}bookmarkStart"):
            p3.remove(b)
        t = next(t for t in p3.iter(f"{W}t") if "in-court" not in (t.text or "") and "States" in (t.text or ""))
        t.text = t.text.replace("States should share", "States should always share")
        p5 = paragraph(root, "p_A_VII_5")                 # a new paragraph after A.VII.5
        new = copy.deepcopy(p5)
        for b in list(new.iter(f"{W}bookmarkStart")):
            b.getparent().remove(b)
        for t in new.iter(f"{W}t"):
            t.text = ""
        next(new.iter(f"{W}t")).text = "An editor's new paragraph about witnesses."
        p5.addnext(new)
        p9 = paragraph(root, "p_A_VII_9")                 # a deleted paragraph
        p9.getparent().remove(p9)
        p20 = paragraph(root, "p_A_VII_20")               # a moved one, words changed too
        next(t for t in p20.iter(f"{W}t") if "States" in (t.text or "")).text += " Moved."
        paragraph(root, "p_A_VII_22").addnext(p20)

    docx = rewrite_document(built["en"], tmp_path / "structure.docx", change)
    r = run("absorb", str(docx))
    assert r.returncode == 1, r.stdout + r.stderr
    assert "aligned matched without its bookmark, by its neighbours and text" in r.stdout
    assert "should [-share-]" in r.stdout or "{+always+}" in r.stdout
    assert "inserted: after A.VII.5: \"An editor's new paragraph about witnesses.\"" in r.stdout
    assert "deleted: A.VII.9:" in r.stdout
    assert "moved: A.VII.20:" in r.stdout and "it now stands after A.VII.22" in r.stdout
    assert "A.VII.20: content" not in r.stdout                # a moved paragraph's text is not absorbed


def test_libreoffice_split_and_new_paragraph_are_left_for_a_human(edited):
    """A paragraph split and a paragraph added in LibreOffice (tracked paragraph marks): reported, and
    neither half of the split paragraph is written; rejecting the changes joins them again."""
    r = run("absorb", str(edited["structure"]))
    assert r.returncode == 1, r.stdout + r.stderr
    assert "0 change(s) to write" in r.stdout
    assert "inserted: after A.VII.5: \"An editor's new paragraph about witnesses.\"" in r.stdout
    assert "split: A.VII.11: 'and should have the assistance of the model law" in r.stdout
    r = run("absorb", str(edited["structure"]), "--reject")
    assert r.returncode == 0 and "no changes to absorb" in r.stdout, r.stdout


def test_translation_whose_english_changed_since_the_build_stays_fuzzy(edited, tmp_path):
    """The English of A.VII.26 changes after the Arabic DOCX went out; `update` makes its translation
    fuzzy. The editor's correction of that (older) translation is written, and stays fuzzy."""
    project = copy_project(tmp_path / "project")
    chapter = project / "content" / "A" / "07.yaml"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace(
        "UNODC should continue to apply the principles", "UNODC should continue to apply all the principles"),
        encoding="utf-8")
    for args in (("extract",), ("update", "--lang", "ar")):
        r = run(*args, cwd=project)
        assert r.returncode == 0, r.stderr
    r = run("absorb", str(edited["ar"]), "--apply", cwd=project)
    assert "fuzzy: the English changed since the DOCX was built" in r.stdout, r.stdout
    from compendium.corpus.loader import load_book
    from compendium.messages.pofile import read_catalog
    english = load_book(project / "content").blocks["A.VII.26"].text.source
    m = read_catalog(project / "locales/ar/LC_MESSAGES/compendium.po", "ar").get(english)
    assert m.fuzzy and "مستجدات يتفق عليها" in m.string
    assert m.previous_id and "continue to apply the principles" in m.previous_id[0]   # update's #| msgid kept


def test_front_matter_index_topic_and_notes_land_in_book_and_index_yaml(built, tmp_path):
    """Corrections of a copyright line, the index notes (inside their generated "Notes: " frame) and an
    index topic cell go to content/book.yaml and content/index.yaml."""
    def change(root):
        for t in root.iter(f"{W}t"):
            if t.text == "Accra Agenda for Action":
                t.text = "Accra Agenda for Action (2008)"
            elif t.text and t.text.endswith("United Nations Office at Vienna."):
                t.text = t.text.replace("at Vienna.", "at Vienna (UNOV).")
            elif t.text and t.text.startswith("Notes: The shaded"):
                t.text = t.text.replace("The shaded areas", "The grey areas")
    docx = rewrite_document(built["en"], tmp_path / "front.docx", change)
    project = copy_project(tmp_path / "project")
    r = run("absorb", str(docx), "--apply", cwd=project)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "index topic 'Accra Agenda for Action': content/index.yaml:6" in r.stdout
    from compendium.corpus.loader import load_book
    book = load_book(project / "content")
    assert book.copyright[2].source.endswith("United Nations Office at Vienna (UNOV).")
    assert book.index_notes.source.startswith("The grey areas of the index")
    assert any(t.title.source == "Accra Agenda for Action (2008)" for t in book.topics)
    before, after = tree_files(ROOT), tree_files(project)
    assert sorted(k for k in before if before[k] != after[k]) == ["content/book.yaml", "content/index.yaml"]
    assert len(changed_lines(before["content/index.yaml"], after["content/index.yaml"])) == 1


def test_draft_edition_round_trip_and_translated_fallback(tmp_path):
    """A draft Arabic edition (three entries untranslated: the DOCX shows their English, with a comment)
    absorbs to no change; the editor's Arabic for one of them becomes its msgstr, fuzzy."""
    project = copy_project(tmp_path / "project")
    po = project / "locales/ar/LC_MESSAGES/compendium.po"
    text = po.read_text(encoding="utf-8")
    for marker in ("#. A.VII.26\n", "#. footnote 3 (A.IV.1.b)\n", "#. A.VII.3\n"):
        i = text.index(marker)
        j = text.index("msgstr", i)
        text = text[:j] + 'msgstr ""' + text[text.index("\n\n", j):]
    po.write_text(text, encoding="utf-8")
    r = run("build", "--edition", "2021", "--lang", "ar", "--format", "docx", "--out", str(tmp_path / "b"), cwd=project)
    assert r.returncode == 0, r.stderr
    draft = tmp_path / "b" / "2021" / "ar" / "compendium.docx"
    r = run("absorb", str(draft), cwd=project)
    assert r.returncode == 0 and "no changes to absorb" in r.stdout, r.stdout

    def translate(root):
        texts = list(paragraph(root, "p_A_VII_3").iter(f"{W}t"))
        for t in texts[1:]:
            t.text = ""
        texts[-1].text = "ينبغي للدول أن تتبادل أفضل الممارسات."
    edited = rewrite_document(draft, tmp_path / "translated.docx", translate)
    r = run("absorb", str(edited), "--apply", cwd=project)
    assert "fuzzy: the DOCX showed the English" in r.stdout, r.stdout
    from compendium.corpus.loader import load_book
    from compendium.messages.pofile import read_catalog
    m = read_catalog(po, "ar").get(load_book(project / "content").blocks["A.VII.3"].text.source)
    assert m.fuzzy and m.string == "ينبغي للدول أن تتبادل أفضل الممارسات."


def test_a_failed_write_puts_back_what_was_written(edited, tmp_path, monkeypatch):
    """--apply writes two files for the English edits; when the second cannot be written (disk full),
    the first is put back: the corpus is as before, and the error is the writer's one clear line."""
    from compendium import atomic
    from compendium.absorb import absorb, write
    from compendium.errors import CompendiumError
    project = copy_project(tmp_path / "project")
    out = absorb(edited["en"], project / "content", project / "locales", project / "templates")
    assert len(out.files) == 2
    real, calls = atomic.write_bytes, []

    def failing(path, data):
        calls.append(path)
        if len(calls) == 2:
            raise CompendiumError("disk full: nothing was written, the previous file is intact", str(path))
        real(path, data)
    monkeypatch.setattr(atomic, "write_bytes", failing)
    before = tree_files(project)
    with pytest.raises(CompendiumError, match="disk full"):
        write(out)
    assert tree_files(project) == before


# -- bad input --------------------------------------------------------------------------------------

def assert_clean_error(r, *fragments):
    assert r.returncode == 2, r.stdout + r.stderr
    assert "Traceback" not in r.stderr and not r.stdout
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    for f in fragments:
        assert f in lines[0], lines[0]


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


def bad_inputs(built, tmp_path) -> dict[str, tuple[Path, list[str], tuple[str, ...]]]:
    corrupt = tmp_path / "corrupt.docx"
    corrupt.write_bytes(b"PK\x03\x04 this is not really a zip")
    truncated = tmp_path / "truncated.docx"
    truncated.write_bytes(built["en"].read_bytes()[:20000])
    broken = rewrite_xml(built["en"], tmp_path / "broken.docx", b"<w:document><w:body><w:p>")
    plain = tmp_path / "plain.docx"
    import docx
    d = docx.Document()
    d.add_paragraph("Technical Assistance, retyped without bookmarks.")
    d.save(plain)
    stripped = rewrite_document(built["en"], tmp_path / "stripped.docx", lambda root: [
        b.getparent().remove(b) for b in list(root.iter(f"{W}bookmarkStart"))])
    return {
        "another language": (built["fr"], ["--lang", "ar"], ("this DOCX is the 'fr' edition, not 'ar'",)),
        "corrupt": (corrupt, [], ("not a DOCX file",)),
        "truncated": (truncated, [], ("not a DOCX file",)),
        "broken xml": (broken, [], ("corrupt DOCX", "not well-formed")),
        "no bookmarks": (plain, ["--lang", "en"], ("no paragraph bookmarks",)),
        "bookmarks removed": (stripped, [], ("no paragraph bookmarks",)),
        "missing": (tmp_path / "nowhere.docx", [], ("file not found",)),
    }


def rewrite_xml(src: Path, dest: Path, document: bytes) -> Path:
    with zipfile.ZipFile(src) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["word/document.xml"] = document
    with zipfile.ZipFile(dest, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)
    return dest


def test_bad_input_is_one_line_exit_2_and_nothing_written(built, project, tmp_path):
    before = tree_files(project)
    for name, (path, extra, fragments) in bad_inputs(built, tmp_path).items():
        r = run("absorb", str(path), "--apply", *extra, cwd=project)
        assert_clean_error(r, *fragments)
    assert tree_files(project) == before


def test_docx_of_another_edition(project, tmp_path):
    """A DOCX built from a 2024 edition does not go into a corpus whose editions are 2021 and 2023."""
    other = copy_project(tmp_path / "edition-2024")
    editions = other / "content" / "editions.yaml"
    editions.write_text(editions.read_text(encoding="utf-8").replace("year: 2023", "year: 2024"), encoding="utf-8")
    r = run("build", "--lang", "en", "--format", "docx", "--out", str(tmp_path / "b"), cwd=other)
    assert r.returncode == 0, r.stderr
    before = tree_files(project)
    r = run("absorb", str(tmp_path / "b" / "en" / "compendium.docx"), "--apply", cwd=project)
    assert_clean_error(r, "this DOCX is dated 2024; no edition of this corpus is (its editions: 2021, 2023)")
    assert tree_files(project) == before


def test_two_languages_is_a_usage_error(built):
    assert_clean_error(run("absorb", str(built["en"]), "--lang", "en,fr"), "one --lang")
