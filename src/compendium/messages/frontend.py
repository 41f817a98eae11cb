"""`pybabel extract` for `compendium extract`: Babel's extraction with the babel.cfg map into the
template's Catalog (the methods are in extract.py; pofile.write_pot writes it)."""
from __future__ import annotations

import configparser
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

from ..errors import CompendiumError

PROJECT = "Technical Assistance Compendium"


def extract(project: Path, mapping: Path, version: str) -> Catalog:
    """Run Babel's extraction over `project` with the babel.cfg `mapping`, as `pybabel extract` does."""
    hint = "sections such as [compendium: content/**.yaml]; see babel.cfg in the project"
    try:
        with open(mapping, encoding="utf-8") as f:
            method_map, options_map = parse_mapping_cfg(f, str(mapping))
    except FileNotFoundError:
        raise CompendiumError("extraction map not found", str(mapping),
                              hint="run from the project folder (babel.cfg) or pass --mapping") from None
    except configparser.MissingSectionHeaderError as exc:
        raise CompendiumError("not a valid extraction map: a line before any [method: pattern] section",
                              str(mapping), exc.lineno, hint=hint) from None
    except (OSError, UnicodeDecodeError, configparser.Error) as exc:
        what = exc.message.splitlines()[0] if isinstance(exc, configparser.Error) else str(exc)
        raise CompendiumError(f"not a valid extraction map: {what}", str(mapping), getattr(exc, "lineno", None),
                              hint=hint) from None
    catalog = Catalog(project=PROJECT, version=version, copyright_holder="United Nations",
                      msgid_bugs_address="", charset="utf-8")
    try:
        for filename, line, message, comments, context in extract_from_dir(
                str(project), method_map, options_map, keywords=DEFAULT_KEYWORDS):
            catalog.add(message, None, [(filename, line)], auto_comments=comments, context=context)
    except ValueError as exc:
        if "extraction method" not in str(exc):
            raise
        raise CompendiumError(str(exc), str(mapping), hint="the methods are compendium and compendium_strings") from None
    return catalog
