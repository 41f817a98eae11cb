"""Meeting and session names for any number, in the six languages (issue 16, item 4).

The expected names are written out here by hand, one table per language, not computed: meetings
1–30, sessions 1–20, the running-text form and the chapter labels. Where a published document
gives a form, the comment names it ("HS" is /work/shared/docs/un-house-style.md); 1–11 (meetings)
and 1–8 (sessions) are the forms of the 2021 edition and its catalogues, kept byte for byte; the
others follow the same pattern and are marked by the rule they follow.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from compendium.errors import CompendiumError
from compendium.corpus.numerals import roman
from compendium.localize.ordinals import parse
from compendium.localize.conventions import load_style

ROOT = Path(__file__).resolve().parent.parent
LANGS = ["en", "ar", "es", "fr", "ru", "zh"]

# -- the tables ----------------------------------------------------------------------------------
# English: 000 (the 2021 compendium: "First meeting" … "Eleventh meeting", "First session" …
# "Eighth session", "the fifth meeting"); 003: "twelfth meeting", "thirteenth meeting", "eleventh
# session"; beyond, UN English ordinals in words with a hyphen ("twenty-first session").
EN = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
      "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth twenty-first "
      "twenty-second twenty-third twenty-fourth twenty-fifth twenty-sixth twenty-seventh "
      "twenty-eighth twenty-ninth thirtieth").split()
# French: "réunion" and "session" feminine; "La septième session de la Conférence des Parties"
# (UNODC, 2014); UN French's traditional "vingt et unième" (no hyphens around "et").
FR = ("première deuxième troisième quatrième cinquième sixième septième huitième neuvième dixième "
      "onzième douzième treizième quatorzième quinzième seizième dix-septième dix-huitième "
      "dix-neuvième vingtième|vingt et unième|vingt-deuxième vingt-troisième vingt-quatrième "
      "vingt-cinquième vingt-sixième vingt-septième vingt-huitième vingt-neuvième trentième")
FR = [w for part in FR.split("|") for w in ([part] if " et " in part else part.split())]
# Spanish: words up to the tenth, then figures ("quinto período de sesiones", CTOC/COP/2010/17;
# "19º período de sesiones", A/65/92; "11ª reunión" and "11º período de sesiones" in the catalogue).
ES_MEETING = ("Primera Segunda Tercera Cuarta Quinta Sexta Séptima Octava Novena Décima".split()
              + [f"{n}ª" for n in range(11, 31)])
ES_SESSION = ("Primer Segundo Tercer Cuarto Quinto Sexto Séptimo Octavo Noveno Décimo".split()
              + [f"{n}º" for n in range(11, 21)])
# Russian: "совещание" neuter, "сессия" feminine ("Тридцать седьмая сессия", PBC.37/1/Add.1;
# "Двадцать первая сессия", WO/PBC/21/22); the reference takes the dative ("к … совещанию").
RU_UNITS = ["перв", "втор", "трет", "четверт", "пят", "шест", "седьм", "восьм", "девят"]
RU_TEENS = ["десят", "одиннадцат", "двенадцат", "тринадцат", "четырнадцат", "пятнадцат", "шестнадцат",
            "семнадцат", "восемнадцат", "девятнадцат"]
RU_STEMS = RU_UNITS + RU_TEENS + ["двадцат"] + [f"двадцать {u}" for u in RU_UNITS] + ["тридцат"]


def _ru(stem: str, ending: str) -> str:
    soft = stem.endswith("трет")                      # третье, третья, третьему
    return stem + {"ое": "ье", "ая": "ья", "ому": "ьему"}[ending] if soft else stem + ending


RU_MEETING = [_ru(s, "ое") for s in RU_STEMS]
RU_MEETING_REF = [_ru(s, "ому") for s in RU_STEMS]
RU_SESSION = [_ru(s, "ая") for s in RU_STEMS[:20]]
# Arabic: "الاجتماع" masculine, "الدورة" feminine ("الدورة التاسعة", "الدورة الحادية عشرة" in the
# Conference's Arabic announcements, 2018 and 2022; not UN documents).
AR_MEETING = ["الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع", "العاشر",
              "الحادي عشر", "الثاني عشر", "الثالث عشر", "الرابع عشر", "الخامس عشر", "السادس عشر", "السابع عشر",
              "الثامن عشر", "التاسع عشر", "العشرون", "الحادي والعشرون", "الثاني والعشرون", "الثالث والعشرون",
              "الرابع والعشرون", "الخامس والعشرون", "السادس والعشرون", "السابع والعشرون", "الثامن والعشرون",
              "التاسع والعشرون", "الثلاثون"]
AR_SESSION = ["الأولى", "الثانية", "الثالثة", "الرابعة", "الخامسة", "السادسة", "السابعة", "الثامنة", "التاسعة",
              "العاشرة", "الحادية عشرة", "الثانية عشرة", "الثالثة عشرة", "الرابعة عشرة", "الخامسة عشرة",
              "السادسة عشرة", "السابعة عشرة", "الثامنة عشرة", "التاسعة عشرة", "العشرون"]
# Arabic chapter labels (HS Numbering: "أولاً -", "ثانياً -"; 2021 edition up to "حادي عشر -").
AR_LABEL = ["أولاً", "ثانياً", "ثالثاً", "رابعاً", "خامساً", "سادساً", "سابعاً", "ثامناً", "تاسعاً", "عاشراً",
            "حادي عشر", "ثاني عشر", "ثالث عشر", "رابع عشر", "خامس عشر", "سادس عشر", "سابع عشر", "ثامن عشر",
            "تاسع عشر", "عشرون", "حادي وعشرون", "ثاني وعشرون", "ثالث وعشرون", "رابع وعشرون", "خامس وعشرون",
            "سادس وعشرون", "سابع وعشرون", "ثامن وعشرون", "تاسع وعشرون", "ثلاثون"]
# Chinese numerals: "第四届会议" (CTOC/COP/2008/INF/1), "第十二届会议" (E/2003/30).
ZH = ("一 二 三 四 五 六 七 八 九 十 十一 十二 十三 十四 十五 十六 十七 十八 十九 二十 "
      "二十一 二十二 二十三 二十四 二十五 二十六 二十七 二十八 二十九 三十").split()


def _cap(word: str) -> str:
    return word[0].upper() + word[1:]


# (lang, meeting n -> heading name, meeting n -> running-text name, session n -> heading name, label n)
NAMES = {
    "en": (lambda n: f"{_cap(EN[n - 1])} meeting", lambda n: f"{EN[n - 1]} meeting",
           lambda n: f"{_cap(EN[n - 1])} session"),
    "fr": (lambda n: f"{_cap(FR[n - 1])} réunion", lambda n: f"{FR[n - 1]} réunion",
           lambda n: f"{_cap(FR[n - 1])} session"),
    "es": (lambda n: f"{ES_MEETING[n - 1]} reunión", lambda n: f"{ES_MEETING[n - 1].lower()} reunión",
           lambda n: f"{ES_SESSION[n - 1]} período de sesiones"),
    "ru": (lambda n: f"{_cap(RU_MEETING[n - 1])} совещание", lambda n: f"{RU_MEETING_REF[n - 1]} совещанию",
           lambda n: f"{_cap(RU_SESSION[n - 1])} сессия"),
    "ar": (lambda n: f"الاجتماع {AR_MEETING[n - 1]}", lambda n: f"الاجتماع {AR_MEETING[n - 1]}",
           lambda n: f"الدورة {AR_SESSION[n - 1]}"),
    "zh": (lambda n: f"第{ZH[n - 1]}次会议", lambda n: f"第{ZH[n - 1]}次会议", lambda n: f"第{ZH[n - 1]}届会议"),
}
LABEL = {"en": lambda n: None, "fr": lambda n: None, "es": lambda n: None, "ru": lambda n: None,
         "ar": lambda n: f"{AR_LABEL[n - 1]} -", "zh": lambda n: f"{ZH[n - 1]}、"}

MEETINGS, SESSIONS = range(1, 31), range(1, 21)


def test_tables_are_complete():
    assert len(EN) == len(FR) == len(ES_MEETING) == len(RU_MEETING) == len(AR_MEETING) == len(AR_LABEL) == len(ZH) == 30
    assert len(ES_SESSION) == len(RU_SESSION) == len(AR_SESSION) == 20
    assert RU_MEETING_REF[2] == "третьему" and RU_MEETING[22] == "двадцать третье" and FR[20] == "vingt et unième"


# -- the words, through the language's [ordinals] and its catalogue's patterns ------------------------
@pytest.fixture(scope="module")
def names():
    """Each language's heading and reference names, as the Localizer makes them from the catalogue."""
    from compendium.messages.translations import translations
    from compendium.localize.strings import load_strings
    strings = load_strings(ROOT / "templates")
    out = {}
    for lang in LANGS:
        style = load_style(lang, ROOT / "locales")
        table = translations(ROOT / "locales", lang)

        def ui(key, ordinal, table=table):
            return (table.get((key, strings[key])) or strings[key]).format(ordinal=ordinal)
        out[lang] = (lambda n, s=style, ui=ui: ui("meeting.name", s.ordinal("meeting", n)),
                     lambda n, s=style, ui=ui: ui("meeting.ref", s.ordinal("meeting_ref", n)),
                     lambda n, s=style, ui=ui: ui("session.name", s.ordinal("session", n)),
                     lambda n, s=style: s.number(s.labels["chapter"], n))
    return out


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("n", MEETINGS)
def test_meeting_names(names, lang, n):
    heading, ref, _, _ = names[lang]
    assert heading(n) == NAMES[lang][0](n)
    assert ref(n) == NAMES[lang][1](n)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("n", SESSIONS)
def test_session_names(names, lang, n):
    assert names[lang][2](n) == NAMES[lang][2](n)


@pytest.mark.parametrize("lang", ["ar", "zh"])
@pytest.mark.parametrize("n", MEETINGS)
def test_chapter_labels_in_words(names, lang, n):
    assert names[lang][3](n) == LABEL[lang](n)


# -- whole editions with meetings 12–30 and sessions 9–20 ------------------------------------------
def _clone(src: Path, dest: Path, key: str, n: int, year: int, decision: str | None = None) -> None:
    text = src.read_text(encoding="utf-8")
    text = re.sub(rf"^{key}: \d+", f"{key}: {n}", text, count=1, flags=re.M)
    text = re.sub(r"'(\d{4})-(\d\d)-(\d\d)'", lambda m: f"'{year}-{m.group(2)}-{m.group(3)}'", text)
    if decision:
        text = re.sub(r"^(decision|resolution): \S+", rf"\1: {decision}", text, count=1, flags=re.M)
    dest.write_text("since: 2023\n" + text, encoding="utf-8")      # in the newest edition only


@pytest.fixture(scope="module")
def long_book(tmp_path_factory):
    """The corpus with meetings and sessions up to 30 and 20 (copies of the last 2021 ones where the
    corpus has no chapter yet), built as text proofs in the six languages."""
    p = tmp_path_factory.mktemp("long")
    for name in ("content", "locales", "templates"):
        shutil.copytree(ROOT / name, p / name)
    for n in range(12, 31):
        if not (p / f"content/A/{n:02d}.yaml").exists():
            _clone(p / "content/A/11.yaml", p / f"content/A/{n:02d}.yaml", "meeting", n, 2018 + n)
    for n in range(9, 21):
        if not (p / f"content/B/{n:02d}.yaml").exists():
            _clone(p / "content/B/08.yaml", p / f"content/B/{n:02d}.yaml", "session", n, 2016 + 2 * (n - 8), f"{n}/1")
    r = subprocess.run([sys.executable, "-m", "compendium", "build", "--format", "txt", "--jobs", "2"], cwd=p,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "internal error" not in r.stdout + r.stderr
    return {lang: (p / "build" / lang / "compendium.txt").read_text(encoding="utf-8") for lang in LANGS}


@pytest.mark.parametrize("lang", LANGS)
def test_headings_build_for_meetings_to_30_and_sessions_to_20(long_book, lang):
    proof = long_book[lang]
    for n in (12, 14, 21, 23, 30):
        label = LABEL[lang](n) or f"{roman(n)}."
        sep = "" if label.endswith("、") else " "
        assert re.search(rf"^{re.escape(label + sep + NAMES[lang][0](n))}\W", proof, re.M), (lang, n)
    for n in (9, 12, 20):
        assert re.search(rf"{re.escape(NAMES[lang][2](n))}\W", proof), (lang, n)


# -- settings that are wrong: one line, the file named --------------------------------------------------
@pytest.mark.parametrize("table,message", [
    ({"meeting": {"rules": "%spellout-ordinal-neutre"}, "meeting_ref": {"rules": "%spellout-ordinal"},
      "session": {"rules": "%spellout-ordinal"}}, "is not an ICU spell-out rule set of 'en'"),
    ({"rules": "%spellout-ordinal", "meeting": {}, "session": {}}, "[ordinals.meeting_ref] is missing"),
    ({"rules": "%spellout-ordinal", "meeting": {"capitalise": True}, "meeting_ref": {}, "session": {}},
     "unknown setting 'capitalise'"),
    ({"rules": "%spellout-ordinal", "replace": {"(": "x"}, "meeting": {}, "meeting_ref": {}, "session": {}},
     "replace '('"),
    ({"rules": "%spellout-ordinal", "numeric_from": 11, "numeric": "th", "meeting": {}, "meeting_ref": {},
      "session": {}}, "numeric must be a pattern holding {n}"),
    ({"rules": "%spellout-ordinal", "forms": {"one": "first"}, "meeting": {}, "meeting_ref": {}, "session": {}},
     "forms must map numbers to text"),
    ("first", "[ordinals] must be a table"),
])
def test_bad_ordinals_settings_are_reported(table, message):
    with pytest.raises(CompendiumError) as exc:
        parse(table, "en", "locales/en/style.toml")
    assert message in str(exc.value) and str(exc.value).startswith("locales/en/style.toml: ")


def test_a_language_without_icu_ordinals_writes_figures():
    """Polish has no spell-out ordinal rules in ICU: figures are a setting away."""
    o = parse({"numeric_from": 1, "numeric": "{n}.", "meeting": {}, "meeting_ref": {}, "session": {}}, "pl", "x")
    assert o.word("meeting", 14) == "14."
