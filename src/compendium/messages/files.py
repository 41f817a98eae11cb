"""Where a language's catalogue lives: locales/<lang>/LC_MESSAGES/compendium.po (light: the build's
hashes need the path without loading Babel)."""
from __future__ import annotations

from pathlib import Path

DOMAIN = "compendium"


def po_path(locales: Path, lang: str) -> Path:
    return Path(locales) / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
