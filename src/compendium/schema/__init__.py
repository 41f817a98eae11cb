"""One validation layer for the values of the data files (style.toml, edition.toml, strings.yaml,
the build manifest): each file's shape is declared once, beside its reader, and checked once when
the file is read. A value of the wrong kind, out of range, an unknown setting or a missing one is
one line, `file:line: what is wrong (what to do)`, exit 2 — never a traceback later, never a value
printed as Python wrote it (`['Decision']`) or silently ignored.

Specs: Text (optionally a pattern check of its {fields}), Choice, Flag, Number, Length, List, Table,
Maybe (null allowed) and Check (a function, for what a spec cannot say). Lines come from the text of
the file: `toml_lines`, `json_lines`, or the YAML reader's key lines.

The modules: source (Source: a file's name and key lines; `kind`: a value as a message names it),
specs (the Spec classes and `validate`), patterns (what may stand between the braces of a
str.format pattern), lines (the line of each TOML/JSON key; a TOML or UTF-8 file read with its
Source). Import the names from `compendium.schema`.
"""
from .lines import json_lines, toml_lines, toml_source, utf8
from .patterns import fields, format_fields
from .source import Source, kind
from .specs import ANYTHING, Check, Choice, Flag, Length, List, Maybe, Number, Table, Text, length_points, validate

__all__ = ["ANYTHING", "Check", "Choice", "Flag", "Length", "List", "Maybe", "Number", "Source", "Table", "Text",
           "fields", "format_fields", "json_lines", "kind", "length_points", "toml_lines", "toml_source", "utf8",
           "validate"]
