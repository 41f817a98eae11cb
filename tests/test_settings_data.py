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

def test_the_docx_language_is_the_language_tag_of_style_toml(book, data):
    edit(data / "locales" / "fr" / "style.toml", 'language_tag = "fr-FR"', 'language_tag = "fr-CA"')
    edit(data / "locales" / "en" / "style.toml", 'language_tag = "en-GB"', 'language_tag = "en-US"')
    parts = docx_parts(book, data, "fr")
    assert '<w:lang w:val="fr-CA"/>' in parts["word/styles.xml"]                 # every run's default
    assert '<w:themeFontLang w:val="fr-CA"/>' in parts["word/settings.xml"]
    assert "<dc:language>fr-CA</dc:language>" in parts["docProps/core.xml"]
    assert '<w:lang w:val="en-US"/>' in parts["word/document.xml"]              # English shown for a missing text
    assert not [name for name, xml in parts.items() if "fr-FR" in xml or "en-GB" in xml]


def test_east_asian_text_takes_word_s_east_asian_slots(book, data):
    zh = docx_parts(book, data, "zh")
    assert re.search(r'<w:lang w:val="zh-CN" w:eastAsia="zh-CN"/>', zh["word/styles.xml"])
    assert 'w:eastAsia="Noto Serif CJK SC"' in zh["word/styles.xml"]
    edit(data / "locales" / "fr" / "style.toml", 'language_tag = "fr-FR"', 'language_tag = "fr-FR"\neast_asian = true')
    fr = docx_parts(book, data, "fr")
    assert '<w:lang w:val="fr-FR" w:eastAsia="fr-FR"/>' in fr["word/styles.xml"]
    assert '<w:themeFontLang w:val="fr-FR" w:eastAsia="fr-FR"/>' in fr["word/settings.xml"]
    edit(data / "locales" / "zh" / "style.toml", "east_asian = true", "east_asian = false")
    zh = docx_parts(book, data, "zh")
    assert 'w:eastAsia="zh-CN"' not in zh["word/styles.xml"] + zh["word/settings.xml"]


@pytest.mark.parametrize("old,new,fragment", [
    ('language_tag = "fr-FR"', 'language_tag = "French"', "language_tag = 'French' is not a language tag of 'fr'"),
    ('language_tag = "fr-FR"', 'language_tag = "de-DE"', "language_tag = 'de-DE' is not a language tag of 'fr'"),
    ('language_tag = "fr-FR"', 'language_tag = 33', "language_tag = 33 is not a language tag"),
    ('language_tag = "fr-FR"', 'language_tag = "fr-FR"\neast_asian = "yes"', "east_asian = 'yes' must be true or false"),
])
def test_a_bad_language_setting_names_the_file_and_setting(data, old, new, fragment):
    edit(data / "locales" / "fr" / "style.toml", old, new)
    with pytest.raises(CompendiumError) as exc:
        load_style("fr", data / "locales")
    assert str(exc.value).startswith(str(data / "locales" / "fr" / "style.toml") + ": ")
    assert fragment in str(exc.value)
