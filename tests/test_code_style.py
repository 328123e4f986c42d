"""The code base stays ruff-clean (the same check contributors run with ``make lint``)."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO


def test_ruff_check_passes() -> None:
    paths = [p for p in ("tools", "tests", "benchmarks") if (REPO / p).is_dir()]
    proc = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", *paths],
        cwd=REPO, capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
