"""Edition settings: what a writer needs besides the localized tree (page geometry, fonts, options)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import CompendiumError
from ..localize.conventions import Style
from ..schema import (Check, Flag, Length, List, Number, Source, Table, Text, length_points, toml_source, utf8,
                      validate)

WORD_PAGE = 22 * 72.0          # Word's largest page side: 22 in (the DOCX edition must open)
LARGEST_TYPE = 1638.0          # Word's largest type size, in points
_IDENT = re.compile(r"^[a-z][a-z0-9-]*$")
_VARIANT = re.compile(r"^(pdf/[a-z0-9-]+)?$")
HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")       # a colour both writers can write: CSS and w:fill
INDEX_COLUMNS = 5            # topic, document symbol, resolution or decision, paragraphs, compendium


def _css_ident(value: str) -> str | None:
    return None if _IDENT.match(value) else f"= {value!r} is not a CSS counter style such as \"lower-roman\""


def _colour(value: str) -> str | None:
    return None if HEX_COLOUR.fullmatch(value) else f"= {value!r} is not a colour"


def _widths(value: list) -> str | None:
    return None if abs(sum(value) - 1) < 0.01 else f"= {value!r}: the {INDEX_COLUMNS} widths must add up to 1"


PAGE_SIDE = Length(72, WORD_PAGE, why=" (from 1 in to Word's largest page, 22 in)")
MARGIN = Length(0, WORD_PAGE, above=False)
TYPE_SIZE = Length(1, LARGEST_TYPE, above=False)
# The shape of templates/edition.toml (what each setting does is said there); a language's [edition]
# table in its style.toml overrides any of them and is checked against the same shape.
EDITION = Table({
    "page": Table({"width": PAGE_SIDE, "height": PAGE_SIDE, "margin_top": MARGIN, "margin_bottom": MARGIN,
                   "margin_inner": MARGIN, "margin_outer": MARGIN, "bleed": Length(0, 72, above=False)},
                  required=("width", "height", "margin_top", "margin_bottom", "margin_inner", "margin_outer",
                            "bleed")),
    "type": Table({"body_size": TYPE_SIZE, "note_size": TYPE_SIZE, "line_height": Number(0.5, 5)},
                  required=("body_size", "note_size", "line_height")),
    "pdf": Table({"indent": MARGIN, "label_gap_pt": Number(0, 72), "index_size": TYPE_SIZE,
                  "front_numbering": Check(Text(), _css_ident), "body_numbering": Check(Text(), _css_ident),
                  "pdf_variant": Check(Text(empty=True), lambda v: None if _VARIANT.match(v) else
                                       f"= {v!r} is not a PDF variant such as \"pdf/ua-1\" (\"\" for none)"),
                  "max_unbreakable": Number(10, 10_000, whole=True)},
                 required=("indent", "index_size", "front_numbering", "max_unbreakable")),
    "index": Table({"shade": Check(Text(), _colour, hint='write "#rrggbb", e.g. "#d9d9d9"')}, required=("shade",)),
    "docx": Table({"index_columns": Check(List(Number(0, 1, above=True), INDEX_COLUMNS, INDEX_COLUMNS), _widths,
                                          hint="give each column its part of the text width, "
                                               "e.g. [0.17, 0.25, 0.13, 0.17, 0.28]"),
                   **{f"{name}_lines": List(Text(), 1) for name in ("cover", "title_page", "copyright", "back_cover")}},
                  required=("index_columns", "cover_lines", "title_page_lines", "copyright_lines",
                            "back_cover_lines")),
    "print": Table({"pdf_variant": Check(Text(), lambda v: None if _VARIANT.match(v) else
                                         f"= {v!r} is not a PDF variant such as \"pdf/x-4\""),
                    "output_profile": Text()}, required=("pdf_variant", "output_profile")),
    "unofficial": Flag(),
}, required=("page", "type", "pdf", "index", "docx", "print"), hint="see templates/edition.toml in the repository")



@dataclass
class Edition:
    style: Style                       # the language's conventions (direction, fonts, emphasis …)
    templates: Path                    # templates folder: Jinja2/CSS, reference.docx, strings
    settings: dict[str, Any] = field(default_factory=dict)  # templates/edition.toml + style [edition]
    print_marks: bool = False          # --print: bleed and crop marks
    source: Source | None = None       # where templates/edition.toml sets each value

    def error(self, path: tuple, message: str, hint: str | None = None) -> CompendiumError:
        """A problem with a setting, at the line that set it (edition.toml, or the language's override)."""
        override = self.style.edition
        for key in path[:-1]:
            override = override.get(key, {}) if isinstance(override, dict) else {}
        if isinstance(override, dict) and path[-1] in override and self.style.source is not None:
            return self.style.source.under(("edition",)).error(path, message, hint)
        if self.source is not None:
            return self.source.error(path, message, hint)
        return CompendiumError(f"{'.'.join(path)} {message}", hint=hint)


def load_edition(style: Style, templates: Path, print_marks: bool = False) -> Edition:
    """Read templates/edition.toml and apply the language's [edition] overrides, table by table;
    every value is checked against EDITION, with the line of the file that set it."""
    path = templates / "edition.toml"
    try:
        text = utf8(path.read_bytes(), str(path))
    except FileNotFoundError:
        raise CompendiumError("no edition settings", str(path),
                              hint="restore templates/edition.toml from the repository") from None
    except OSError as exc:
        raise CompendiumError(f"cannot read: {exc.strerror or exc}", str(path),
                              hint="it must be a text file; restore it from the repository") from None
    data, src = toml_source(text, str(path))
    validate(data, EDITION, src)
    if style.source is not None:
        validate(style.edition, EDITION, style.source.under(("edition",)), partial=True)
    for table, values in style.edition.items():
        if isinstance(values, dict):
            data.setdefault(table, {}).update(values)
        else:
            data[table] = values
    edition = Edition(style, templates, data, print_marks, src)
    _text_area(edition)
    return edition


def _text_area(edition: Edition) -> None:
    """The margins must leave a text area: at least an inch each way."""
    page = edition.settings["page"]
    for side, first, second in (("width", "margin_inner", "margin_outer"), ("height", "margin_top", "margin_bottom")):
        left = length_points(page[side]) - length_points(page[first]) - length_points(page[second])
        if left < 72:
            raise edition.error(("page", side), f"= {page[side]!r} leaves a text area {max(left, 0) / 72 * 25.4:.0f}mm "
                                f"{'wide' if side == 'width' else 'high'} inside {first} = {page[first]!r} and "
                                f"{second} = {page[second]!r}", hint="the text area must be at least 1 in (25.4mm)")
