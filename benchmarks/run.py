"""Build benchmarks: the handbook's configuration against stock Sphinx, side by side in one run.

For each corpus size (chapters, with ``--per-chapter`` claims each and as many .bib entries as
claims) this generates the same book twice (``benchmarks/generate.py``: ``project`` and
``stock``) and measures, with ``/usr/bin/time -v`` around ``sphinx-build``:

* full HTML build time and peak memory, project vs stock;
* a rebuild after editing one chapter, as a fraction of the full build (both configurations);
* at the largest size: ``-j 2`` vs ``-j 1`` for the project (and that the output, including
  ``claims.json``, is identical), and the linter's time per claim vs ``sphinx-build -b dummy``'s.

Writes ``benchmarks/results/build.{md,json}`` and ``benchmarks/results/scaling.png``.

Usage: ``python benchmarks/run.py`` (100 chapters × 50 claims at the top; minutes) or
``python benchmarks/run.py --sizes 2,4 --per-chapter 20`` for a smoke run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from importlib.metadata import version
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from benchmarks.generate import Shape, generate  # noqa: E402

RESULTS = HERE / "results"
TIME = "/usr/bin/time"


@dataclass
class Run:
    """One measured command."""

    seconds: float
    cpu_seconds: float
    peak_mb: float
    returncode: int
    warnings: int


def measure(cmd: Sequence[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run *cmd* under ``/usr/bin/time -v``: wall and CPU time, peak RSS (largest process)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        full = [TIME, "-v", "-o", report.name, *cmd]
        start = time.perf_counter()
        proc = subprocess.run(full, cwd=cwd, capture_output=True, text=True,
                              env={**os.environ, **(env or {})})
        seconds = time.perf_counter() - start
        text = report.read()
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    peak = int(match.group(1)) / 1024 if match else float("nan")
    cpu = sum(float(m) for m in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", text))
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr[-3000:])
    return Run(round(seconds, 2), round(cpu, 2), round(peak, 1), proc.returncode,
               proc.stderr.count("WARNING"))


def sphinx(book: Path, out: Path, *extra: str, builder: str = "html") -> list[str]:
    return [sys.executable, "-m", "sphinx", "-b", builder, "-c", str(book / "docs"), "-q",
            *extra, str(book), str(out)]


def edit_one_chapter(book: Path, chapters: int) -> None:
    """Append a paragraph to the middle chapter (a contributor's typical edit)."""
    page = book / "chapters" / f"ch{(chapters + 1) // 2:03d}.md"
    page.write_text(page.read_text() + "\nAn added paragraph for the rebuild benchmark.\n")


def claims_text_available(work: Path) -> bool:
    """Whether the ``claim`` directive exists yet (it is written on another branch)."""
    book = generate(work / "probe", Shape(1, 2, 2), "project", "claims")
    proc = subprocess.run(sphinx(book, book / "_out", "-W"), capture_output=True, text=True)
    return proc.returncode == 0


def same_output(a: Path, b: Path) -> tuple[bool, bool | None]:
    """(every output file identical, claims.json identical or None if there is none)."""
    def files(root: Path) -> dict[str, bytes]:
        return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*")
                if p.is_file() and ".doctrees" not in p.parts}
    fa, fb = files(a), files(b)
    claims = None
    if "claims.json" in fa or "claims.json" in fb:
        claims = fa.get("claims.json") == fb.get("claims.json")
    return fa == fb, claims


def linter_command() -> list[str] | None:
    exe = Path(sys.executable).with_name("sphinx-claims")
    if not exe.exists():
        return None
    proc = subprocess.run([str(exe), "check", "--help"], capture_output=True, text=True)
    return [str(exe), "check", "--exit-zero"] if proc.returncode == 0 else None


def bench_linter(book: Path, claims: int) -> dict[str, object]:
    """``sphinx-build -b dummy`` and ``sphinx-claims check`` on the same book, per claim."""
    dummy = measure(sphinx(book, book / "_dummy", builder="dummy"), book)
    result: dict[str, object] = {"dummy_per_claim_ms": round(1000 * dummy.seconds / claims, 3),
                                 "dummy": asdict(dummy)}
    lint, note = linter_command(), "not installed"
    if lint:
        checked = measure([*lint, "chapters", "docs", "references.bib"], book)
        result["lint"] = {"run": asdict(checked),
                          "per_claim_ms": round(1000 * checked.seconds / claims, 3)}
        note = f"{checked.seconds:.1f} s"
    print(f"  dummy {dummy.seconds:.1f} s, linter {note}", flush=True)
    return result


def bench_size(work: Path, chapters: int, per_chapter: int, text: str,
               largest: bool) -> dict[str, object]:
    claims = chapters * per_chapter
    shape = Shape(chapters, claims, claims)
    row: dict[str, object] = {"chapters": chapters, "claims": claims, "entries": claims}
    for config in ("stock", "project"):
        book = generate(work / f"{config}-{chapters}", shape, config,
                        "admonitions" if config == "stock" else text)
        out = book / "_out"
        full = measure(sphinx(book, out), book)
        edit_one_chapter(book, chapters)
        rebuild = measure(sphinx(book, out), book)
        row[config] = {"full": asdict(full), "rebuild": asdict(rebuild),
                       "rebuild_fraction": round(rebuild.seconds / full.seconds, 3),
                       "rebuild_fraction_cpu": round(rebuild.cpu_seconds / full.cpu_seconds, 3)}
        print(f"  {config:7} full {full.seconds:7.1f} s (CPU {full.cpu_seconds:.1f} s) "
              f"{full.peak_mb:6.0f} MB   rebuild {rebuild.seconds:6.1f} s "
              f"(CPU {rebuild.cpu_seconds:.1f} s)", flush=True)
        if config == "project" and largest:
            fresh = generate(work / f"project-j-{chapters}", shape, config, text)
            j1 = measure(sphinx(fresh, fresh / "_j1"), fresh)
            j2 = measure(sphinx(fresh, fresh / "_j2", "-j", "2"), fresh)
            identical, claims_json = same_output(fresh / "_j1", fresh / "_j2")
            row["parallel"] = {"j1": asdict(j1), "j2": asdict(j2), "identical_output": identical,
                               "identical_claims_json": claims_json}
            print(f"  -j 1 {j1.seconds:.1f} s, -j 2 {j2.seconds:.1f} s, identical={identical}",
                  flush=True)
            row.update(bench_linter(fresh, claims))
    stock, project = row["stock"], row["project"]
    assert isinstance(stock, dict) and isinstance(project, dict)
    row["speedup"] = round(stock["full"]["seconds"] / project["full"]["seconds"], 2)
    row["speedup_cpu"] = round(stock["full"]["cpu_seconds"] / project["full"]["cpu_seconds"], 2)
    return row


def markdown(results: dict[str, object]) -> str:
    rows = results["sizes"]
    assert isinstance(rows, list)
    lines = [
        f"Measured {results['date']} on {results['machine']}; {results['versions']}.",
        f"Project text: `{results['project_text']}`.",
        "",
        "Wall-clock seconds, CPU seconds (user + system) in brackets; the machine may be shared,",
        "so the CPU column is the steadier comparison.",
        "",
        "| chapters | claims | .bib entries | stock full | project full | speed-up (CPU) "
        "| stock rebuild (% of full) | project rebuild (% of full) "
        "| stock peak MB | project peak MB |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        s, p = r["stock"], r["project"]
        lines.append(
            f"| {r['chapters']} | {r['claims']} | {r['entries']} "
            f"| {s['full']['seconds']:.1f} ({s['full']['cpu_seconds']:.1f}) "
            f"| {p['full']['seconds']:.1f} ({p['full']['cpu_seconds']:.1f}) "
            f"| **{r['speedup']:.2f}×** ({r['speedup_cpu']:.2f}×) "
            f"| {s['rebuild']['seconds']:.1f}, {100 * s['rebuild_fraction']:.0f} % "
            f"(CPU {100 * s['rebuild_fraction_cpu']:.0f} %) "
            f"| {p['rebuild']['seconds']:.1f}, {100 * p['rebuild_fraction']:.1f} % "
            f"(CPU {100 * p['rebuild_fraction_cpu']:.1f} %) "
            f"| {s['full']['peak_mb']:.0f} | {p['full']['peak_mb']:.0f} |"
        )
    top = rows[-1]
    if "parallel" in top:
        par = top["parallel"]
        lines += [
            "",
            f"At {top['chapters']} chapters: `-j 1` {par['j1']['seconds']:.1f} s, "
            f"`-j 2` {par['j2']['seconds']:.1f} s "
            f"({par['j1']['seconds'] / par['j2']['seconds']:.2f}×); output identical: "
            f"{par['identical_output']}; claims.json identical: "
            f"{par['identical_claims_json'] if par['identical_claims_json'] is not None else 'n/a (no claims.json yet)'}.",  # noqa: E501
            f"`sphinx-build -b dummy`: {top['dummy_per_claim_ms']:.2f} ms per claim.",
        ]
        if "lint" in top:
            lint = top["lint"]
            ratio = top["dummy_per_claim_ms"] / lint["per_claim_ms"]
            when = results.get("linter_measured")
            lines.append(f"`sphinx-claims check`: {lint['per_claim_ms']:.3f} ms per claim "
                         f"({ratio:.0f}× less than the dummy build"
                         + (f"; both re-measured {when})." if when else ")."))
        else:
            lines.append("`sphinx-claims check`: not available when this ran (see ## Linter).")
    return "\n".join(lines) + "\n"


def _fit(xs: list[float], ys: list[float]) -> tuple[float, float, float]:
    """Least-squares line through (xs, ys): slope, intercept, R²."""
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / (
        sum((x - mx) ** 2 for x in xs) or 1.0)
    intercept = my - slope * mx
    ss_res = sum((y - intercept - slope * x) ** 2 for x, y in zip(xs, ys, strict=True))
    ss_tot = sum((y - my) ** 2 for y in ys) or 1.0
    return slope, intercept, 1 - ss_res / ss_tot


def plot(results: dict[str, object], path: Path) -> None:
    """Wall and CPU time vs claims, with a linear fit through the project's full builds."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = results["sizes"]
    assert isinstance(rows, list)
    claims = [float(r["claims"]) for r in rows]
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.5))
    for ax, measure_key, title in ((axes[0], "seconds", "wall-clock time"),
                                   (axes[1], "cpu_seconds", "CPU time (user + system)")):
        series = [
            ("stock full build", "stock", "full", "tab:red", "-o"),
            ("project full build", "project", "full", "tab:blue", "-o"),
            ("stock one-chapter rebuild", "stock", "rebuild", "tab:red", "--x"),
            ("project one-chapter rebuild", "project", "rebuild", "tab:blue", "--x"),
        ]
        for label, config, kind, colour, style in series:
            ys = [float(r[config][kind][measure_key]) for r in rows]
            ax.plot(claims, ys, style, color=colour, label=label)
        if len(claims) >= 2:
            project = [float(r["project"]["full"][measure_key]) for r in rows]
            slope, intercept, r2 = _fit(claims, project)
            ax.plot(claims, [intercept + slope * x for x in claims], ":", color="grey",
                    label=f"linear fit, project full ({1000 * slope:.1f} ms/claim, R² = {r2:.3f})")
        ax.set_xlabel("claims (= .bib entries; 50 claims per chapter)")
        ax.set_ylabel("seconds")
        ax.set_title(title)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=7)
    fig.suptitle("HTML build time vs corpus size (same run, same machine)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def linter_only(args: argparse.Namespace) -> int:
    """Refresh the dummy-vs-linter row of ``build.json`` (e.g. once the linter is installed)."""
    results = json.loads((args.results / "build.json").read_text())
    top = results["sizes"][-1]
    work = args.work or Path(tempfile.mkdtemp(prefix="handbook-bench-"))
    shape = Shape(top["chapters"], top["claims"], top["entries"])
    book = generate(work / "linter", shape, "project", results["project_text"])
    try:
        top.pop("lint", None)
        top.update(bench_linter(book, top["claims"]))
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    results["linter_measured"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    (args.results / "build.json").write_text(json.dumps(results, indent=2) + "\n")
    (args.results / "build.md").write_text(markdown(results))
    print(markdown(results))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10,25,50,100", help="chapter counts, comma-separated")
    parser.add_argument("--per-chapter", type=int, default=50, help="claims per chapter")
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--work", type=Path, default=None, help="where books are built")
    parser.add_argument("--keep", action="store_true", help="keep the generated books")
    parser.add_argument("--replot", action="store_true",
                        help="rewrite build.md and scaling.png from build.json")
    parser.add_argument("--linter-only", action="store_true",
                        help="re-measure only dummy vs linter at the largest size and update "
                             "the existing results")
    args = parser.parse_args(argv)
    if args.linter_only:
        return linter_only(args)
    if args.replot:
        results = json.loads((args.results / "build.json").read_text())
        (args.results / "build.md").write_text(markdown(results))
        plot(results, args.results / "scaling.png")
        return 0
    sizes = sorted(int(s) for s in args.sizes.split(","))
    work = args.work or Path(tempfile.mkdtemp(prefix="handbook-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    text = "claims" if claims_text_available(work) else "admonitions"
    print(f"books in {work}; project text: {text}", flush=True)
    results: dict[str, object] = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python "
                   f"{platform.python_version()}",
        "versions": ", ".join(f"{d} {version(d)}" for d in
                              ("sphinx", "sphinxcontrib-bibtex", "pybtex", "myst-parser")),
        "project_text": text,
        "sizes": [],
    }
    rows = results["sizes"]
    assert isinstance(rows, list)
    try:
        for chapters in sizes:
            print(f"{chapters} chapters × {args.per_chapter} claims:", flush=True)
            rows.append(bench_size(work, chapters, args.per_chapter, text,
                                   largest=chapters == sizes[-1]))
    finally:
        if not args.keep and args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    args.results.mkdir(parents=True, exist_ok=True)
    (args.results / "build.json").write_text(json.dumps(results, indent=2) + "\n")
    (args.results / "build.md").write_text(markdown(results))
    plot(results, args.results / "scaling.png")
    print(markdown(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
