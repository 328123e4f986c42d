"""Benchmark: how long the PDF handbook takes to build (target: ≤ 60 s cold on the 2-core machine).

Runs, side by side in one process, on a fresh copy of the handbook:
  * baseline: the HTML build (``sphinx-build -b html``) from scratch;
  * ``pdf cold``: ``tools/build_pdf.py`` from scratch (LaTeX builder + latexmk/lualatex);
  * ``pdf warm``: the same command again with nothing changed;
  * ``pdf cold, whole CJK fonts``: ``--whole-fonts`` from scratch in a second copy, the CJK
    fallback fonts used whole rather than cut down to the book's characters;
  * ``pdf cold, every latexmk pass``: ``--all-passes``, no empty index for the first pass, so
    latexmk runs the third pass it needs on its own;
  * ``pdf cold, neither speed-up``: both flags;
  * ``pdf cold, LaTeX step of a4f68fb``: today's handbook built with ``tools/build_pdf.py`` and
    ``docs/_latex`` as they were before this issue's PDF work (``--baseline REV`` for another);
  * ``epub cold``: ``sphinx-build -b epub`` from scratch (what ``make epub`` runs before epubcheck).
Prints a Markdown table with wall-clock and CPU seconds (user + system of the child processes,
which other load on the machine does not inflate), the largest single process's peak memory
(lualatex, for the PDF), the wall-clock ratio to the HTML baseline and the machine's load
average before and after, since the machine may be shared.
Usage: ``.venv/bin/python benchmarks/pdf_bench.py [--repeat 2]``.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PARTS = ("docs", "chapters", "references.bib")
TARGET_SECONDS = 60.0


def copy_handbook(dest: Path) -> Path:
    dest.mkdir(parents=True)
    for part in PARTS:
        src = REPO / part
        if src.is_dir():
            shutil.copytree(src, dest / part)
        else:
            shutil.copy2(src, dest / part)
    return dest


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


#: Runs a command and prints, last on stderr, the peak RSS (KB) of its largest descendant.
_PEAK = ("import resource, subprocess, sys; code = subprocess.run(sys.argv[1:]).returncode; "
         "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
         "sys.exit(code)")


def timed(cmd: list[str], cwd: Path) -> tuple[float, float, float]:
    """(wall s, cpu s, peak MB of the largest process) of *cmd* and everything it started."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=os.environ.get("SOURCE_DATE_EPOCH", "1790000000"))
    cpu0, start = _children_cpu(), time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _PEAK, *cmd], cwd=cwd, env=env,
                          capture_output=True, text=True)
    elapsed, cpu = time.perf_counter() - start, _children_cpu() - cpu0
    if proc.returncode != 0:
        sys.exit(f"pdf_bench: {' '.join(cmd)} failed:\n{proc.stderr[-2000:]}")
    return elapsed, cpu, int(proc.stderr.split()[-1]) / 1024


#: Cold builds with the PDF speed-ups turned off, each from its own fresh copy.
WITHOUT = {
    "pdf cold, whole CJK fonts": ("--whole-fonts",),
    "pdf cold, every latexmk pass": ("--all-passes",),
    "pdf cold, neither speed-up": ("--whole-fonts", "--all-passes"),
}


#: The LaTeX step before this issue's PDF work: tools/build_pdf.py and docs/_latex as they were.
BASELINE_REV = "a4f68fb"


def baseline_build(workdir: Path, rev: str) -> tuple[list[str], Path]:
    """A copy of today's handbook whose LaTeX step (build_pdf.py, docs/_latex) is *rev*'s."""
    src = copy_handbook(workdir / "handbook-baseline")
    old = workdir / "baseline"
    old.mkdir()
    archive = subprocess.run(["git", "-C", str(REPO), "archive", rev, "tools/build_pdf.py",
                              "docs/_latex"], capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(old)], input=archive, check=True)
    shutil.rmtree(src / "docs" / "_latex")
    shutil.copytree(old / "docs" / "_latex", src / "docs" / "_latex")
    return [sys.executable, str(old / "tools" / "build_pdf.py"), "--srcdir", str(src)], src


def run_once(workdir: Path, rev: str) -> dict[str, tuple[float, float, float]]:
    src = copy_handbook(workdir / "handbook")
    html = [sys.executable, "-m", "sphinx", "-b", "html", "-c", "docs", "-q", ".", "_build/html"]
    build_pdf = [sys.executable, str(REPO / "tools" / "build_pdf.py"), "--srcdir"]
    epub = [sys.executable, "-m", "sphinx", "-b", "epub", "-c", "docs", "-q", "-d",
            "_build/doctrees-epub", ".", "_build/epub"]
    times = {
        "html (baseline)": timed(html, src),
        "pdf cold": timed([*build_pdf, str(src)], src),
        "pdf warm": timed([*build_pdf, str(src)], src),
    }
    for n, (name, flags) in enumerate(WITHOUT.items()):
        other = copy_handbook(workdir / f"handbook-{n}")
        times[name] = timed([*build_pdf, str(other), *flags], other)
    times[f"pdf cold, LaTeX step of {rev}"] = timed(*baseline_build(workdir, rev))
    times["epub cold"] = timed(epub, src)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--baseline", default=BASELINE_REV,
                        help="the commit whose LaTeX step is the baseline row")
    args = parser.parse_args()
    load_before = os.getloadavg()
    runs: list[dict[str, tuple[float, float, float]]] = []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory(prefix="pdf-bench-") as tmp:
            runs.append(run_once(Path(tmp), args.baseline))
    medians = {name: statistics.median(r[name][0] for r in runs) for name in runs[0]}
    cpu = {name: statistics.median(r[name][1] for r in runs) for name in runs[0]}
    peak = {name: max(r[name][2] for r in runs) for name in runs[0]}
    base = medians["html (baseline)"]
    print(f"| build | wall, median of {args.repeat} (s) | CPU (s) | peak MB | wall ratio to HTML |")
    print("| --- | --- | --- | --- | --- |")
    for name, seconds in medians.items():
        print(f"| {name} | {seconds:.1f} | {cpu[name]:.1f} | {peak[name]:.0f} "
              f"| {seconds / base:.1f}× |")
    load_after = os.getloadavg()
    print(f"\nload average (1, 5, 15 min) on {os.cpu_count()} cores: before "
          f"{', '.join(f'{x:.1f}' for x in load_before)}; after "
          f"{', '.join(f'{x:.1f}' for x in load_after)}")
    verdict = "meets" if medians["pdf cold"] <= TARGET_SECONDS else "MISSES"
    print(f"\npdf cold {medians['pdf cold']:.1f} s {verdict} the {TARGET_SECONDS:.0f} s target")
    gain = medians[f"pdf cold, LaTeX step of {args.baseline}"] / medians["pdf cold"]
    print(f"pdf cold is {gain:.2f}x faster than with the LaTeX step of {args.baseline} "
          "(target: 2x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
