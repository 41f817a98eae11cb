"""A catalogue compared with the text (messages/step.py): out of step is reported, never "ready" or
"final"; everything shown in English is marked and counted as `check` counts it (issue 16, item 7;
issue 20, defects 2 and 3). Each test runs the command line in a copy of the project.
"""
from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clirun import copy_project
from test_robustness import record

ROOT = Path(__file__).resolve().parent.parent
FR = "locales/fr/LC_MESSAGES/compendium.po"
PARA = "In its delivery of technical assistance"          # A.VII.26


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "compendium", *args], cwd=cwd, capture_output=True, text=True)


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path)


def figures(project: Path) -> dict:
    r = run("check", "--lang", "fr", "--format", "json", cwd=project)
    assert r.returncode in (0, 1), r.stderr
    return json.loads(r.stdout)["languages"]["fr"]


EDITION = ("--edition", "2021")      # the published edition: final when its catalogue is (2023 is a draft)


def proof(project: Path) -> str:
    r = run("build", *EDITION, "--lang", "fr", "--format", "txt", "--jobs", "1", cwd=project)
    assert r.returncode == 0, r.stderr
    assert re.search(r"fr/compendium\.txt .* draft ", r.stdout), r.stdout          # never "final"
    return (project / "build/2021/fr/compendium.txt").read_text(encoding="utf-8")


def edition_messages(project: Path) -> int:
    """How many messages the 2021 edition shows (its draft note's total; `check` counts every
    edition's)."""
    from compendium.corpus.loader import load_book
    from compendium.localize.strings import load_strings
    from compendium.messages.step import template
    return len(template([load_book(project / "content", "2021")], load_strings(project / "templates")))


def draft_figures(text: str) -> tuple[int, int]:
    """(missing, total) of the French draft note: "… : 3 messages sur 355 …"."""
    m = re.search(r"(\d+) messages sur (\d+)", text.splitlines()[0])
    return int(m.group(1)), int(m.group(2))


def drop_entry(po: Path, msgctxt: str | None, msgid_start: str) -> None:
    """Delete one entry from the file as a translator's editor would (the block and its comments)."""
    blocks = po.read_text(encoding="utf-8").split("\n\n")
    keep = [b for b in blocks if not (re.search(rf'^msgid "{re.escape(msgid_start)}|^"{re.escape(msgid_start)}', b, re.M)
                                      and (msgctxt is None) == ("msgctxt" not in b) and not b.startswith("#~"))]
    assert len(keep) == len(blocks) - 1
    po.write_text("\n\n".join(keep), encoding="utf-8")


def strict(project: Path) -> subprocess.CompletedProcess:
    return run("build", *EDITION, "--strict", "--lang", "fr", "--format", "txt", "--jobs", "1", cwd=project)


def test_a_deleted_entry_is_out_of_step(project):
    drop_entry(project / FR, None, PARA)
    r = run("check", "--lang", "fr", cwd=project)
    assert r.returncode == 1
    summary = next(line for line in r.stdout.splitlines() if line.startswith("fr "))
    assert summary.endswith("out of step") and "ready" not in summary
    assert f"{FR}: out of step with the text: 1 message(s) without an entry" in r.stdout
    assert "run `compendium update --lang fr`" in r.stdout
    assert f"{FR}: [A.VII.26] not in the catalogue" in r.stdout
    record("catalogue and text", "an entry deleted from the .po", "compendium check --lang fr", 1,
           next(line for line in r.stdout.splitlines() if "out of step with the text" in line))
    data = figures(project)
    assert data["ready"] is False and data["in_english"] == 1 and data["template"] == data["total"] + 1
    assert [(x["where"], x["state"]) for x in data["out_of_step"]] == [("A.VII.26", "not in the catalogue")]
    r = strict(project)
    assert r.returncode == 1 and "refusing to build fr" in r.stderr and "out of step" in r.stderr
    text = proof(project)
    assert "26. [EN] In its delivery of technical assistance" in text
    assert draft_figures(text) == (data["in_english"], edition_messages(project))


def test_an_edited_msgctxt_is_out_of_step_and_the_running_head_is_marked(project):
    po = project / FR
    po.write_text(po.read_text(encoding="utf-8").replace('msgctxt "running_head.index"', 'msgctxt "running_head.indx"'),
                  encoding="utf-8")
    data = figures(project)
    assert data["ready"] is False
    assert {(x["msgctxt"], x["state"]) for x in data["out_of_step"]} == {
        ("running_head.index", "not in the catalogue"), ("running_head.indx", "not in the text")}
    assert all(x["po_line"] > 0 for x in data["out_of_step"] if x["state"] == "not in the text")
    r = run("check", "--lang", "fr", cwd=project)
    record("catalogue and text", "a msgctxt edited in the .po (running_head.index)", "compendium check --lang fr", 1,
           next(line for line in r.stdout.splitlines() if "not in the text" in line))
    assert strict(project).returncode == 1
    text = proof(project)
    assert "[EN] running head (running_head.index): THEMATIC INDEX" in text.splitlines()[:4]
    assert draft_figures(text) == (data["in_english"], edition_messages(project)) == (1, edition_messages(project))
    r = run("build", *EDITION, "--lang", "fr", "--format", "docx", "--jobs", "1", cwd=project)
    assert r.returncode == 0 and " draft " in r.stdout, r.stdout + r.stderr
    comments = _docx_comments(project / "build/2021/fr/compendium.docx")
    assert any("running head (running_head.index): THEMATIC INDEX" in c for c in comments), comments


def test_an_edited_msgid_is_out_of_step(project):
    po = project / FR
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgid "Capacity-building"', 'msgid "Capacity building"', 1), encoding="utf-8")
    data = figures(project)
    assert {(x["msgid"], x["state"]) for x in data["out_of_step"]} == {
        ("Capacity-building", "not in the catalogue"), ("Capacity building", "not in the text")}
    built = proof(project)
    assert re.search(r"^\[EN\] Capacity-building\t", built, re.M)          # the index topic, marked


def test_extract_without_update_and_a_text_edited_without_extract(project):
    chapter = project / "content/A/07.yaml"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("In its delivery", "In its provision", 1),
                       encoding="utf-8")
    r = run("check", "--lang", "fr", cwd=project)              # the POT is stale too: extract first
    assert r.returncode == 1 and "run `compendium extract`, then `compendium update --lang fr`" in r.stdout
    assert run("extract", cwd=project).returncode == 0
    r = run("check", "--lang", "fr", cwd=project)
    assert r.returncode == 1 and "run `compendium update --lang fr`" in r.stdout and "extract`," not in r.stdout
    record("catalogue and text", "extract run, update not", "compendium check --lang fr", 1,
           next(line for line in r.stdout.splitlines() if "out of step with the text" in line))
    assert {x["state"] for x in figures(project)["out_of_step"]} == {"not in the catalogue", "not in the text"}
    assert strict(project).returncode == 1
    assert run("update", "--lang", "fr", cwd=project).returncode == 0
    data = figures(project)
    assert data["out_of_step"] == [] and [x["kind"] for x in data["missing"]] == ["changed"]


def test_every_fallback_is_marked_and_counted(project):
    """Untranslated: a template string (a column head), a copyright line, an index topic, a footnote."""
    po = polib.pofile(str(project / FR), wrapwidth=76)
    targets = {("index.col.topic", "Topic"), (None, "© United Nations Office on Drugs and Crime, {year}."),
               (None, "Capacity-building")}
    for e in po:
        if (e.msgctxt, e.msgid) in targets:
            e.msgstr = ""
    po.save()
    assert run("update", "--lang", "fr", cwd=project).returncode == 0       # the file as `update` writes it
    data = figures(project)
    assert data["untranslated"] == data["in_english"] == 3 and data["out_of_step"] == []
    text = proof(project)
    assert draft_figures(text) == (3, edition_messages(project))
    lines = text.splitlines()
    assert "[EN] © United Nations Office on Drugs and Crime, 2021." in lines
    assert any(line.startswith("[EN] Topic\t") for line in lines)
    assert re.search(r"^\[EN\] Capacity-building\t", text, re.M)
    assert "[EN] index (index.col.topic): Topic" in lines[:5]
    assert run("build", *EDITION, "--lang", "fr", "--format", "docx", "--jobs", "1", cwd=project).returncode == 0
    commented = _docx_commented_text(project / "build/2021/fr/compendium.docx")
    for english in ("Topic", "© United Nations Office on Drugs and Crime, 2021.", "Capacity-building"):
        assert english in commented, (english, commented)


def test_strict_leaves_no_stale_draft_of_a_refused_language(project):
    r = run("build", *EDITION, "--lang", "fr", "--format", "txt", "--jobs", "1", cwd=project)
    assert r.returncode == 0 and " final " in r.stdout
    drop_entry(project / FR, None, PARA)
    assert run("build", *EDITION, "--lang", "fr", "--format", "txt", "--jobs", "1", cwd=project).returncode == 0
    assert (project / "build/2021/fr/compendium.txt").exists()                # a draft, marked as one
    r = strict(project)
    assert r.returncode == 1 and "refusing to build fr" in r.stderr
    record("catalogue and text", "build --strict of a language out of step, with an earlier draft in build/2021/fr/",
           "compendium build --edition 2021 --strict --lang fr", 1, " / ".join(r.stderr.strip().splitlines()))
    assert not (project / "build/2021/fr/compendium.txt").exists(), "a refused language's old draft looks current"
    assert "removed build/2021/fr/compendium.txt" in r.stderr
    manifest = json.loads((project / "build/.manifest.json").read_text(encoding="utf-8"))
    assert not any(k.startswith("2021/fr/") for k in manifest)


def _docx_comments(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/comments.xml").decode("utf-8")
    return ["".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", c)) for c in re.findall(r"<w:comment .*?</w:comment>", xml, re.S)]


def _docx_commented_text(path: Path) -> str:
    """The text inside comment ranges of the main document, joined."""
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    parts = re.findall(r"<w:commentRangeStart [^>]*/>(.*?)<w:commentRangeEnd ", xml, re.S)
    return "\n".join("".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", p)) for p in parts).replace("&amp;", "&")


# -- the comparison's properties, on generated catalogues ------------------------------------------------
WORDS = ["Working", "Group", "States", "should", "technical", "assistance", "UNODC", "café", "中文", "مؤتمر",
         "*Endorses*", "[[A/63/539]]", "{number}"]
texts = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join)
keys = st.tuples(st.one_of(st.none(), st.sampled_from(["index.col.topic", "heading.part"])), texts)
catalogue_edits = st.lists(st.sampled_from(["keep", "keep", "keep", "drop", "edit-msgid", "edit-msgctxt",
                                            "untranslate", "fuzzy", "obsolete"]), max_size=12)


def _write_po(path: Path, entries: list[tuple[tuple, str, bool, bool]]) -> None:
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po
    catalog = Catalog(locale="fr", domain="compendium", charset="utf-8", fuzzy=False)
    for (ctx, msgid), msgstr, fuzzy, obsolete in entries:
        catalog.add(msgid, msgstr, context=ctx, flags=["fuzzy"] if fuzzy else [])
        if obsolete:
            key = catalog._key_for(msgid, ctx)
            catalog.obsolete[key] = catalog._messages.pop(key)
    buf = io.BytesIO()
    write_po(buf, catalog, width=76)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue())


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(keys, min_size=1, max_size=12, unique=True), catalogue_edits, st.lists(keys, max_size=3, unique=True))
def test_the_comparison_finds_exactly_what_differs(tmp_path_factory, template, edits, strangers):
    """Whatever is done to a catalogue of the template: in step exactly when its active entries are
    the template's messages; missing and extra are the two set differences; English shown is what
    has no usable translation; and `update` from that template always brings it back in step."""
    from compendium.messages.update import update
    from compendium.messages.step import standing
    tmp = tmp_path_factory.mktemp("step")
    messages = {k: f"place {i}" for i, k in enumerate(template)}
    entries, seen = [], set()
    for i, key in enumerate(template):
        op = edits[i] if i < len(edits) else "keep"
        ctx, msgid = key
        if op == "drop":
            continue
        if op == "edit-msgid":
            msgid += " (edited)"
        if op == "edit-msgctxt":
            ctx = (ctx or "x") + ".edited"
        if (ctx, msgid) in seen:
            continue
        seen.add((ctx, msgid))
        entries.append(((ctx, msgid), "" if op == "untranslate" else f"FR {msgid}", op == "fuzzy", op == "obsolete"))
    for key in strangers:                       # entries for texts the template never had
        if key not in seen and key not in messages:
            seen.add(key)
            entries.append((key, f"FR {key[1]}", False, False))
    po = tmp / "locales/fr/LC_MESSAGES/compendium.po"
    _write_po(po, entries)
    s = standing(messages, tmp / "locales", "fr")
    active = {k for k, _, _, obsolete in entries if not obsolete}
    assert s.entries == active
    assert set(s.missing) == set(messages) - active and set(s.extra) == active - set(messages)
    assert s.in_step == (active == set(messages))
    translated = {k for k, msgstr, fuzzy, obsolete in entries if msgstr and not fuzzy and not obsolete}
    assert set(s.usable) == translated                  # "FR …" keeps the markup and {fields}: all usable
    assert set(s.english) == set(messages) - translated and set(s.missing) <= set(s.english)
    pot = tmp / "locales/compendium.pot"
    _write_po(pot, [(k, "", False, False) for k in template])
    update(pot, tmp / "locales", "fr")
    assert standing(messages, tmp / "locales", "fr").in_step


@pytest.fixture(scope="module")
def real():
    from compendium.corpus.loader import load_book
    from compendium.localize.strings import load_strings
    from compendium.messages.step import template
    from compendium.messages.step import text_template
    book = load_book(ROOT / "content", "2021")
    return book, text_template(ROOT / "content", ROOT / "templates"), template([book], load_strings(ROOT / "templates"))


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_the_draft_note_counts_what_check_counts(real, tmp_path_factory, data):
    """On the real French catalogue with random entries emptied, marked fuzzy, broken (a footnote or
    {placeholder} dropped) or deleted: the build's draft note says check's figures, N of M, and the
    edition is a draft exactly when check does not call the catalogue ready. (The 2021 edition shows
    its own messages: the note counts those, check all editions'; an entry only 2023 shows changes
    check's verdict, not 2021's text.)"""
    from compendium.localize.localizer import localize
    from compendium.messages.report import check_language
    from compendium.messages.step import standing
    book, messages, shown = real
    tmp = tmp_path_factory.mktemp("draft")
    shutil.copytree(ROOT / "locales", tmp / "locales")
    (tmp / "locales" / "glossary.csv").unlink()
    po = polib.pofile(str(tmp / FR), wrapwidth=76)
    active = [e for e in po if not e.obsolete]
    picks = data.draw(st.lists(st.tuples(st.integers(0, len(active) - 1),
                                         st.sampled_from(["empty", "fuzzy", "break", "delete"])), max_size=8))
    for i, op in picks:
        e = active[i]
        if op == "empty":
            e.msgstr = ""
        elif op == "fuzzy" and "fuzzy" not in e.flags:
            e.flags.append("fuzzy")
        elif op == "break":
            e.msgstr = re.sub(r"\[\^[^\]]+\]|\{[a-z]+\}", "", e.msgstr) + ("" if e.msgctxt else "[^nowhere]")
    for e in {active[i].msgid: active[i] for i, op in picks if op == "delete"}.values():
        po.remove(e)
    po.save()
    s = standing(messages, tmp / "locales", "fr")
    tree = localize(book, "fr", tmp / "locales", ROOT / "templates", s.lookup, s.in_step)
    report = check_language(tmp / "locales", "fr", None, messages)
    assert (report.in_english, report.template) == (len(s.english), len(messages))
    english = [k for k in s.english if k in shown]                  # the 2021 edition's messages in English
    if english:
        assert re.search(rf"\b{len(english)}\b\D+\b{len(shown)}\b", tree.draft_note), tree.draft_note  # (maybe English)
    assert (not report.clean) == bool(s.english)                  # every change here shows some English
    assert tree.draft == (bool(english) or not s.in_step)
