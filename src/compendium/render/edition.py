"""Edition settings: what a writer needs besides the localized tree (page geometry, fonts, options)."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import CompendiumError
from ..localize.conventions import Style


@dataclass
class Edition:
    style: Style                       # the language's conventions (direction, fonts, emphasis …)
    templates: Path                    # templates folder: Jinja2/CSS, reference.docx, strings
    settings: dict[str, Any] = field(default_factory=dict)  # templates/edition.toml + style [edition]
    print_marks: bool = False          # --print: bleed and crop marks


def load_edition(style: Style, templates: Path, print_marks: bool = False) -> Edition:
    """Read templates/edition.toml and apply the language's [edition] overrides, table by table."""
    path = templates / "edition.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CompendiumError("no edition settings", str(path),
                              hint="restore templates/edition.toml from the repository") from None
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        raise CompendiumError(f"TOML syntax error: {exc}", str(path), int(line.group(1)) if line else None) from None
    for table, values in style.edition.items():
        if isinstance(values, dict):
            data.setdefault(table, {}).update(values)
        else:
            data[table] = values
    return Edition(style, templates, data, print_marks)
