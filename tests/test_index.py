"""The thematic index is derived from the corpus and equals the published one, row by row."""
from seedtext import seed_paragraphs

from compendium.localize.published import compare, normalize, read_published


def test_derived_index_equals_published_except_documented_errata(book_2021, en_2021, root):
    diffs = compare(book_2021, en_2021.index, root / "sources" / "thematic-index.tsv")
    undocumented = [str(d) for d in diffs if d.erratum is None]
    assert not undocumented, "\n".join(undocumented)
    # every erratum is still needed
    assert {id(d.erratum) for d in diffs} == {id(e) for e in book_2021.errata}


def test_transcription_covers_every_published_row(root):
    _, _, table = seed_paragraphs()
    rows = [l for l in table if not l.startswith(("Topic\t", "\tDocument symbol")) and "\t" in l]
    published = read_published(root / "sources" / "thematic-index.tsv")
    # topic-only lines ("Data collection ... Part A") are folded into the topic's first row
    folded = sum(1 for l in rows if "CTOC" not in l)
    assert sum(len(v) for v in published.values()) == len(rows) - folded


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
    for topic in en_2021.index.topics:
        for row in topic.rows:
            targets = [s.target for line in row.compendium for s in line if s.target]
            assert targets, (topic.title, row.symbol)
            for target in targets:
                assert target in book_2021.blocks or target in book_2021.chapters


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
