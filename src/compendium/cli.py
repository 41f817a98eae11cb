"""The `compendium` command line. Exit codes: 0 done/clean, 1 problems found, 2 bad input or usage."""
from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path

from . import __version__, atomic
from .corpus import SOURCE
from .errors import CompendiumError


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
    from .build import build_jobs, default_jobs, keep, plan, record, settings, sort_out, withdraw
    from .progress import Progress
    langs = _languages(args.lang, args.locales) or languages(args.locales)
    formats = list(dict.fromkeys(f for v in args.format or [] for f in v.split(",") if f)) or list(FORMATS)
    for fmt in formats:
        if fmt not in FORMATS:
            raise CompendiumError(f"unknown format '{fmt}'", hint="choose from " + ", ".join(FORMATS))
    if args.jobs is not None and args.jobs < 1:
        raise CompendiumError("--jobs must be 1 or more")
    recorded = record(args.out)      # the manifest, read once: what was built, what its inputs gave
    s = settings(args.content, args.locales, args.templates, args.out, args.print, args.edition, recorded[0])
    sorted_out = None           # with --strict, refused languages change the manifest first: sorted later
    if not args.strict:         # nothing changed: decided from hashes, nothing parsed
        sorted_out = sort_out(s, langs, formats, args.force, recorded)
        done, pending, _, _ = sorted_out
        if not pending:
            keep(s, sorted_out)
            _corpus_warning(s.edition, max((r.corpus_errors for r in done), default=0), strict=False)
            with Progress([r.job for r in done]) as progress:
                for result in done:
                    progress.event("done", result.job, result)
            print(progress.summary())
            return 0
    from .validate import validate_edition
    _, problems = validate_edition(args.content, s.edition, args.locales, args.templates,  # corpus errors: one
                                   need_published=args.strict)
    errors = sum(p.severity == "error" for p in problems)                                 # line, before any job
    _corpus_warning(s.edition, errors, args.strict)
    if errors and args.strict:
        return 1
    refused = []
    if args.strict:
        from .messages.glossary import load_glossary
        from .messages.report import check_language
        from .messages.step import text_template
        terms = load_glossary(args.locales / "glossary.csv")
        messages = text_template(args.content, args.templates)
        for lang in [lang for lang in langs if lang != SOURCE]:
            report = check_language(args.locales, lang, _checks(args, lang, terms), messages,
                                    args.locales / "compendium.pot")
            if not report.clean:
                refused.append(lang)
                step = f", out of step with the text ({report.hint})" if report.out_of_step else ""
                print(f"compendium: refusing to build {lang} (--strict): {report.untranslated} untranslated, "
                      f"{report.fuzzy} fuzzy, {len(report.errors)} error(s){step} in {report.path}; "
                      f"see `compendium check --lang {lang}`", file=sys.stderr)
    todo = [lang for lang in langs if lang not in refused]
    for lang in refused:
        for path in withdraw(s, lang, FORMATS, recorded):
            print(f"compendium: removed {path} (an earlier edition of the refused language)", file=sys.stderr)
    sorted_out = sorted_out or sort_out(s, todo, formats, args.force, recorded)
    with Progress(plan(s, todo, formats, recorded[0])) as progress:
        results = build_jobs(s, todo, formats, args.jobs or default_jobs(), args.force, progress.event, errors,
                             sorted_out)
    print(progress.summary())
    errors = list(dict.fromkeys(r.error for r in results if r.status == "failed"))
    for error in errors:
        print(f"compendium: error: {error}", file=sys.stderr)
    if errors:
        return 2
    return 1 if refused else 0


def _corpus_warning(edition: str, errors: int, strict: bool) -> None:
    """One line when the edition's corpus has validation errors (a refusal with --strict)."""
    if errors:
        print(f"compendium: {'refusing to build' if strict else 'warning:'} edition {edition}: its corpus "
              f"has {errors} validation error(s); see `compendium validate --edition {edition}`", file=sys.stderr)


def _catalogue_languages(values: list[str] | None, locales: Path) -> list[str]:
    translated = [lang for lang in languages(locales) if lang != SOURCE]
    langs = _languages(values, locales) or translated
    if SOURCE in langs:
        raise CompendiumError("English is the source language and has no catalogue",
                              hint="choose from " + ", ".join(translated))
    return langs


def cmd_extract(args: argparse.Namespace) -> int:
    from .corpus.loader import load_book, load_editions_of
    from .messages.frontend import extract
    from .messages.pofile import write_pot
    editions = load_editions_of(args.content)
    for name in editions.names:           # a corpus error is reported here, with file and line
        load_book(args.content, name)
    catalog = extract(args.mapping.parent, args.mapping, editions.newest.year)
    output = args.output or args.locales / "compendium.pot"
    changed = write_pot(catalog, output)
    print(f"{output}: {sum(1 for m in catalog if m.id)} messages" + ("" if changed else " (unchanged)"),
          file=sys.stderr if atomic.special(output) else sys.stdout)    # not into a POT sent to stdout
    return 0


def cmd_update(args: argparse.Namespace) -> int:
    from .messages.update import update
    pot = args.locales / "compendium.pot"
    if not pot.is_file():
        raise CompendiumError("no template", str(pot), hint="run `compendium extract` first")
    for lang in _catalogue_languages(args.lang, args.locales):
        r = update(pot, args.locales, lang)
        what = "created" if r.created else "updated"
        print(f"{r.path}: {what}; {r.new} new ({r.suggested} with a suggestion to review), {r.changed} changed "
              f"(fuzzy, previous English kept), {r.removed} removed (obsolete), {r.revived} restored")
    return 0


def _checks(args: argparse.Namespace, lang: str, terms: list):
    """What `check` and `build --strict` ask of each translation besides the catalogue's own checks:
    the glossary's terms, and no run longer than the PDF edition can break ([pdf] max_unbreakable)."""
    from .localize.conventions import load_style
    from .messages.checkers import unbreakable
    from .messages.glossary import terminology
    from .render.edition import load_edition
    style = load_style(lang, args.locales)
    runs = unbreakable(load_edition(style, args.templates).settings["pdf"]["max_unbreakable"], style.babel_locale)
    term = terminology(terms, lang)
    return lambda entry: term(entry) + runs(entry.msgstr)


def cmd_check(args: argparse.Namespace) -> int:
    from .messages.glossary import load_glossary
    from .messages.report import check_language, render_json, render_text
    from .messages.step import edition_templates, text_template
    langs = _catalogue_languages(args.lang, args.locales)
    terms = load_glossary(args.locales / "glossary.csv")
    messages = text_template(args.content, args.templates)
    editions = edition_templates(args.content, args.templates)
    reports = [check_language(args.locales, lang, _checks(args, lang, terms), messages, args.locales / "compendium.pot",
                              editions) for lang in langs]
    sys.stdout.write(render_json(reports) if args.format == "json" else render_text(reports, args.summary))
    return 0 if all(r.clean for r in reports) else 1


def cmd_validate(args: argparse.Namespace) -> int:
    from .corpus.loader import load_editions_of
    from .validate import validate_edition
    if args.published is not None and not args.published.is_file():
        raise CompendiumError("file not found", str(args.published),
                              hint="pass --published with the transcription of the published index")
    editions = load_editions_of(args.content)
    names = [editions.get(args.edition).name] if args.edition else editions.names
    found: dict[str, list[str]] = {}           # a problem seen in several editions is printed once
    problems = []
    for name in names:
        # --published replaces the printed index of the edition named, or of each published edition
        published = args.published if args.edition or editions.get(name).published_index else None
        book, edition_problems = validate_edition(args.content, name, args.locales, args.templates, published)
        for p in edition_problems:
            if str(p) not in found:
                found[str(p)] = []
                problems.append(p)
            found[str(p)].append(book.edition)
    for p in problems:
        editions = found[str(p)]
        print(p if len(editions) == len(names) or len(names) == 1 else f"{p} [edition {', '.join(editions)}]")
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    print(f"{errors} error(s), {warnings} warning(s) in edition{'s' if len(names) > 1 else ''} "
          f"{', '.join(names)}", file=sys.stderr)
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


def cmd_changes(args: argparse.Namespace) -> int:
    from .changes import compare, render_json, render_text
    from .corpus.loader import load_editions_of
    editions = load_editions_of(args.content)
    old, new = editions.get(args.old), editions.get(args.new)
    if editions.names.index(old.name) >= editions.names.index(new.name):
        raise CompendiumError(f"--from {old.name} is not older than --to {new.name}",
                              hint="the editions, oldest first: " + ", ".join(editions.names))
    changes = compare(args.content, old.name, new.name, args.locales, args.templates)
    sys.stdout.write(render_json(changes) if args.format == "json" else render_text(changes))
    return 0


class _Version(argparse.Action):
    """`--version`: the tool's version and, on a second line, the engines that shape the outputs."""

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        from .manifest import engines_line
        print(f"compendium {__version__}\n{engines_line()}")
        parser.exit()


def _translated_help(locales: Path = Path("locales")) -> str:
    """The --lang help of update and check: the translated languages found in the locales folder."""
    try:
        found = " ".join(lang for lang in languages(locales) if lang != SOURCE)
    except CompendiumError:
        found = ""
    return f"language(s) (default: every locales/<lang>/ but {SOURCE}{': ' + found if found else ''})"


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
                   help="refuse (exit 1) an edition whose corpus does not validate, and a language whose "
                        "catalogue is incomplete or has errors")
    b.add_argument("--edition", metavar="E", help="edition to build (default: the newest in content/editions.yaml); "
                   "the newest goes to <out>/<lang>/, another to <out>/<edition>/<lang>/")
    b.set_defaults(func=cmd_build)

    e = sub.add_parser("extract", parents=[common], help="collect every message into locales/compendium.pot")
    e.add_argument("--mapping", type=Path, default=Path("babel.cfg"), help="Babel extraction map (default: babel.cfg)")
    e.add_argument("--output", type=Path, help="POT to write (default: <locales>/compendium.pot)")
    e.set_defaults(func=cmd_extract)

    u = sub.add_parser("update", parents=[common], help="merge the POT into each language's .po")
    u.add_argument("--lang", action="append", metavar="L", help=_translated_help())
    u.set_defaults(func=cmd_update)

    c = sub.add_parser("check", parents=[common], help="what is missing or wrong in each catalogue")
    c.add_argument("--lang", action="append", metavar="L", help=_translated_help())
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
    v.add_argument("--edition", metavar="E", help="edition to check (default: every edition)")
    v.add_argument("--published", type=Path,
                   help="transcription of the published index to compare with (default: each edition's "
                        "published_index in content/editions.yaml)")
    v.set_defaults(func=cmd_validate)

    d = sub.add_parser("changes", parents=[common], help="what an edition adds, changes, removes and renumbers")
    d.add_argument("--from", dest="old", required=True, metavar="E", help="the older edition (e.g. 2021)")
    d.add_argument("--to", dest="new", metavar="E", help="the newer edition (default: the newest)")
    d.add_argument("--format", choices=("text", "json"), default="text", help="report format (default: text)")
    d.set_defaults(func=cmd_changes)

    from .importer.options import add_parser as add_import
    add_import(sub, common)
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
