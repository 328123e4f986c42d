"""Benchmark ``sphinx-claims check`` against ``sphinx-build -b dummy``, side by side in one run.

``python benchmarks/lint_bench.py [--runs 3] [--sample 100] [--jobs N]``

1. Generates the corpus (benchmarks/gen_lint_corpus.py: 2,000 files, 100,000 claims, a
   10,000-entry bibliography) under ``benchmarks/out/lint-corpus`` unless it is already there.
2. Runs the linter over the whole corpus ``--runs`` times cold (``--no-cache``: every file
   parsed) and ``--runs`` times warm (the scan cache filled, nothing changed), each a fresh
   process as a user runs it: wall time, CPU time and the peak resident memory of the whole
   process tree (the workers included, sampled from /proc every 20 ms; shared pages count once
   per process, so this over-states rather than under-states).
3. Builds a ``--sample``-file slice of the same corpus (same bibliography, same conf.py with the
   claim directive) with ``sphinx-build -b dummy`` and lints the same slice.
4. Prints the numbers and the per-claim time ratio (Sphinx per claim / linter per claim).

Targets (issue 4): ≤ 3 s wall and ≤ 500 MB peak for the full corpus on a 2-core machine, and a
per-claim ratio ≥ 200. The load average is printed too: on a shared machine it explains noise.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen_lint_corpus import generate  # noqa: E402

OUT = HERE / "out"
CORPUS = OUT / "lint-corpus"
BIN = Path(sys.executable).parent
PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass
class Measure:
    wall: float
    cpu: float
    peak_mb: float
    status: int


def _tree_rss(root: int) -> int:
    """Resident bytes of *root* and all its descendants (from /proc)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry.name)
        parents[pid] = int(fields[1])
        rss[pid] = int(fields[21]) * PAGE
    total, stack, seen = 0, [root], set()
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.add(pid)
        total += rss.get(pid, 0)
        stack.extend(child for child, parent in parents.items() if parent == pid)
    return total


def measure(cmd: list[str], cwd: Path) -> Measure:
    """Run *cmd*; wall time, CPU time (user+sys of the tree) and peak tree RSS."""
    before = os.times()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system)
    if proc.returncode not in (0, 1):
        sys.exit(f"{cmd[0]} failed ({proc.returncode}): {err.decode()[-2000:]}")
    return Measure(wall, cpu, peak / 2**20, proc.returncode)


def count_claims(folder: Path) -> int:
    return sum(p.read_text().count("{claim}") for p in folder.glob("chapters/*.md"))


def make_sample(size: int) -> Path:
    """The first *size* chapters of the corpus with the same bibliography and conf.py."""
    sample = OUT / f"lint-sample-{size}"
    if sample.exists():
        shutil.rmtree(sample)
    (sample / "chapters").mkdir(parents=True)
    shutil.copytree(CORPUS / "docs", sample / "docs")
    shutil.copy2(CORPUS / "references.bib", sample / "references.bib")
    shutil.copy2(CORPUS / "pyproject.toml", sample / "pyproject.toml")
    names = sorted(p.stem for p in (CORPUS / "chapters").glob("ch*.md"))[:size]
    for name in names:
        shutil.copy2(CORPUS / "chapters" / f"{name}.md", sample / "chapters" / f"{name}.md")
    toctree = "\n".join(f"/chapters/{name}" for name in names)
    (sample / "docs" / "index.md").write_text(
        f"# Sample\n\n```{{toctree}}\n:numbered:\n\n{toctree}\n```\n"
    )
    return sample


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sample", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()

    if not (CORPUS / "references.bib").exists():
        print("generating the corpus …", file=sys.stderr)
        generate(CORPUS, 2000, 100_000, 10_000)
    claims = count_claims(CORPUS)
    files = len(list((CORPUS / "chapters").glob("*.md")))
    lint = [str(BIN / "sphinx-claims"), "check", "--exit-zero"]
    if args.jobs:
        lint += ["--jobs", str(args.jobs)]
    load = os.getloadavg()

    cold = [*lint, "--no-cache"]
    full = [measure(cold, CORPUS) for _ in range(args.runs)]
    shutil.rmtree(CORPUS / ".sphinx-claims-cache", ignore_errors=True)
    measure(lint, CORPUS)  # fills the cache
    warm = [measure(lint, CORPUS) for _ in range(args.runs)]
    sample = make_sample(args.sample)
    sample_claims = count_claims(sample)
    lint_sample = measure(cold, sample)
    build_dir = OUT / "lint-sample-build"
    shutil.rmtree(build_dir, ignore_errors=True)
    sphinx = measure(
        [str(BIN / "sphinx-build"), "-b", "dummy", "-c", "docs", "-q", ".", str(build_dir)],
        sample,
    )

    wall = statistics.median(m.wall for m in full)
    per_claim_lint = wall / claims
    per_claim_sphinx = sphinx.wall / sample_claims
    results = {
        "cores": os.cpu_count(),
        "load_average_at_start": [round(x, 2) for x in load],
        "corpus": {"files": files, "claims": claims, "entries": 10_000},
        "lint_full_wall_s": [round(m.wall, 2) for m in full],
        "lint_full_wall_median_s": round(wall, 2),
        "lint_full_cpu_s": [round(m.cpu, 2) for m in full],
        "lint_full_peak_mb": round(max(m.peak_mb for m in full), 1),
        "lint_warm_wall_s": [round(m.wall, 2) for m in warm],
        "lint_warm_cpu_s": [round(m.cpu, 2) for m in warm],
        "lint_warm_peak_mb": round(max(m.peak_mb for m in warm), 1),
        "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
        "sample": {"files": args.sample, "claims": sample_claims},
        "lint_sample_wall_s": round(lint_sample.wall, 2),
        "sphinx_dummy_sample_wall_s": round(sphinx.wall, 2),
        "sphinx_dummy_sample_cpu_s": round(sphinx.cpu, 2),
        "lint_us_per_claim": round(per_claim_lint * 1e6, 1),
        "sphinx_us_per_claim": round(per_claim_sphinx * 1e6, 1),
        "ratio_per_claim": round(per_claim_sphinx / per_claim_lint, 1),
        "ratio_per_claim_cpu": round(
            (sphinx.cpu / sample_claims) / (statistics.median(m.cpu for m in full) / claims), 1),
        "ratio_per_claim_warm": round(
            per_claim_sphinx / (statistics.median(m.wall for m in warm) / claims), 1),
    }
    text = json.dumps(results, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n")


if __name__ == "__main__":
    main()
