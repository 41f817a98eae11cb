"""The `compendium` command line. Exit codes: 0 done/clean, 1 problems found, 2 bad input or usage."""
from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from . import __version__
from .errors import CompendiumError

LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh")
FORMATS = ("txt", "pdf", "docx")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors: one line, exit 2
        self.print_usage(sys.stderr)
        print(f"compendium: error: {message}", file=sys.stderr)
        sys.exit(2)


def _languages(values: list[str] | None) -> list[str]:
    langs: list[str] = []
    for v in values or []:
        for lang in filter(None, v.split(",")):
            if lang not in LANGUAGES:
                raise CompendiumError(f"unknown language '{lang}'", hint="choose from " + ", ".join(LANGUAGES))
            langs.append(lang)
    return list(dict.fromkeys(langs))


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build
    langs = _languages(args.lang) or ["en"]
    formats = list(dict.fromkeys(args.format or ["txt"]))
    for fmt in formats:
        if fmt not in FORMATS:
            raise CompendiumError(f"unknown format '{fmt}'", hint="choose from " + ", ".join(FORMATS))
    for path in build(args.content, langs, formats, args.out, args.locales, args.templates, args.print):
        print(path)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from .loader import load_book
    from .validate import validate
    book = load_book(args.content)
    problems = validate(book, args.published, args.locales, args.templates)
    for p in problems:
        print(p)
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return 1 if errors else 0


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="compendium", description="Build the multilingual Technical Assistance compendium.")
    p.add_argument("--version", action="version", version=f"compendium {__version__}")
    p.add_argument("--debug", action="store_true", help="show a traceback on errors")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--content", type=Path, default=Path("content"), help="corpus folder (default: content)")
    common.add_argument("--locales", type=Path, default=Path("locales"), help="locales folder (default: locales)")
    common.add_argument("--templates", type=Path, default=Path("templates"), help="templates folder")
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    b = sub.add_parser("build", parents=[common], help="build editions into build/<lang>/")
    b.add_argument("--lang", action="append", metavar="L", help="language(s): " + ", ".join(LANGUAGES))
    b.add_argument("--format", action="append", metavar="F", help="output format(s): " + ", ".join(FORMATS))
    b.add_argument("--out", type=Path, default=Path("build"), help="output folder (default: build)")
    b.add_argument("--print", action="store_true", help="PDF for the printer: bleed and crop marks")
    b.set_defaults(func=cmd_build)

    v = sub.add_parser("validate", parents=[common], help="check the corpus; file:line: message per problem")
    v.add_argument("--published", type=Path, default=Path("sources/thematic-index.tsv"),
                   help="transcription of the published index to compare with")
    v.set_defaults(func=cmd_validate)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except CompendiumError as exc:
        if args.debug:
            traceback.print_exc()
        print(f"compendium: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("compendium: interrupted; finished outputs are intact", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug of ours: say so plainly, keep the traceback for --debug
        if args.debug:
            traceback.print_exc()
        print(f"compendium: internal error: {type(exc).__name__}: {exc} (rerun with --debug and report it)",
              file=sys.stderr)
        return 2
