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
