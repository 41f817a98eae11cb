"""The package's layers: a module may import its own layer and those below, never one above.

    0 base      errors, atomic, schema, __init__ (version) (used by every layer)
    1 corpus    compendium.corpus                 content/ read into the typed model
    1 readers   compendium.readers                documents from outside read into blocks: DOCX (ooxml),
                                                  UN documents as PDF text or ODS DOCX (untext, undocx)
    2 localize  compendium.localize               a language's conventions -> the localized tree
    3 messages  compendium.messages               catalogues: extract, update, check
    4 render    compendium.render                 writers over the localized tree
    5 top       cli, build, manifest, progress, validate, changes, __main__, absorb (DOCX back into the corpus),
                importer (`compendium import`: UN documents into chapters)

Translations reach `localize` as a plain table handed over by `build`, so `localize` needs nothing
from `messages`; `messages` reads the corpus (and may use localize's string loading) to extract.
"""
from __future__ import annotations

import ast
from pathlib import Path

import compendium

PACKAGE = Path(compendium.__file__).parent
LAYERS = {"__init__": 0, "errors": 0, "atomic": 0, "schema": 0, "corpus": 1, "readers": 1, "localize": 2, "messages": 3, "render": 4,
          "cli": 5, "build": 5, "manifest": 5, "progress": 5, "validate": 5, "changes": 5, "__main__": 5,
          "absorb": 5, "importer": 5}
NAMES = {v: k for k, v in {"base": 0, "corpus": 1, "readers": 1, "localize": 2, "messages": 3, "render": 4, "top": 5}.items()}


def _module(path: Path) -> list[str]:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return parts[:-1] if parts[-1] == "__init__" else parts


def _layer(module: list[str]) -> int:
    """The layer of compendium.<…> (a module not in LAYERS fails the test: give it a layer)."""
    key = module[1] if len(module) > 1 else "__init__"
    assert key in LAYERS, f"compendium.{key} has no layer: add it to LAYERS and the table above"
    return LAYERS[key]


def _imports(path: Path) -> list[tuple[int, list[str]]]:
    """(line, absolute module path) of every compendium import in a file, relative ones resolved."""
    package = _module(path) if path.name == "__init__.py" else _module(path)[:-1]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name.split(".")) for a in node.names if a.name.split(".")[0] == "compendium"]
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            target = base + (node.module.split(".") if node.module else [])
            if target[:1] != ["compendium"]:
                continue
            for a in node.names:                # `from . import tree`: the name is a module
                sub = PACKAGE.parent.joinpath(*target, a.name)
                out.append((node.lineno, target + [a.name] if sub.is_dir() or sub.with_suffix(".py").is_file()
                            else target))
    return out


def test_no_module_imports_a_higher_layer() -> None:
    upward = []
    for path in sorted(PACKAGE.rglob("*.py")):
        own = _layer(_module(path))
        for line, target in _imports(path):
            if _layer(target) > own:
                upward.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {NAMES[own]} imports "
                              f"{'.'.join(target)} ({NAMES[_layer(target)]})")
    assert not upward, "lower layer imports a higher one:\n" + "\n".join(upward)


def test_the_layer_check_sees_relative_and_function_level_imports(tmp_path: Path) -> None:
    """The parser resolves `from ..x import y` and finds imports inside functions (as cli's are)."""
    loader = PACKAGE / "corpus" / "loader.py"
    found = {".".join(t) for _, t in _imports(loader)}
    assert "compendium.errors" in found and "compendium.corpus.model" in found
    cli = {".".join(t) for _, t in _imports(PACKAGE / "cli.py")}
    assert "compendium.corpus.loader" in cli       # imported inside a command function
    localizer = {".".join(t) for _, t in _imports(PACKAGE / "localize" / "localizer.py")}
    assert "compendium.localize.tree" in localizer  # `from . import tree as t`
