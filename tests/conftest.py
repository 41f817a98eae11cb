import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

# Each edition's view of the corpus is loaded, localized and proofed once per test session. Tests of
# the published book (fidelity, the published index and its errata, pagination, totals) name the
# 2021 view explicitly; the default edition of the tool is the newest, the 2023 draft.


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def _book(edition: str):
    from compendium.corpus.loader import load_book
    return load_book(ROOT / "content", edition)


def _en(book):
    from compendium.localize.localizer import localize
    return localize(book, "en", ROOT / "locales", ROOT / "templates")


def _proof(tree) -> str:
    from compendium.render.text import render_text
    return render_text(tree)


@pytest.fixture(scope="session")
def book_2021():
    return _book("2021")


@pytest.fixture(scope="session")
def en_2021(book_2021):
    return _en(book_2021)


@pytest.fixture(scope="session")
def proof_2021(en_2021) -> str:
    return _proof(en_2021)


@pytest.fixture(scope="session")
def book_2023():
    return _book("2023")


@pytest.fixture(scope="session")
def en_2023(book_2023):
    return _en(book_2023)


@pytest.fixture(scope="session")
def proof_2023(en_2023) -> str:
    return _proof(en_2023)


LANGS = ["en", "ar", "zh", "fr", "es", "ru"]
MAIN = ["en", "ar", "zh"]           # read closely; fr, es, ru get the smoke tests


def localized(lang: str, edition: str = "2021"):
    """A language's localized tree of an edition as the build makes it (its catalogue's translations)."""
    from compendium.corpus.loader import load_book
    from compendium.localize.localizer import localize
    from compendium.messages.translations import translations
    table = translations(ROOT / "locales", lang)
    return localize(load_book(ROOT / "content", edition), lang, ROOT / "locales", ROOT / "templates",
                    lambda ctx, msgid: table.get((ctx, msgid)))


@pytest.fixture(scope="session")
def pdf_editions(tmp_path_factory) -> dict:
    """The published 2021 book's six PDF editions (build/2021/<lang>/), built once per test session
    (two processes): lang -> (path, tree)."""
    from editions import build
    out = tmp_path_factory.mktemp("pdf")
    trees = {lang: localized(lang) for lang in LANGS}      # what the build reads, read at the same time
    build(ROOT / "content", LANGS, ["pdf"], out, ROOT / "locales", ROOT / "templates", jobs=2, force=True,
          edition="2021")
    return {lang: (out / "2021" / lang / "compendium.pdf", trees[lang]) for lang in LANGS}


@pytest.fixture(scope="session")
def pdf_drafts(tmp_path_factory) -> dict:
    """The 2023 draft edition, the newest (build/<lang>/), in the languages read closely: lang -> (path, tree)."""
    from editions import build
    out = tmp_path_factory.mktemp("pdf2023")
    trees = {lang: localized(lang, "2023") for lang in MAIN}
    build(ROOT / "content", MAIN, ["pdf"], out, ROOT / "locales", ROOT / "templates", jobs=2, force=True)
    return {lang: (out / lang / "compendium.pdf", trees[lang]) for lang in MAIN}