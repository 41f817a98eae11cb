"""Each check of `compendium check`: a translation that trips it, and one that passes."""
import polib
import pytest

from compendium.messages.checkers import (
    corpus_fields, identical, markup, numbers, placeholders, resolutions, symbols, whitespace)

CASES = [
    # checker, English, bad translation, good translation, expected problem
    (markup, "as set out in article 29[^art29].", "comme indiqué à l'article 29.",
     "comme indiqué à l'article 29[^art29].", "footnote reference: missing [^art29]"),
    (markup, "the report ([[A/63/539]], annex)", "le rapport ([[A/63/593]], annexe)",
     "le rapport ([[A/63/539]], annexe)", "linked symbol: missing [[A/63/539]]; unexpected [[A/63/593]]"),
    (markup, "*Endorses* the recommendations", "Fait siennes les recommandations",
     "*Fait siennes* les recommandations", "emphasis: the English has 1 *…* span(s), the translation 0"),
    (markup, "*Endorses* the recommendations", "*Fait siennes les recommandations",
     "*Fait siennes* les recommandations", "markup: "),
    (placeholders, "Part {part}: {refs}", "Partie {partie} : {refs}", "Partie {part} : {refs}",
     "placeholder: missing {part}; unexpected {partie}"),
    (corpus_fields, "United Nations\nVienna, {year}", "Nations Unies\nVienne, 2023", "Nations Unies\nVienne, {year}",
     "placeholder: missing {year}"),       # the year is the edition's, filled in: never retyped
    (corpus_fields, "at its first {sessions} sessions", "à ses {session} premières sessions",
     "à ses {sessions} premières sessions {{ texte }}", "placeholder: missing {sessions}"),
    (symbols, "in its report CTOC/COP/WG.2/2013/5", "dans son rapport CTOC/COP/WG.2/2013/3",
     "dans son rapport CTOC/COP/WG.2/2013/5",
     "document symbol: missing CTOC/COP/WG.2/2013/5; unexpected CTOC/COP/WG.2/2013/3"),
    (resolutions, "Recalling its resolution 7/3", "Rappelant sa résolution 7/4", "Rappelant sa résolution 7/3",
     "resolution/decision number: missing 7/3; unexpected 7/4"),
    (numbers, "adopted on 17 October 2008 (para. 26)", "adoptée le 17 octobre 2009 (par. 26)",
     "adoptée le 17 octobre 2008 (par. 26)", "number: missing 2008"),
    (whitespace, "United Nations\nVienna, 2021", "Nations Unies, Vienne, 2021", "Nations Unies\nVienne, 2021",
     "line breaks: the English has 1, the translation 0"),
    (whitespace, "Notes: {notes}", "Notes : {notes} ", "Notes : {notes}",
     "whitespace: leading or trailing space differs from the English"),
    (identical, "States should consider providing resources", "States should consider providing resources",
     "Les États devraient envisager de fournir des ressources", "identical to the English"),
]


@pytest.mark.parametrize("check,english,bad,good,problem", CASES, ids=[c[0].__name__ + str(i) for i, c in enumerate(CASES)])
def test_check_trips_on_the_bad_translation_and_passes_the_good_one(check, english, bad, good, problem):
    found = check(english, bad)
    assert found and found[0].startswith(problem), found
    assert check(english, good) == []


def test_numbers_allow_a_language_to_add_digits():
    # Chinese writes the month as a number: the English "October" has none, the translation has 10
    assert numbers("on 17 October 2008", "于2008年10月17日") == []
    assert numbers("on 17 October 2008", "于二〇〇八年十月十七日") == ["number: missing 17, 2008"]


def test_eastern_arabic_digits_count_as_the_same_numbers():
    assert numbers("paragraph 26 of resolution 7/3", "الفقرة ٢٦ من القرار 7/3") == []
    assert resolutions("resolution 7/3", "القرار ٧/٣") == []


def test_names_and_symbols_may_stay_identical():
    assert identical("UNODC", "UNODC") == []
    assert identical("CTOC/COP/2008/16.", "CTOC/COP/2008/16.") == []


def _entry(msgid, msgstr, msgctxt=None):
    import polib
    return polib.POEntry(msgid=msgid, msgstr=msgstr, msgctxt=msgctxt)


def test_terminology_requires_the_glossary_form(root):
    from compendium.messages.glossary import load_glossary, terminology
    terms = load_glossary(root / "locales" / "glossary.csv")
    ru, fr = terminology(terms, "ru"), terminology(terms, "fr")
    english = "*Endorses* the recommendations adopted by the States parties"
    assert ru(_entry(english, "*одобряет* рекомендации, принятые государствами-участниками")) == []
    problems = ru(_entry(english, "*утверждает* рекомендации, принятые странами-участницами"))
    assert any("'Endorses'" in p and "glossary: endorses" in p for p in problems)
    assert any("glossary: states-parties" in p for p in problems)
    assert fr(_entry("Notes: {notes}", "Notes : {notes}", "index.notes")) == []   # not a resolution verb
    assert fr(_entry("the central authorities", "les autorités centrales")) == []
    assert fr(_entry("the central authorities", "les organes centraux")) != []


def test_every_glossary_term_has_six_languages_and_a_source(root):
    from compendium.messages.glossary import load_glossary
    terms = load_glossary(root / "locales" / "glossary.csv")
    ids = {t.id for t in terms}
    assert {"untoc", "trafficking-protocol", "smuggling-protocol", "firearms-protocol", "cop", "working-group",
            "unodc", "secretariat", "states-parties", "member-states", "technical-assistance", "mla",
            "extradition", "central-authority", "endorses", "reaffirms", "requests", "invites", "encourages",
            "recommends", "urges", "welcomes", "notes"} <= ids
    assert all(t.source and all(t.targets[l] for l in ("ar", "es", "fr", "ru", "zh")) for t in terms)


def test_terminology_allows_qualifiers_inside_a_name_and_ignores_addresses(root):
    from compendium.messages.glossary import load_glossary, terminology
    fr = terminology(load_glossary(root / "locales" / "glossary.csv"), "fr")
    english = "the Open-ended Interim Working Group of Government Experts on Technical Assistance"
    assert fr(_entry(english, "le Groupe de travail provisoire d’experts gouvernementaux à composition non "
                              "limitée sur l’assistance technique")) == []
    assert fr(_entry(english, "le Groupe d’experts sur l’aide")) != []
    assert fr(_entry("www.unodc.org", "www.unodc.org")) == []          # an address, not the name UNODC


def test_numbers_and_symbols_touching_chinese_characters():
    assert resolutions("Decision 3/4", "第3/4号决定") == []
    assert resolutions("Decision 3/4", "第3/5号决定") != []
    assert symbols("CTOC/COP/2006/7/Rev.1 and CTOC/COP/2006/8/Rev.1",
                   "CTOC/COP/2006/7/Rev.1和CTOC/COP/2006/8/Rev.1") == []


def test_arabic_lil_contraction_counts_as_the_article(root):
    from compendium.messages.glossary import load_glossary, terminology
    ar = terminology(load_glossary(root / "locales" / "glossary.csv"), "ar")
    assert ar(_entry("assistance to States parties", "المساعدة المقدمة للدول الأطراف")) == []
    assert ar(_entry("assistance to States parties", "المساعدة المقدمة للبلدان")) != []


def test_quotation_marks_are_those_of_the_language(root, tmp_path):
    import shutil

    from compendium.messages.checkers import quotation
    from compendium.messages.report import check_language
    assert quotation('يشجع على استراتيجيات "تشمل الحكومة بأكملها"', "«»") != []
    assert quotation("يشجع على استراتيجيات «تشمل الحكومة بأكملها»", "«»") == []
    assert quotation("стратегии «всей системы»", "«»„“") == [] and quotation("d’experts", "«»“”") == []
    shutil.copytree(root / "locales", tmp_path / "locales")        # a catalogue with straight quotes
    po = tmp_path / "locales" / "ar" / "LC_MESSAGES" / "compendium.po"
    quoted = sum("«" in e.msgstr for e in polib.pofile(str(po)) if not e.obsolete)     # the messages that quote
    po.write_text(po.read_text(encoding="utf-8").replace("«", '\\"').replace("»", '\\"'), encoding="utf-8")
    problems = [e.problem for e in check_language(tmp_path / "locales", "ar").errors]
    assert quoted and len(problems) == quoted and all(p.startswith("quotation marks: \" is not used") for p in problems)
    assert check_language(root / "locales", "ar").errors == []
