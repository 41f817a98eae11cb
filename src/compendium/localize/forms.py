"""The forms a language's style gives on its own: typography, labels and the names of annexes and
parts, days and date ranges, lists and ranges (the base of the Localizer)."""
from __future__ import annotations

import datetime as dt

from ..corpus import numerals
from .conventions import Style


class Forms:
    """One language's typography, numbering, dates and lists, from its style alone."""

    def __init__(self, style: Style) -> None:
        self.style = style

    def typography(self, s: str) -> str:
        chars = self.style.typography.get("nbsp_before", "")
        if chars:
            for c in chars:
                s = s.replace(" " + c, "\u00a0" + c)
        return s

    # -- numbering -----------------------------------------------------------------------------
    def label(self, kind: str, n: int) -> str:
        spec = self.style.labels.get(kind)
        return self.style.number(spec, n) if spec else ""

    def annex_number(self, number: str) -> str:
        """'II' as this language numbers annexes ([labels] annex: "II", "الثاني", "二")."""
        try:
            n = numerals.from_roman(number)
        except ValueError:              # not a roman numeral: printed as it is
            return number
        return self.style.number(self.style.labels.get("annex", "{I}"), n)

    def part_name(self, part: str) -> str:
        """'B' as this language names parts in references ([labels] part_ref: "B", "باء")."""
        return self.style.number(self.style.labels.get("part_ref", "{A}"), ord(part) - 64)

    # -- dates ---------------------------------------------------------------------------------
    def day(self, d: dt.date) -> str:
        first = self.style.dates.get("first_day", "")
        return self.style.localize_digits(first if d.day == 1 and first else str(d.day))

    def date_range(self, start: dt.date, end: dt.date) -> str:
        f = dict(d1=self.day(start), d2=self.day(end), month1=self.style.month(start.month),
                 month2=self.style.month(end.month), year1=self.style.localize_digits(str(start.year)),
                 year2=self.style.localize_digits(str(end.year)))
        if start == end:
            form = "single"
        elif start.year != end.year:
            form = "across_years"
        elif start.month != end.month:
            form = "across_months"
        elif (end - start).days == 1:
            form = "two_days"
        else:
            form = "same_month"
        return self.typography(self.style.dates["patterns"][form].format(**f))

    # -- lists ---------------------------------------------------------------------------------
    def join(self, items: list[str]) -> str:
        lists = self.style.lists
        if not items:
            return ""
        if len(items) == 1:
            return items[0]
        if len(items) == 2:
            return lists["two"].format(items[0], items[1])
        out = items[-1]
        out = lists["end"].format(items[-2], out)
        for item in reversed(items[:-2]):
            out = lists["middle"].format(item, out)
        return out

    def span(self, first: str, last: str) -> str:
        return f"{first}{self.style.lists.get('range_dash', '–')}{last}"
