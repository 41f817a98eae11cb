"""Errors a user can act on: where the problem is, what is wrong, what to do."""
from __future__ import annotations


class CompendiumError(Exception):
    """Bad input (exit 2): carries the file, line and column it concerns."""

    def __init__(self, message: str, file: str | None = None, line: int | None = None,
                 col: int | None = None, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.col = col
        self.hint = hint

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = self.file
            if self.line:
                where += f":{self.line}"
                if self.col:
                    where += f":{self.col}"
            where += ": "
        text = where + self.message
        if self.hint:
            text += f" ({self.hint})"
        return text


class Problem:
    """A finding of `validate` or `check`: an error, or a warning that does not fail."""

    __slots__ = ("file", "line", "message", "severity")

    def __init__(self, message: str, file: str | None = None, line: int | None = None,
                 severity: str = "error") -> None:
        self.message = message
        self.file = file
        self.line = line
        self.severity = severity

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}: " if self.file and self.line else (f"{self.file}: " if self.file else "")
        tag = "" if self.severity == "error" else f"{self.severity}: "
        return f"{where}{tag}{self.message}"
