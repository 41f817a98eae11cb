"""The translation workflow on real catalogues: extract, update, check, and builds that fall back."""
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from clirun import copy_project, run

from compendium.corpus.loader import load_book
from compendium.localize.strings import load_strings
from compendium.messages.step import template

ROOT = Path(__file__).resolve().parent.parent
PO = "locales/{}/LC_MESSAGES/compendium.po"


@pytest.fixture
def project(tmp_path):
    copy_project(tmp_path)
    (tmp_path / "locales" / "glossary.csv").unlink()   # pseudo-translations cannot follow the glossary
    return tmp_path


def pseudo(msgid: str) -> str:
    """A pseudo-translation that keeps markup, symbols, numbers and line breaks (for gaps in real ones)."""
    return "\n".join(f"⟪{line}⟫" for line in msgid.split("\n"))


def complete(path: Path) -> polib.POFile:
    """Fill the untranslated and fuzzy entries of a catalogue copy, keeping the real translations
    (merged with the committed POT first, so every message of the corpus is there)."""
    project = path.parents[3]
    assert run("update", "--lang", path.parents[1].name, cwd=project).returncode == 0
    po = polib.pofile(str(path), wrapwidth=76)
    for e in po:
        if not e.obsolete and (e.fuzzy or not e.msgstr):
            e.msgstr = pseudo(e.msgid)
            if e.fuzzy:
                e.flags.remove("fuzzy")
    po.save()
    return po


def entry(po_file: Path, msgid_start: str) -> polib.POEntry:
    po = polib.pofile(str(po_file))
    return next(e for e in po if e.msgid.startswith(msgid_start) and not e.obsolete)


def messages(pot: Path) -> list[tuple]:
    return [(e.msgctxt, e.msgid, e.occurrences, e.comment) for e in polib.pofile(str(pot))]


def test_pybabel_with_babel_cfg_gives_the_same_messages(tmp_path):
    pybabel = Path(sys.executable).parent / "pybabel"
    r = subprocess.run([str(pybabel), "-q", "extract", "-F", "babel.cfg", "-o", str(tmp_path / "babel.pot"), "."],
                       cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    r = run("extract", "--output", str(tmp_path / "ours.pot"))
    assert r.returncode == 0, r.stderr
    ours = messages(tmp_path / "ours.pot")
    assert len(ours) > 350
    assert messages(tmp_path / "babel.pot") == ours


def test_committed_template_and_catalogues_are_up_to_date(project):
    r = run("extract", cwd=project)
    assert r.returncode == 0 and "(unchanged)" in r.stdout, r.stdout + r.stderr
    r = run("update", cwd=project)
    assert r.returncode == 0, r.stderr
    for lang in ("ar", "es", "fr", "ru", "zh"):
        assert [(e.msgid, e.msgstr) for e in polib.pofile(str(project / PO.format(lang)))] == \
               [(e.msgid, e.msgstr) for e in polib.pofile(str(ROOT / PO.format(lang)))], lang


@pytest.mark.parametrize("generator", ["Babel 2.18.0", "Babel 9.9.9"])
def test_extract_and_update_ignore_the_generator_version_and_dates(project, generator):
    """A POT/PO written by another Babel release (or in another year) is not rewritten for that alone."""
    header = {"Generated-By": generator, "POT-Creation-Date": "2019-01-01 00:00+0000"}
    written = {}
    for path in [project / "locales/compendium.pot", *(project / PO.format(l) for l in ("ar", "fr", "zh"))]:
        text = path.read_text(encoding="utf-8")
        for field, value in header.items():
            text = re.sub(rf'"{field}: [^"]*\\n"', f'"{field}: {value}\\\\n"', text)
        text = re.sub(r"Copyright \(C\) \d{4}", "Copyright (C) 2019", text)
        assert generator in text
        path.write_text(text, encoding="utf-8")
        written[path] = path.read_bytes()
    r = run("extract", cwd=project)
    assert r.returncode == 0 and "(unchanged)" in r.stdout, r.stdout + r.stderr
    assert run("update", cwd=project).returncode == 0
    for path, data in written.items():
        assert path.read_bytes() == data, f"{path.name} rewritten although no message changed"


def test_extract_rewrites_the_template_when_a_message_changes(project):
    chapter = project / "content/A/07.yaml"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("In its delivery", "In its provision", 1),
                       encoding="utf-8")
    r = run("extract", cwd=project)
    assert r.returncode == 0 and "(unchanged)" not in r.stdout, r.stdout
    assert "In its provision" in (project / "locales/compendium.pot").read_text(encoding="utf-8")


def test_messages_say_where_they_appear_and_keep_markup_visible():
    pot = polib.pofile(str(ROOT / "locales" / "compendium.pot"))
    para = next(e for e in pot if e.msgid.startswith("In its delivery of technical assistance"))
    assert para.comment == "A.VII.26"
    file, line = para.occurrences[0]
    assert file == "content/A/07.yaml"
    assert (ROOT / file).read_text(encoding="utf-8").splitlines()[int(line) - 1].startswith("- para: In its delivery")
    head = next(e for e in pot if e.msgctxt == "running_head.index")
    assert head.comment.startswith("running head") and head.msgid == "THEMATIC INDEX"
    topic = next(e for e in pot if e.msgid == "Capacity-building")
    assert topic.comment == "index topic"
    noted = [e for e in pot if "[^" in e.msgid]
    assert noted and all(re.search(r"\[\^[\w.-]+\]", e.msgid) for e in noted)
    note = next(e for e in pot if e.comment.startswith("footnote 1 ("))
    assert note.occurrences[0][0] == "content/footnotes.yaml"
    assert any(e.msgctxt and "{" in e.msgid and "python-brace-format" in e.flags for e in pot)


def test_messages_follow_the_book_within_each_file():
    pot = polib.pofile(str(ROOT / "locales" / "compendium.pot"))
    by_file: dict[str, list[int]] = {}
    for e in pot:
        file, line = e.occurrences[0]
        by_file.setdefault(file, []).append(int(line))
    for file, lines in by_file.items():
        if file != "content/book.yaml":      # book.yaml holds the front matter and the back cover
            assert lines == sorted(lines), file
    files = list(by_file)
    assert files.index("content/A/01.yaml") < files.index("content/A/11.yaml") < files.index("content/B/01.yaml")


@pytest.mark.parametrize("lang", ["ar", "es", "fr", "ru", "zh"])
def test_catalogues_pass_msgfmt_and_agree_with_check(lang):
    path = ROOT / PO.format(lang)
    r = subprocess.run(["msgfmt", "-c", "--statistics", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "warning" not in r.stderr, r.stderr
    out = run("check", "--lang", lang, "--format", "json")
    figures = json.loads(out.stdout)["languages"][lang]
    stats = r.stderr
    for word, key in (("translated message", "translated"), ("fuzzy translation", "fuzzy"),
                      ("untranslated message", "untranslated")):
        m = re.search(r"(\d+) " + word, stats)
        assert (int(m.group(1)) if m else 0) == figures[key], (stats, figures)
    assert figures["total"] == figures["translated"] + figures["fuzzy"] + figures["untranslated"]
    header = polib.pofile(str(path)).metadata
    assert header["Language"] == lang and header["Plural-Forms"].startswith("nplurals=")


def test_edit_remove_and_retranslate_end_to_end(project):
    fr = project / PO.format("fr")
    complete(fr)
    assert run("check", "--lang", "fr", cwd=project).returncode == 0
    old = entry(fr, "In its delivery of technical assistance")
    chapter = project / "content" / "A" / "07.yaml"
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text.replace("In its delivery of technical assistance, UNODC should continue",
                                    "In its delivery of technical assistance, UNODC should always continue"),
                       encoding="utf-8")
    front = project / "content" / "book.yaml"
    removed_text = front.read_text(encoding="utf-8")
    start = removed_text.index("  - In addition, the compendium and the thematic index")
    end = removed_text.index("  - For ease of reference")
    front.write_text(removed_text[:start] + removed_text[end:], encoding="utf-8")
    removed = entry(fr, "In addition, the compendium and the thematic index")

    assert run("extract", cwd=project).returncode == 0
    r = run("update", "--lang", "fr", cwd=project)
    assert r.returncode == 0, r.stderr
    po = polib.pofile(str(fr))
    changed = next(e for e in po if "should always continue" in e.msgid)
    assert changed.fuzzy and changed.previous_msgid == old.msgid and changed.msgstr == old.msgstr
    assert '#| msgid ""\n#| "In its delivery of technical assistance' in fr.read_text(encoding="utf-8")
    assert subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(fr)]).returncode == 0
    gone = next(e for e in po.obsolete_entries() if e.msgid == removed.msgid)
    assert gone.msgstr == removed.msgstr

    r = run("check", "--lang", "fr", cwd=project)
    assert r.returncode == 1
    line = next(l for l in r.stdout.splitlines() if "A.VII.26" in l)
    assert f"{PO.format('fr')}:{changed.linenum}:" in line and "fuzzy" in line
    data = json.loads(run("check", "--lang", "fr", "--format", "json", cwd=project).stdout)["languages"]["fr"]
    assert data["fuzzy"] == 1 and data["obsolete"] >= 1
    assert data["missing"] == [{"where": "A.VII.26", "po_line": changed.linenum, "msgctxt": None,
                                "msgid": changed.msgid, "state": "fuzzy", "kind": "changed", "previous": old.msgid}]
    assert data["ready"] is False and data["out_of_step"] == [] and data["in_english"] == 1

    changed.msgstr = pseudo(changed.msgid)
    changed.flags.remove("fuzzy")
    po.save()
    assert run("check", "--lang", "fr", cwd=project).returncode == 0

    front.write_text(removed_text, encoding="utf-8")       # the paragraph comes back: so does its translation
    run("extract", cwd=project)
    assert "1 restored" in run("update", "--lang", "fr", cwd=project).stdout
    back = entry(fr, "In addition, the compendium and the thematic index")
    assert back.msgstr == removed.msgstr and not back.fuzzy
    assert run("check", "--lang", "fr", cwd=project).returncode == 0


def test_check_reports_each_problem_with_its_place(project):
    fr = project / PO.format("fr")
    po = complete(fr)
    e = next(e for e in po if e.msgid.startswith("In its delivery of technical assistance"))
    e.msgstr = e.msgstr.replace("UNODC", "ONUDC") + " (2099)"
    sym = next(e for e in po if "CTOC/COP/" in e.msgid and not e.msgctxt)
    sym.msgstr = sym.msgstr.replace("CTOC/COP/", "CTOC/CdP/", 1)
    po.save()
    sym = entry(fr, sym.msgid)                             # line numbers as saved
    r = run("check", "--lang", "fr", cwd=project)
    assert r.returncode == 1
    assert "document symbol: missing CTOC/COP/" in r.stdout
    assert f"{PO.format('fr')}:{sym.linenum}: [{sym.comment.splitlines()[0]}" in r.stdout
    data = json.loads(run("check", "--lang", "fr", "--format", "json", cwd=project).stdout)["languages"]["fr"]
    assert data["missing"] == []
    problems = {(x["where"], x["problem"]) for x in data["errors"]}
    assert not any(w == "A.VII.26" for w, _ in problems)     # a new name and an extra year are allowed
    assert any(p.startswith("document symbol: missing CTOC/COP/") and "unexpected CTOC/CdP/" in p
               for _, p in problems)


def test_check_rejects_an_unparseable_catalogue_with_its_line(project):
    fr = project / PO.format("fr")
    lines = fr.read_text(encoding="utf-8").splitlines()
    n = next(i for i, l in enumerate(lines) if l.startswith("msgid") and i > 20)
    lines[n] = 'msgid "broken'
    fr.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = run("check", "--lang", "fr", cwd=project)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert PO.format("fr") in r.stderr and "not a valid PO file" in r.stderr
    r = run("update", "--lang", "fr", cwd=project)
    assert r.returncode == 2 and f"{PO.format('fr')}:" in r.stderr and "Traceback" not in r.stderr
    assert fr.read_text(encoding="utf-8").splitlines()[n] == 'msgid "broken'   # nothing overwritten


def test_check_usage_errors(project):
    assert run("check", "--lang", "en", cwd=project).returncode == 2
    assert run("check", "--lang", "xx", cwd=project).returncode == 2
    shutil.rmtree(project / "locales" / "ru" / "LC_MESSAGES")
    r = run("check", "--lang", "ru", cwd=project)
    assert r.returncode == 2 and "compendium update" in r.stderr


def test_builds_fall_back_visibly_and_strict_refuses(project):
    fr = project / PO.format("fr")
    po = complete(fr)
    e = next(e for e in po if e.msgid.startswith("In its delivery of technical assistance"))
    e.msgstr = ""
    po.save()
    r = run("build", "--edition", "2021", "--lang", "fr", "--format", "txt", cwd=project)
    assert r.returncode == 0, r.stderr
    proof = (project / "build" / "2021" / "fr" / "compendium.txt").read_text(encoding="utf-8")
    first = proof.splitlines()[0]                            # the draft note, in French: "1 … 358"
    figures = json.loads(run("check", "--lang", "fr", "--format", "json", cwd=project).stdout)["languages"]["fr"]
    assert figures["in_english"] == 1 and figures["template"] == figures["total"]   # check's figures, in step
    shown = len(template([load_book(project / "content", "2021")], load_strings(project / "templates")))
    assert figures["editions"]["2021"] == {"messages": shown, "in_english": 1}    # check's figures of the edition …
    assert re.search(rf"\b1\b.*\b{shown}\b", first) and "In its delivery" not in first   # … in its draft note
    assert "26. [EN] In its delivery of technical assistance" in proof
    assert proof.count("[EN]") == 1                          # every other text is translated
    r = run("build", "--edition", "2021", "--strict", "--lang", "fr", "--lang", "en", "--format", "txt", cwd=project)
    assert r.returncode == 1
    assert "refusing to build fr" in r.stderr and "1 untranslated" in r.stderr
    assert (project / "build" / "2021" / "en" / "compendium.txt").exists()
    assert not (project / "build" / "2021" / "fr" / "compendium.txt").exists()     # the refused draft is gone
    e.msgstr = pseudo(e.msgid)
    po.save()
    r = run("build", "--edition", "2021", "--strict", "--lang", "fr", "--format", "txt", cwd=project)
    assert r.returncode == 0, r.stderr
    final = (project / "build" / "2021" / "fr" / "compendium.txt").read_text(encoding="utf-8")
    assert first not in final and "[EN]" not in final


def test_adding_a_language_is_adding_data(project):
    """German: a style.toml copied from English is all it takes to get a catalogue and a draft edition."""
    (project / "locales" / "de").mkdir()
    style = (project / "locales" / "en" / "style.toml").read_text(encoding="utf-8")
    (project / "locales" / "de" / "style.toml").write_text(
        style.replace('language = "en"', 'language = "de"').replace('babel_locale = "en"', 'babel_locale = "de"'),
        encoding="utf-8")
    r = run("update", "--lang", "de", cwd=project)
    assert r.returncode == 0, r.stderr
    po = polib.pofile(str(project / PO.format("de")))
    assert po.metadata["Language"] == "de" and po.metadata["Plural-Forms"].startswith("nplurals=2;")
    r = run("build", "--lang", "de", "--format", "txt", cwd=project)
    assert r.returncode == 0, r.stderr
    proof = (project / "build" / "de" / "compendium.txt").read_text(encoding="utf-8")
    assert proof.startswith("[EN] Draft edition") and "Oktober 2013" in proof  # CLDR German month names
