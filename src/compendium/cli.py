"""The `compendium` command line. Exit codes: 0 done/clean, 1 problems found, 2 bad input or usage."""
from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path

from . import __version__
from .errors import CompendiumError

SOURCE = "en"


def languages(locales: Path) -> list[str]:
    """The editions: every locales/<lang>/ with a style.toml (adding a language is adding data)."""
    if not Path(locales).is_dir():
        raise CompendiumError("locales folder not found", str(locales),
                              hint="run from the project folder, or pass --locales")
    return sorted(p.parent.name for p in Path(locales).glob("*/style.toml")) or [SOURCE]
FORMATS = ("txt", "pdf", "docx")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors: one line, exit 2
        print(f"compendium: error: {message} (see '{self.prog} --help')", file=sys.stderr)
        sys.exit(2)


def _languages(values: list[str] | None, locales: Path) -> list[str]:
    known = languages(locales)
    langs: list[str] = []
    for v in values or []:
        for lang in filter(None, v.split(",")):
            if lang not in known:
                raise CompendiumError(f"unknown language '{lang}'", hint="choose from " + ", ".join(known)
                                      + f"; a new language needs {locales}/{lang}/style.toml")
            langs.append(lang)
    return list(dict.fromkeys(langs))


def cmd_build(args: argparse.Namespace) -> int:
    from .build import Settings, build_jobs, default_jobs, plan, withdraw
    from .corpus.loader import load_book
    from .progress import Progress
    langs = _languages(args.lang, args.locales) or languages(args.locales)
    formats = list(dict.fromkeys(f for v in args.format or [] for f in v.split(",") if f)) or list(FORMATS)
    for fmt in formats:
        if fmt not in FORMATS:
            raise CompendiumError(f"unknown format '{fmt}'", hint="choose from " + ", ".join(FORMATS))
    if args.jobs is not None and args.jobs < 1:
        raise CompendiumError("--jobs must be 1 or more")
    refused = []
    book = load_book(args.content)      # corpus errors: one clear message before any job starts
    if args.strict:
        from .messages.glossary import load_glossary, terminology
        from .messages.report import check_language
        from .messages.step import template
        from .localize.strings import load_strings
        terms = load_glossary(args.locales / "glossary.csv")
        messages = template(book, load_strings(args.templates))
        for lang in [lang for lang in langs if lang != "en"]:
            report = check_language(args.locales, lang, terminology(terms, lang), messages,
                                    args.locales / "compendium.pot")
            if not report.clean:
                refused.append(lang)
                step = f", out of step with the text ({report.hint})" if report.out_of_step else ""
                print(f"compendium: refusing to build {lang} (--strict): {report.untranslated} untranslated, "
                      f"{report.fuzzy} fuzzy, {len(report.errors)} error(s){step} in {report.path}; "
                      f"see `compendium check --lang {lang}`", file=sys.stderr)
    todo = [lang for lang in langs if lang not in refused]
    settings = Settings(args.content, args.locales, args.templates, args.out, args.print)
    for lang in refused:
        for path in withdraw(settings, lang, FORMATS):
            print(f"compendium: removed {path} (an earlier edition of the refused language)", file=sys.stderr)
    with Progress(plan(settings, todo, formats)) as progress:
        results = build_jobs(settings, todo, formats, args.jobs or default_jobs(), args.force, progress.event)
    print(progress.summary())
    errors = list(dict.fromkeys(r.error for r in results if r.status == "failed"))
    for error in errors:
        print(f"compendium: error: {error}", file=sys.stderr)
    if errors:
        return 2
    return 1 if refused else 0


def _catalogue_languages(values: list[str] | None, locales: Path) -> list[str]:
    translated = [lang for lang in languages(locales) if lang != SOURCE]
    langs = _languages(values, locales) or translated
    if SOURCE in langs:
        raise CompendiumError("English is the source language and has no catalogue",
                              hint="choose from " + ", ".join(translated))
    return langs


def cmd_extract(args: argparse.Namespace) -> int:
    from .corpus.loader import load_book
    from .messages.catalog import extract, write_pot
    book = load_book(args.content)        # a corpus error is reported here, with file and line
    catalog = extract(args.mapping.parent, args.mapping, book.meta.get("year", ""))
    output = args.output or args.locales / "compendium.pot"
    changed = write_pot(catalog, output)
    print(f"{output}: {sum(1 for m in catalog if m.id)} messages" + ("" if changed else " (unchanged)"))
    return 0


def cmd_update(args: argparse.Namespace) -> int:
    from .messages.catalog import update
    pot = args.locales / "compendium.pot"
    if not pot.is_file():
        raise CompendiumError("no template", str(pot), hint="run `compendium extract` first")
    for lang in _catalogue_languages(args.lang, args.locales):
        r = update(pot, args.locales, lang)
        what = "created" if r.created else "updated"
        print(f"{r.path}: {what}; {r.new} new ({r.suggested} with a suggestion to review), {r.changed} changed "
              f"(fuzzy, previous English kept), {r.removed} removed (obsolete), {r.revived} restored")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from .corpus.loader import load_book
    from .messages.glossary import load_glossary, terminology
    from .messages.report import check_language, render_json, render_text
    from .messages.step import template
    from .localize.strings import load_strings
    langs = _catalogue_languages(args.lang, args.locales)
    terms = load_glossary(args.locales / "glossary.csv")
    messages = template(load_book(args.content), load_strings(args.templates))
    reports = [check_language(args.locales, lang, terminology(terms, lang), messages, args.locales / "compendium.pot")
               for lang in langs]
    sys.stdout.write(render_json(reports) if args.format == "json" else render_text(reports, args.summary))
    return 0 if all(r.clean for r in reports) else 1


def cmd_validate(args: argparse.Namespace) -> int:
    from .corpus.loader import load_book
    from .validate import validate
    if not args.published.is_file():
        raise CompendiumError("file not found", str(args.published),
                              hint="pass --published with the transcription of the published index")
    book = load_book(args.content)
    problems = validate(book, args.published, args.locales, args.templates)
    for p in problems:
        print(p)
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return 1 if errors else 0


def cmd_absorb(args: argparse.Namespace) -> int:
    from .absorb import absorb, write
    from .absorb.report import render
    langs = _languages(args.lang, args.locales) if args.lang else []
    if len(langs) > 1:
        raise CompendiumError("absorb reads one edition: give one --lang")
    out = absorb(args.docx, args.content, args.locales, args.templates, langs[0] if langs else None,
                 languages(args.locales), "reject" if args.reject else "accept")
    if args.apply:
        write(out)
    sys.stdout.write(render(out, args.apply))
    p = out.plan
    return 1 if p.generated or p.human or p.comments else 0


class _Version(argparse.Action):
    """`--version`: the tool's version and, on a second line, the engines that shape the outputs."""

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        from .manifest import engines_line
        print(f"compendium {__version__}\n{engines_line()}")
        parser.exit()


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="compendium", description="Build the multilingual Technical Assistance compendium.")
    p.add_argument("--version", action=_Version, nargs=0, help="show the version and the engines' versions")
    p.add_argument("--debug", action="store_true", help="show a traceback on errors")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--content", type=Path, default=Path("content"), help="corpus folder (default: content)")
    common.add_argument("--locales", type=Path, default=Path("locales"), help="locales folder (default: locales)")
    common.add_argument("--templates", type=Path, default=Path("templates"), help="templates folder")
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    b = sub.add_parser("build", parents=[common], help="build editions into build/<lang>/")
    b.add_argument("--lang", action="append", metavar="L", help="language(s) (default: every locales/<lang>/)")
    b.add_argument("--format", action="append", metavar="F", help="output format(s): " + ", ".join(FORMATS))
    b.add_argument("--out", type=Path, default=Path("build"), help="output folder (default: build)")
    b.add_argument("--print", action="store_true", help="PDF for the printer: bleed and crop marks")
    b.add_argument("--jobs", type=int, metavar="N", help="parallel jobs (default: one per core)")
    b.add_argument("--force", action="store_true", help="rebuild even what is up to date")
    b.add_argument("--strict", action="store_true",
                   help="refuse (exit 1) to build a language whose catalogue is incomplete or has errors")
    b.set_defaults(func=cmd_build)

    e = sub.add_parser("extract", parents=[common], help="collect every message into locales/compendium.pot")
    e.add_argument("--mapping", type=Path, default=Path("babel.cfg"), help="Babel extraction map (default: babel.cfg)")
    e.add_argument("--output", type=Path, help="POT to write (default: <locales>/compendium.pot)")
    e.set_defaults(func=cmd_extract)

    u = sub.add_parser("update", parents=[common], help="merge the POT into each language's .po")
    u.add_argument("--lang", action="append", metavar="L", help="language(s) (default: ar es fr ru zh)")
    u.set_defaults(func=cmd_update)

    c = sub.add_parser("check", parents=[common], help="what is missing or wrong in each catalogue")
    c.add_argument("--lang", action="append", metavar="L", help="language(s) (default: ar es fr ru zh)")
    c.add_argument("--format", choices=("text", "json"), default="text", help="report format (default: text)")
    c.add_argument("--summary", action="store_true", help="only the table of figures")
    c.set_defaults(func=cmd_check)

    a = sub.add_parser("absorb", parents=[common],
                       help="bring an editor's corrected DOCX back into content/ and the catalogues")
    a.add_argument("docx", type=Path, metavar="EDITED.docx", help="the DOCX an editor corrected")
    a.add_argument("--lang", action="append", metavar="L", help="its language (default: what the DOCX says)")
    a.add_argument("--apply", action="store_true", help="write the changes (default: a dry run that shows them)")
    a.add_argument("--reject", action="store_true",
                   help="read the text before the editor's tracked changes (default: as if accepted)")
    a.set_defaults(func=cmd_absorb)

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
    except BrokenPipeError:   # `compendium check | head`: the reader has gone; say nothing more
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except Exception as exc:  # a bug of ours: say so plainly, keep the traceback for --debug
        if args.debug:
            traceback.print_exc()
        print(f"compendium: internal error: {type(exc).__name__}: {exc} (rerun with --debug and report it)",
              file=sys.stderr)
        return 2
