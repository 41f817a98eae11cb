import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def book():
    from compendium.corpus.loader import load_book
    return load_book(ROOT / "content")


@pytest.fixture(scope="session")
def en(book):
    from compendium.localize.localizer import localize
    return localize(book, "en", ROOT / "locales", ROOT / "templates")


@pytest.fixture(scope="session")
def en_proof(en) -> str:
    from compendium.render.text import render_text
    return render_text(en)


LANGS = ["en", "ar", "zh", "fr", "es", "ru"]


def localized(lang: str):
    """A language's localized tree as the build makes it (its catalogue's translations)."""
    from compendium.corpus.loader import load_book
    from compendium.localize.localizer import localize
    from compendium.messages.catalog import translations
    table = translations(ROOT / "locales", lang)
    return localize(load_book(ROOT / "content"), lang, ROOT / "locales", ROOT / "templates",
                    lambda ctx, msgid: table.get((ctx, msgid)))


@pytest.fixture(scope="session")
def pdf_editions(tmp_path_factory) -> dict:
    """The six PDF editions, built once per test session (two processes): lang -> (path, tree)."""
    from editions import build
    out = tmp_path_factory.mktemp("pdf")
    trees = {lang: localized(lang) for lang in LANGS}      # what the build reads, read at the same time
    build(ROOT / "content", LANGS, ["pdf"], out, ROOT / "locales", ROOT / "templates", jobs=2, force=True)
    return {lang: (out / lang / "compendium.pdf", trees[lang]) for lang in LANGS}
