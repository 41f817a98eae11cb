"""Catalogue handling up to msgmerge's standard, adjacent footnote marks, hints that name real commands
(issue 20, defects 11 and 12; issue 16, items 5 and 7). Each test failed before its fix.
"""
from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import polib
import pytest

from test_robustness import copy_project, error_line, record, run

ROOT = Path(__file__).resolve().parent.parent
FR = "locales/fr/LC_MESSAGES/compendium.po"


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "p")


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _edit_a07(project: Path) -> None:
    _replace(project / "content/A/07.yaml", "In its delivery", "In its provision")
    assert run("extract", cwd=project).returncode == 0


# -- update keeps what msgmerge keeps --------------------------------------------------------------------
def test_update_keeps_x_header_fields(project):
    po = project / FR
    _replace(po, '"Generated-By: Babel', '"X-Generator: Poedit 3.4.2\\n"\n"X-Poedit-SourceCharset: UTF-8\\n"\n'
                                         '"Generated-By: Babel')
    _edit_a07(project)
    r = run("update", "--lang", "fr", cwd=project)
    assert r.returncode == 0, r.stderr
    header = polib.pofile(str(po)).metadata
    assert header["X-Generator"] == "Poedit 3.4.2" and header["X-Poedit-SourceCharset"] == "UTF-8"
    assert subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(po)]).returncode == 0
    record("catalogues", "update: header fields X-Generator, X-Poedit-* (Poedit, Weblate)",
           "compendium update --lang fr", 0, "(kept)")


def test_update_keeps_previous_msgctxt_and_obsolete_previous_strings(project):
    """'#| msgctxt' of a fuzzy entry and '#~|' of an obsolete one, as msgmerge writes them, survive."""
    po = project / FR
    text = po.read_text(encoding="utf-8")
    m = re.search(r'(msgctxt "index\.col\.topic"\nmsgid "Topic"\nmsgstr "[^"]*"\n)', text)
    text = text.replace(m.group(1), '#, fuzzy\n#| msgctxt "index.col.subject"\n#| msgid "Subject"\n' + m.group(1))
    text += '\n#, fuzzy\n#~| msgid "An old text"\n#~ msgid "An older text"\n#~ msgstr "Un texte plus ancien"\n'
    po.write_text(text, encoding="utf-8")
    _edit_a07(project)
    assert run("update", "--lang", "fr", cwd=project).returncode == 0
    after = po.read_text(encoding="utf-8")
    assert '#| msgctxt "index.col.subject"\n#| msgid "Subject"\nmsgctxt "index.col.topic"' in after
    assert '#, fuzzy\n#~| msgid "An old text"\n#~ msgid "An older text"' in after
    entry = next(e for e in polib.pofile(str(po)) if e.msgctxt == "index.col.topic")
    assert entry.previous_msgctxt == "index.col.subject" and entry.previous_msgid == "Subject"
    assert subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(po)]).returncode == 0
    record("catalogues", "update: '#| msgctxt' of a fuzzy entry, '#~|' of an obsolete one",
           "compendium update --lang fr", 0, "(kept)")


def _mini(tmp: Path, old: list[tuple[str, str]], new: list[str]) -> Path:
    """A French catalogue of `old` (msgid, msgstr) and a template of `new` msgids."""
    locales = tmp / "locales"
    (locales / "fr" / "LC_MESSAGES").mkdir(parents=True)
    head = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: fr\\n"\n'
            '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n')
    (locales / "fr" / "LC_MESSAGES" / "compendium.po").write_text(
        head + "".join(f'\nmsgid "{i}"\nmsgstr "{s}"\n' for i, s in old), encoding="utf-8")
    (locales / "compendium.pot").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        + "".join(f'\nmsgid "{i}"\nmsgstr ""\n' for i in new), encoding="utf-8")
    return locales


def test_fuzzy_matching_respects_case_as_msgmerge_does(tmp_path):
    """Babel lower-cases both sides (two candidates differing by case become one, and the wrong one
    may win); msgmerge compares them as written. The same pick as msgmerge's."""
    from compendium.messages.update import update
    old = [("working group", "groupe de travail"), ("Working Group", "Groupe de travail")]
    locales = _mini(tmp_path, old, ["Working Groups"])
    update(locales / "compendium.pot", locales, "fr")
    ours = next(e for e in polib.pofile(str(locales / "fr/LC_MESSAGES/compendium.po")) if e.msgid == "Working Groups")
    assert ours.fuzzy and ours.msgstr == "Groupe de travail" and ours.previous_msgid == "Working Group"
    if shutil.which("msgmerge"):
        mini = _mini(tmp_path / "gnu", old, ["Working Groups"])
        out = subprocess.run(["msgmerge", "--previous", "-q", "-o", "-", str(mini / "fr/LC_MESSAGES/compendium.po"),
                              str(mini / "compendium.pot")], capture_output=True, text=True).stdout
        gnu = next(e for e in polib.pofile(out) if e.msgid == "Working Groups")
        assert gnu.msgstr == ours.msgstr
    record("catalogues", "update: a new msgid near two translated ones differing by case",
           "compendium update --lang fr", 0, "(the translation msgmerge picks)")


def test_a_new_message_is_not_prefilled_from_an_unrelated_one(tmp_path):
    """Issue 16: the heading 'Updating the legislative records…' got the French of another paragraph:
    the two share the Convention's long title (70 % alike for msgmerge and Babel), 65 % by Levenshtein."""
    from compendium.messages.update import update
    old = [("Acknowledges the continued need for technical assistance to ensure the effective implementation "
            "of the United Nations Convention against Transnational Organized Crime and the Protocols thereto",
            "Constate que l’assistance technique reste nécessaire")]
    new = ("Updating the legislative records of States parties in preparation for the Mechanism for the Review "
           "of the Implementation of the United Nations Convention against Transnational Organized Crime and the "
           "Protocols thereto")
    locales = _mini(tmp_path, old, [new, old[0][0]])
    r = update(locales / "compendium.pot", locales, "fr")
    entry = next(e for e in polib.pofile(str(locales / "fr/LC_MESSAGES/compendium.po")) if e.msgid == new)
    assert entry.msgstr == "" and not entry.fuzzy
    assert (r.new, r.suggested, r.changed, r.removed) == (1, 0, 0, 0)


def test_update_reports_new_changed_suggested_and_removed(project):
    _replace(project / "content/A/07.yaml", "In its delivery", "In its provision")         # changed
    _replace(project / "content/book.yaml", "  - For ease of reference", "  - A wholly new paragraph of the "
             "introduction, about nothing in particular.\n  - For ease of reference")         # new
    assert run("extract", cwd=project).returncode == 0
    r = run("update", "--lang", "fr", cwd=project)
    assert r.returncode == 0, r.stderr
    line = next(x for x in r.stdout.splitlines() if x.startswith(FR))
    assert "1 new (0 with a suggestion to review), 1 changed (fuzzy, previous English kept), 0 removed" in line
    data = json.loads(run("check", "--lang", "fr", "--format", "json", cwd=project).stdout)["languages"]["fr"]
    assert sorted(x["kind"] for x in data["missing"]) == ["changed", "new"]
    changed = next(x for x in data["missing"] if x["kind"] == "changed")
    assert changed["previous"].startswith("In its delivery") and changed["msgid"].startswith("In its provision")
    record("catalogues", "update after one paragraph edited and one added", "compendium update --lang fr", 0, line)


# -- a catalogue's header as Poedit and Weblate write it; a glossary as Excel saves it ----------------------
@pytest.mark.parametrize("lang,header", [("fr", "fr_FR"), ("zh", "zh_CN"), ("zh", "zh_Hans"), ("fr", "fr-FR")])
def test_language_header_with_territory_or_script_is_the_folders_language(project, lang, header):
    po = project / f"locales/{lang}/LC_MESSAGES/compendium.po"
    _replace(po, f'"Language: {lang}\\n"', f'"Language: {header}\\n"')
    r = run("check", "--lang", lang, "--summary", cwd=project)
    assert r.returncode == 0, r.stdout + r.stderr
    r = run("build", "--edition", "2021", "--lang", lang, "--format", "txt", cwd=project)
    assert r.returncode == 0 and " final " in r.stdout, r.stdout + r.stderr
    record("catalogues", f".po in locales/{lang}/ saying Language: {header}", f"compendium check --lang {lang}", 0,
           "(accepted: the same language and script)")


def test_a_traditional_chinese_catalogue_is_not_the_simplified_one(project):
    _replace(project / "locales/zh/LC_MESSAGES/compendium.po", '"Language: zh\\n"', '"Language: zh_TW\\n"')
    r = run("check", "--lang", "zh", cwd=project)
    assert r.returncode == 2 and "the catalogue of 'zh' says Language: zh_TW" in error_line(r.stderr)


def test_a_glossary_saved_by_excel_with_a_bom_is_read(project):
    glossary = project / "locales/glossary.csv"
    glossary.write_bytes(b"\xef\xbb\xbf" + glossary.read_bytes())
    r = run("check", "--lang", "fr", "--summary", cwd=project)
    assert r.returncode == 0, r.stdout + r.stderr
    record("catalogues", "glossary.csv saved by Excel as \"CSV UTF-8\" (with a BOM)", "compendium check --lang fr", 0,
           "(read as without BOM)")


INVISIBLE = [("\ufe8e", "Arabic presentation form", "U+FE8E"), ("\u200b", "zero-width space", "U+200B"),
             ("\ufeff", "byte-order mark", "U+FEFF"), ("\u00ad", "soft hyphen inside a word", "U+00AD"),
             ("\u2060", "word joiner inside a word", "U+2060")]


def test_check_reports_invisible_and_legacy_characters(project):
    po = polib.pofile(str(project / FR), wrapwidth=76)
    entries = [e for e in po if not e.obsolete and not e.msgctxt and len(e.msgstr) > 20 and "\n" not in e.msgstr]
    chosen = entries[:len(INVISIBLE) + 1]
    for e, (ch, _, _) in zip(chosen, INVISIBLE):
        i = next(i for i in range(8, len(e.msgstr)) if e.msgstr[i - 1].isalpha() and e.msgstr[i].isalpha())
        e.msgstr = e.msgstr[:i] + ch + e.msgstr[i:]                  # inside a word
    lone = chosen[-1]
    lone.msgstr = "\u0301" + lone.msgstr                   # an accent with no letter under it
    po.save()
    r = run("check", "--lang", "fr", cwd=project)
    assert r.returncode == 1
    data = json.loads(run("check", "--lang", "fr", "--format", "json", cwd=project).stdout)["languages"]["fr"]
    for e, (_, what, code) in zip(chosen, INVISIBLE + [(None, "combining mark with no letter", "U+0301")]):
        problems = [x["problem"] for x in data["errors"] if x["msgid"] == e.msgid]
        assert any(p.startswith(what) and code in p for p in problems), (what, problems)
        line = next(x for x in r.stdout.splitlines() if code in x)
        assert re.match(rf"{re.escape(FR)}:\d+: \[", line)
        record("translation text", f"msgstr with {code} ({what})", "compendium check --lang fr", 1, line)


# -- adjacent footnote marks ------------------------------------------------------------------------------
def test_adjacent_footnote_marks_are_separated(project):
    _replace(project / "content/A/02.yaml", "Crime,[^convention-a2] the", "Crime,[^convention-a2][^protocols-a2] the")
    r = run("build", "--lang", "en", "--format", "txt,docx,pdf", "--jobs", "1", cwd=project)
    assert r.returncode == 0, r.stderr
    proof = (project / "build/en/compendium.txt").read_text(encoding="utf-8")
    assert "Crime,¹,² the Working Group" in proof and "Crime,¹² the" not in proof
    with zipfile.ZipFile(project / "build/en/compendium.docx") as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert re.search(r'w:footnoteReference w:id="1"/></w:r><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/>'
                     r'</w:rPr><w:t>,</w:t></w:r>(<w:bookmarkStart [^>]*/>)?<w:r><w:rPr><w:rStyle '
                     r'w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="2"/>', xml), \
        "no superscript separator between the two references"
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(project / "build/en/compendium.pdf"), "-"],
                          capture_output=True, text=True).stdout
    assert re.search(r"Crime,\s*¹,²\s+the", text), re.findall(r"Crime,.{0,20}", text)
    record("corpus text", "two adjacent footnote references [^a][^b]", "compendium build --lang en", 0,
           "(printed ¹,², not ¹² which reads as note 12)")


# -- hints name what exists -----------------------------------------------------------------------------------
def _string_constants() -> list[tuple[str, int, str]]:
    out = []
    for path in sorted((ROOT / "src" / "compendium").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                out.append((str(path.relative_to(ROOT)), node.lineno, node.value))
    return out


def test_hints_name_only_commands_and_options_that_exist():
    """Every `compendium COMMAND --option` written in a message of the code is a real command with
    that option (a hint once said `compendium ids`; the writer's hints said --out for update)."""
    from compendium.cli import parser
    sub = next(a for a in parser()._actions if a.dest == "command")
    named = [(f, n, m.group(1), m.group(2)) for f, n, s in _string_constants()
             for m in re.finditer(r"`compendium ([a-z]+)([^`]*)`", s)]
    assert len(named) >= 5
    for file, line, command, rest in named:
        assert command in sub.choices, f"{file}:{line}: `compendium {command}` is no command"
        options = {o for a in sub.choices[command]._actions for o in a.option_strings}
        for option in re.findall(r"--[a-z-]+", rest):
            assert option in options, f"{file}:{line}: `compendium {command}` has no {option}"


def test_a_failed_catalogue_write_names_the_locales_option(project, monkeypatch, capsys):
    import errno
    import os
    from compendium import atomic, cli
    _edit_a07(project)
    monkeypatch.chdir(project)
    real = os.fdopen

    def fail(fd, *a, **k):
        f = real(fd, *a, **k)
        f.close()
        raise OSError(errno.EACCES, "Permission denied")
    monkeypatch.setattr(atomic.os, "fdopen", fail)
    code = cli.main(["update", "--lang", "fr"])
    err = capsys.readouterr().err
    assert code == 2
    line = error_line(err)
    assert "--locales" in line and "--out" not in line, line
    record("outputs", "update: the catalogue's folder is not writable (EACCES, simulated)",
           "compendium update --lang fr", code, line)


def test_output_into_a_closed_pipe_is_no_internal_error(project):
    """`compendium update | head -1`: the reader leaves after one line; no traceback, no "internal error"."""
    r = subprocess.run(f"{sys.executable} -m compendium update | head -1", shell=True, cwd=project,
                       capture_output=True, text=True)
    assert r.stdout.count("\n") == 1 and "error" not in r.stderr, r.stderr
