"""The typed model: ids, numbering, source mappings, footnotes, markup."""
import pytest

from compendium.corpus.ids import expand_refs
from compendium.corpus.markup import DocLink, Emph, MarkupError, NoteRef, Text, parse


def test_ids_are_structural(book_2021):
    assert book_2021.blocks["A.VII.26"].text.source.startswith("In its delivery of technical assistance")
    assert book_2021.blocks["B.III.2.b"].kind == "sub"
    assert book_2021.blocks["B.VI.annex.b.iii"].text.source.startswith("Establishing capacity-building programmes")
    assert book_2021.blocks["A.IV.1.f.ii"].kind == "item"
    assert book_2021.blocks["B.V.PP.1"].text.source.startswith("Noting that")


def test_no_label_is_typed_in_the_text(book_2021):
    import re
    for block in book_2021.blocks.values():
        if block.text:
            assert not re.match(r"^(\d+\.|\([a-z]+\)|[IVX]+\.)\s", block.text.source), block.id


def test_source_paragraph_mapping(book_2021):
    s = {src.document: src for src in book_2021.blocks["A.VII.26"].sources}
    assert s[None].symbol == "CTOC/COP/WG.2/2013/5" and s[None].path == (("number", 30),)
    assert s[("resolution", "7/3")].annex == "I" and s[("resolution", "7/3")].path == (("number", 26),)
    ix = {src.document: src for src in book_2021.blocks["A.IX.1"].sources}
    assert ix[("resolution", "8/4")].path == (("number", 2),)  # resolution 8/4's annex starts one later
    assert book_2021.blocks["A.V.f"].sources[0].path == (("number", 4), ("letter", 6))


def test_chapters_carry_dates_and_reports(book_2021):
    ch = book_2021.chapters["A.VII"]
    assert (str(ch.start), str(ch.end), ch.report) == ("2013-10-28", "2013-10-30", "CTOC/COP/WG.2/2013/5")
    assert book_2021.chapters["B.VII"].decision.number == "7/3"
    assert [b.kind for b in book_2021.chapters["B.VII"].decision.annexes[0].blocks] == ["see"]


def test_footnotes_numbered_1_to_17_in_book_order(book_2021):
    assert sorted(n.number for n in book_2021.footnotes.values()) == list(range(1, 18))
    assert book_2021.footnotes["convention-a2"].number == 1 and book_2021.footnotes["ibid-b8"].number == 17


def test_cross_references_are_references(book_2021, proof_2021):
    see = book_2021.chapters["B.V"].decision.annexes[0].blocks[0]
    assert see.kind == "see" and see.target == "A.V" and see.text is None
    assert "Please see the recommendations listed under the fifth meeting of the Working Group." in proof_2021


def test_markup_parser():
    assert parse("*Endorses* the text[^n1] of [[A/63/539]] and [[55/25|A/RES/55/25]]") == [
        Emph("Endorses"), Text(" the text"), NoteRef("n1"), Text(" of "), DocLink("A/63/539", "A/63/539"),
        Text(" and "), DocLink("55/25", "A/RES/55/25")]
    assert parse(r"a \* b \[c\]") == [Text("a * b [c]")]
    for bad in ("*open", "a [b", "x ]", "**", "*a [^n] b*", "trailing \\"):
        with pytest.raises(MarkupError):
            parse(bad)


def test_expand_refs():
    assert expand_refs("A.VII.17, A.VII.20-22") == ["A.VII.17", "A.VII.20", "A.VII.21", "A.VII.22"]
    assert expand_refs("A.II.3.b-d") == ["A.II.3.b", "A.II.3.c", "A.II.3.d"]
    assert expand_refs("A.IV.1.f.i-iii") == ["A.IV.1.f.i", "A.IV.1.f.ii", "A.IV.1.f.iii"]
    with pytest.raises(ValueError):
        expand_refs("A.VII.22-20")


def test_roman_numerals_and_letters_both_ways():
    from compendium.corpus.numerals import from_letter, from_roman, letter, roman
    for n in (1, 4, 9, 14, 40, 90, 400, 1999):
        assert from_roman(roman(n)) == n and from_roman(roman(n).lower()) == n
    assert [letter(n) for n in (1, 26, 27, 28)] == ["a", "z", "aa", "bb"]
    assert [from_letter(s) for s in ("a", "z", "aa", "bb")] == [1, 26, 27, 28]
    for bad in ("", "IIII", "VX", "annex"):
        with pytest.raises(ValueError, match="not a roman numeral"):
            from_roman(bad)
    for bad in ("", "ab", "A", "1"):
        with pytest.raises(ValueError, match="not a subparagraph letter"):
            from_letter(bad)
