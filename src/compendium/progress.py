"""Build progress: a live table on a terminal (rich), plain lines in logs, a summary at the end."""
from __future__ import annotations

import sys
import time

from .build import Job, Result
from .manifest import engines_line


def _size(n: int) -> str:
    return f"{n / 1048576:.1f} MB" if n >= 1048576 else f"{n / 1024:.0f} kB"


class Progress:
    """Receives build events; `live` uses rich's Live display, otherwise one line per finished job."""

    def __init__(self, jobs: list[Job], live: bool | None = None) -> None:
        self.jobs = jobs
        self.state: dict[Job, str] = {j: "waiting" for j in jobs}
        self.started: dict[Job, float] = {}
        self.results: dict[Job, Result] = {}
        self.live = sys.stdout.isatty() if live is None else live
        self._live = None
        self.t0 = time.perf_counter()

    def __enter__(self) -> Progress:
        if self.live:
            from rich.live import Live
            self._live = Live(self._table(), refresh_per_second=4, transient=True)
            self._live.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        if self._live:
            self._live.__exit__(*exc)

    def event(self, kind: str, job: Job, result: Result | None) -> None:
        if kind in ("start", "queued"):
            self.state[job] = "building" if kind == "start" else "queued"
            self.started[job] = time.perf_counter()
        else:
            self.results[job] = result
            self.state[job] = result.status
            if not self.live:
                done = len(self.results)
                line = f"[{done}/{len(self.jobs)}] {job.path}: {result.status}"
                if result.status == "built":
                    line += f" in {result.seconds:.1f} s"
                if result.error:
                    line += f" — {result.error}"
                print(line, flush=True)
        if self._live:
            self._live.update(self._table())

    def _table(self):
        from rich.table import Table
        t = Table(title=f"compendium build — {sum(s in ('built', 'up to date', 'failed') for s in self.state.values())}"
                        f"/{len(self.jobs)} done, {time.perf_counter() - self.t0:.0f} s")
        for col in ("output", "status", "time"):
            t.add_column(col)
        for j in self.jobs:
            r = self.results.get(j)
            secs = r.seconds if r else (time.perf_counter() - self.started[j] if j in self.started else 0)
            t.add_row(str(j.path), self.state[j], f"{secs:.1f} s" if secs else "")
        return t

    def summary(self) -> str:
        """The closing table: each output's path, size, pages, status (draft/final) and time."""
        rows = [("output", "size", "pages", "edition", "status", "time")]
        for j in sorted(self.jobs, key=lambda j: (j.lang, j.fmt)):
            r = self.results.get(j)
            if r is None:
                continue
            rows.append((str(j.path), _size(r.size) if r.size else "-", str(r.pages) if r.pages else "-",
                         "-" if r.status == "failed" else ("draft" if r.draft else "final"),
                         r.status, f"{r.seconds:.1f} s"))
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in rows]
        built = sum(r.status == "built" for r in self.results.values())
        fresh = sum(r.status == "up to date" for r in self.results.values())
        failed = sum(r.status == "failed" for r in self.results.values())
        lines.append(f"{built} built, {fresh} up to date, {failed} failed in {time.perf_counter() - self.t0:.1f} s")
        lines.append(engines_line())
        return "\n".join(lines)
