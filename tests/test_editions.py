"""Editions as views of one corpus: what each view holds, how the sources of a new UN document are
written, how validation and `changes` see two editions, and where each edition is built."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from clirun import copy_project, edit, run

from compendium.corpus.loader import load_book
from compendium.errors import CompendiumError
from compendium.localize.localizer import localize
from compendium.localize.published import compare
from compendium.render.text import render_text

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path)


def error_of(content: Path, edition: str | None = None) -> str:
    with pytest.raises(CompendiumError) as exc:
        load_book(content, edition)
    return str(exc.value)


# -- views ---------------------------------------------------------------------------------------

def test_the_default_edition_is_the_newest(book_2023):
    assert load_book(ROOT / "content").edition == "2023" == book_2023.edition
    assert book_2023.fields == {"year": "2023", "meetings": "13", "sessions": "11"}


def test_a_paragraph_added_in_a_new_edition_renumbers_that_view_only_and_the_index_follows(project, proof_2021):
    edit(project / "content" / "A" / "07.yaml", "- para: In its delivery of technical assistance",
         "- para: A paragraph of the 2023 edition.\n  since: 2023\n- para: In its delivery of technical assistance")
    old, new = load_book(project / "content", "2021"), load_book(project / "content", "2023")
    assert render_text(localize(old, "en", ROOT / "locales", ROOT / "templates")) == proof_2021
    assert new.blocks["A.VII.26"].text.source == "A paragraph of the 2023 edition."
    assert new.blocks["A.VII.27"].text.source.startswith("In its delivery of technical assistance")
    # the index row "A.VII.26" was written in 2021's numbering: in 2023 it cites the same paragraph
    accra = next(t for t in new.topics if t.title.source == "Accra Agenda for Action")
    assert accra.rows[0].refs == ["A.VII.27"]
    r = run("changes", "--from", "2021", "--format", "json", cwd=project)
    data = json.loads(r.stdout)
    assert {(i["kind"], i["id"]) for i in data["new"] if i["id"].startswith("A.VII")} == {("paragraph", "A.VII.26")}
    assert ("A.VII.26", "A.VII.27") in {(i["before"], i["after"]) for i in data["renumbered"]}
    changed = [i for i in data["changed"] if i["kind"] == "row" and i["id"] == "Accra Agenda for Action"]
    assert changed and "[-VII.26-]{+VII.27+}" in changed[0]["diff"]


def test_a_paragraph_removed_from_a_new_edition(project):
    edit(project / "content" / "A" / "11.yaml", "- sub: States should consider encouraging interaction",
         "- until: 2021\n  sub: States should consider encouraging interaction")
    message = error_of(project / "content", "2023")           # the index still cites it
    assert message.startswith("content/index.yaml:") and "A.XI.b (as numbered in edition 2021) is not in " \
        "edition 2023" in message and "until:" in message
    edit(project / "content" / "index.yaml", "  - A.XI.b\n", "  - refs: A.XI.b\n    until: 2021\n")
    edit(project / "content" / "index.yaml", "  - A.XI.a, A.XI.b, A.XI.d\n",      # its own row in each edition
         "  - refs: A.XI.a, A.XI.b, A.XI.d\n    until: 2021\n  - refs: A.XI.a, A.XI.c\n    since: 2023\n")
    old, new = load_book(project / "content", "2021"), load_book(project / "content", "2023")
    assert old.blocks["A.XI.b"].text.source.startswith("States should consider encouraging interaction")
    assert new.blocks["A.XI.b"].text.source.startswith("UNODC should continue developing")
    tools = next(t for t in new.topics if t.title.source == "Tools")      # "A.XI.c" as 2021 numbers it
    assert ["A.XI.b"] in [r.refs for r in tools.rows]


def test_wording_per_edition_and_its_errors(project):
    book = project / "content" / "book.yaml"
    text = book.read_text(encoding="utf-8")
    book.write_text(text.replace("contents: Contents", "contents:\n  2021: Contents\n  2023: Table of contents"),
                    encoding="utf-8")
    assert load_book(project / "content", "2021").contents_title.source == "Contents"
    assert load_book(project / "content", "2023").contents_title.source == "Table of contents"
    book.write_text(text.replace("contents: Contents", "contents:\n  2023: Table of contents"), encoding="utf-8")
    assert "no wording for edition 2021" in error_of(project / "content", "2021")
    book.write_text(text.replace("contents: Contents", "contents:\n  2022: Table of contents"), encoding="utf-8")
    message = error_of(project / "content", "2023")
    assert message.startswith("content/book.yaml:") and "'2022' is not an edition" in message


def test_since_names_an_edition_and_comes_before_until(project):
    chapter = project / "content" / "A" / "12.yaml"
    edit(chapter, "since: 2023", "since: 2025")
    assert error_of(project / "content").startswith("content/A/12.yaml:4: '2025' is not an edition")
    edit(chapter, "since: 2025", "since: 2023\nuntil: 2021")
    assert "'until: 2021' comes before 'since: 2023'" in error_of(project / "content")


def test_editions_yaml_is_checked(project):
    path = project / "content" / "editions.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("status: draft", "status: proposed"), encoding="utf-8")
    assert "status 'proposed' is not one of published, draft" in error_of(project / "content")
    path.write_text(text.replace("  year: 2023", "  year: 2019"), encoding="utf-8")
    assert "is older than '2021'" in error_of(project / "content")
    path.unlink()
    assert error_of(project / "content").startswith("content/editions.yaml: file not found")


def test_a_placeholder_the_tool_does_not_fill_is_refused(project):
    edit(project / "content" / "book.yaml", "Vienna, {year}", "Vienna, {yaer}")
    message = error_of(project / "content")
    assert message.startswith("content/book.yaml:") and "unknown placeholder {yaer}" in message


# -- sources of a UN document --------------------------------------------------------------------

def test_discussed_at_one_meeting_adopted_at_a_later_one(book_2023, project):
    ch = book_2023.chapters["A.XII"]
    assert ch.adopted == 13 and ch.start.year == 2020 and "2022" in ch.report
    edit(project / "content" / "A" / "12.yaml", "adopted: 13\n", "")
    r = run("validate", "--edition", "2023", cwd=project)
    errors = [line for line in r.stdout.splitlines() if ": warning: " not in line]
    assert r.returncode == 1 and len(errors) == 1, r.stdout          # once, although two lines carry it
    assert errors[0].startswith("content/A/12.yaml:9: symbol CTOC/COP/WG.2/2022/4–CTOC/COP/WG.3/2022/4 is "
                                "dated [2022] but A.XII met in 2020") and "adopted: N" in errors[0]


def test_draft_resolution_symbol_with_annexes(book_2023):
    sources = {s.document: s for s in book_2023.blocks["A.XII.o"].sources}
    via = sources[("draft_resolution", "CTOC/COP/2022/L.5")]
    assert via.annex == "I" and via.path == (("letter", 15),) and via.symbol == "CTOC/COP/2022/L.5"
    assert book_2023.resolutions["CTOC/COP/2022/L.5"].id == "B.XI"


def test_several_source_paragraphs_for_one_chapter(book_2023):
    report = {s.document: s for s in book_2023.blocks["A.XIII.i"].sources}[None]
    assert report.path == (("number", 8), ("letter", 24))            # (i) is paragraph 8 (x)
    report = {s.document: s for s in book_2023.blocks["A.XIII.j"].sources}[None]
    assert report.path == (("number", 10), ("letter", 1))            # (j) is paragraph 10 (a)


def test_a_symbol_source_keeps_its_annex(project):
    edit(project / "content" / "A" / "12.yaml", "- resolution: CTOC/COP/2022/L.5\n  annex: I",
         "- symbol: CTOC/COP/2022/L.5\n  annex: I")
    book = load_book(project / "content")
    assert [s.annex for s in book.blocks["A.XII.a"].sources] == [None, "I"]
    edit(project / "content" / "A" / "12.yaml", "  annex: I", "  annex: one")
    assert "annex 'one' is not an annex number such as I or II" in error_of(project / "content")


# -- the published index, errata, validation -----------------------------------------------------

def test_rows_are_compared_by_topic_and_symbol_not_position(book_2021, book_2023, en_2023):
    """The 2023 view against the 2021 printed index: only its new rows differ, each once, at its line
    (compared by position, inserting them shifted 109 rows)."""
    diffs = compare(dataclasses.replace(book_2023, errata=book_2021.errata), en_2023.index,
                    ROOT / "sources" / "thematic-index.tsv")
    rows = [d for d in diffs if d.erratum is None]
    assert rows and all(d.column == "row" and not d.published for d in rows), [str(d) for d in rows][:3]
    assert all(("2022/4" in d.derived or "L.5" in d.derived) and d.loc.file == "content/index.yaml" for d in rows)
    new_rows = sum(1 for t in book_2023.topics for r in t.rows if any(x.startswith(("A.XII", "A.XIII")) for x in r.refs))
    assert len(rows) == new_rows


def test_errata_name_the_edition_they_describe(book_2021, book_2023, project):
    assert len(book_2021.errata) == 11 and not book_2023.errata
    edit(project / "content" / "errata.yaml", "  symbol: CTOC/COP/2008/19\n", "  row: 10\n")
    assert "errata name their row by topic and document symbol, not by position" in error_of(project / "content")


def test_validate_checks_every_edition_and_build_says_so_in_one_line(project):
    r = run("validate", cwd=project)
    assert r.returncode == 0 and "0 error(s)" in r.stderr and "editions 2021, 2023" in r.stderr
    assert '"first nine sessions" but part B has 8' in r.stdout and "[edition 2021]" in r.stdout
    edit(project / "content" / "footnotes.yaml", "ibid-b11:", "spare:\n  since: 2023\n  text: Never cited.\nibid-b11:")
    r = run("build", "--lang", "en", "--format", "txt", cwd=project)
    notes = [line for line in r.stderr.splitlines() if "validation error" in line]
    assert r.returncode == 0 and notes == ["compendium: warning: edition 2023: its corpus has 1 validation error(s); "
                                           "see `compendium validate --edition 2023`"]
    again = run("build", "--lang", "en", "--format", "txt", cwd=project)     # nothing to do: decided from
    assert again.returncode == 0 and "1 up to date" in again.stdout            # hashes, the warning kept
    assert [line for line in again.stderr.splitlines() if "validation error" in line] == notes
    (project / "build" / "en" / "compendium.txt").unlink()
    r = run("build", "--strict", "--lang", "en", "--format", "txt", cwd=project)
    assert r.returncode == 1 and "refusing to build edition 2023" in r.stderr
    assert not (project / "build" / "en" / "compendium.txt").exists()
    assert run("build", "--edition", "2021", "--strict", "--lang", "en", "--format", "txt", cwd=project).returncode == 0


# -- building editions ---------------------------------------------------------------------------

def test_each_edition_has_its_own_folder(project, proof_2021):
    assert run("build", "--edition", "2021", "--lang", "en", "--format", "txt", cwd=project).returncode == 0
    assert run("build", "--lang", "en", "--format", "txt", cwd=project).returncode == 0
    old = (project / "build" / "2021" / "en" / "compendium.txt").read_text(encoding="utf-8")
    new = (project / "build" / "en" / "compendium.txt").read_text(encoding="utf-8")
    assert old == proof_2021 and "Vienna, 2021" in old and "Twelfth meeting" not in old
    assert "Vienna, 2023" in new and "XII. Twelfth meeting, 9 and 10 July 2020" in new
    assert sorted(p.name for p in (project / "build").iterdir() if p.is_dir()) == ["2021", "en"]
    r = run("build", "--edition", "2022", cwd=project)
    assert r.returncode == 2 and "unknown edition '2022'" in r.stderr and "2021, 2023" in r.stderr


# -- what changed --------------------------------------------------------------------------------

def test_changes_from_2021_are_the_new_chapters_rows_and_front_matter(project):
    data = json.loads(run("changes", "--from", "2021", "--to", "2023", "--format", "json", cwd=project).stdout)
    new = {(i["kind"], i["id"]) for i in data["new"]}
    assert {i for k, i in new if k == "chapter"} == {"A.XII", "A.XIII", "B.XI"}
    assert all(i.startswith(("A.XII.", "A.XIII.", "B.XI.")) for k, i in new if k in ("paragraph", "text"))
    assert {i for k, i in new if k == "footnote"} == {"report-a12 (4)", "report-a13 (5)", "treaty-series-b11 (20)",
                                                     "ibid-b11 (21)"}
    assert {i for k, i in new if k == "topic"} == {"Case management", "Gender mainstreaming", "Human rights",
                                                  "Implementation Review Mechanism",
                                                  "National policies and strategies against organized crime"}
    rows = [i for i in data["new"] if i["kind"] == "row"]
    assert rows and all("CTOC/COP/WG.2/2022/4" in i["text"] or "CTOC/COP/2022/L.5" in i["text"] for i in rows)
    assert {(i["kind"], i["id"]) for i in data["changed"]} == {
        ("paragraph", "compendium.p1"), ("text", "title page, line 3"), ("text", "copyright page, line 1"),
        ("text", "part A"), ("text", "part B")}
    part_b = next(i for i in data["changed"] if i["id"] == "part B")
    assert part_b["diff"].endswith("at its first [-nine-]{+11+} sessions")
    assert not data["removed"]
    assert {i["kind"] for i in data["renumbered"]} == {"footnote"}   # the notes after A.XII and A.XIII
    assert set(data["translations"]) == {"ar", "es", "fr", "ru", "zh"}
    text = run("changes", "--from", "2021", cwd=project).stdout
    assert "New chapters (3):" in text and "United Nations Vienna, [-2021-]{+2023+}" in text


def test_changes_usage_errors(project):
    r = run("changes", "--from", "2023", "--to", "2021", cwd=project)
    assert r.returncode == 2 and "is not older than" in r.stderr
    assert run("changes", cwd=project).returncode == 2


def test_the_catalogue_template_holds_every_edition_s_wording():
    pot = (ROOT / "locales" / "compendium.pot").read_text(encoding="utf-8")
    assert "first nine sessions" in pot and "first {sessions} sessions" in pot
    assert "Vienna, {year}" in pot and "Vienna, 2021" not in pot


def test_an_editors_docx_goes_back_into_the_edition_it_was_built_from(project):
    """absorb reads the edition from the DOCX's year; a text showing {year} filled in is not an edit."""
    for edition, folder in (("2023", project / "b" / "en"), ("2021", project / "b" / "2021" / "en")):
        assert run("build", "--edition", edition, "--lang", "en", "--format", "docx", "--out", str(project / "b"),
                   cwd=project).returncode == 0
        r = run("absorb", str(folder / "compendium.docx"), cwd=project)
        assert r.returncode == 0 and f"en edition {edition}" in r.stdout and "no changes to absorb" in r.stdout, \
            r.stdout + r.stderr
