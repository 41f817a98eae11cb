"""`make bench`: build-speed ratios measured in one run, written to benchmarks/RESULTS.md.

Machines here are noisy, so every figure is a ratio of two timings taken in the same run:
  1. PDF overhead, every language: our PDF job vs WeasyPrint alone on the same final HTML, each the best
     of ROUNDS, taken in turn; the worst language is the headline (≤ 1.10×)
  2. cold build of all outputs with one job per core (the best of two builds) vs the engine floor:
     (Σ WeasyPrint-alone PDF times + Σ DOCX and text jobs) ÷ cores (≤ 1.15×); and vs one job at a time
  3. no-op rebuild vs `compendium --help` (≤ 2× and ≤ 0.25 s); one changed fr.po entry rebuilds exactly
     fr's outputs, and how long until its PDF is there (vs WeasyPrint alone for fr)
  4. scaling: synthetic corpora ×1, ×4, ×10 (parts repeated with fresh ids): time and peak memory
     (×10 ≤ 10× the time of ×1, peak < 1 GiB)
"""
from __future__ import annotations

import datetime as dt
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
LANGS = ["ar", "en", "es", "fr", "ru", "zh"]
FORMATS = ["txt", "pdf", "docx"]
ROUNDS = 3          # timings of a PDF job here vary by ±10 % from one run to the next: the best of three


ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}   # as a user runs it: bytecode cached


def cli(*args: str, cwd: Path = ROOT) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    r = subprocess.run([PY, "-m", "compendium", *args], cwd=cwd, capture_output=True, text=True, env=ENV)
    if r.returncode not in (0, 1):
        sys.exit(f"benchmark: `compendium {' '.join(args)}` failed:\n{r.stderr}")
    return time.perf_counter() - start, r


def pdf_overhead(lang: str, rounds: int = ROUNDS) -> dict:
    """Our whole PDF job (load, localize, templates, WeasyPrint, page labels, tags) vs WeasyPrint on its
    final HTML: each the best of `rounds`, taken in turn (the machine's noise falls on both)."""
    from weasyprint import CSS, HTML

    from compendium.build import Job, Settings, forget, localized, run_job
    from compendium.render.edition import load_edition
    from compendium.render.pdf import writer as pdf
    from compendium.localize.conventions import load_style

    s = Settings(ROOT / "content", ROOT / "locales", ROOT / "templates", Path(tempfile.mkdtemp()))
    job = Job(lang, "pdf", s.out / lang / "compendium.pdf")
    run_job(s, job)                                   # warm-up: imports, font configuration
    tree = localized(s, lang)
    edition = load_edition(load_style(lang, s.locales), s.templates)
    _, moved, base = pdf.layout(tree, edition)
    html, sheets = pdf.render_html(tree, edition, moved)   # the HTML whose layout the job wrote
    variant = edition.settings.get("pdf", {}).get("pdf_variant") or None      # the same output: tagged
    ours, alone = [], []
    for _ in range(rounds):
        forget()
        start = time.perf_counter()
        result = run_job(s, job)                      # cold corpus and localization, as a build does
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        HTML(string=html, base_url=base).render(stylesheets=[CSS(string=c, base_url=base) for c in sheets]
                                                ).write_pdf(pdf_variant=variant)
        alone.append(time.perf_counter() - start)
    shutil.rmtree(s.out)
    return {"lang": lang, "ours": min(ours), "weasyprint": min(alone), "ratio": min(ours) / min(alone),
            "pages": result.pages}


def _job_seconds(summary: str, formats: tuple[str, ...]) -> float:
    """The summed job times of the outputs of `formats` in a build summary's table."""
    return sum(float(m.group(2)) for m in re.finditer(r"^\S+/compendium\.(\w+)\s.*\s(\d+\.\d+) s$", summary, re.M)
               if m.group(1) in formats)


def best(runs: int, *args: str) -> float:
    return min(cli(*args)[0] for _ in range(runs))


def parallel(jobs: int) -> dict:
    out = Path(tempfile.mkdtemp())
    seq, _ = cli("build", "--force", "--jobs", "1", "--out", str(out))
    par, r = min((cli("build", "--force", "--jobs", str(jobs), "--out", str(out)) for _ in range(2)),
                 key=lambda run: run[0])
    noop = best(5, "build", "--out", str(out))
    helptime = best(5, "--help")
    po = ROOT / "locales" / "fr" / "LC_MESSAGES" / "compendium.po"
    saved = po.read_bytes()
    try:                                              # a translator corrects one entry of fr.po
        text = saved.decode("utf-8")
        entry = re.search(r'^msgstr "(.+)"$', text, re.M)
        po.write_text(text[:entry.start(1)] + entry.group(1) + " " + text[entry.end(1):], encoding="utf-8")
        to_pdf, changed = cli("build", "--jobs", str(jobs), "--out", str(out))
    finally:
        po.write_bytes(saved)
    rebuilt = sorted(re.findall(r"^(\S+/compendium\.\w+)\s.*\sbuilt\s", changed.stdout, re.M))
    cli("build", "--out", str(out))                  # back to the committed catalogue
    shutil.rmtree(out)
    return {"sequential": seq, "parallel": par, "ratio": par / seq, "noop": noop, "help": helptime,
            "rebuilt": rebuilt, "to_pdf": to_pdf, "other_jobs": _job_seconds(r.stdout, ("docx", "txt")),
            "summary": r.stdout}


def synthetic(factor: int, where: Path) -> tuple[Path, Path]:
    """The book ×factor: every chapter of parts A and B repeated with fresh meeting/session numbers (the
    names are ordinals spelled by ICU, so no message is added)."""
    content, templates = where / "content", where / "templates"
    shutil.copytree(ROOT / "content", content)
    shutil.copytree(ROOT / "templates", templates)
    from compendium.corpus.loader import load_editions_of
    newest = load_editions_of(content).newest.name
    for part, key in (("A", "meeting"), ("B", "session")):
        originals = sorted((content / part).glob("*.yaml"))
        n = max(int(path.stem) for path in originals)       # numbers may skip (part B: 1–8, 11)
        for k in range(1, factor):
            for path in originals:
                number = k * n + int(path.stem)
                text = re.sub(rf"^{key}: \d+", f"{key}: {number}", path.read_text(encoding="utf-8"), count=1, flags=re.M)
                text = re.sub(r"^adopted: (\d+)", lambda m: f"adopted: {int(m.group(1)) + k * n}", text, flags=re.M)
                if not re.search(r"^since: ", text, re.M):      # copies join the newest edition only
                    text = f"since: {newest}\n{text}"
                (content / part / f"{number:03d}.yaml").write_text(text, encoding="utf-8")
    return content, templates


def scaling(factors=(1, 4, 10), lang: str = "en") -> list[dict]:
    rows = []
    for factor in factors:
        where = Path(tempfile.mkdtemp())
        content, templates = synthetic(factor, where)
        probe = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
                 "r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
                 "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode, "
                 "r.stderr.replace(chr(10), ' ')[:300])")
        r = subprocess.run([PY, "-c", probe, PY, "-m", "compendium", "build", "--lang", lang, "--format", "pdf",
                            "--jobs", "1", "--force", "--content", str(content), "--templates", str(templates),
                            "--out", str(where / "build")], cwd=ROOT, capture_output=True, text=True, env=ENV)
        seconds, peak_kb, code, err = r.stdout.split(" ", 3)
        if code != "0":
            sys.exit(f"benchmark: scaling ×{factor} failed: {err}")
        from pypdf import PdfReader
        pages = len(PdfReader(where / "build" / lang / "compendium.pdf").pages)
        rows.append({"factor": factor, "seconds": float(seconds), "peak_mib": int(peak_kb) / 1024, "pages": pages})
        shutil.rmtree(where)
    return rows


def _met(ok: bool) -> str:
    return "yes" if ok else "no"


def main() -> None:
    started = time.perf_counter()
    jobs = len(os.sched_getaffinity(0))
    over = [pdf_overhead(lang) for lang in LANGS]
    worst = max(over, key=lambda o: o["ratio"])
    par = parallel(jobs)
    floor = (sum(o["weasyprint"] for o in over) + par["other_jobs"]) / jobs
    scale = scaling()
    base = scale[0]["seconds"]
    fr = sorted(f"fr/compendium.{f}" for f in FORMATS)
    fr_alone = next(o["weasyprint"] for o in over if o["lang"] == "fr")
    rebuilt = sorted(f"{Path(p).parent.name}/{Path(p).name}" for p in par["rebuilt"])
    noop_ratio = par["noop"] / par["help"]
    lines = [
        "# Benchmark results", "",
        f"{dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC · {platform.node()} · {platform.processor() or platform.machine()} · "
        f"{jobs} cores · Python {platform.python_version()} · `make bench` took {time.perf_counter() - started:.0f} s", "",
        "| measure | figure | goal | met |", "|---|---|---|---|",
        f"| 1. PDF overhead, worst language ({worst['lang']}) | {worst['ratio']:.2f}× | ≤ 1.10× | {_met(worst['ratio'] <= 1.10)} |",
    ]
    for o in over:
        lines.append(f"| 1. {o['lang']} ({o['pages']} pages): our job {o['ours']:.1f} s / WeasyPrint alone on the final HTML "
                     f"{o['weasyprint']:.1f} s (best of {ROUNDS} each) | {o['ratio']:.2f}× | ≤ 1.10× | {_met(o['ratio'] <= 1.10)} |")
    lines += [
        f"| 2a. cold build, {len(LANGS) * len(FORMATS)} outputs with {jobs} jobs {par['parallel']:.1f} s / engine floor "
        f"{floor:.1f} s ((Σ WeasyPrint alone {sum(o['weasyprint'] for o in over):.1f} s + DOCX and text jobs "
        f"{par['other_jobs']:.1f} s) ÷ {jobs}) | {par['parallel'] / floor:.2f}× | ≤ 1.15× | {_met(par['parallel'] / floor <= 1.15)} |",
        f"| 2b. the same with {jobs} jobs / one at a time {par['sequential']:.1f} s | {par['ratio']:.2f}× | ≤ 0.6× "
        f"| {_met(par['ratio'] <= 0.6)} |",
        f"| 3a. no-op rebuild {par['noop']:.2f} s / `compendium --help` {par['help']:.2f} s (best of 5, whole commands) "
        f"| {noop_ratio:.1f}× | ≤ 2× and ≤ 0.25 s | {_met(noop_ratio <= 2 and par['noop'] <= 0.25)} |",
        f"| 3b. one fr.po entry changed: rebuilt {', '.join(rebuilt) or 'nothing'} "
        f"| {len(rebuilt)} outputs | exactly fr's 3 | {_met(rebuilt == fr)} |",
        f"| 3c. … until fr's PDF is rebuilt {par['to_pdf']:.1f} s / WeasyPrint alone for fr {fr_alone:.1f} s "
        f"| {par['to_pdf'] / fr_alone:.2f}× | — | |",
    ]
    for row in scale:
        ratio = row["seconds"] / base
        goal = "≤ 10×, < 1 GiB" if row["factor"] == 10 else "—"
        met = _met(ratio <= 10 and row["peak_mib"] < 1024) if row["factor"] == 10 else ""
        lines.append(f"| 4. scaling ×{row['factor']} (en PDF, {row['pages']} pages): {row['seconds']:.1f} s, peak {row['peak_mib']:.0f} MiB "
                     f"| {ratio:.2f}× of ×1 | {goal} | {met} |")
    lines += ["", "Cold parallel build summary:", "", "```", par["summary"].strip(), "```", ""]
    out = ROOT / "benchmarks" / "RESULTS.md"
    out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
