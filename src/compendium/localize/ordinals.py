"""Ordinal words for any meeting or session number ("fourteenth", "quatorzième", "الرابع عشر", "第十四").

The words come from ICU's rule-based number format (CLDR's RBNF spell-out rules, through PyICU);
each language says in `[ordinals]` of its style.toml which rule set fits the noun (gender, case)
for each use, and corrects what ICU spells differently from UN documents:

    [ordinals]                       # settings every use inherits
    rules = "%spellout-ordinal-feminine"
    replace = {'-et-' = ' et '}      # regular expression = replacement, applied in order
    [ordinals.meeting]               # the use named in templates/strings.yaml (meeting.name …)
    capitalize = true                # the word opens a heading: "Quatorzième réunion"
    forms = {1 = "…"}                # a number's form given outright (overrides the rules)
    numeric_from = 11                # from this number on, `numeric` instead of words
    numeric = "{n}ª"
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import icu

from ..errors import CompendiumError

USES = ("meeting", "meeting_ref", "session")      # the uses templates/strings.yaml needs
_KEYS = {"rules", "capitalize", "forms", "replace", "numeric_from", "numeric"}


@dataclass(frozen=True)
class Rule:
    """How one use writes a number as an ordinal."""
    rules: str
    capitalize: bool = False
    forms: dict[int, str] = field(default_factory=dict)
    replace: tuple[tuple[re.Pattern, str], ...] = ()
    numeric_from: int | None = None
    numeric: str = "{n}"


@lru_cache(maxsize=None)
def _formatter(locale: str) -> icu.RuleBasedNumberFormat:
    return icu.RuleBasedNumberFormat(icu.URBNFRuleSetTag.SPELLOUT, icu.Locale(locale))


def rule_sets(locale: str) -> list[str]:
    """The spell-out rule sets ICU has for `locale` ('%spellout-ordinal-feminine', …)."""
    f = _formatter(locale)
    return [f.getRuleSetName(i) for i in range(f.getNumberOfRuleSetNames())]


@dataclass
class Ordinals:
    """A language's ordinal words, by use."""
    locale: str
    uses: dict[str, Rule]
    path: str = ""

    def word(self, use: str, n: int) -> str:
        """The ordinal of `n` for `use`: 14 -> 'fourteenth' ('Quatorzième' for a French heading)."""
        rule = self.uses.get(use)
        if rule is None:
            raise CompendiumError(f"[ordinals.{use}] is missing", self.path,
                                  hint="see [ordinals] in locales/en/style.toml")
        if n in rule.forms:
            text = rule.forms[n]
        elif rule.numeric_from is not None and n >= rule.numeric_from:
            text = rule.numeric.replace("{n}", str(n))
        else:
            text = " ".join(_formatter(self.locale).format(n, rule.rules).split())   # ICU doubles some spaces
            try:
                for pattern, replacement in rule.replace:
                    text = pattern.sub(replacement, text)
            except (re.error, IndexError) as exc:
                raise CompendiumError(f"[ordinals.{use}] replace: {exc}", self.path,
                                      hint="a replacement refers to groups of its pattern: \\1, \\g<name>") from None
        return text[:1].upper() + text[1:] if rule.capitalize else text


def parse(table: Any, locale: str, path: str) -> Ordinals:
    """Read `[ordinals]`; a wrong rule set, pattern or value is reported with the file and the table."""
    if not isinstance(table, dict):
        raise CompendiumError("[ordinals] must be a table", path, hint="see [ordinals] in locales/en/style.toml")
    base = {k: v for k, v in table.items() if k in _KEYS}
    uses = {k: v for k, v in table.items() if k not in _KEYS}
    for use, settings in uses.items():
        if not isinstance(settings, dict):
            raise CompendiumError(f"[ordinals] has an unknown setting '{use}'", path,
                                  hint="settings are " + ", ".join(sorted(_KEYS)) + "; uses are [ordinals.USE] tables")
    for use in USES:
        if use not in uses:
            raise CompendiumError(f"[ordinals.{use}] is missing", path,
                                  hint="each of " + ", ".join(f"[ordinals.{u}]" for u in USES)
                                       + " names its ICU rule set; see locales/en/style.toml")
    known = rule_sets(locale)
    return Ordinals(locale, {use: _rule(f"ordinals.{use}", {**base, **settings}, known, locale, path)
                             for use, settings in uses.items()}, path)


def _rule(name: str, s: dict, known: list[str], locale: str, path: str) -> Rule:
    def bad(what: str, hint: str = "see [ordinals] in locales/en/style.toml") -> CompendiumError:
        return CompendiumError(f"[{name}] {what}", path, hint=hint)
    unknown = sorted(set(s) - _KEYS)
    if unknown:
        raise bad(f"has an unknown setting '{unknown[0]}'", "settings are " + ", ".join(sorted(_KEYS)))
    rules = s.get("rules")
    if rules is None and s.get("numeric_from") == 1:
        rules = ""                                      # figures only: no words needed
    elif rules is None:
        raise bad("has no rules (the ICU rule set that spells its numbers)",
                  "write rules = \"%spellout-ordinal…\", or numeric_from = 1 for figures")
    elif not isinstance(rules, str) or rules not in known:
        raise bad(f"rules = {rules!r} is not an ICU spell-out rule set of '{locale}'",
                  "choose from " + (", ".join(r for r in known if "ordinal" in r or "cardinal" in r) or
                                    "none: this locale has none, write numeric_from = 1 and numeric = \"{n}.\""))
    forms = s.get("forms", {})
    if not isinstance(forms, dict) or not all(isinstance(v, str) for v in forms.values()):
        raise bad("forms must map numbers to text, e.g. {1 = \"first\"}")
    try:
        forms = {int(k): v for k, v in forms.items()}
    except ValueError:
        raise bad("forms must map numbers to text, e.g. {1 = \"first\"}") from None
    replace = s.get("replace", {})
    if not isinstance(replace, dict) or not all(isinstance(v, str) for v in replace.values()):
        raise bad("replace must map regular expressions to replacements, e.g. {'-et-' = ' et '}")
    patterns = []
    for pattern, replacement in replace.items():
        try:
            compiled = re.compile(pattern)
        except re.error as exc:
            raise bad(f"replace {pattern!r}: {exc}") from None
        patterns.append((compiled, replacement))
    numeric_from = s.get("numeric_from")
    if numeric_from is not None and (not isinstance(numeric_from, int) or isinstance(numeric_from, bool)
                                     or numeric_from < 1):
        raise bad("numeric_from must be a whole number of 1 or more")
    numeric = s.get("numeric", "{n}")
    if not isinstance(numeric, str) or "{n}" not in numeric:
        raise bad("numeric must be a pattern holding {n}, e.g. \"{n}th\"")
    capitalize = s.get("capitalize", False)
    if not isinstance(capitalize, bool):
        raise bad("capitalize must be true or false")
    return Rule(rules, capitalize, forms, tuple(patterns), numeric_from, numeric)
