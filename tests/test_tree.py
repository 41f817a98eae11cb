"""The localized tree's own walks: Book.texts() in reading order, and the first citation of each
footnote marked once on the tree (Run.first) for every writer."""
from __future__ import annotations

import copy

import pytest

from compendium.localize import tree as t
from compendium.render.text import render_text, superscript


def _note_runs(book: t.Book) -> list[t.Run]:
    return [r for runs in book.texts() for r in runs if r.kind == "note"]


@pytest.fixture(scope="module")
def ar(book_2021, root):
    from compendium.localize.localizer import localize
    from compendium.messages.translations import translations
    table = translations(root / "locales", "ar")
    return localize(book_2021, "ar", root / "locales", root / "templates", lambda ctx, msgid: table.get((ctx, msgid)))


def test_texts_are_in_reading_order(en_2021, proof_2021):
    """Every text the walk yields is printed in the text proof, each after the one before it."""
    en, en_proof = en_2021, proof_2021
    position = 0
    texts = ["".join(superscript(r.note) if r.kind == "note" else r.text for r in runs) for runs in en.texts()]
    assert len(texts) > 300
    for text in texts:
        found = en_proof.find(text, position)
        assert found >= 0, text
        position = found + len(text)


def test_texts_hold_every_line_heading_and_paragraph_once(en_2021):
    """Nothing skipped, nothing twice: the front lines, every heading and every paragraph at any
    depth (children after their parent), the back cover."""
    en = en_2021
    expected = [*en.cover, *en.title_page, *en.copyright]

    def walk(p):
        expected.append(p.runs)
        for c in p.children:
            walk(c)
    for item in en.flow():
        walk(item) if isinstance(item, t.Para) else expected.append(item.runs)
    expected += en.back_cover
    walked = list(en.texts())
    assert [id(runs) for runs in walked] == [id(runs) for runs in expected]
    assert len({id(runs) for runs in walked}) == len(walked)


@pytest.mark.parametrize("which", ["en_2021", "ar"])
def test_each_note_is_first_cited_once_in_number_order(request, which):
    book = request.getfixturevalue(which)
    runs = _note_runs(book)
    firsts = [r.note for r in runs if r.first]
    assert firsts == sorted(book.notes) == list(range(1, len(book.notes) + 1))     # numbered by first citation
    seen: set[int] = set()
    for r in runs:                              # first means: not cited before in reading order
        assert r.first == (r.note not in seen)
        seen.add(r.note)


def test_a_note_cited_again_is_a_mark_in_every_writer(en_2021):
    """A second citation of note 1 (added at the end of part A) is no first: the text proof prints
    its mark there, and the note's text once, where it was first cited."""
    en = en_2021
    book = copy.deepcopy(en)
    last = book.parts[0].chapters[-1].blocks[-1]
    last.runs = last.runs + [t.Run("note", "", note=1)]
    book = t.Book(**{f: getattr(book, f) for f in book.__dataclass_fields__})    # the tree made again
    assert [r.first for r in _note_runs(book) if r.note == 1] == [True, False]
    proof = render_text(book)
    note = "¹" + t.plain(book.notes[1].runs)
    assert proof.count(note) == 1 and proof.index(note) < proof.index(t.plain(last.runs) + "¹")
