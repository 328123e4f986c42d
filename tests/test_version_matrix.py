"""The version matrix (``noxfile.py``): every session a real install from PyPI into a fresh venv."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.heavy


@pytest.mark.parametrize("stack", ["oldest", "newest"])
def test_matrix_session_passes(stack: str, tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "nox", "-f", str(REPO / "noxfile.py"), "--envdir",
         str(tmp_path / "nox"), "-s", f"matrix(stack='{stack}')"],
        cwd=REPO, capture_output=True, text=True, timeout=3600,
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
