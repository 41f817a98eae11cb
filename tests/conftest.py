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
