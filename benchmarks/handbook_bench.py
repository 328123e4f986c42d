"""The pre-commit path: ``sphinx-claims check`` on the handbook vs ``sphinx-build -b dummy``.

``python benchmarks/handbook_bench.py [--runs 5] [--before SRC] [--json FILE]``

Side by side in one run, each a fresh process as a contributor runs it, in the repository:

* ``sphinx-build -b dummy -E -c docs . OUT`` — the cheapest full Sphinx build (every document
  read and resolved, nothing written), what the linter stands in for;
* ``sphinx-claims check`` warm (the scan cache filled: a commit that changed nothing the linter
  reads, or only some files) and cold (``--no-cache``: every file parsed).

``--before SRC`` also times the linter from another source tree (``SRC`` is put first on
``PYTHONPATH``, e.g. an unpacked older commit's ``tools/sphinx-claims/src``), in the same run.
Bytecode is written as on a contributor's machine (``PYTHONDONTWRITEBYTECODE`` is removed from
the children's environment). Medians of wall time; the load average is printed, since on a
shared machine it explains the noise.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CACHE = REPO / ".sphinx-claims-cache"


def _env(pythonpath: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    return env


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True)
    wall = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.exit(f"{cmd[0]} failed ({proc.returncode}): {proc.stderr.decode()[-2000:]}")
    return wall


def linter(runs: int, pythonpath: str | None) -> dict[str, list[float]]:
    check = [str(BIN / "sphinx-claims"), "check", "--exit-zero"]
    env = _env(pythonpath)
    shutil.rmtree(CACHE, ignore_errors=True)
    timed(check, env)  # fills the cache (and writes bytecode)
    warm = [timed(check, env) for _ in range(runs)]
    cold = [timed([*check, "--no-cache"], env) for _ in range(runs)]
    return {"warm": warm, "cold": cold}


def sphinx(runs: int) -> list[float]:
    walls = []
    with tempfile.TemporaryDirectory() as out:
        build = [str(BIN / "sphinx-build"), "-b", "dummy", "-E", "-q", "-c", "docs", ".", out]
        timed(build, _env())  # bytecode, as for the linter
        walls += [timed(build, _env()) for _ in range(runs)]
    return walls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--before", help="source tree of an older linter (put on PYTHONPATH)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()

    load = os.getloadavg()
    results: dict[str, object] = {"cores": os.cpu_count(),
                                  "load_average_at_start": [round(x, 2) for x in load]}
    build = sphinx(args.runs)
    variants = {"after": None, **({"before": args.before} if args.before else {})}
    medians = {"sphinx_dummy_s": statistics.median(build)}
    results["sphinx_dummy_wall_s"] = [round(w, 3) for w in build]
    for name, path in variants.items():
        walls = linter(args.runs, path)
        for kind, values in walls.items():
            results[f"lint_{kind}_{name}_wall_s"] = [round(w, 3) for w in values]
            medians[f"lint_{kind}_{name}_s"] = statistics.median(values)
    build_again = sphinx(args.runs)  # the build again: load drifts during a run
    results["sphinx_dummy_again_wall_s"] = [round(w, 3) for w in build_again]
    medians["sphinx_dummy_s"] = statistics.median(build + build_again)
    results["medians_s"] = {k: round(v, 3) for k, v in medians.items()}
    results["ratios"] = {
        f"sphinx_dummy/lint_{key[5:-2]}": round(medians["sphinx_dummy_s"] / value, 1)
        for key, value in medians.items() if key.startswith("lint_")
    }
    results["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    text = json.dumps(results, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n")


if __name__ == "__main__":
    main()
