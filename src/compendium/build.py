"""Building editions: one job per language × format, run in a process pool, skipped when up to date.

Each worker loads the corpus once and localizes each language once, then hands the tree to the
writers; the parent decides what is out of date from build/.manifest.json and reports progress.
"""
from __future__ import annotations

import os
import sys
import time
from collections import namedtuple
from collections.abc import Callable
from pathlib import Path

from . import atomic, manifest
from .errors import CompendiumError
from .corpus import SOURCE
from .corpus.files import corpus_files
from .messages.files import po_path
from .render import TEMPLATE_INPUTS, setup_inputs

COST = {"pdf": 3, "docx": 2, "txt": 1}            # longest jobs first keeps the pool busy (× style.toml build_cost)


# Job and Settings are named tuples and Result a plain class, not dataclasses: the dataclasses module
# imports inspect and ast, a fifth of what a build with nothing to do would spend importing.
class Job(namedtuple("Job", "lang fmt path")):
    """One output to make: language, format (txt, pdf, docx) and the file it goes to."""
    __slots__ = ()


class Settings(namedtuple("Settings", "content locales templates out print_marks edition folder",
                          defaults=(False, None, ""))):
    """What every job of a build shares: the content, locales and templates folders, the output
    folder, print marks, the edition's view to build (None: the newest) and where under `out` it
    goes ("" for the newest, else its name)."""
    __slots__ = ()


class Result:
    """What became of a job: built | up to date | failed, how long it took, the output's size and
    pages, whether it is a draft, the error, and the validation errors of the corpus it was built
    from (kept for a later build with nothing to do)."""
    __slots__ = ("job", "status", "seconds", "size", "pages", "draft", "error", "corpus_errors")

    def __init__(self, job: Job, status: str = "built", seconds: float = 0.0, size: int = 0,
                 pages: int | None = None, draft: bool = False, error: str = "", corpus_errors: int = 0) -> None:
        self.job, self.status, self.seconds, self.size = job, status, seconds, size
        self.pages, self.draft, self.error, self.corpus_errors = pages, draft, error, corpus_errors


# -- in the worker ----------------------------------------------------------------------------
_cache: dict = {}


def localized(s: Settings, lang: str):
    """The localized tree of a language, read once per worker (the edition's corpus once for all languages)."""
    from .corpus.loader import load_book            # worker-side imports: a build with nothing to do needs none
    from .localize.localizer import localize
    from .messages.step import standing, text_template
    key = (s.content, s.edition, s.locales, s.templates, lang)
    book_key = ("book", s.content, s.edition)
    if key not in _cache:
        if book_key not in _cache:
            _cache.clear()
            _cache[book_key] = load_book(s.content, s.edition)
        book = _cache[book_key]
        if lang == SOURCE:
            _cache[key] = localize(book, lang, s.locales, s.templates)
        else:                         # one comparison of the catalogue with the text: messages/step.py
            st = standing(text_template(s.content, s.templates), s.locales, lang)
            _cache[key] = localize(book, lang, s.locales, s.templates, st.lookup, st.in_step)
    return _cache[key]


def forget() -> None:
    """Drop the worker's corpus and trees: the next job reads them afresh (a cold job)."""
    _cache.clear()


def run_job(s: Settings, job: Job) -> Result:
    """Render one output and write it atomically; errors come back as text, never as a traceback."""
    from .localize.conventions import load_style
    from .render import counted_writer
    from .render.edition import load_edition
    start = time.perf_counter()
    try:
        tree = localized(s, job.lang)
        edition = load_edition(load_style(job.lang, s.locales), s.templates, s.print_marks)
        data, pages = counted_writer(job.fmt)(tree, edition)
        atomic.write_bytes(job.path, data)
        return Result(job, "built", time.perf_counter() - start, len(data), pages, tree.draft)
    except CompendiumError as exc:
        return Result(job, "failed", time.perf_counter() - start, error=str(exc))
    except Exception as exc:  # a bug of ours: reported per job, the other outputs still build
        return Result(job, "failed", time.perf_counter() - start,
                      error=f"internal error: {type(exc).__name__}: {exc} (rerun with --jobs 1 --debug)")


# -- in the parent ------------------------------------------------------------------------------
def _style(s: Settings, lang: str, hasher: manifest.Hasher) -> dict | str:
    """What the planning needs of a language's style.toml (its font families, its build_cost), recalled
    by the file's hash; the error text when it cannot be read (its jobs then fail saying so)."""
    def derive() -> dict:
        from .localize.conventions import load_style
        from .render.pdf.fonts import families
        style = load_style(lang, s.locales)
        return {"families": families(style), "build_cost": style.build_cost}
    try:
        return hasher.derived(s.locales / lang / "style.toml", f"style {lang}", derive)
    except CompendiumError as exc:
        return str(exc)


def inputs(s: Settings, lang: str, fmt: str, hasher: manifest.Hasher) -> str:
    """The hash of everything an output is made from."""
    templates = hasher.once(("templates", s.templates, fmt), lambda: sorted(
        {item for pattern in TEMPLATE_INPUTS[fmt] for item in hasher.tree(s.templates, pattern)}))
    style = _style(s, lang, hasher)
    setup = setup_inputs(fmt, style["families"], hasher) if isinstance(style, dict) else [style]
    return manifest.inputs_hash([
        hasher.once(("corpus", s.content), lambda: hasher.files(s.content, corpus_files(s.content))),
        hasher.file(s.locales / lang / "style.toml"),
        hasher.file(s.locales / SOURCE / "style.toml") if fmt == "docx" else "",   # English runs' region
        hasher.file(po_path(s.locales, lang)) if lang != "en" else "",
        templates,
        setup,
        manifest.tool_version(hasher),
        fmt, bool(s.print_marks and fmt == "pdf"), s.edition or "",
    ])


def plan(s: Settings, langs: list[str], formats: list[str], hasher: manifest.Hasher | None = None) -> list[Job]:
    """The jobs, the longest first (format cost × the language's build_cost, 1 for a style.toml that
    cannot be read: its jobs then fail saying why)."""
    hasher = hasher or manifest.Hasher()
    folder = Path(s.out) / s.folder if s.folder else Path(s.out)
    jobs = [Job(lang, fmt, folder / lang / f"compendium.{fmt}") for lang in langs for fmt in formats]
    costs = {lang: style["build_cost"] if isinstance(style := _style(s, lang, hasher), dict) else 1 for lang in langs}
    return sorted(jobs, key=lambda j: -(COST.get(j.fmt, 1) * costs[j.lang]))


def record(out: Path) -> tuple[manifest.Hasher, dict[str, dict]]:
    """A run's hasher, given the previous build's derived values, and the outputs the manifest records
    (a manifest not of its shape is one warning on stderr)."""
    hasher = manifest.Hasher()
    return hasher, manifest.load(out, lambda line: print(f"compendium: {line}", file=sys.stderr), hasher)


Sorted = tuple[list[Result], list[tuple[Job, str]], dict[str, dict], manifest.Hasher]


def sort_out(s: Settings, langs: list[str], formats: list[str], force: bool = False,
             recorded: tuple[manifest.Hasher, dict[str, dict]] | None = None) -> Sorted:
    """(the outputs up to date, the jobs to run with their input hashes, the manifest, the hasher), from
    file hashes alone: nothing is parsed, so a build with nothing to do decides in a fraction of a second.
    `recorded`: record(s.out)'s answer, when the caller already has it."""
    hasher, recorded = recorded or record(s.out)
    done: list[Result] = []
    todo: list[tuple[Job, str]] = []
    for job in plan(s, langs, formats, hasher):
        digest = inputs(s, job.lang, job.fmt, hasher)
        entry = recorded.get(str(job.path.relative_to(s.out)), {})
        if not force and entry.get("inputs") == digest and manifest.intact(job.path, entry, hasher):
            atomic.sweep(job.path)        # a killed earlier build may have left its temporary beside it
            done.append(Result(job, "up to date", 0.0, job.path.stat().st_size, entry.get("pages"),
                               entry.get("draft", False), corpus_errors=entry.get("corpus_errors", 0)))
        else:
            todo.append((job, digest))
    return done, todo, recorded, hasher


def keep(s: Settings, sorted_out: Sorted) -> None:
    """After a build with nothing to do: what it had to read anew (a file touched but unchanged, a
    style.toml edited back) kept in the manifest, so that the next one reads nothing. A manifest that
    cannot be written is no error here: it is only a record."""
    _, _, recorded, hasher = sorted_out
    if hasher.learned():
        try:
            manifest.save(s.out, recorded, hasher)
        except CompendiumError:
            pass


def build_jobs(s: Settings, langs: list[str], formats: list[str], jobs: int = 1, force: bool = False,
               on_event: Callable[[str, Job, Result | None], None] | None = None,
               corpus_errors: int = 0, sorted_out: Sorted | None = None) -> list[Result]:
    """Build what is out of date (everything with `force`), `jobs` processes at a time; each output
    built records `corpus_errors` (the edition's validation errors) for a later build with nothing to do.
    `sorted_out`: sort_out's answer for these languages and formats, when the caller already has it."""
    on_event = on_event or (lambda kind, job, result: None)
    results, todo, recorded, hasher = sorted_out or sort_out(s, langs, formats, force)
    for result in results:
        on_event("done", result.job, result)

    def finished(job: Job, digest: str, result: Result) -> None:
        results.append(result)
        key = str(job.path.relative_to(s.out))
        if result.status == "built":
            recorded[key] = {"inputs": digest, "output": manifest.output_hash(job.path),
                             "stat": hasher.identity(job.path), "pages": result.pages, "draft": result.draft,
                             "corpus_errors": corpus_errors}
        else:
            recorded.pop(key, None)
        try:
            manifest.save(s.out, recorded, hasher)
        except CompendiumError as exc:   # e.g. disk full: report it with the job, keep building
            result.status, result.error = "failed", result.error or str(exc)
        on_event("done", job, result)

    if not todo:
        return results
    workers = max(1, min(jobs, len(todo)))
    if workers == 1:
        for job, digest in todo:
            on_event("start", job, None)
            finished(job, digest, run_job(s, job))
    else:
        from concurrent.futures import ProcessPoolExecutor, as_completed
        from multiprocessing import get_context
        with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
            futures = {}
            for job, digest in todo:
                futures[pool.submit(run_job, s, job)] = (job, digest)
                on_event("queued", job, None)
            for future in as_completed(futures):
                job, digest = futures[future]
                finished(job, digest, future.result())
    return results


def settings(content: Path, locales: Path, templates: Path, out: Path, print_marks: bool = False,
             edition: str | None = None, hasher: manifest.Hasher | None = None) -> Settings:
    """Build settings for one edition: the newest goes to out/<lang>/, any other to out/<edition>/<lang>/,
    so two editions never share a folder. With `hasher`, the choice is recalled by editions.yaml's hash."""
    def derive() -> list[str]:
        from .corpus.loader import load_editions_of
        editions = load_editions_of(content)
        chosen = editions.get(edition)
        return [chosen.name, "" if chosen is editions.newest else chosen.name]
    hasher = hasher or manifest.Hasher()
    name, folder = hasher.derived(Path(content) / "editions.yaml", f"edition {edition or ''}", derive)
    return Settings(content, locales, templates, out, print_marks, name, folder)


def withdraw(s: Settings, lang: str, formats: tuple[str, ...],
             recorded: tuple[manifest.Hasher, dict[str, dict]]) -> list[Path]:
    """Remove the outputs of a language `--strict` refused, and their entries in `recorded` (record()'s
    answer, saved), so that an older draft in build/<lang>/ does not pass for the edition just refused.
    Returns what was removed."""
    removed = []
    for fmt in formats:
        path = (Path(s.out) / s.folder if s.folder else Path(s.out)) / lang / f"compendium.{fmt}"
        if path.is_file() or path.is_symlink():
            try:
                path.unlink()
            except OSError as exc:
                raise CompendiumError(f"cannot remove the refused edition: {exc.strerror}", str(path)) from None
            removed.append(path)
    hasher, outputs = recorded
    prefix = f"{s.folder}/{lang}/" if s.folder else f"{lang}/"
    gone = [key for key in outputs if key.startswith(prefix)]
    for key in gone:
        del outputs[key]
    if gone:
        manifest.save(s.out, outputs, hasher)
    return removed


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
