"""`make site` works from any state of ``_build/``: after the other targets, and after a ``-D``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EPOCH, REPO

#: The tests' own virtualenv stands in for the copy's ``.venv`` (``-o``: never reinstalled).
VENV = Path(sys.prefix)
SKIP = shutil.ignore_patterns("_build", ".venv", ".git", "node_modules", "test-artifacts",
                              ".pytest_cache", ".hypothesis", "__pycache__")


def _make(checkout: Path, *args: str) -> str:
    stamp = VENV / ".installed"
    proc = subprocess.run(
        ["make", "--no-print-directory", f"VENV={VENV}", "-o", str(stamp), "-o", "system-deps",
         *args],
        cwd=checkout, capture_output=True, text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
    )
    output = proc.stdout[-2000:] + proc.stderr[-3000:]
    assert proc.returncode == 0, f"make {' '.join(args)}\n{output}"
    return proc.stdout


@pytest.mark.heavy
def test_make_site_after_html_pdf_epub_and_after_a_changed_option(tmp_path: Path) -> None:
    checkout = tmp_path / "handbook"
    shutil.copytree(REPO, checkout, ignore=SKIP)
    for target in ("html", "pdf", "epub", "site"):
        out = _make(checkout, target)
        if target == "epub":  # the recipe runs epubcheck (the default tier checks the EPUB)
            assert "epubcheck: no errors or warnings" in out
    _make(checkout, "site", "SPHINXOPTS=-D today=2026-01-01")
    downloads = checkout / "_build" / "pdf"
    assert {p.suffix for p in downloads.iterdir()} == {".pdf", ".epub"}
    page = (checkout / "_build" / "html" / "chapters" / "russia-pakistan.html").read_text("utf-8")
    for book in downloads.iterdir():
        assert book.name in page, f"the site does not offer {book.name}"
