"""Per-language conventions of the five non-English editions, as set in locales/<lang>/style.toml.

Every expected value cites its rule in /work/shared/docs/un-house-style.md ("HS"), which gathers
them from the UN Editorial Manual (EM) and published UN documents. "unconfirmed" marks a value
the house style could not confirm: the test pins the choice made in style.toml, not a UN rule.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest

from compendium.corpus import numerals
from compendium.localize import tree as t
from compendium.localize.localizer import Localizer, localize
from compendium.render.text import render_text
from compendium.localize.conventions import load_style
from compendium.localize.strings import load_strings

ROOT = Path(__file__).resolve().parent.parent
LANGS = ["ar", "es", "fr", "ru", "zh"]


@pytest.fixture(scope="module")
def trees(book_2021):
    """The localized trees the build makes: with each language's catalogue."""
    from compendium.messages.translations import translations
    out = {}
    for lang in LANGS:
        table = translations(ROOT / "locales", lang)
        out[lang] = localize(book_2021, lang, ROOT / "locales", ROOT / "templates",
                             lambda ctx, msgid, table=table: table.get((ctx, msgid)))
    return out


@pytest.fixture(scope="module")
def loc(book_2021):
    strings = load_strings(ROOT / "templates")
    return {lang: Localizer(book_2021, load_style(lang, ROOT / "locales"), strings) for lang in LANGS}


# -- labels -------------------------------------------------------------------------------------
# (lang, kind, n, expected). "part" is the compendium's A/B level (HS table row "section (A, B)");
# "chapter" is the I/II level (HS row "chapter"); "section" is a roman section of a decision.
LABELS = [
    # French: HS Numbering table, column fr (EM "Paragraphs and subparagraphs"; French CTOC/COP docs)
    ("fr", "part", 1, "A."), ("fr", "part", 2, "B."),                      # HS: A.
    ("fr", "chapter", 1, "I."), ("fr", "chapter", 7, "VII."), ("fr", "chapter", 11, "XI."),  # HS: I.
    ("fr", "section", 1, "I."), ("fr", "section", 4, "IV."),               # as chapters (roman)
    ("fr", "para", 1, "1."),                                               # HS: 1.
    ("fr", "sub", 1, "a)"), ("fr", "sub", 2, "b)"), ("fr", "sub", 4, "d)"),  # HS: a) (no opening parenthesis)
    ("fr", "sub", 5, "e)"), ("fr", "sub", 28, "bb)"),                      # 27+ doubles the letter (ids.letter)
    ("fr", "item", 1, "i)"), ("fr", "item", 2, "ii)"), ("fr", "item", 3, "iii)"),  # HS 2nd degree: i)
    # Spanish: HS table, column es (identical to fr)
    ("es", "part", 1, "A."), ("es", "part", 2, "B."),                      # HS: A.
    ("es", "chapter", 1, "I."), ("es", "chapter", 7, "VII."), ("es", "chapter", 11, "XI."),  # HS: I.
    ("es", "section", 1, "I."), ("es", "section", 4, "IV."),
    ("es", "para", 1, "1."),                                               # HS: 1.
    ("es", "sub", 1, "a)"), ("es", "sub", 2, "b)"), ("es", "sub", 4, "d)"),  # HS: a)
    ("es", "sub", 5, "e)"), ("es", "sub", 28, "bb)"),
    ("es", "item", 1, "i)"), ("es", "item", 2, "ii)"), ("es", "item", 3, "iii)"),  # HS 2nd degree: i)
    # Russian: HS table, column ru
    ("ru", "part", 1, "A."), ("ru", "part", 2, "B."),                      # HS: A. (Latin, not Cyrillic А)
    ("ru", "chapter", 1, "I."), ("ru", "chapter", 7, "VII."), ("ru", "chapter", 11, "XI."),  # HS: I.
    ("ru", "section", 1, "I."), ("ru", "section", 4, "IV."),
    ("ru", "para", 1, "1."),                                               # HS: 1.
    ("ru", "sub", 1, "a)"), ("ru", "sub", 2, "b)"), ("ru", "sub", 4, "d)"),  # HS: a) (Latin letter)
    ("ru", "sub", 5, "e)"), ("ru", "sub", 28, "bb)"),
    ("ru", "item", 1, "i)"), ("ru", "item", 2, "ii)"), ("ru", "item", 3, "iii)"),  # unconfirmed: HS "use i)"
    # Chinese: HS table, column zh
    ("zh", "part", 1, "A."), ("zh", "part", 2, "B."),                      # HS: A. (Latin kept)
    ("zh", "chapter", 1, "一、"), ("zh", "chapter", 7, "七、"), ("zh", "chapter", 11, "十一、"),  # HS: 一、
    ("zh", "section", 1, "一、"), ("zh", "section", 4, "四、"),            # unconfirmed: chapter form chosen
    ("zh", "para", 1, "1."),                                               # HS: 1.
    ("zh", "sub", 1, "(a)"), ("zh", "sub", 2, "(b)"), ("zh", "sub", 4, "(d)"),  # HS: (a)
    ("zh", "sub", 5, "(e)"), ("zh", "sub", 28, "(bb)"),
    ("zh", "item", 1, "(i)"), ("zh", "item", 2, "(ii)"), ("zh", "item", 3, "(iii)"),  # unconfirmed: HS "use (i)"
    # Arabic: HS table, column ar
    ("ar", "part", 1, "ألف -"), ("ar", "part", 2, "باء -"),                # HS: letter names ألف -, باء -
    ("ar", "chapter", 1, "أولاً -"), ("ar", "chapter", 7, "سابعاً -"),     # HS: ordinal words أولاً -, ثانياً -
    ("ar", "chapter", 11, "حادي عشر -"),
    ("ar", "section", 1, "أولاً -"), ("ar", "section", 4, "رابعاً -"),     # unconfirmed: chapter form chosen
    ("ar", "para", 1, "1 -"),                                              # HS: digit, space, hyphen
    ("ar", "sub", 1, "(أ)"), ("ar", "sub", 2, "(ب)"), ("ar", "sub", 4, "(د)"),  # HS: abjad أ ب ج د هـ …
    ("ar", "sub", 5, "(هـ)"), ("ar", "sub", 28, "(غ)"),                   # 5th هـ, 28th (last) غ
    ("ar", "item", 1, "'1'"), ("ar", "item", 2, "'2'"), ("ar", "item", 3, "'3'"),  # HS: Western digit in single quotes
]


@pytest.mark.parametrize("lang,kind,n,expected", LABELS, ids=[f"{l}-{k}-{n}" for l, k, n, _ in LABELS])
def test_label(loc, lang, kind, n, expected):
    assert loc[lang].label(kind, n) == expected


def _printed_labels(book) -> list[tuple[str, int, str]]:
    """(kind, n, label) of every label a localized book prints, n read back from the language-neutral
    ids ("A.VII" chapter 7, "B.III.s2" section 2, "A.II.2.b" sub 2, "A.IV.1.f.iii" item 3)."""
    number = {"section": lambda last: int(last[1:]), "para": int, "sub": numerals.from_letter,
              "item": numerals.from_roman}
    out = []

    def para(p):
        if p.label and p.kind in number:
            out.append((p.kind, number[p.kind](p.id.rsplit(".", 1)[1]), p.label))
        for c in p.children:
            para(c)

    for part in book.parts:
        out.append(("part", ord(part.heading.id) - ord("A") + 1, part.heading.label))
        out += [("chapter", numerals.from_roman(ch.heading.id.split(".")[1]), ch.heading.label) for ch in part.chapters]
    for item in book.flow():
        if isinstance(item, t.Para):
            para(item)
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_every_level_covered(trees, loc, lang):
    """The edition prints labels at every level of the table, each as the language's rule makes it,
    and the table's examples are what the edition prints where they occur in the book."""
    levels = {"part", "chapter", "section", "para", "sub", "item"}
    printed = _printed_labels(trees[lang])
    assert {k for k, _, _ in printed} == levels == {k for l, k, _, _ in LABELS if l == lang}
    assert [(k, n, label) for k, n, label in printed if label != loc[lang].label(k, n)] == []
    table = {(k, n): label for l, k, n, label in LABELS if l == lang}
    met = {(k, n): label for k, n, label in printed if (k, n) in table}
    assert {k for k, _ in met} == levels            # every level has an example the book prints
    assert met == {key: table[key] for key in met}


def test_abjad_order(loc):
    # HS Numbering: abjad order أ ب ج د هـ و ز ح ط ي ك ل م ن س ع ف ص ق ر ش ت ث خ ذ ض ظ غ
    abjad = "أ ب ج د هـ و ز ح ط ي ك ل م ن س ع ف ص ق ر ش ت ث خ ذ ض ظ غ".split()
    assert [loc["ar"].label("sub", n) for n in range(1, 29)] == [f"({x})" for x in abjad]


# -- digits --------------------------------------------------------------------------------------
EASTERN = re.compile("[\u0660-\u0669\u06f0-\u06f9\uff10-\uff19]")   # Arabic-Indic, Persian, full-width


@pytest.mark.parametrize("lang", LANGS)
def test_digits_western(loc, trees, lang):
    # HS Numbering, "Digits": current UN Arabic documents use Western digits; default Western.
    # The edition as built (with its catalogue): labels, dates, index cells and prose
    proof = render_text(trees[lang])
    assert EASTERN.findall(proof) == []
    assert loc[lang].style.localize_digits("2008") == "2008"
    book = trees[lang]
    first = book.parts[0].chapters[1].blocks[0]                 # A.II.1
    assert first.id == "A.II.1" and first.label.startswith("1")
    assert "2007" in book.parts[0].chapters[1].heading.text    # second meeting, 3 to 5 October 2007
    documents = [r.document for topic in book.index.topics for r in topic.rows if r.document]
    assert documents and all(re.search("[0-9]/[0-9]", d) for d in documents)   # "Decision 3/4" …


def test_arabic_eastern_digits_setting(book_2021):
    # HS "Digits": older Vienna documents used Eastern Arabic digits (٠-٩); "make it a locale setting"
    style = dataclasses.replace(load_style("ar", ROOT / "locales"), digits="eastern")
    loc = Localizer(book_2021, style, load_strings(ROOT / "templates"))
    assert loc.label("para", 12) == "١٢ -"
    assert loc.label("item", 3) == "'٣'"
    assert loc.day(dt.date(2009, 3, 16)) == "١٦"
    assert loc.label("sub", 2) == "(ب)"     # letters are not digits


# -- months and days ---------------------------------------------------------------------------
AR_MONTHS = [  # HS Dates, ar: paired Levantine/Western names; CLDR's يونيو/يوليو do not match UN usage
    "كانون الثاني/يناير", "شباط/فبراير", "آذار/مارس", "نيسان/أبريل", "أيار/مايو", "حزيران/يونيه",
    "تموز/يوليه", "آب/أغسطس", "أيلول/سبتمبر", "تشرين الأول/أكتوبر", "تشرين الثاني/نوفمبر",
    "كانون الأول/ديسمبر"]

MONTHS = [(("ar", m + 1, name)) for m, name in enumerate(AR_MONTHS)] + [
    ("fr", 10, "octobre"), ("fr", 12, "décembre"), ("fr", 3, "mars"),      # HS: "du 15 au 19 octobre 2018", "12 et 13 décembre 2019", "12-16 mars"
    ("fr", 11, "novembre"),                                                # HS: "1er novembre 2018"
    ("es", 5, "mayo"), ("es", 7, "julio"), ("es", 8, "agosto"),            # HS: "1 de mayo de 2008", "23 y 24 de julio", "5 de agosto" (lower case)
    ("es", 10, "octubre"),                                                 # HS: "del 8 al 17 de octubre de 2008"
    ("ru", 10, "октября"), ("ru", 5, "мая"), ("ru", 6, "июня"),            # HS: "8-17 октября 2008 года", "30 мая – 1 июня" (genitive)
    ("ru", 11, "ноября"), ("ru", 12, "декабря"),                           # HS: "с 30 ноября по 13 декабря 2015 года"
    ("zh", 10, "10月"), ("zh", 6, "6月"), ("zh", 7, "7月"),                # HS: "2008年10月8日至17日", "2004年6月28日至7月9日"
    ("zh", 1, "1月"), ("zh", 12, "12月"),
]


@pytest.mark.parametrize("lang,m,expected", MONTHS, ids=[f"{l}-{m}" for l, m, _ in MONTHS])
def test_month(loc, lang, m, expected):
    assert loc[lang].style.month(m) == expected


DAYS = [
    ("fr", dt.date(2018, 11, 1), "1er"),    # HS Dates, fr: "1er novembre 2018" (ordinal first day)
    ("fr", dt.date(2018, 10, 15), "15"),    # HS: "du 15 au 19 octobre 2018"
    ("es", dt.date(2008, 5, 1), "1"),       # HS Dates, es: "1 de mayo de 2008" (no ordinal)
    ("ru", dt.date(2012, 6, 1), "1"),       # HS Dates, ru: "30 мая – 1 июня 2012 года"
    ("zh", dt.date(2004, 7, 1), "1"),       # HS Dates, zh: cardinal day before 日
    ("ar", dt.date(2009, 4, 1), "1"),       # HS Dates, ar: "16 آذار/مارس - 3 نيسان/أبريل 2009" (Western digits)
    ("ar", dt.date(2020, 7, 27), "27"),     # HS: "من 27 إلى 30 تموز/يوليه 2020"
]


@pytest.mark.parametrize("lang,date,expected", DAYS, ids=[f"{l}-{d}" for l, d, _ in DAYS])
def test_day(loc, lang, date, expected):
    assert loc[lang].day(date) == expected


# -- lists and ranges -------------------------------------------------------------------------
LISTS = {
    # CLDR list patterns where they match UN usage (HS Dates: "12 et 13", "23 y 24", no serial comma)
    "fr": ["1", "1 et 2", "1, 2 et 3", "1, 2, 3 et 4"],
    "es": ["1", "1 y 2", "1, 2 y 3", "1, 2, 3 y 4"],
    "ru": ["1", "1 и 2", "1, 2 и 3", "1, 2, 3 и 4"],
    # HS Punctuation, zh: full-width enumeration comma 、 (CLDR zh: 和 before the last)
    "zh": ["1", "1和2", "1、2和3", "1、2、3和4"],
    # HS Punctuation, ar: Arabic comma ، ; و attached to the last item (middle comma: unconfirmed choice)
    "ar": ["1", "1 و2", "1، 2 و3", "1، 2، 3 و4"],
}


@pytest.mark.parametrize("lang", LANGS)
def test_and_lists(loc, lang):
    items = ["1", "2", "3", "4"]
    assert [loc[lang].join(items[:k]) for k in range(1, 5)] == LISTS[lang]


SPANS = [
    ("fr", "VII.20–22"),   # unconfirmed: en dash as in English (HS fr headers use "12-16 mars")
    ("es", "VII.20–22"),   # unconfirmed: en dash as in English
    ("ru", "VII.20–22"),   # unconfirmed: en dash (HS ru dates "30 мая – 1 июня")
    ("zh", "VII.20-22"),   # unconfirmed: hyphen
    ("ar", "VII.20-22"),   # HS Dates, ar: hyphen ("16 آذار/مارس - 3 نيسان/أبريل 2009"), unspaced in refs
]


@pytest.mark.parametrize("lang,expected", SPANS, ids=[l for l, _ in SPANS])
def test_span(loc, lang, expected):
    assert loc[lang].span("VII.20", "22") == expected


# -- index references -----------------------------------------------------------------------------
PATHS = [
    ("fr", "2 b) iii)"),     # as the French subparagraph labels (HS table: a), i))
    ("es", "2 b) iii)"),     # HS table: a), i)
    ("ru", "2 b) iii)"),     # HS table: a) Latin letter; i) unconfirmed
    ("zh", "2 (b) (iii)"),   # HS table: (a), (i) unconfirmed; separator unconfirmed
    ("ar", "2 (ب) '3'"),     # HS table: abjad letter, Western digit in quotes (unconfirmed for the index)
]


@pytest.mark.parametrize("lang,expected", PATHS, ids=[l for l, _ in PATHS])
def test_index_paragraph_path(loc, lang, expected):
    assert loc[lang].path_label((("number", 2), ("letter", 2), ("roman", 3))) == expected


@pytest.mark.parametrize("lang", LANGS)
def test_compendium_ids_are_language_neutral(loc, lang):
    # HS: paragraph numbers and cross-references are identical in every language version (EM)
    assert loc[lang].id_path(("VII", ("number", 26))) == "VII.26"
    assert loc[lang].id_path(("II", ("number", 3), ("letter", 2))) == "II.3.b"


# -- other settings ---------------------------------------------------------------------------------
def test_french_nbsp(loc):
    # HS Punctuation, fr: no-break space before ; : ! ? (recent documents; setting, default on)
    assert loc["fr"].typography("a ; b : c ! d ?") == "a\u00a0; b\u00a0: c\u00a0! d\u00a0?"
    for lang in ("es", "ru", "zh", "ar"):
        assert loc[lang].typography("a : b") == "a : b"


SETTINGS = [
    # lang, direction, first font, emphasis, ICU collation (HS Fonts: one Noto family per script)
    ("fr", "ltr", "Noto Serif", "italic", "fr"),
    ("es", "ltr", "Noto Serif", "italic", "es"),
    ("ru", "ltr", "Noto Serif", "italic", "ru"),
    ("zh", "ltr", "Noto Serif CJK SC", "none", "zh@collation=pinyin"),   # Noto CJK has no italic
    ("ar", "rtl", "Noto Naskh Arabic", "none", "ar"),                    # HS: right-to-left; Naskh has no italic
]


@pytest.mark.parametrize("lang,direction,font,emphasis,icu_locale", SETTINGS, ids=[s[0] for s in SETTINGS])
def test_settings(trees, lang, direction, font, emphasis, icu_locale):
    """Each edition as its writers set it: the direction and first font of the PDF's HTML and CSS and
    of the DOCX, operative verbs slanted or upright, index topics in the language's collation."""
    import io
    import zipfile

    import docx

    from compendium.render.docx.writer import render as render_docx
    from compendium.render.edition import load_edition
    from compendium.render.pdf.writer import render_html
    book = trees[lang]
    edition = load_edition(load_style(lang, ROOT / "locales"), ROOT / "templates")
    html, sheets = render_html(book, edition)
    css = "\n".join(sheets)
    assert f'<html lang="{lang}" dir="{direction}" class="{direction} emphasis-{emphasis}' in html
    assert re.search(r"html \{\s*font-family: " + re.escape(f'"{font}"'), css)
    # operative verbs are <em> in every language, set upright by the class emphasis-none
    assert "<em>" in html and "html.emphasis-none em { font-style: normal; }" in css
    data = render_docx(book, edition)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert ("<w:bidi/>" in xml) == (direction == "rtl")
    fonts = docx.Document(io.BytesIO(data)).styles.element.find(
        "w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", {"w": W})
    slot = {"ar": "cs", "zh": "eastAsia"}.get(lang, "ascii")         # the font Word sets this script in
    assert fonts.get(f"{{{W}}}{slot}") == font
    assert ('w:rStyle w:val="CompendiumEmphasis"' in xml) == (emphasis == "italic")
    icu = pytest.importorskip("icu")
    collator = icu.Collator.createInstance(icu.Locale(icu_locale))
    collator.setAttribute(icu.UCollAttribute.ALTERNATE_HANDLING, icu.UCollAttributeValue.SHIFTED)
    titles = [topic.title for topic in book.index.topics]
    assert titles == sorted(titles, key=collator.getSortKey)


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def test_zh_pinyin_collation(loc):
    icu = pytest.importorskip("icu")
    collator = icu.Collator.createInstance(icu.Locale(loc["zh"].style.sort["icu_locale"]))
    assert sorted(["中国", "巴西", "阿富汗"], key=collator.getSortKey) == ["阿富汗", "巴西", "中国"]


# -- whole editions ------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def proofs(book_2021):
    return {lang: render_text(localize(book_2021, lang, ROOT / "locales", ROOT / "templates")) for lang in LANGS}


PROOF_HAS = {
    "fr": ["\n\na) ", "\n\ni) ", "\n\nVII. ", "\n\nA. ", "octobre 2008"],
    "es": ["\n\na) ", "\n\ni) ", "\n\nVII. ", "\n\nA. ", "de octubre de 2008"],
    "ru": ["\n\na) ", "\n\ni) ", "\n\nVII. ", "\n\nA. ", "октября 2008"],
    "zh": ["\n\n(a) ", "\n\n(i) ", "\n\n一、", "\n\n十一、", "\n\nA. ", "2008年10月"],
    "ar": ["\n\n(أ) ", "\n\n'1' ", "\n\nأولاً - ", "\n\nحادي عشر - ", "\n\nألف - ", "\n\n1 - ",
           "تشرين الأول/أكتوبر 2008", "حزيران/يونيه"],
}
PROOF_LACKS = {  # the English labels must not be generated
    "fr": ["\n\n(a) ", "\n\n(i) "], "es": ["\n\n(a) ", "\n\n(i) "], "ru": ["\n\n(a) ", "\n\n(i) "],
    "zh": ["\n\nI. ", "\n\nVII. "],
    "ar": ["\n\n(a) ", "\n\n(i) ", "\n\nI. ", "\n\nA. ", "\n\n1. "],
}


@pytest.mark.parametrize("lang", LANGS)
def test_proof_shows_generated_labels(proofs, lang):
    proof = proofs[lang]
    assert [s for s in PROOF_HAS[lang] if s not in proof] == []
    assert [s for s in PROOF_LACKS[lang] if s in proof] == []


def test_index_topics_sorted_per_language_rows_in_book_order(book_2021, root):
    """Topics follow the language's ICU collation (zh by pinyin, ru Cyrillic); rows keep book order."""
    from compendium.localize.localizer import localize
    names = {"ru": {"Capacity-building": "Укрепление потенциала", "Accra Agenda for Action": "Аккрская программа",
                    "Data collection": "Сбор данных", "Extradition": "Выдача"},
             "zh": {"Capacity-building": "能力建设", "Accra Agenda for Action": "《阿克拉行动议程》",
                    "Data collection": "数据收集", "Extradition": "引渡"}}
    expected = {"ru": ["Аккрская программа", "Выдача", "Сбор данных", "Укрепление потенциала"],
                # pinyin: a-ke-la, neng-li, shu-ju, yin-du
                "zh": ["《阿克拉行动议程》", "能力建设", "数据收集", "引渡"]}   # 《》 ignored
    english = localize(book_2021, "en", root / "locales", root / "templates").index
    for lang, table in names.items():
        index = localize(book_2021, lang, root / "locales", root / "templates",
                         lambda ctx, msgid: table.get(msgid) if ctx is None else None).index
        titles = [t.title for t in index.topics]
        assert [x for x in titles if x in expected[lang]] == expected[lang], lang
        by_title = {t.title: t for t in english.topics}
        for topic in index.topics:
            source = next(e for e, x in table.items() if x == topic.title) if topic.title in table.values() else topic.title
            if source in by_title:
                assert [r.refs for r in topic.rows] == [r.refs for r in by_title[source].rows]


def test_english_index_keeps_the_published_topic_order(en_2021, root):
    published = []
    for line in (root / "sources" / "thematic-index.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        topic = line.split("\t")[0]
        if topic and topic not in published:
            published.append(topic)
    assert [t.title for t in en_2021.index.topics] == published


# -- date ranges: every form, per language ----------------------------------------------------
D = dt.date
DATES = [
    # en: the compendium itself ("16 and 17 October 2006", "3 to 5 October 2007", "28 June to 9 July 2004")
    ("en", D(2006, 10, 16), D(2006, 10, 17), "16 and 17 October 2006"),
    ("en", D(2007, 10, 3), D(2007, 10, 5), "3 to 5 October 2007"),
    ("en", D(2004, 6, 28), D(2004, 7, 9), "28 June to 9 July 2004"),
    ("en", D(2019, 12, 30), D(2020, 1, 2), "30 December 2019 to 2 January 2020"),   # unconfirmed form
    ("en", D(2010, 10, 19), D(2010, 10, 19), "19 October 2010"),
    # fr: HS Dates ("du 15 au 19 octobre 2018", "12 et 13 décembre 2019", "1er novembre 2018")
    ("fr", D(2018, 10, 15), D(2018, 10, 19), "du 15 au 19 octobre 2018"),
    ("fr", D(2019, 12, 12), D(2019, 12, 13), "12 et 13 décembre 2019"),
    ("fr", D(2018, 11, 1), D(2018, 11, 1), "1er novembre 2018"),
    ("fr", D(2004, 6, 28), D(2004, 7, 9), "du 28 juin au 9 juillet 2004"),           # unconfirmed form
    # es: HS Dates ("1 de mayo de 2008", "23 y 24 de julio de 2010", "del 8 al 17 de octubre de 2008",
    # "28 de julio a 5 de agosto de 1997")
    ("es", D(2008, 5, 1), D(2008, 5, 1), "1 de mayo de 2008"),
    ("es", D(2010, 7, 23), D(2010, 7, 24), "23 y 24 de julio de 2010"),
    ("es", D(2008, 10, 8), D(2008, 10, 17), "del 8 al 17 de octubre de 2008"),
    ("es", D(1997, 7, 28), D(1997, 8, 5), "28 de julio a 5 de agosto de 1997"),
    # ru: HS Dates ("8-17 октября 2008 года", "30 мая – 1 июня 2012 года")
    ("ru", D(2008, 10, 8), D(2008, 10, 17), "8-17 октября 2008 года"),
    ("ru", D(2012, 5, 30), D(2012, 6, 1), "30 мая – 1 июня 2012 года"),
    ("ru", D(2006, 10, 16), D(2006, 10, 17), "16 и 17 октября 2006 года"),           # unconfirmed form
    # zh: HS Dates ("2008年10月8日至17日", "2004年6月28日至7月9日")
    ("zh", D(2008, 10, 8), D(2008, 10, 17), "2008年10月8日至17日"),
    ("zh", D(2004, 6, 28), D(2004, 7, 9), "2004年6月28日至7月9日"),
    ("zh", D(2010, 10, 19), D(2010, 10, 19), "2010年10月19日"),
    # ar: HS Dates ("من 27 إلى 30 تموز/يوليه 2020", "16 آذار/مارس - 3 نيسان/أبريل 2009")
    ("ar", D(2020, 7, 27), D(2020, 7, 30), "من 27 إلى 30 تموز/يوليه 2020"),
    ("ar", D(2009, 3, 16), D(2009, 4, 3), "16 آذار/مارس - 3 نيسان/أبريل 2009"),
    ("ar", D(2006, 10, 16), D(2006, 10, 17), "16 و17 تشرين الأول/أكتوبر 2006"),      # unconfirmed form
]


@pytest.mark.parametrize("lang,start,end,expected", DATES)
def test_date_range(book_2021, lang, start, end, expected):
    localizer = Localizer(book_2021, load_style(lang, ROOT / "locales"), load_strings(ROOT / "templates"))
    assert localizer.date_range(start, end) == expected


def test_a_date_pattern_with_a_bad_placeholder_is_reported(tmp_path):
    from compendium.errors import CompendiumError
    (tmp_path / "fr").mkdir()
    text = (ROOT / "locales" / "fr" / "style.toml").read_text(encoding="utf-8")
    (tmp_path / "fr" / "style.toml").write_text(text.replace("du {d1} au {d2}", "du {jour} au {d2}"), encoding="utf-8")
    with pytest.raises(CompendiumError, match=r"\[dates.patterns\] same_month has an unknown field \{jour\}"):
        load_style("fr", tmp_path)


@pytest.mark.parametrize("setting,value", [("id_separator", '"–"'), ("id_separator", '"pdf/ua–9"'),
                                           ("range_dash", '"."'), ("range_dash", '"I"')])
def test_an_index_range_dash_the_ids_also_use_is_refused_with_its_line(tmp_path, setting, value):
    """A dash that also occurs in the ids ("VII.20–22" with a "–" separator) cannot say where a range
    starts: one line naming the setting, instead of a crash while laying out the index."""
    from compendium.errors import CompendiumError
    (tmp_path / "en").mkdir()
    lines = (ROOT / "locales" / "en" / "style.toml").read_text(encoding="utf-8").splitlines()
    n = next(i for i, line in enumerate(lines) if line.startswith(f"{setting} ="))
    lines[n] = f"{setting} = {value}"
    (tmp_path / "en" / "style.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CompendiumError, match="cannot") as exc:
        load_style("en", tmp_path)
    shown = str(tmp_path / "en" / "style.toml")
    dash_line = next(i for i, line in enumerate(lines) if line.startswith("range_dash =")) + 1
    assert str(exc.value).startswith(f"{shown}:{dash_line}: [lists] range_dash = ")


@pytest.mark.parametrize("lang,annex,part", [
    ("en", "II", "B"),            # the compendium: "Annex II", "Part B"
    ("fr", "II", "B"),            # HS Numbering: roman and Latin letters as in English
    ("zh", "二", "B"),            # Chinese numerals for annexes (unconfirmed); "A." kept Latin (HS)
    ("ar", "الثاني", "باء"),      # ordinal adjective (unconfirmed); letter names (HS section row)
])
def test_annex_numbers_and_part_names_per_language(book_2021, lang, annex, part):
    localizer = Localizer(book_2021, load_style(lang, ROOT / "locales"), load_strings(ROOT / "templates"))
    assert localizer.annex_number("II") == annex
    assert localizer.part_name("B") == part
