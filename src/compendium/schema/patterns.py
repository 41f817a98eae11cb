"""Patterns filled with str.format: what may stand between their braces."""
from __future__ import annotations

import re
import string
from collections.abc import Iterable

from .specs import PatternCheck


def format_fields(allowed: Iterable[str], required: Iterable[str] = ()) -> PatternCheck:
    """A pattern filled with str.format: only plain {name} fields from `allowed`, braces doubled to be
    literal, and every field in `required` present (it carries text that would otherwise be lost)."""
    allowed, required = tuple(allowed), tuple(required)
    shown = " ".join(f"{{{a}}}" for a in allowed) or "none"

    def check(value: str) -> str | None:
        names = fields(value)
        if isinstance(names, str):
            return f"{names} (fields here: {shown}; write {{{{ or }}}} for a literal brace)"
        for name in names:
            if name not in allowed:
                return f"has an unknown field {{{name}}} (fields here: {shown})"
        for name in required:
            if name not in names:
                return f"must contain {{{name}}} (fields here: {shown})"
        return None
    return check


def fields(pattern: str) -> list[str] | str:
    """The {field} names of a str.format pattern, or what is wrong with it (a text)."""
    out: list[str] = []
    try:
        for _, name, spec, conversion in string.Formatter().parse(pattern):
            if name is None:
                continue
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*|\d+", name) or spec or conversion:
                whole = name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
                return f"has {{{whole}}}, which is not a plain {{name}} field"
            out.append(name)
    except ValueError as exc:
        return f"is not a valid pattern: {exc}"
    return out

