"""The thematic index is derived from the corpus and equals the published one, row by row."""
import re

import pytest
from seedtext import seed_paragraphs

from compendium.corpus import walk

from compendium.localize.published import compare, normalize, read_published


def test_derived_index_equals_published_except_documented_errata(book_2021, en_2021, root):
    diffs = compare(book_2021, en_2021.index, root / "sources" / "thematic-index.tsv")
    undocumented = [str(d) for d in diffs if d.erratum is None]
    assert not undocumented, "\n".join(undocumented)
    # every erratum is still needed
    assert {id(d.erratum) for d in diffs} == {id(e) for e in book_2021.errata}


def _seed_rows() -> list[list[str]]:
    """The index table of the published edition's text, one [topic, symbol, document, paragraphs,
    compendium] per row: the topic carried down, "(continued)" repeats of a topic after a page
    break dropped, a topic-only line ("Data collection … Part A") folded into the row after it."""
    _, _, table = seed_paragraphs()
    rows, topic, prefix = [], "", ""
    for line in table:
        if line.startswith(("Topic\t", "\tDocument symbol")) or "\t" not in line:
            continue
        cells = line.split("\t")
        if "CTOC" not in line:
            topic, prefix = cells[0] or cells[1], cells[4]
            continue
        topic = re.sub(r"\s*(<i>)?\(continued\)(</i>)?$", "", cells[0]) or topic
        rows.append([topic, cells[1], cells[2], cells[3], f"{prefix} {cells[4]}" if prefix else cells[4]])
        prefix = ""
    return rows


def test_transcription_covers_every_published_row(root):
    """sources/thematic-index.tsv holds every row of the published table, in its order, cell for cell;
    its shading marks exactly the Conference rows (those naming a resolution or decision)."""
    published = [cells for rows in read_published(root / "sources" / "thematic-index.tsv").values()
                 for cells in rows]
    seed = _seed_rows()
    assert len(published) == len(seed)
    assert [(i, cells[:5]) for i, cells in enumerate(published) if cells[:5] != seed[i]] == []
    assert [cells for cells in published if (cells[5] == "shaded") != bool(cells[2])] == []
    assert {cells[5] for cells in published} == {"", "shaded"}


def test_topics_in_collation_order_each_once(en_2021):
    """English topics in ICU order (punctuation ignored), as published; no topic twice."""
    icu = pytest.importorskip("icu")
    collator = icu.Collator.createInstance(icu.Locale("en"))
    collator.setAttribute(icu.UCollAttribute.ALTERNATE_HANDLING, icu.UCollAttributeValue.SHIFTED)
    titles = [t.title for t in en_2021.index.topics]
    assert titles == sorted(titles, key=collator.getSortKey)
    assert len(set(titles)) == len(titles)
    assert all(len(t.rows) >= 1 and t.rows[0].first and not any(r.first for r in t.rows[1:])
               for t in en_2021.index.topics)


def test_rows_in_book_order(book_2021, en_2021):
    """Within a topic, rows follow the book_2021: a row where its first paragraph stands, a row through
    a resolution ({via: 7/3}) where the session that adopted it stands."""
    order = {b.id: i for i, b in enumerate(walk.all_blocks(book_2021))}
    start = {ch.id: min(i for bid, i in order.items() if bid.startswith(ch.id + "."))
             for part in book_2021.parts for ch in part.chapters}
    topics = {t.title: t for t in en_2021.index.topics}
    assert len(topics) == len(book_2021.topics)
    for source in book_2021.topics:
        topic = topics["".join(getattr(node, "text", "") for node in source.title.inlines)]
        keys = [start[book_2021.resolutions[m.via].id] if m.via else order[m.refs[0]] for m in source.rows]
        assert keys == sorted(keys), topic.title
        assert [r.refs for r in topic.rows] == [m.refs for m in source.rows]


def test_conference_rows_are_marked(en_2021):
    """A row is grey (shaded) exactly when it cites the Conference: a decision or resolution of part B,
    directly or through the resolution that endorsed part A recommendations."""
    for topic in en_2021.index.topics:
        for row in topic.rows:
            conference = bool(row.document) and row.document.startswith(("Decision", "Resolution"))
            assert row.shaded == conference, (topic.title, row.symbol)
            assert row.shaded == (row.refs[0].startswith("B.") or
                                  any(s.text.startswith("See part A") for line in row.compendium for s in line))


def test_examples_from_the_issue(en_2021):
    rows = {(t.title, r.symbol, r.document): r for t in en_2021.index.topics for r in t.rows}
    r = rows[("Authorities, central and/or competent", "CTOC/COP/2006/14", "Decision 3/4")]
    assert r.paragraphs == ["2 (b) and (c), 6 and 8"] and r.shaded
    assert "".join(s.text for s in r.compendium[0]) == "Part B: III.2.b, III.2.c, III.6 and III.8"
    r = rows[("Authorities, central and/or competent", "CTOC/COP/2014/13", "Resolution 7/3")]
    assert r.paragraphs == ["Annex I, 17 and 20–22"]
    assert r.compendium[0][0].text == "See part A.VII" and r.compendium[0][0].target == "A.VII"
    r = rows[("Authorities, central and/or competent", "CTOC/COP/WG.2/2013/5", "")]
    assert r.paragraphs == ["21 and 24–26"] and not r.shaded


def test_every_compendium_reference_links_to_an_existing_paragraph(en_2021, book_2021):
    """Every compendium cell links, first to the row's first paragraph; each link goes to a paragraph
    the row cites (or to the chapter holding them, "See part A.VII"), and its text names that place: "VII.26" -> A.VII.26,
    "II.3.b–d" -> A.II.3.b, "VI, annex, (b) (iii)" -> B.VI.annex.b.iii."""
    for topic in en_2021.index.topics:
        for row in topic.rows:
            segments = [s for line in row.compendium for s in line if s.target]
            assert segments, (topic.title, row.symbol)
            first = segments[0].target
            assert row.refs[0] == first or row.refs[0].startswith(first + "."), (topic.title, row.symbol)
            for s in segments:
                assert s.target in book_2021.blocks or s.target in book_2021.chapters
                assert s.target in row.refs or any(r.startswith(s.target + ".") for r in row.refs)
                words, place = re.findall(r"[A-Za-z0-9]+", s.text), s.target.split(".")[1:]
                found = iter(words)
                assert all(any(w == p for w in found) for p in place), (s.text, s.target)


def test_range_link_targets_first_paragraph_of_range(en_2021):
    row = next(r for t in en_2021.index.topics for r in t.rows
               if t.title == "Capacity-building" and r.symbol == "CTOC/COP/2008/7")
    segments = [(s.text, s.target) for s in row.compendium[0] if s.target]
    assert segments == [("II.3.b–d", "A.II.3.b"), ("II.4.b", "A.II.4.b"), ("II.5", "A.II.5"), ("II.6.b", "A.II.6.b")]


def test_normalize_treats_only_formatting_as_equal():
    assert normalize("Part A: II.3.b–d , II.4.b") == normalize("Part A II.3.b-d, II.4.b")
    assert normalize("22, 32") != normalize("22 and 32")


def test_text_proof_index_lines(proof_2021):
    lines = proof_2021.split("\n")
    first = next(l for l in lines if l.startswith("Accra Agenda for Action\t"))
    assert first == "Accra Agenda for Action\tCTOC/COP/WG.2/2013/5\t\t30\tPart A: VII.26"
    second = lines[lines.index(first) + 1]
    assert second == "\tCTOC/COP/2014/13\tResolution 7/3\tAnnex I, 26\tSee part A.VII\tshaded"
