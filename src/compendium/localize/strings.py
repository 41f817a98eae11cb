"""The fixed strings and patterns of the templates (`templates/strings.yaml`), in English,
keyed by the context the catalogues give them as msgctxt ("running_head.index")."""
from __future__ import annotations

from pathlib import Path

from ..corpus.yamlio import Map, load
from ..errors import CompendiumError


def read_strings(path: Path, shown: str) -> Map:
    """strings.yaml as read, with the line of each key; bad input is a one-line error."""
    strings = load(path, shown)
    if not isinstance(strings, Map):
        raise CompendiumError("strings.yaml maps keys to English text", shown,
                              hint="restore templates/strings.yaml from git")
    return strings


def load_strings(templates: Path) -> dict[str, str]:
    """The English fixed strings and patterns, keyed by context."""
    if not Path(templates).is_dir():
        raise CompendiumError("templates folder not found", str(templates),
                              hint="run from the project folder, or pass --templates")
    path = Path(templates) / "strings.yaml"
    return {k: str(v) for k, v in read_strings(path, str(path)).items()}


def place(key: str) -> str:
    """Where a template string appears, as catalogues say it: 'running head (running_head.index)'."""
    return f"{key.split('.')[0].replace('_', ' ')} ({key})"
