"""Facts the writers take from the data files, not from code: change a setting and the output
follows it; a bad value is one error naming the file and the setting (README, "Language
conventions" and "Editions")."""
from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from compendium.errors import CompendiumError
from compendium.localize.conventions import load_style
from compendium.localize.localizer import localize
from compendium.render.docx.writer import render as render_docx
from compendium.render.edition import load_edition

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def data(tmp_path) -> Path:
    """Copies of locales/ and templates/, to edit."""
    for name in ("locales", "templates"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def docx_parts(book, data: Path, lang: str) -> dict[str, str]:
    """The XML parts of the DOCX edition of `lang` built from the copies (untranslated: every text
    is English shown for a missing translation)."""
    tree = localize(book, lang, data / "locales", data / "templates")
    edition = load_edition(load_style(lang, data / "locales"), data / "templates")
    package = zipfile.ZipFile(io.BytesIO(render_docx(tree, edition)))
    return {name: package.read(name).decode("utf-8") for name in package.namelist() if name.endswith(".xml")}


# -- locales/<lang>/style.toml -------------------------------------------------------------------

def test_the_docx_language_is_the_language_and_region_of_style_toml(book_2021, data):
    edit(data / "locales" / "fr" / "style.toml", 'region = "FR"', 'region = "CA"')
    edit(data / "locales" / "en" / "style.toml", 'region = "GB"', 'region = "US"')
    parts = docx_parts(book_2021, data, "fr")
    assert '<w:lang w:val="fr-CA"/>' in parts["word/styles.xml"]                 # every run's default
    assert '<w:themeFontLang w:val="fr-CA"/>' in parts["word/settings.xml"]
    assert "<dc:language>fr-CA</dc:language>" in parts["docProps/core.xml"]
    assert '<w:lang w:val="en-US"/>' in parts["word/document.xml"]              # English shown for a missing text
    assert not [name for name, xml in parts.items() if "fr-FR" in xml or "en-GB" in xml]
    edit(data / "locales" / "fr" / "style.toml", 'region = "CA"', 'region = ""')     # the language alone
    assert "<dc:language>fr</dc:language>" in docx_parts(book_2021, data, "fr")["docProps/core.xml"]


def test_east_asian_text_takes_word_s_east_asian_slots(book_2021, data):
    zh = docx_parts(book_2021, data, "zh")
    assert re.search(r'<w:lang w:val="zh-CN" w:eastAsia="zh-CN"/>', zh["word/styles.xml"])
    assert 'w:eastAsia="Noto Serif CJK SC"' in zh["word/styles.xml"]
    edit(data / "locales" / "fr" / "style.toml", 'region = "FR"', 'region = "FR"\neast_asian = true')
    fr = docx_parts(book_2021, data, "fr")
    assert '<w:lang w:val="fr-FR" w:eastAsia="fr-FR"/>' in fr["word/styles.xml"]
    assert '<w:themeFontLang w:val="fr-FR" w:eastAsia="fr-FR"/>' in fr["word/settings.xml"]
    edit(data / "locales" / "zh" / "style.toml", "east_asian = true", "east_asian = false")
    zh = docx_parts(book_2021, data, "zh")
    assert 'w:eastAsia="zh-CN"' not in zh["word/styles.xml"] + zh["word/settings.xml"]


@pytest.mark.parametrize("old,new,fragment", [
    ('region = "FR"', 'region = "France"', "region = 'France' is not a country code"),
    ('region = "FR"', 'region = "fr-FR"', "region = 'fr-FR' is not a country code"),
    ('region = "FR"', 'region = 33', "region must be text, not the number 33"),
    ('region = "FR"', 'region = "FR"\neast_asian = "yes"', "east_asian must be true or false, not the text 'yes'"),
])
def test_a_bad_language_setting_names_the_file_and_setting(data, old, new, fragment):
    edit(data / "locales" / "fr" / "style.toml", old, new)
    with pytest.raises(CompendiumError) as exc:
        load_style("fr", data / "locales")
    assert re.match(re.escape(str(data / "locales" / "fr" / "style.toml")) + r":\d+: ", str(exc.value))
    assert fragment in str(exc.value)


# -- templates/edition.toml ---------------------------------------------------------------------

def html_sheets(book, data: Path, lang: str) -> tuple[str, str]:
    """The PDF edition's HTML and its style sheets (one text), from the copies."""
    from compendium.render.pdf.writer import render_html
    tree = localize(book, lang, data / "locales", data / "templates")
    html, sheets = render_html(tree, load_edition(load_style(lang, data / "locales"), data / "templates"))
    return html, "\n".join(sheets)


def test_the_grey_of_conference_rows_is_one_setting_for_both_editions(book_2021, data):
    edit(data / "templates" / "edition.toml", 'shade = "#d9d9d9"', 'shade = "#c0ffee"')
    assert set(re.findall(r'w:fill="(\w+)"', docx_parts(book_2021, data, "en")["word/document.xml"])) == {"C0FFEE"}
    _, css = html_sheets(book_2021, data, "en")
    assert ".index-table tr.shaded > td { background: #c0ffee; }" in css and "d9d9d9" not in css.lower()


@pytest.mark.parametrize("old,new,fragment", [
    ('shade = "#d9d9d9"', 'shade = "grey"', "[index] shade = 'grey' is not a colour"),
    ('shade = "#d9d9d9"', 'shade = "#d9d9d9; } body { display: none"', "[index] shade = '#d9d9d9; } body"),
    ('shade = "#d9d9d9"', '', "[index] has no 'shade'"),
    ("index_columns = [0.17, 0.25, 0.13, 0.17, 0.28]", "index_columns = [0.5, 0.5]",
     "[docx] index_columns must be a list of 5 (a number more than 0 to 1); it has 2"),
    ("index_columns = [0.17, 0.25, 0.13, 0.17, 0.28]", "index_columns = [0.17, 0.25, 0.13, 0.17, 0.38]",
     "the 5 widths must add up to 1"),
    ("index_columns = [0.17, 0.25, 0.13, 0.17, 0.28]", 'index_columns = "wide"',
     "[docx] index_columns must be a list of 5 (a number more than 0 to 1), not the text 'wide'"),
    ('copyright_lines = ["Copyright Text"]', "copyright_lines = []",
     "[docx] copyright_lines must be a list of at least 1 (text); it has 0"),
    ('back_cover_lines = ["Back Cover Text"]', 'back_cover_lines = "Back Cover Text"',
     "[docx] back_cover_lines must be a list of at least 1 (text), not the text 'Back Cover Text'"),
    ('title_page_lines = ["Title Page Text", "Title Page Title", "Title Page Text"]', "",
     "[docx] has no 'title_page_lines'"),
])
def test_a_bad_edition_setting_names_the_file_and_setting(data, old, new, fragment):
    edit(data / "templates" / "edition.toml", old, new)
    with pytest.raises(CompendiumError) as exc:
        load_edition(load_style("en", data / "locales"), data / "templates")
    assert re.match(re.escape(str(data / "templates" / "edition.toml")) + r":\d+: ", str(exc.value))
    assert fragment in str(exc.value)


def test_a_bad_override_in_style_toml_names_that_file(data):
    path = data / "locales" / "fr" / "style.toml"
    path.write_text(path.read_text(encoding="utf-8") + '\n[edition.index]\nshade = "#12345"\n', encoding="utf-8")
    with pytest.raises(CompendiumError, match=re.escape(f"{path}:") + r"\d+: " + re.escape("[edition.index] shade = '#12345' is not a colour")):
        load_edition(load_style("fr", data / "locales"), data / "templates")


def _grid(document: str) -> list[int]:
    return [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"/>', document)]


def test_docx_index_columns_are_edition_settings_a_language_may_override(book_2021, data):
    en = _grid(docx_parts(book_2021, data, "en")["word/document.xml"])
    assert len(en) == 5 and [round(w / sum(en), 2) for w in en] == [0.17, 0.25, 0.13, 0.17, 0.28]
    path = data / "locales" / "ar" / "style.toml"                 # as the PDF's lang-ar.css does
    path.write_text(path.read_text(encoding="utf-8")
                    + "\n[edition.docx]\nindex_columns = [0.20, 0.26, 0.14, 0.19, 0.21]\n", encoding="utf-8")
    ar = _grid(docx_parts(book_2021, data, "ar")["word/document.xml"])
    assert sum(ar) == sum(en) and [round(w / sum(ar), 2) for w in ar] == [0.20, 0.26, 0.14, 0.19, 0.21]


def test_the_styles_of_the_cover_and_title_page_lines_are_edition_settings(book_2021, data):
    def first_styles(document: str, text: str) -> str:
        para = next(p for p in re.findall(r"<w:p>.*?</w:p>", document) if f">{text}<" in p)
        return re.search(r'<w:pStyle w:val="([^"]+)"/>', para).group(1)
    document = docx_parts(book_2021, data, "en")["word/document.xml"]
    assert first_styles(document, "UNODC") == "CoverAcronym"
    assert first_styles(document, "Technical Assistance") == "Title"
    edit(data / "templates" / "edition.toml", 'cover_lines = ["Cover Acronym", "Cover Text", "Title", "Subtitle", '
         '"Cover Text"]', 'cover_lines = ["Title", "Cover Text"]')
    document = docx_parts(book_2021, data, "en")["word/document.xml"]
    assert first_styles(document, "UNODC") == "Title"
    assert first_styles(document, "Technical Assistance") == "CoverText"      # beyond the list: its last


def test_a_style_the_reference_docx_lacks_is_named(book_2021, data):
    edit(data / "templates" / "edition.toml", 'copyright_lines = ["Copyright Text"]', 'copyright_lines = ["Copyleft"]')
    with pytest.raises(CompendiumError, match="no style 'Copyleft' in the DOCX styles template"):
        docx_parts(book_2021, data, "en")


def test_the_build_starts_with_the_languages_style_toml_says_take_longest(data):
    from compendium.build import Settings, plan
    settings = Settings(ROOT / "content", data / "locales", data / "templates", data / "build")
    order = [(j.lang, j.fmt) for j in plan(settings, ["en", "fr", "zh", "ar"], ["txt", "pdf"])]
    assert order[:2] == [("zh", "pdf"), ("ar", "pdf")] and order[-1][1] == "txt"
    edit(data / "locales" / "fr" / "style.toml", 'region = "FR"', 'region = "FR"\nbuild_cost = 5')
    order = [(j.lang, j.fmt) for j in plan(settings, ["en", "fr", "zh", "ar"], ["txt", "pdf"])]
    assert order[:4] == [("fr", "pdf"), ("zh", "pdf"), ("ar", "pdf"), ("fr", "txt")]
    edit(data / "locales" / "fr" / "style.toml", "build_cost = 5", "build_cost = 0")
    with pytest.raises(CompendiumError, match=re.escape(f"{data / 'locales' / 'fr' / 'style.toml'}:") + r"\d+: " +
                       re.escape("build_cost must be a whole number from 1 to 100, not 0")):
        load_style("fr", data / "locales")
    assert plan(settings, ["fr"], ["txt"])[0].lang == "fr"        # planned anyway: the job reports the error


def test_the_help_lists_the_languages_of_the_locales_folder(data):
    import subprocess
    import sys

    def lang_help(command: str) -> str:
        out = subprocess.run([sys.executable, "-m", "compendium", command, "--help"], cwd=data,
                             capture_output=True, text=True, check=True).stdout
        return " ".join(out[out.index("\n  --lang L") + 3:].split("\n  -")[0].split())
    assert lang_help("check") == "--lang L language(s) (default: every locales/<lang>/ but en: ar es fr ru zh)"
    (data / "locales" / "de").mkdir()
    shutil.copy(data / "locales" / "en" / "style.toml", data / "locales" / "de" / "style.toml")
    shutil.rmtree(data / "locales" / "ru")
    assert lang_help("update").endswith("but en: ar de es fr zh)")
