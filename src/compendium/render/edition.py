"""Edition settings: what a writer needs besides the localized tree (page geometry, fonts, options)."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import CompendiumError
from ..localize.conventions import Style

HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")       # a colour both writers can write: CSS and w:fill


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
    _check(data, str(path), complete=True)
    _check(style.edition, style.path, complete=False)
    for table, values in style.edition.items():
        if isinstance(values, dict):
            data.setdefault(table, {}).update(values)
        else:
            data[table] = values
    return Edition(style, templates, data, print_marks)


# settings checked when read (the [page], [type] and [pdf] lengths are checked as the PDF uses them)
_REQUIRED = {"index": ("shade",),
             "docx": ("index_columns", "cover_lines", "title_page_lines", "copyright_lines", "back_cover_lines")}
INDEX_COLUMNS = 5            # topic, document symbol, resolution or decision, paragraphs, compendium


def _check(data: dict[str, Any], shown: str, complete: bool) -> None:
    """One error per bad setting, naming the file and the setting; `complete`: all must be there."""
    def bad(table: str, key: str, problem: str, hint: str) -> CompendiumError:
        return CompendiumError(f"[{table}] {key} {problem}", shown, hint=hint)

    for table, keys in _REQUIRED.items():
        values = data.get(table, {})
        if not isinstance(values, dict):
            raise CompendiumError(f"[{table}] must be a table of settings", shown, hint="see templates/edition.toml")
        for key in keys:
            if key not in values:
                if complete:
                    raise bad(table, key, "is missing", "restore it from templates/edition.toml in the repository")
                continue
            value = values[key]
            if (table, key) == ("index", "shade") and not (isinstance(value, str) and HEX_COLOUR.fullmatch(value)):
                raise bad(table, key, f"= {value!r} is not a colour", 'write "#rrggbb", e.g. "#d9d9d9"')
            if key == "index_columns" and not (
                    isinstance(value, list) and len(value) == INDEX_COLUMNS
                    and all(isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0 for v in value)
                    and abs(sum(value) - 1) < 0.01):
                raise bad(table, key, f"= {value!r} is not {INDEX_COLUMNS} widths that add up to 1",
                          "give each column its part of the text width, e.g. [0.17, 0.25, 0.13, 0.17, 0.28]")
            if key.endswith("_lines") and not (
                    isinstance(value, list) and value and all(isinstance(v, str) and v for v in value)):
                raise bad(table, key, f"= {value!r} is not a list of paragraph style names",
                          'e.g. ["Title Page Text", "Title Page Title"] (styles of templates/reference.docx)')
