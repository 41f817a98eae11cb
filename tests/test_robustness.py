"""Robustness: every bad input gets one clear line (exit 2), nothing is lost, translations cannot inject.

The bad inputs are a table (CASES): each runs `python -m compendium` in a copy of the project and
expects exit 2, no traceback, and one line on stderr naming the file (and line) and what to do.
`python tests/test_robustness.py` runs them all and prints the table of tests/README.md.
"""
from __future__ import annotations

import errno
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import polib
import pytest
from clirun import copy_project, edit, run
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
PO = "locales/{}/LC_MESSAGES/compendium.po"
FR = PO.format("fr")
A07 = "content/A/07.yaml"
REPORT = os.environ.get("ROBUSTNESS_TABLE")        # where `python tests/test_robustness.py` collects rows


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "p")


def record(group: str, what: str, command: str, code: int, message: str) -> None:
    if REPORT:
        with open(REPORT, "a", encoding="utf-8") as f:
            f.write(json.dumps({"group": group, "input": what, "command": command, "code": code,
                                "message": message}, ensure_ascii=False) + "\n")


def error_line(stderr: str, usage: bool = False) -> str:
    """The one line a bad input gets (argparse's usage lines aside for usage errors)."""
    assert "Traceback" not in stderr, stderr
    assert "internal error" not in stderr, stderr
    lines = stderr.strip().splitlines()
    if usage:
        lines = [line for line in lines if not line.startswith(("usage:", " "))]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("compendium: error: "), lines[0]
    return lines[0]


# -- the table of bad inputs ---------------------------------------------------------------------
def _text(path: str, old: str, new: str):
    return lambda p: edit(p / path, old, new)


def _write(path: str, data: str | bytes):
    def setup(p: Path) -> None:
        (p / path).parent.mkdir(parents=True, exist_ok=True)
        (p / path).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return setup


def _remove(path: str):
    def setup(p: Path) -> None:
        target = p / path
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    return setup


def _empty_folder(path: str):
    def setup(p: Path) -> None:
        for f in (p / path).glob("*.yaml"):
            f.unlink()
    return setup


def _po(change):
    """Apply `change(text) -> text` to the French catalogue."""
    def setup(p: Path) -> None:
        path = p / FR
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    return setup


def _replace(old: str, new: str):
    def change(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)
    return change


def _append(extra: str):
    return lambda text: text + extra


def _first_entry(text: str) -> tuple[str, str]:
    """(msgid line, msgstr line) of the first translated entry after the header."""
    m = re.search(r'\nmsgid ("[^"\n]+")\nmsgstr ("[^"\n]+")\n', text)
    return m.group(1), m.group(2)


def _entry_change(fn):
    def change(text: str) -> str:
        msgid, msgstr = _first_entry(text)
        return fn(text, msgid, msgstr)
    return change


def _file_under_regular_file(p: Path) -> None:
    (p / "afile").write_text("a file, not a folder\n", encoding="utf-8")


def _unknown_locale(p: Path) -> None:
    (p / "locales" / "qq").mkdir()
    shutil.copy(p / "locales" / "en" / "style.toml", p / "locales" / "qq" / "style.toml")


def _rename(path: str, new: str):
    return lambda p: (p / path).rename(p / new)


def _line(path: str, text: str) -> int:
    """The line of the first occurrence of `text` in the project's own copy of `path`."""
    return next(n for n, line in enumerate((ROOT / path).read_text(encoding="utf-8").splitlines(), 1) if text in line)


def _odt() -> bytes:
    """A minimal OpenDocument text package (what LibreOffice's own format starts with)."""
    import zipfile
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", "<office:document-content/>")
    return buf.getvalue()


BOOK, EN_STYLE, EDITION, STRINGS = "content/book.yaml", "locales/en/style.toml", "templates/edition.toml", "templates/strings.yaml"
REFERENCE, GLOSSARY, CSS, PAGE_CSS = ("templates/reference.docx", "locales/glossary.csv", "templates/pdf/book.css",
                                      "templates/pdf/page.css.j2")
BUILD = ("build", "--lang", "en", "--format", "txt", "--jobs", "1")
BUILD_PDF = ("build", "--lang", "en", "--format", "pdf", "--jobs", "1")
BUILD_DOCX = ("build", "--lang", "en", "--format", "docx", "--jobs", "1")
BUILD_FR = ("build", "--lang", "fr", "--format", "txt", "--jobs", "1")
CHECK = ("check", "--lang", "fr")
UPDATE = ("update", "--lang", "fr")

# (id, input, setup, command, fragments of the expected line, usage error)
def _drop_ordinals(path: Path) -> None:
    """Remove the [ordinals] table and its [ordinals.USE] tables from a style.toml."""
    kept, inside = [], False
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        if line.startswith("["):
            inside = line.startswith("[ordinals")
        if not inside:
            kept.append(line)
    path.write_text("".join(kept), encoding="utf-8")


CASES = [
    # usage
    ("lang-build", "unknown language (build --lang xx)", None, ("build", "--lang", "xx"),
     ["unknown language 'xx'", "choose from"], False),
    ("lang-check", "unknown language (check --lang xx)", None, ("check", "--lang", "xx"),
     ["unknown language 'xx'"], False),
    ("lang-update", "unknown language (update --lang xx)", None, ("update", "--lang", "xx"),
     ["unknown language 'xx'"], False),
    ("lang-en", "English has no catalogue (check --lang en)", None, ("check", "--lang", "en"),
     ["English is the source language"], False),
    ("format-build", "unknown format (build --format odt)", None, ("build", "--format", "odt"),
     ["unknown format 'odt'", "txt, pdf, docx"], False),
    ("format-check", "unknown report format (check --format xml)", None, ("check", "--format", "xml"),
     ["invalid choice: 'xml'"], True),
    ("option", "unknown option (build --frobnicate)", None, ("build", "--frobnicate"),
     ["unrecognized arguments: --frobnicate"], True),
    ("option-validate", "option of another command (validate --lang fr)", None, ("validate", "--lang", "fr"),
     ["unrecognized arguments: --lang fr"], True),
    ("command", "unknown command (explode)", None, ("explode",), ["invalid choice: 'explode'"], True),
    ("no-command", "no command", None, (), ["required: COMMAND"], True),
    ("jobs", "build --jobs 0", None, ("build", "--jobs", "0"), ["--jobs must be 1 or more"], False),
    ("jobs-text", "build --jobs many", None, ("build", "--jobs", "many"), ["invalid int value: 'many'"], True),
    # corpus files
    ("yaml-tab", "YAML: a tab in the indentation", _text(A07, "- '2013-10-28'", "\t- '2013-10-28'"), BUILD,
     [f"{A07}:4:1: YAML syntax error", "'\\t'"], False),
    ("yaml-quote", "YAML: a quote never closed", _text(A07, "report: CTOC", 'report: "CTOC'), BUILD,
     [f"{A07}:6:9: YAML syntax error", "quoted scalar", "close the quote"], False),
    ("yaml-bracket", "YAML: a bracket never closed", _text(A07, "report: CTOC", "report: [CTOC"), BUILD,
     [f"{A07}:7:", "YAML syntax error", "flow sequence that starts on line 6"], False),
    ("yaml-dupkey", "YAML: a key twice", _text(A07, "report: CTOC/COP/WG.2/2013/5", "report: CTOC/COP/WG.2/2013/5\nreport: X"),
     BUILD, [f"{A07}:7:1: duplicate key 'report', first on line 6", "keep one of them"], False),
    ("yaml-2docs", "YAML: two documents in one file", _write("content/errata.yaml", "---\na: 1\n---\nb: 2\n"),
     BUILD, ["content/errata.yaml:3:1", "expected a single document"], False),
    ("yaml-tag", "YAML: a !!python tag", _text(A07, "offset: 4", "offset: !!python/object:os.system echo"), BUILD,
     [f"{A07}:9:11: YAML tag '!!python/object:os.system' is not allowed"], False),
    ("yaml-alias", "YAML: an anchor and alias", _text(A07, "report: CTOC/COP/WG.2/2013/5",
     "report: &v CTOC/COP/WG.2/2013/5\nsources: *v"), BUILD, [f"{A07}:6:9:", "anchors and aliases"], False),
    ("yaml-int", "YAML: !!int four", _text(A07, "offset: 4", "offset: !!int four"), BUILD,
     [f"{A07}:9:11: 'four' is not a whole number"], False),
    ("yaml-deep", "YAML: 5000 nested brackets", _write("content/errata.yaml", "[" * 5000 + "]" * 5000), BUILD,
     ["content/errata.yaml: YAML nested too deeply"], False),
    ("not-utf8", "chapter file not UTF-8", _write(A07, b"meeting: 7\nreport: Vi\xe9nna\n"), BUILD,
     [f"{A07}:2:11: not UTF-8 text", "save the file as UTF-8"], False),
    ("empty-file", "chapter file empty", _write(A07, ""), BUILD, [f"{A07}: file is empty"], False),
    ("chapter-list", "chapter file is a list", _write(A07, "- meeting: 7\n"), BUILD,
     [f"{A07}:1: 07.yaml is a mapping", "not a list"], False),
    ("chapter-text", "chapter file is one word", _write(A07, "hello\n"), BUILD,
     [f"{A07}:1: 07.yaml is a mapping", "not the text 'hello'"], False),
    ("no-book", "content/book.yaml removed", _remove("content/book.yaml"), BUILD,
     ["content/book.yaml: file not found", "restore it from git"], False),
    ("no-footnotes", "content/footnotes.yaml removed", _remove("content/footnotes.yaml"), ("validate",),
     ["content/footnotes.yaml: file not found"], False),
    ("empty-part", "content/A/ empty", _empty_folder("content/A"), BUILD,
     ["content/A: no chapter files (NN.yaml)", "restore them from git"], False),
    ("no-part", "content/B/ removed", _remove("content/B"), BUILD, ["content/B: folder not found"], False),
    ("no-content", "--content pointing nowhere", None, ("validate", "--content", "nowhere"),
     ["nowhere: content folder not found", "--content"], False),
    ("index-map", "index.yaml is a mapping", _write("content/index.yaml", "topic: x\n"), ("validate",),
     ["content/index.yaml:1: index.yaml is a list of topics, not a mapping"], False),
    ("errata-map", "errata.yaml is a mapping", _write("content/errata.yaml", "topic: x\n"), ("validate",),
     ["content/errata.yaml:1: errata.yaml is a list of errata"], False),
    # corpus structure and ids
    ("dup-chapter", "duplicate id (two files for meeting 7)",
     lambda p: shutil.copy(p / A07, p / "content/A/14.yaml"), BUILD, ["content/A/14.yaml:2: duplicate id A.VII (also in content/A/07.yaml:2)"], False),
    ("index-missing", "index cites a paragraph that does not exist (A.VII.99)",
     _text("content/index.yaml", "- A.VII.26\n", "- A.VII.99\n"), ("validate",),
     ["content/index.yaml:8: unknown id A.VII.99", "does not exist"], False),
    ("index-chapter", "index cites a chapter that does not exist (A.XX.1)",
     _text("content/index.yaml", "- A.VII.26\n", "- A.XX.1\n"), ("validate",),
     ["content/index.yaml:8: unknown id A.XX.1"], False),
    ("index-range", "index range that goes down (A.VII.26-20)",
     _text("content/index.yaml", "- A.VII.26\n", "- A.VII.26-20\n"), ("validate",),
     ["content/index.yaml:8: range 'A.VII.26-20' does not go upwards"], False),
    ("index-huge", "index range to paragraph 999999999",
     _text("content/index.yaml", "- A.VII.26\n", "- A.VII.26-999999999\n"), ("validate",),
     ["content/index.yaml:8: '999999999' is not a paragraph number"], False),
    ("index-via", "index row via a resolution no chapter adopts",
     _text("content/index.yaml", "  - via: 7/3\n", "  - via: 9/9\n"), ("validate",),
     ["content/index.yaml:9: unknown resolution 9/9"], False),
    ("footnote-ref", "unknown footnote [^no-such-note]",
     _text("content/A/02.yaml", "[^convention-a2]", "[^no-such-note]"), BUILD,
     ["content/A/02.yaml:", "unknown id [^no-such-note]"], False),
    ("see", "see: a chapter that does not exist", _text("content/B/05.yaml", "see: A.V", "see: A.XX"), BUILD,
     ["content/B/05.yaml:", "unknown id A.XX"], False),
    ("block-kind", "unknown block kind (paragraph:)",
     _text(A07, "- para: The Working Group also adopted", "- paragraph: The Working Group also adopted"), BUILD,
     [f"{A07}:16: unknown block kind 'paragraph'", "para, sub"], False),
    ("block-two", "a block with two kinds",
     _text(A07, "- para: The Working Group also adopted", "- sub: x\n  para: The Working Group also adopted"),
     BUILD, [f"{A07}:16: a block has one kind, this one has"], False),
    ("unknown-key", "unknown key (reprot:)", _text(A07, "report: CTOC", "reprot: CTOC"), BUILD,
     [f"{A07}:6: unknown key 'reprot'", "allowed here"], False),
    ("place", "place: (no longer printed or kept)", _text(A07, "report: CTOC", "place: Vienna\nreport: CTOC"), BUILD,
     [f"{A07}:6: unknown key 'place'", "the book prints no place of meeting; remove the line"], False),
    ("missing-key", "missing key (meeting:)", _text(A07, "meeting: 7\n", ""), BUILD,
     [f"{A07}:", "missing key 'meeting'"], False),
    ("meeting-text", "meeting: seven", _text(A07, "meeting: 7", "meeting: seven"), BUILD,
     [f"{A07}:2: 'meeting' must be a whole number, not the text 'seven'"], False),
    ("meeting-huge", "meeting: 99999999999999", _text(A07, "meeting: 7", "meeting: 99999999999999"), BUILD,
     [f"{A07}:2: 'meeting' must be at most 999"], False),
    ("date", "impossible date 2013-02-30", _text(A07, "2013-10-28", "2013-02-30"), BUILD,
     [f"{A07}:4: bad date", "YYYY-MM-DD"], False),
    ("dates-order", "last day before the first", _text(A07, "'2013-10-30'", "'2013-10-01'"), BUILD,
     [f"{A07}:", "before it starts"], False),
    ("sources-number", "sources: 3",
     _text(A07, "sources:\n- symbol: CTOC/COP/WG.2/2013/5\n  offset: 4\n- resolution: 7/3\n  annex: I", "sources: 3"),
     BUILD, [f"{A07}:7: 'sources' must be a list, not the number 3"], False),
    ("source-text", "a source that is a bare word", _text(A07, "- symbol: CTOC/COP/WG.2/2013/5\n  offset: 4", "- CTOC"),
     BUILD, [f"{A07}:8: a source is a mapping"], False),
    ("report-number", "report: 5", _text(A07, "report: CTOC/COP/WG.2/2013/5", "report: 5"), BUILD,
     [f"{A07}:6: 'report' must be text, not the number 5"], False),
    ("adopted-list", "adopted: [1, 2]", _text(A07, "report: CTOC", "adopted: [1, 2]\nreport: CTOC"), BUILD,
     [f"{A07}:6: 'adopted' must be a whole number, not a list"], False),
    # inline markup of the corpus
    ("emph-open", "markup: emphasis never closed", _text("content/B/05.yaml", "*Endorses*", "*Endorses"), BUILD,
     ["content/B/05.yaml:", "never closed"], False),
    ("emph-empty", "markup: empty emphasis **", _text(A07, "multi-year workplan", "multi-year ** workplan"), BUILD,
     [f"{A07}:13: inline markup: empty emphasis '**'"], False),
    ("bracket", "markup: unmatched ]", _text(A07, "multi-year workplan", "multi-year] workplan"), BUILD,
     [f"{A07}:13: inline markup: unmatched ']'", "\\]"], False),
    ("md-link", "markup: a Markdown link [text](url)",
     _text(A07, "multi-year workplan", "multi-year [workplan](http://example.org)"), BUILD,
     [f"{A07}:13: inline markup: '[' starts no [^note] or [[symbol]]"], False),
    ("backslash", "markup: unknown escape \\q", _text(A07, "multi-year workplan", "multi-year \\q workplan"),
     BUILD, [f"{A07}:13: inline markup: a backslash must be followed by"], False),
    ("note-in-emph", "markup: footnote inside emphasis",
     _text("content/B/05.yaml", "*Endorses*", "*Endorses [^treaty-series-b5]*"), BUILD,
     ["content/B/05.yaml:", "cannot stand inside *emphasis*"], False),
    ("corpus-control", "corpus: control character (YAML \"\\x07\")",
     _text(A07, "- para: The Working Group also adopted the recommendations presented below.",
           '- para: "The Working Group also \\x07adopted the recommendations presented below."'), BUILD,
     [f"{A07}:16: control character U+0007 in the text"], False),
    ("corpus-bidi", "corpus: bidi override (YAML \"\\u202e\")",
     _text(A07, "- para: The Working Group also adopted the recommendations presented below.",
           '- para: "The Working Group also \\u202eadopted the recommendations presented below."'), BUILD,
     [f"{A07}:16: bidi control character U+202E in the text"], False),
    # catalogues
    ("po-unterminated", ".po: unterminated string",
     _po(_entry_change(lambda t, i, s: t.replace(f"msgstr {s}\n", f"msgstr {s[:-1]}\n", 1))), CHECK,
     [f"{FR}:", "string not closed on this line"], False),
    ("po-stray", ".po: a stray line of text", _po(_entry_change(lambda t, i, s: t.replace(
        f"msgstr {s}\n", f"msgstr {s}\nhello there\n", 1))), CHECK, [f"{FR}:", "unexpected text 'hello there'"], False),
    ("po-keyword", ".po: misspelt keyword msgstrx", _po(_entry_change(lambda t, i, s: t.replace(
        f"msgstr {s}\n", f"msgstrx {s}\n", 1))), CHECK, [f"{FR}:", "unexpected text 'msgstrx"], False),
    ("po-escape", ".po: unknown escape \\q", _po(_entry_change(lambda t, i, s: t.replace(
        f"msgstr {s}\n", f"msgstr {s[:-1]}\\q\"\n", 1))), CHECK, [f"{FR}:", "unknown escape '\\q'"], False),
    ("po-no-msgid", ".po: msgstr without msgid", _po(_entry_change(lambda t, i, s: t.replace(
        f"msgid {i}\n", "", 1))), CHECK, [f"{FR}:", "msgstr without msgid"], False),
    ("po-no-msgstr", ".po: msgid without msgstr", _po(_entry_change(lambda t, i, s: t.replace(
        f"msgstr {s}\n", "", 1))), CHECK, [f"{FR}:", "msgid without msgstr"], False),
    ("po-two-msgstr", ".po: two msgstr for one msgid", _po(_entry_change(lambda t, i, s: t.replace(
        f"msgstr {s}\n", f"msgstr {s}\nmsgstr {s}\n", 1))), CHECK, [f"{FR}:", "a second msgstr"], False),
    ("po-charset", ".po header: no Content-Type charset",
     _po(_replace('"Content-Type: text/plain; charset=utf-8\\n"', '"Content-Type: text/plain\\n"')), CHECK,
     [f"{FR}:", "bad header: no Content-Type charset", "charset=UTF-8"], False),
    ("po-latin1", ".po header: charset=ISO-8859-1", _po(_replace("charset=utf-8", "charset=ISO-8859-1")), CHECK,
     [f"{FR}:", "bad header: charset=ISO-8859-1; catalogues are UTF-8"], False),
    ("po-garbage-header", ".po header: garbage line", _po(_replace('"Language: fr\\n"', '"Language fr garbage\\n"')),
     CHECK, [f"{FR}:", "bad header: 'Language fr garbage' is not a 'Name: value' line"], False),
    ("po-no-header", ".po: no header entry", _po(lambda t: t[t.index("\n#. ") + 1:]), CHECK,
     [f"{FR}:", "no header"], False),
    ("po-empty", ".po: empty file", _write(FR, ""), CHECK, [f"{FR}:1: no header"], False),
    ("po-bom", ".po: starts with a byte-order mark", _po(lambda t: "\ufeff" + t), CHECK,
     [f"{FR}:1:", "byte-order mark", "without BOM"], False),
    ("po-latin1-bytes", ".po: not UTF-8 bytes", _write(FR, b'msgid ""\nmsgstr "caf\xe9"\n'), CHECK,
     [f"{FR}:2: not UTF-8 text"], False),
    ("po-language", ".po in locales/fr/ saying Language: de", _po(_replace('"Language: fr\\n"', '"Language: de\\n"')),
     CHECK, [f"{FR}:", "the catalogue of 'fr' says Language: de", 'write "Language: fr'], False),
    ("po-no-language", ".po header without Language", _po(_replace('"Language: fr\\n"\n', "")), CHECK,
     [f"{FR}:", "has no Language header"], False),
    ("po-plural-forms", ".po header: Plural-Forms garbage",
     _po(_replace("nplurals=2; plural=(n > 1);", "nplurals=two; plural=(n >;")), CHECK,
     [f"{FR}:", "bad header: Plural-Forms", "nplurals=N; plural=EXPRESSION;"], False),
    ("po-plural-3", ".po: 3 plural forms where nplurals=2",
     _po(_append('\nmsgid "One item"\nmsgid_plural "{n} items"\nmsgstr[0] "Un"\nmsgstr[1] "Des"\nmsgstr[2] "Trop"\n')),
     CHECK, [f"{FR}:", "wrong plural count: Plural-Forms says nplurals=2, this entry has 3"], False),
    ("po-plural-1", ".po: 1 plural form where nplurals=2",
     _po(_append('\nmsgid "One item"\nmsgid_plural "{n} items"\nmsgstr[0] "Un"\n')), CHECK,
     [f"{FR}:", "wrong plural count", "has 1"], False),
    ("po-plural-index", ".po: msgstr[0] without msgid_plural",
     _po(_append('\nmsgid "One item"\nmsgstr[0] "Un"\n')), CHECK, [f"{FR}:", "msgstr[0] without msgid_plural"], False),
    ("po-duplicate", ".po: the same msgid twice", _po(_entry_change(lambda t, i, s: t + f"\nmsgid {i}\nmsgstr \"bis\"\n")),
     CHECK, [f"{FR}:", "duplicate message: a second entry for msgid", "first on line", "keep one of them"], False),
    ("po-duplicate-ctx", ".po: the same msgctxt + msgid twice", _po(lambda t: t + "\n" + re.search(
        r'msgctxt "[^"\n]+"\nmsgid "[^"\n]*"\n', t).group() + 'msgstr "bis"\n'), CHECK,
     [f"{FR}:", "duplicate message", "(msgctxt '"], False),
    ("po-duplicate-obsolete", ".po: an obsolete copy of an active entry",
     _po(_entry_change(lambda t, i, s: t + f"\n#~ msgid {i}\n#~ msgstr \"old\"\n")), CHECK,
     [f"{FR}:", "an obsolete (#~) copy of msgid"], False),
    ("po-missing", "catalogue missing (check)", _remove("locales/fr/LC_MESSAGES"), CHECK,
     [f"{FR}: no catalogue", "compendium update"], False),
    ("po-folder", ".po is a folder (check)", lambda p: (p / FR).unlink() or (p / FR).mkdir(), CHECK,
     [f"{FR}: a folder stands where the catalogue file goes", "remove or rename the folder"], False),
    ("po-folder-strict", ".po is a folder (build --strict)", lambda p: (p / FR).unlink() or (p / FR).mkdir(),
     ("build", "--strict") + BUILD_FR[1:], [f"{FR}: a folder stands where the catalogue file goes"], False),
    ("templates-missing", "--templates pointing nowhere (check)", None, CHECK + ("--templates", "nowhere"),
     ["nowhere: templates folder not found", "--templates"], False),
    ("ordinals-rules", "style.toml: an [ordinals] rule set ICU does not have",
     _text("locales/fr/style.toml", '"%spellout-ordinal-feminine"', '"%spellout-ordinal-feminin"'), BUILD_FR,
     ["locales/fr/style.toml: [ordinals.meeting] rules = '%spellout-ordinal-feminin' is not an ICU spell-out rule "
      "set of 'fr'", "choose from"], False),
    ("ordinals-missing", "style.toml without [ordinals]",
     lambda p: _drop_ordinals(p / "locales/fr/style.toml"), BUILD_FR,
     ["locales/fr/style.toml: missing setting 'ordinals'", "see locales/en/style.toml"], False),
    ("po-update", ".po: unterminated string (update)",
     _po(_entry_change(lambda t, i, s: t.replace(f"msgstr {s}\n", f"msgstr {s[:-1]}\n", 1))), UPDATE,
     [f"{FR}:", "string not closed on this line"], False),
    ("po-build", ".po: Language: de (build --format txt)", _po(_replace('"Language: fr\\n"', '"Language: de\\n"')),
     BUILD_FR, [f"{FR}:", "says Language: de"], False),
    ("po-build-dup", ".po: duplicate msgid (build --format txt)",
     _po(_entry_change(lambda t, i, s: t + f"\nmsgid {i}\nmsgstr \"bis\"\n")), BUILD_FR, [f"{FR}:", "duplicate message"], False),
    ("po-update-plural", ".po: wrong plural count (update)",
     _po(_append('\nmsgid "One item"\nmsgid_plural "{n} items"\nmsgstr[0] "Un"\n')), UPDATE,
     [f"{FR}:", "wrong plural count"], False),
    ("pot-broken", "POT: unterminated string (update)",
     lambda p: edit(p / "locales/compendium.pot", 'msgid "UNODC"', 'msgid "UNODC'), UPDATE,
     ["locales/compendium.pot:", "string not closed"], False),
    ("pot-missing", "POT missing (update)", _remove("locales/compendium.pot"), UPDATE,
     ["locales/compendium.pot: no template", "compendium extract"], False),
    ("new-locale", "new language folder with an unknown code (update --lang qq)", _unknown_locale,
     ("update", "--lang", "qq"), ["locales/qq: 'qq' is not a language code", "ISO 639"], False),
    ("cfg-missing", "extract: babel.cfg not found", None, ("extract", "--mapping", "nowhere.cfg"),
     ["nowhere.cfg: extraction map not found"], False),
    ("cfg-garbage", "extract: babel.cfg garbage", _write("babel.cfg", "garbage [[[\n"), ("extract",),
     ["babel.cfg:1: not a valid extraction map"], False),
    ("cfg-method", "extract: unknown extraction method", _write("babel.cfg", "[nosuch: content/**.yaml]\n"),
     ("extract",), ["babel.cfg: Unknown extraction method 'nosuch'"], False),
    ("extract-yaml", "extract: malformed chapter YAML", _text(A07, "report: CTOC", "report: [CTOC"),
     ("extract",), [f"{A07}:7:", "YAML syntax error"], False),
    # outputs
    ("out-under-file", "--out below a regular file (unwritable even for root)", _file_under_regular_file,
     BUILD + ("--out", "afile/sub"), ["afile/sub/en: cannot create the output folder: afile is a file"], False),
    ("out-is-folder", "output file name taken by a folder",
     lambda p: (p / "build/en/compendium.txt").mkdir(parents=True), BUILD,
     ["build/en/compendium.txt: a folder stands where the output file goes"], False),
    ("pot-under-file", "extract --output below a regular file", _file_under_regular_file,
     ("extract", "--output", "afile/x.pot"), ["afile: cannot create the output folder"], False),
    # corpus file names (one rule for what is a chapter: NN.yaml)
    ("chapter-yml", "chapter file named 07.yml", _rename(A07, "content/A/07.yml"), BUILD,
     ["content/A/07.yml: not a chapter file: chapters are named NN.yaml", "rename it to 07.yaml"], False),
    ("chapter-YAML", "chapter file named 07.YAML", _rename(A07, "content/A/07.YAML"), BUILD,
     ["content/A/07.YAML: not a chapter file", "rename it to 07.yaml"], False),
    ("chapter-7", "chapter file named 7.yaml", _rename(A07, "content/A/7.yaml"), BUILD,
     ["content/A/7.yaml: not a chapter file", "rename it to 07.yaml"], False),
    ("chapter-copy", "a copy named 07 copy.yaml beside 07.yaml", lambda p: shutil.copy(p / A07, p / "content/A/07 copy.yaml"),
     BUILD, ["content/A/07 copy.yaml: not a chapter file", "name it by its meeting or session number"], False),
    # values of the corpus that were not checked
    ("see-session", "see: a Conference session (B.III)", _text("content/B/05.yaml", "see: A.V", "see: B.III"), BUILD,
     [f"content/B/05.yaml:{_line('content/B/05.yaml', 'see: A.V')}: see: B.III is a Conference session",
      "e.g. see: A.V"], False),
    ("ods-field", "ODS link pattern with {symbl}", _text(BOOK, "{symbol}", "{symbl}"), BUILD,
     [f"{BOOK}:{_line(BOOK, 'odslink:')}: 'meta.odslink' has an unknown field {{symbl}} (fields here: {{symbol}})"],
     False),
    ("ods-brace", "ODS link pattern with an unclosed {", _text(BOOK, "{symbol}", "{symbol"), BUILD,
     [f"{BOOK}:{_line(BOOK, 'odslink:')}: 'meta.odslink' is not a valid pattern"], False),
    # style.toml: every value against its schema
    ("style-label-number", "style.toml: a label given as a number (para = 5)", _text(EN_STYLE, 'para = "{n}."', "para = 5"),
     BUILD, [f"{EN_STYLE}:{_line(EN_STYLE, 'para = ')}: [labels] para must be text, not the number 5"], False),
    ("style-label-field", "style.toml: a label with an unknown field {x}", _text(EN_STYLE, 'para = "{n}."', 'para = "{x}."'),
     BUILD, [f"{EN_STYLE}:{_line(EN_STYLE, 'para = ')}: [labels] para has an unknown field {{x}}", "{seq:NAME}"], False),
    ("style-locale", "style.toml: unknown babel_locale", _text(EN_STYLE, 'babel_locale = "en"', 'babel_locale = "xx_YY"'),
     BUILD, [f"{EN_STYLE}:{_line(EN_STYLE, 'babel_locale')}: babel_locale = 'xx_YY' is not a locale Babel (CLDR) knows"],
     False),
    ("style-family", "style.toml: family = \"Noto Serif\" (text, not a list)",
     _text(EN_STYLE, 'family = ["Noto Serif"]', 'family = "Noto Serif"'), ("build", "--lang", "en", "--format", "docx"),
     [f"{EN_STYLE}:{_line(EN_STYLE, 'family =')}: [fonts] family must be a list", "not the text 'Noto Serif'"], False),
    ("style-months", "style.toml: months lists one name", _text(EN_STYLE, 'first_day = ""', 'first_day = ""\nmonths = ["J"]'),
     BUILD, [f"{EN_STYLE}:", "[dates] months must be a list of 12 (text); it has 1"], False),
    ("style-table", "style.toml: a misspelt table [lables]", _text(EN_STYLE, "[labels]", "[lables]"), BUILD,
     [f"{EN_STYLE}:{_line(EN_STYLE, '[labels]')}: [lables] is not a table of settings here", "labels"], False),
    ("style-seq", "style.toml: {seq:abjad} without [sequences] abjad", _text(EN_STYLE, 'sub = "({a})"', 'sub = "({seq:abjad})"'),
     BUILD, [f"{EN_STYLE}:{_line(EN_STYLE, 'sub = ')}: [labels] sub uses {{seq:abjad}} but [sequences] has no 'abjad'"],
     False),
    ("style-list-pattern", "style.toml: an and-list without {1}", _text(EN_STYLE, 'two = "{0} and {1}"', 'two = "{0} and"'),
     BUILD, [f"{EN_STYLE}:{_line(EN_STYLE, 'two = ')}: [lists] two must contain {{1}}"], False),
    # edition.toml, and a language's overrides of it
    ("edition-length", "edition.toml: width = \"wide\"", _text(EDITION, 'width = "170mm"', 'width = "wide"'), BUILD,
     [f"{EDITION}:{_line(EDITION, 'width = ')}: [page] width must be a length such as \"20mm\""], False),
    ("edition-zero", "edition.toml: width = \"0mm\"", _text(EDITION, 'width = "170mm"', 'width = "0mm"'), BUILD,
     [f"{EDITION}:{_line(EDITION, 'width = ')}: [page] width = '0mm' is out of range", "22 in"], False),
    ("edition-margins", "edition.toml: margins wider than the page",
     _text(EDITION, 'margin_inner = "22mm"', 'margin_inner = "160mm"'), BUILD,
     [f"{EDITION}:{_line(EDITION, 'width = ')}: [page] width = '170mm' leaves a text area 0mm wide"], False),
    ("edition-type", "edition.toml: line_height = \"tall\"", _text(EDITION, "line_height = 1.2", 'line_height = "tall"'),
     BUILD, [f"{EDITION}:{_line(EDITION, 'line_height')}: [type] line_height must be a number"], False),
    ("edition-override", "style.toml [edition.page] width = 5", _text(EN_STYLE, "[fonts]", "[edition.page]\nwidth = 5\n\n[fonts]"),
     BUILD, [f"{EN_STYLE}:", "[edition.page] width must be a length"], False),
    ("edition-counter", "edition.toml: front_numbering = \"lower-romen\"",
     _text(EDITION, 'front_numbering = "lower-roman"', 'front_numbering = "lower-romen"'), BUILD_PDF,
     [f"{EDITION}:{_line(EDITION, 'front_numbering')}: [pdf] front_numbering = 'lower-romen' is not a counter style"],
     False),
    ("edition-variant", "edition.toml: pdf_variant = \"pdf/ua-9\"", _text(EDITION, '"pdf/a-2a"', '"pdf/ua-9"'), BUILD_PDF,
     [f"{EDITION}:", "[pdf] pdf_variant = 'pdf/ua-9' is not a PDF variant WeasyPrint writes"], False),
    # strings.yaml
    ("strings-field", "strings.yaml: {numbr} for {number}", _text(STRINGS, "Decision {number}", "Decision {numbr}"), BUILD,
     [f"{STRINGS}:{_line(STRINGS, 'decision.heading')}: 'decision.heading' has the field {{numbr}}, which is not "
      "filled in here (fields of 'decision.heading': {number})"], False),
    ("strings-brace", "strings.yaml: an unclosed {", _text(STRINGS, "Decision {number}", "Decision {number"), BUILD,
     [f"{STRINGS}:{_line(STRINGS, 'decision.heading')}: 'decision.heading' is not a valid pattern", "{{"], False),
    ("strings-format", "strings.yaml: {number.__class__}", _text(STRINGS, "Decision {number}", "Decision {number.__class__}"),
     BUILD, [f"{STRINGS}:{_line(STRINGS, 'decision.heading')}: 'decision.heading' has {{number.__class__}}, which is "
             "not a plain {name} field"], False),
    ("strings-list", "strings.yaml: a list for a string", _text(STRINGS, "decision.heading: Decision {number}",
                                                                 "decision.heading: [Decision]"), BUILD,
     [f"{STRINGS}:{_line(STRINGS, 'decision.heading')}: 'decision.heading' must be text, not a list"], False),
    ("strings-missing", "strings.yaml: a string removed", _text(STRINGS, "decision.heading: Decision {number}\n", ""), BUILD,
     [f"{STRINGS}: no string 'decision.heading'"], False),
    # reference.docx
    ("ref-missing", "reference.docx removed", _remove(REFERENCE), BUILD_DOCX, [f"{REFERENCE}: file not found"], False),
    ("ref-empty", "reference.docx empty", _write(REFERENCE, b""), BUILD_DOCX, [f"{REFERENCE}: file is empty"], False),
    ("ref-truncated", "reference.docx truncated (first 5,000 bytes)",
     lambda p: (p / REFERENCE).write_bytes((ROOT / REFERENCE).read_bytes()[:5000]), BUILD_DOCX,
     [f"{REFERENCE}: not a Word document or damaged"], False),
    ("ref-doc", "reference.docx is a Word 97-2003 .doc", _write(REFERENCE, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600),
     BUILD_DOCX, [f"{REFERENCE}: this is a Word 97–2003 file (.doc or .dot), not a .docx"], False),
    ("ref-odt", "reference.docx is an OpenDocument text", _write(REFERENCE, _odt()), BUILD_DOCX,
     [f"{REFERENCE}: this is an OpenDocument file (.odt), not a .docx"], False),
    ("ref-folder", "reference.docx is a folder", lambda p: ((p / REFERENCE).unlink(), (p / REFERENCE).mkdir()), BUILD_DOCX,
     [f"{REFERENCE}: a folder stands where the DOCX styles template goes"], False),
    # catalogues and glossary read by the build
    ("po-folder-build", ".po is a folder (build)", lambda p: ((p / FR).unlink(), (p / FR).mkdir()), BUILD_FR, [FR], False),
    ("glossary-folder", "glossary.csv is a folder (build --strict)",
     lambda p: ((p / GLOSSARY).unlink(), (p / GLOSSARY).mkdir()), ("build", "--strict", "--lang", "fr", "--format", "txt"),
     [f"{GLOSSARY}: cannot read the glossary"], False),
    # PDF style sheets: CSS slips are errors with file and line
    ("css-brace", "book.css: a missing }", _text(CSS, "em { font-style: italic; }", "em { font-style: italic;"), BUILD_PDF,
     [f"{CSS}:{_line(CSS, 'em { font-style: italic; }')}: CSS: the '{{' opened here is never closed",
      "add the missing '}'"], False),
    ("css-extra", "book.css: a } too many", _text(CSS, "em { font-style: italic; }", "em { font-style: italic; }}"),
     BUILD_PDF, [f"{CSS}:{_line(CSS, 'em { font-style: italic; }')}: CSS: '}}' closes nothing"], False),
    ("css-string", "book.css: a string never closed", _text(CSS, '.noteref::before { content: "\\2060"; }', '.noteref::before { content: "\\2060; }'),
     BUILD_PDF, [f"{CSS}:", "CSS: a string (\"…) is never closed on its line"], False),
    ("css-property", "book.css: unknown property (colr)", _text(CSS, "html { color: #000;", "html { colr: #000;"), BUILD_PDF,
     [f"{CSS}:{_line(CSS, 'html { color: #000;')}: WeasyPrint: Ignored `colr: #000`", "unknown property"], False),
    ("css-template", "page.css.j2: misspelt property (line-hight)", _text(PAGE_CSS, "  line-height: {{", "  line-hight: {{"),
     BUILD_PDF, [f"{PAGE_CSS}:{_line(PAGE_CSS, '  line-height: {{')}: WeasyPrint: Ignored `line-hight: 1.2`"], False),
]


@pytest.fixture(scope="module")
def case_runs(request, tmp_path_factory):
    """Run the selected CASES, a few at a time (each is a process in its own copy of the project)."""
    selected = {item.callspec.params["case"][0] for item in request.session.items
                if hasattr(item, "callspec") and "case" in item.callspec.params}
    base = tmp_path_factory.mktemp("cases")

    def one(case):
        name, _, setup, command, _, _ = case
        try:
            project = copy_project(base / name)
            if setup:
                setup(project)
            watched = project / FR
            before = watched.read_bytes() if watched.is_file() else None
            r = run(*command, cwd=project)
            return name, (r, before, watched.read_bytes() if before is not None else None)
        except Exception as exc:          # reported by the case's own test
            return name, exc

    with ThreadPoolExecutor(max_workers=(os.cpu_count() or 1) + 1) as pool:
        return dict(pool.map(one, [c for c in CASES if c[0] in selected]))


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_bad_input_gets_one_clear_line(case, case_runs):
    name, what, setup, command, fragments, usage = case
    outcome = case_runs[name]
    if isinstance(outcome, Exception):
        raise outcome
    r, before, after = outcome
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    line = error_line(r.stderr, usage)
    for fragment in fragments:
        assert fragment in line, (fragment, line)
    assert before == after                                            # nothing is rewritten on error
    record("bad input", what, "compendium " + " ".join(command), r.returncode, line)


def test_debug_shows_the_traceback(project):
    edit(project / A07, "report: CTOC", "report: [CTOC")
    r = run("--debug", "validate", cwd=project)
    assert r.returncode == 2 and "Traceback" in r.stderr and "YAML syntax error" in r.stderr.splitlines()[-1]


# -- disk full, interrupted writes: in-process ---------------------------------------------------------
class _Full:
    """A file that takes half of what is written, then fails as a full disk (or is interrupted)."""

    def __init__(self, f, exc):
        self.f, self.exc = f, exc

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.f.close()

    def write(self, data):
        self.f.write(data[: len(data) // 2])
        self.f.flush()
        raise self.exc

    def flush(self):
        pass

    def fileno(self):
        return self.f.fileno()


def _failing_writes(monkeypatch, exc):
    from compendium import atomic
    real = os.fdopen
    monkeypatch.setattr(atomic.os, "fdopen", lambda fd, *a, **k: _Full(real(fd, *a, **k), exc))


def _main(monkeypatch, capsys, project, *argv):
    from compendium import build, cli
    monkeypatch.chdir(project)
    monkeypatch.setattr(build, "_cache", {})          # the worker cache is keyed by relative paths
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*.tmp")]


def test_disk_full_during_build_keeps_the_previous_output(project, monkeypatch, capsys):
    assert run(*BUILD, cwd=project).returncode == 0
    out = project / "build" / "en" / "compendium.txt"
    before = out.read_bytes()
    edit(project / A07, "multi-year workplan", "multi-year plan of work")
    _failing_writes(monkeypatch, OSError(errno.ENOSPC, "No space left on device"))
    code, _, err = _main(monkeypatch, capsys, project, *BUILD)
    monkeypatch.undo()
    assert code == 2
    line = error_line(err)
    assert "disk full: nothing was written, the previous file is intact" in line and "free some space" in line
    assert out.read_bytes() == before
    assert not _leftovers(project / "build")
    record("outputs", "disk full while writing the text proof (ENOSPC, simulated)", "compendium " + " ".join(BUILD),
           code, line)
    r = run(*BUILD, cwd=project)                  # space again: the change is built
    assert r.returncode == 0 and "plan of work" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("exc,code,fragment", [
    (OSError(errno.ENOSPC, "No space left on device"), 2, "disk full"),
    (OSError(errno.EIO, "Input/output error"), 2, "cannot write: Input/output error"),
    (KeyboardInterrupt(), 130, "interrupted; finished outputs are intact"),
], ids=["disk-full", "io-error", "interrupt"])
def test_interrupted_update_keeps_the_previous_catalogue(project, monkeypatch, capsys, exc, code, fragment):
    po = project / FR
    before = po.read_bytes()
    edit(project / A07, "multi-year workplan", "multi-year plan of work")
    assert run("extract", cwd=project).returncode == 0
    _failing_writes(monkeypatch, exc)
    got, _, err = _main(monkeypatch, capsys, project, *UPDATE)
    monkeypatch.undo()
    assert got == code
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1 and fragment in err, err
    assert po.read_bytes() == before
    assert not _leftovers(project / "locales")
    record("outputs", f"update interrupted mid-write ({type(exc).__name__}"
           + (f" {errno.errorcode[exc.errno]}" if isinstance(exc, OSError) else "") + ", simulated)",
           "compendium " + " ".join(UPDATE), got, err.strip())
    r = run(*UPDATE, cwd=project)
    assert r.returncode == 0, r.stderr
    assert po.read_bytes() != before


def test_a_temporary_file_of_a_killed_writer_is_swept(tmp_path):
    from compendium import atomic
    target = tmp_path / "out.txt"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp_path / f".out.txt.{dead.stdout.strip()}.abc123.tmp"
    stale.write_bytes(b"half")
    mine = tmp_path / f".out.txt.{os.getpid()}.xyz.tmp"      # a live writer's file is left alone
    mine.write_bytes(b"in progress")
    atomic.write_bytes(target, b"whole")
    assert target.read_bytes() == b"whole" and not stale.exists() and mine.exists()


# -- killed and concurrent builds -------------------------------------------------------------------------
def _outputs(out: Path) -> dict[str, bytes]:
    """What counts as output: every non-hidden file under build/."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(out).parts)}


TWO = ("build", "--lang", "en", "--lang", "fr", "--format", "txt")


def test_sigkill_mid_build_leaves_whole_outputs(tmp_path):
    project = copy_project(tmp_path / "p")
    assert run(*TWO, "--jobs", "1", cwd=project).returncode == 0
    old = _outputs(project / "build")
    assert set(old) == {"en/compendium.txt", "fr/compendium.txt"}
    edit(project / A07, "multi-year workplan", "multi-year plan of work")
    reference = copy_project(tmp_path / "ref")
    edit(reference / A07, "multi-year workplan", "multi-year plan of work")
    assert run(*TWO, "--jobs", "1", cwd=reference).returncode == 0
    new = _outputs(reference / "build")
    assert all(old[k] != new[k] for k in old)
    seen = set()
    for delay in (0.15, 0.3, 0.45, 0.6, 0.75, 0.9, 1.1):
        p = subprocess.Popen([sys.executable, "-m", "compendium", *TWO, "--force", "--jobs", "2"], cwd=project,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(delay)
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        p.wait()
        now = _outputs(project / "build")
        assert set(now) == set(old), now.keys()                       # no stray or truncated outputs
        for key, data in now.items():
            assert data in (old[key], new[key]), (delay, key, len(data))
            seen.add(data == new[key])
        manifest = project / "build" / ".manifest.json"
        if manifest.exists():
            json.loads(manifest.read_text(encoding="utf-8"))            # never half-written
    r = run(*TWO, "--jobs", "2", cwd=project)                           # an ordinary build finishes the job
    assert r.returncode == 0, r.stderr
    assert _outputs(project / "build") == new
    assert not _leftovers(project / "build")                            # killed writers' temporaries swept
    record("outputs", "build killed (SIGKILL) at 7 moments", "compendium " + " ".join(TWO) + " --force", 0,
           "(killed: no message) every output old or new, never truncated; the next build completes")


def test_two_builds_at_once_do_not_corrupt_each_other(tmp_path):
    project = copy_project(tmp_path / "p")
    reference = copy_project(tmp_path / "ref")
    assert run(*TWO, "--jobs", "1", cwd=reference).returncode == 0
    procs = [subprocess.Popen([sys.executable, "-m", "compendium", *TWO, "--force", "--jobs", "2"], cwd=project,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    assert _outputs(project / "build") == _outputs(reference / "build")
    manifest = json.loads((project / "build" / ".manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["outputs"]) == {"en/compendium.txt", "fr/compendium.txt"}
    assert not _leftovers(project / "build")
    r = run(*TWO, cwd=project)
    assert r.returncode == 0 and "2 up to date" in r.stdout, r.stdout


# -- text is data: what a translation may carry --------------------------------------------------------------
INJECTION = ' <script>alert("x")</script> &amp; &lt;b&gt; </p> <w:p><w:r><w:t>W</w:t></w:r></w:p> ' \
            '{{ 7 + 7 }} {% if true %}JINJA{% endif %} {{ config }} <!-- c --> ${x} %s'
TARGET = "In its delivery of technical assistance"


def _pseudo(msgid: str) -> str:
    return "\n".join(f"‹{line}›" for line in msgid.split("\n"))      # (‹ ›: in Noto Serif, so the PDF's font check passes)


def _complete(project: Path, lang: str = "fr") -> polib.POFile:
    (project / "locales" / "glossary.csv").unlink(missing_ok=True)     # pseudo-translations ignore the glossary
    po = polib.pofile(str(project / PO.format(lang)), wrapwidth=76)
    for e in po:
        if not e.obsolete and (e.fuzzy or not e.msgstr):
            e.msgstr = _pseudo(e.msgid)
            if e.fuzzy:
                e.flags.remove("fuzzy")
    po.save()
    return po


def _set(project: Path, msgid_start: str, msgstr, lang: str = "fr") -> polib.POEntry:
    po = polib.pofile(str(project / PO.format(lang)), wrapwidth=76)
    e = next(e for e in po if e.msgid.startswith(msgid_start) and not e.obsolete)
    e.msgstr = msgstr(e.msgid) if callable(msgstr) else msgstr
    po.save()
    return next(x for x in polib.pofile(str(project / PO.format(lang))) if x.msgid == e.msgid)


def _check(project: Path, lang: str = "fr") -> dict:
    r = run("check", "--lang", lang, "--format", "json", cwd=project)
    assert r.returncode in (0, 1), r.stderr
    return json.loads(r.stdout)["languages"][lang]


def test_html_and_jinja_in_a_translation_are_text(project):
    _complete(project)
    entry = _set(project, TARGET, lambda m: _pseudo(m) + INJECTION)
    data = _check(project)
    assert [e["problem"].split(":")[0] for e in data["errors"]                    # allowed: it is text (only
            if e["msgid"] == entry.msgid] == ["quotation marks"]                  # alert("x") is bad typography)
    r = run("build", "--lang", "fr", "--format", "txt", cwd=project)
    assert r.returncode == 0, r.stderr
    proof = (project / "build" / "fr" / "compendium.txt").read_text(encoding="utf-8")
    assert INJECTION.strip() in proof                                             # printed as written
    assert "26. [EN] In its delivery" not in proof and "JINJA" in proof and "{{ 7 + 7 }}" in proof and "{{ config }}" in proof
    record("translation text", "msgstr with HTML, XML (w:p), Jinja ({{ }}, {% %}) and entities",
           "compendium check --lang fr; build --format txt", 0, "(no message: allowed, printed literally)")


BAD_CHARACTERS = [
    ("\x00", "control character", "U+0000"), ("\x07", "control character", "U+0007"),
    ("\x1b[31m", "control character", "U+001B"), ("\r", "control character", "U+000D"),
    ("\x7f", "control character", "U+007F"), ("\x85", "control character", "U+0085"),
    ("\ufffe", "character not allowed in XML", "U+FFFE"),
    ("\u202e", "bidi control character", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("\u202a", "bidi control character", "U+202A LEFT-TO-RIGHT EMBEDDING"),
    ("\u2066", "bidi control character", "U+2066 LEFT-TO-RIGHT ISOLATE"),
    ("\u2069", "bidi control character", "U+2069 POP DIRECTIONAL ISOLATE"),
]


def test_check_rejects_control_xml_illegal_and_bidi_characters(project):
    _complete(project)
    po = polib.pofile(str(project / FR), wrapwidth=76)
    entries = [e for e in po if not e.obsolete and not e.msgctxt and "\n" not in e.msgid][: len(BAD_CHARACTERS)]
    for e, (ch, _, _) in zip(entries, BAD_CHARACTERS):
        e.msgstr = _pseudo(e.msgid)[:3] + ch + _pseudo(e.msgid)[3:]
    po.save()
    r = run("check", "--lang", "fr", cwd=project)
    assert r.returncode == 1
    data = _check(project)
    for e, (ch, what, code) in zip(entries, BAD_CHARACTERS):
        problems = [x["problem"] for x in data["errors"] if x["msgid"] == e.msgid]
        assert any(p.startswith(f"{what}: {code} at column 4") for p in problems), (repr(ch), problems)
        line = next(x for x in r.stdout.splitlines() if f"{what}: {code}" in x)
        assert re.match(rf"{re.escape(FR)}:\d+: \[", line), line
        record("translation text", f"msgstr with {code}" + ("" if "U+202" in code or "U+206" in code else f" ({what})"),
               "compendium check --lang fr", 1, line)
    # the build does not use them: the English shows, marked, and no such character reaches the proof
    r = run("build", "--lang", "fr", "--format", "txt", cwd=project)
    assert r.returncode == 0, r.stderr
    proof = (project / "build" / "fr" / "compendium.txt").read_text(encoding="utf-8")
    assert not any(ch in proof for ch, _, _ in BAD_CHARACTERS)
    draft_note = proof.split("\n", 1)[0]                              # "Draft edition: 11 of … messages …"
    assert int(re.search(r"\d+", draft_note).group()) >= len(BAD_CHARACTERS), draft_note


FORMAT_CODE = [("resolution.heading", "Résolution {number.__class__.__init__.__globals__}"),
               ("decision.heading", "Décision {number:>999999999}"),
               ("annex.numbered", "Annexe {number} }")]


def test_a_template_translation_cannot_run_format_code(project):
    """Template strings are filled with str.format: attribute access, format specs and lone braces in a
    translation are reported by check, and the build uses the English pattern instead of crashing."""
    po = polib.pofile(str(project / FR), wrapwidth=76)
    for ctx, msgstr in FORMAT_CODE:
        next(e for e in po if e.msgctxt == ctx).msgstr = msgstr
    po.save()
    r = run("check", "--lang", "fr", cwd=project)
    assert r.returncode == 1
    for ctx, msgstr in FORMAT_CODE:
        line = next(x for x in r.stdout.splitlines() if f"({ctx})]" in x and "not a plain {name}" in x)
        record("translation text", f"template msgstr {msgstr!r}", "compendium check --lang fr", 1, line)
    r = run("build", "--lang", "fr", "--format", "txt", cwd=project)
    assert r.returncode == 0, r.stderr
    proof = (project / "build" / "fr" / "compendium.txt").read_text(encoding="utf-8")
    assert "__globals__" not in proof and "Décision" not in proof and "Annexe 1 }" not in proof
    assert len(proof) < 2_000_000


def _writer_works(fmt: str) -> bool:
    return (ROOT / "src" / "compendium" / "render" / fmt / "writer.py").exists()    # (render/pdf/, render/docx/)


@pytest.mark.skipif(not (_writer_works("pdf") and _writer_works("docx") and shutil.which("pdftotext")),
                    reason="PDF/DOCX writers or pdftotext not available")
def test_pdf_and_docx_print_markup_in_a_translation_literally(project):
    pytest.importorskip("docx")
    _complete(project)
    entry = _set(project, TARGET, lambda m: _pseudo(m) + INJECTION)
    _set(project, "The Working Group also adopted the recommendations", lambda m: _pseudo(m) + " \u202eevil\x07")
    r = run("build", "--lang", "fr", "--format", "pdf,docx", "--jobs", "2", cwd=project)
    assert r.returncode == 0, r.stderr
    pdf = subprocess.run(["pdftotext", "-enc", "UTF-8", str(project / "build/fr/compendium.pdf"), "-"],
                         capture_output=True, text=True).stdout
    import docx
    doc = docx.Document(str(project / "build/fr/compendium.docx"))
    word = "\n".join(p.text for p in doc.paragraphs)
    for text in (pdf, word):
        flat = "".join(text.split())                                  # the PDF breaks lines anywhere
        assert "".join(INJECTION.split()) in flat
        assert "\u202e" not in text and "\x07" not in text and "evil" not in text
    assert entry.msgid
    record("translation text", "msgstr with HTML, XML (w:p), Jinja ({{ }}, {% %}) and entities",
           "compendium build --lang fr --format pdf,docx", 0, "(no message: printed literally in PDF and DOCX)")


# -- nothing is lost: update --------------------------------------------------------------------------------
def test_update_twice_is_update_once_on_the_real_catalogues(project):
    before = {lang: polib.pofile(str(project / PO.format(lang))) for lang in ("ar", "es", "fr", "ru", "zh")}
    assert run("update", cwd=project).returncode == 0
    once = {lang: (project / PO.format(lang)).read_bytes() for lang in before}
    assert run("update", cwd=project).returncode == 0
    for lang, po in before.items():
        assert (project / PO.format(lang)).read_bytes() == once[lang], lang
        after = {(e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(str(project / PO.format(lang)))}
        after.update({(e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(str(project / PO.format(lang))).obsolete_entries()})
        for e in po:
            if e.msgstr:
                assert after.get((e.msgctxt, e.msgid)) == e.msgstr, (lang, e.msgid)


WORDS = ["the", "Working", "Group", "States", "should", "technical", "assistance", "UNODC", "Convention",
         "café", "中文", "مؤتمر", '"quoted"', "back\\slash", "tab\there", "line\nbreak", "*Endorses*",
         "[^note-a1]", "[[A/63/539]]", "{ordinal}", "  ", "%s", "#~", "msgid", "\\n"]
words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=14).map(" ".join)
comment = st.lists(st.sampled_from(["check", "term", "UN", "style", "é"]), min_size=1, max_size=5).map(" ".join)
entries = st.lists(st.fixed_dictionaries({
    "id": words,
    "ctx": st.one_of(st.none(), st.sampled_from(["heading.part", "running_head.index"])),
    "tr": st.one_of(st.just(""), words.map(lambda s: "FR " + s)),
    "fuzzy": st.booleans(),
    "obsolete": st.booleans(),
    "comment": st.one_of(st.none(), comment),
    "flag": st.sampled_from([None, "no-wrap"]),
}), min_size=1, max_size=14, unique_by=lambda e: (e["ctx"], e["id"]))
edits = st.lists(st.tuples(st.sampled_from(["keep", "keep", "keep", "remove", "tweak", "rewrite", "revive"]), words),
                 max_size=14)


def _po_file(catalog: Catalog, path: Path) -> None:
    buf = io.BytesIO()
    write_po(buf, catalog, width=76)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue())


def _words(text: str) -> str:
    return " ".join(text.split())


@settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))
@given(entries, edits, st.lists(words, max_size=3))
def test_update_never_loses_a_translation(tmp_path_factory, old, changes, added):
    from compendium.messages.pofile import read_catalog
    from compendium.messages.update import update
    tmp = tmp_path_factory.mktemp("update")
    locales = tmp / "locales"
    po = Catalog(locale="fr", domain="compendium", charset="utf-8", fuzzy=False)
    for e in old:
        flags = ([e["flag"]] if e["flag"] else []) + (["fuzzy"] if e["fuzzy"] and e["tr"] else [])
        po.add(e["id"], e["tr"], context=e["ctx"], flags=flags, user_comments=[e["comment"]] if e["comment"] else [])
        if e["obsolete"]:
            key = po._key_for(e["id"], e["ctx"])
            po.obsolete[key] = po._messages.pop(key)
    path = locales / "fr" / "LC_MESSAGES" / "compendium.po"
    _po_file(po, path)
    _obsolete_flags(path, po)
    before = polib.pofile(str(path))                                   # the truth: what the file says
    source = []
    for i, e in enumerate(old):
        op, w = changes[i] if i < len(changes) else ("keep", "")
        if e["obsolete"]:
            op = "revive" if op == "revive" else "gone"
        if op in ("keep", "revive"):
            source.append((e["ctx"], e["id"]))
        elif op == "tweak":
            source.append((e["ctx"], e["id"] + " " + w))
        elif op == "rewrite":
            source.append((e["ctx"], w + " (new)"))
    source += [(None, a + " added") for a in added]
    source = list(dict.fromkeys(source))
    pot = Catalog(domain="compendium", charset="utf-8", fuzzy=False)
    for ctx, msgid in source:
        pot.add(msgid, context=ctx, locations=[("content/A/07.yaml", 1)], auto_comments=["A.VII.1"])
    _po_file(pot, locales / "compendium.pot")

    update(locales / "compendium.pot", locales, "fr")
    once = path.read_bytes()
    read_catalog(path, "fr")                                            # our own strict reader accepts it
    if shutil.which("msgfmt"):                                          # and so does msgfmt
        r = subprocess.run(["msgfmt", "-o", os.devnull, str(path)], capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
    result = polib.pofile(str(path))
    active = {(x.msgctxt, x.msgid): x for x in result if not x.obsolete}
    obsolete = {(x.msgctxt, x.msgid): x for x in result.obsolete_entries()}
    assert list(active) == source                                       # the template's messages, in its order
    for e in before:
        key = (e.msgctxt, e.msgid)
        if key in active:                                               # source still there: translation kept
            x = active[key]
            assert x.msgstr == e.msgstr, key
            assert x.fuzzy == e.fuzzy, (key, x.flags)                   # an unreviewed one stays unreviewed
            assert _words(e.tcomment) in _words(x.tcomment)             # translator comments survive
            assert set(e.flags) <= set(x.flags), (e.flags, x.flags)     # and flags
        elif e.msgstr:                                                  # changed or removed: still present
            fuzzy = [x for x in active.values() if x.fuzzy and x.previous_msgid == e.msgid and x.msgstr == e.msgstr]
            kept = obsolete.get(key)
            assert fuzzy or (kept is not None and kept.msgstr == e.msgstr), key
            if kept is not None and not fuzzy:
                assert kept.fuzzy == e.fuzzy, key
                assert _words(e.tcomment) in _words(kept.tcomment)
    update(locales / "compendium.pot", locales, "fr")
    assert path.read_bytes() == once                                    # update twice == update once


def _obsolete_flags(path: Path, catalog: Catalog) -> None:
    """Babel's write_po drops the flags of obsolete entries; write them as msgmerge does (before '#~')."""
    flags = iter([sorted(m.flags) for m in catalog.obsolete.values()])
    out, inside = [], False
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        if line.startswith("#~ ") and not inside:
            f = next(flags)
            if f:
                out.append(f"#, {', '.join(f)}\n")
        inside = line.startswith("#~ ")
        out.append(line)
    path.write_text("".join(out), encoding="utf-8")


# -- the table of tests/README.md --------------------------------------------------------------------------
HEADER = """# Robustness of the toolchain: what each bad input gets

Generated by `python tests/test_robustness.py` from the real outputs of `tests/test_robustness.py`,
`tests/test_step.py` (a catalogue against the text) and `tests/test_catalogues.py` (catalogues as
editors write them) (do not edit by hand; rerun it after changing a message). Each row is a case of
those files: the input, the command, the one line the user sees (stderr; for `check`, the report
line, exit 1), and the exit code. Every case is also asserted: exit 2 (1 for `check` findings), one line, no traceback,
and the file named with its line where there is one; nothing is rewritten when an input is refused.

`tests/test_fuzz.py` adds random inputs: inline markup (only `MarkupError` escapes `markup.parse`),
mutated corpus files (only `CompendiumError` escapes `load_book`, always naming its file), mutated
and random catalogues (Babel's reader for update/build and polib's for check accept exactly the
same files, read the same translations from them, and msgfmt accepts what they accept, but for a translation whose leading or trailing line break
differs from the English, which `check` reports). `tests/test_fuzz_data.py` does the same for every
other data file: `style.toml`, `edition.toml` (bytes mutated, and values of every kind put at the real
keys), `strings.yaml`, `glossary.csv`, the build manifest and `reference.docx` (parts dropped,
truncated, retyped, a second core-properties relationship …), each read and then used as a build
uses it: only one-line errors naming the file, never an internal error.

`tests/test_mechanisms.py` states the property of each shared mechanism and tests it on generated
inputs: the one writer (a new file gets 0666 minus the umask, an existing one keeps its mode, links
stay links, special files are written through), the one rule for chapter files, the data-file schemas
(lines of TOML keys; an accepted length or pattern is one the writers can use), the CSS source check,
the font check and the bound on runs without a line break.
"""


def _table(rows: list[dict]) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")
    out = ["| # | input | command | message shown | exit |", "|---|---|---|---|---|"]
    for n, row in enumerate(rows, 1):
        out.append(f"| {n} | {cell(row['input'])} | `{cell(row['command'])}` | `{cell(row['message'])}` | {row['code']} |")
    return "\n".join(out)


if __name__ == "__main__":
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "rows.jsonl"
        env = dict(os.environ, ROBUSTNESS_TABLE=str(report))
        r = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rfE", __file__,
                            *(str(ROOT / "tests" / name) for name in ("test_mechanisms.py", "test_fuzz.py",
                                                                      "test_fuzz_data.py", "test_step.py",
                                                                      "test_catalogues.py"))],
                           env=env, cwd=ROOT, capture_output=True, text=True)
        summary = r.stdout.strip().splitlines()[-1] if r.stdout.strip() else r.stderr.strip()
        rows = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    failed = r.returncode != 0
    print(HEADER)
    print(_table(rows))
    print(f"""
## Totals

- cases in the table: {len(rows)} ({sum(x['group'] == 'bad input' for x in rows)} bad inputs refused with one line)
- tracebacks: {sum('Traceback' in x['message'] for x in rows)}; internal errors: {sum('internal error' in x['message'] for x in rows)}
- lost translations: {'see failures' if failed else 0} (`test_update_never_loses_a_translation`: random catalogues and
  source edits, translations kept, fuzzy with the previous English, or obsolete; update twice = update once;
  `test_update_twice_is_update_once_on_the_real_catalogues`)
- corrupt outputs: {'see failures' if failed else 0} (SIGKILL at 7 moments of a build, two builds at once, a full disk,
  an interrupted update: every output and catalogue is the old or the new one, whole; no temporary file left)
- files written: 0644 under umask 022 (an existing file keeps its mode), symbolic links kept, special
  files written through (`test_written_file_properties` and the "outputs" rows)
- test run: `{summary}`""")
