"""The PDF templates held to account: a CSS slip is an error with its file and line, not a quieter book.

WeasyPrint recovers from bad CSS as browsers do: a declaration it cannot read is dropped with a
warning, and a missing `}` silently nests the rest of the sheet inside one rule (the book loses
pages, exit 0). Here each style sheet's source is scanned first (braces, brackets, parentheses,
strings and comments must close; Jinja tags are blanked, so lines are the template's own), and every
warning WeasyPrint logs while it reads the sheets and lays the book out is raised as an error that
names the template file and, where the warning's text can be found there, its line.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager

from ...errors import CompendiumError

LOGGER = "weasyprint"
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_AT = re.compile(r" at (\d+):(\d+)")
_QUOTED = re.compile(r"`([^`]+)`|'([^']+)'|\"([^\"]+)\"")
_CLOSE = {"}": "{", ")": "(", "]": "["}
_HINT = "fix the style sheet or restore it from git"


def _blank(match: re.Match) -> str:
    """A Jinja construct as spaces (its line breaks kept), so CSS lines stay the template's lines."""
    return re.sub(r"[^\n]", " ", match.group()[:-1]) + "0" if match.group().startswith("{{") else \
        re.sub(r"[^\n]", " ", match.group())


def check_css_source(source: str, shown: str) -> None:
    """Raise on a block, bracket, string or comment that is never closed (or closed but not opened)."""
    text = _JINJA.sub(_blank, source)
    stack: list[tuple[str, int]] = []
    line, i, n = 1, 0, len(text)
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            if end < 0:
                raise CompendiumError("CSS: a comment '/*' is never closed", shown, line, hint="add */")
            line += text.count("\n", i, end)
            i = end + 2
            continue
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            if j >= n or text[j] == "\n":
                raise CompendiumError(f"CSS: a string ({c}…) is never closed on its line", shown, line,
                                      hint=f"add the closing {c}")
            line += text.count("\n", i, j)          # a line break escaped inside the string
            i = j + 1
            continue
        elif c == "\\":
            i += 2
            continue
        elif c in "{([":
            stack.append((c, line))
        elif c in "})]":
            if not stack or stack[-1][0] != _CLOSE[c]:
                opened = f" (the {stack[-1][0]!r} of line {stack[-1][1]} is still open)" if stack else ""
                raise CompendiumError(f"CSS: {c!r} closes nothing{opened}", shown, line, hint=_HINT)
            stack.pop()
        i += 1
    if stack:
        c, opened = stack[-1]
        closer = {v: k for k, v in _CLOSE.items()}[c]
        raise CompendiumError(f"CSS: the {c!r} opened here is never closed: the rest of the sheet would be "
                              f"read as part of this rule", shown, opened, hint=f"add the missing {closer!r}")


@contextmanager
def warnings_as_errors(shown: str, source: str = "", rendered: str = "") -> Iterator[None]:
    """Raise the first warning WeasyPrint logs inside the block as an error on `shown` (a template)."""
    records: list[logging.LogRecord] = []

    class _Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    logger = logging.getLogger(LOGGER)
    handler = _Keep(logging.WARNING)
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
    if records:
        message = records[0].getMessage()
        more = f" (and {len(records) - 1} more)" if len(records) > 1 else ""
        raise CompendiumError(f"WeasyPrint: {message}{more}", shown, source_line(message, source, rendered),
                              hint=_HINT)


def source_line(message: str, source: str, rendered: str) -> int | None:
    """The template line a WeasyPrint message is about: its 'at L:C' when the sheet is rendered as
    written, else the first line holding the text it quotes (`colr: red`, 'missing-anchor')."""
    lines = source.splitlines()
    at = _AT.search(message)
    if at and source and source == rendered:
        return int(at.group(1))
    wanted = []
    if at and rendered:
        rendered_lines = rendered.splitlines()
        k = int(at.group(1)) - 1
        if 0 <= k < len(rendered_lines) and rendered_lines[k].strip():
            wanted.append(rendered_lines[k].strip())
    quoted = [next(g for g in m.groups() if g) for m in _QUOTED.finditer(message)]
    wanted += quoted + [q.split(":")[0] + ":" for q in quoted if re.match(r"^[a-z-]+:", q)]   # the property
    for text in wanted:
        for number, line in enumerate(lines, 1):
            if text.strip("#") and text.strip("#") in line:
                return number
    return None


def counter_styles(sheets: list[str]) -> set[str]:
    """The counter styles a folio may use: WeasyPrint's predefined ones and those our sheets define."""
    import weasyprint.css
    from pathlib import Path
    ua = (Path(weasyprint.css.__file__).parent / "html5_ua.css").read_text(encoding="utf-8")
    return {name for text in [ua, *sheets] for name in re.findall(r"@counter-style\s+([A-Za-z][\w-]*)", text)}
