"""``sphinx-claims check --add-noqa``: a first-run baseline on a copy of the fixture book.

The copy is checked, baselined, checked again and baselined again: the second baseline writes
nothing and names as left exactly the findings the check still reports; the build of the
baselined copy reports none of the claim findings it reported before (it reads the same
comments), except the ones no comment can excuse (SUP001, and .bib parse errors, BIB001).
"""

from __future__ import annotations

import json
import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
from lint_fixtures import PROJECT, run_cli
from sphinx.application import Sphinx
from sphinx.testing.util import _clean_up_global_state
from sphinx.util.console import strip_escape_sequences

ADDED = re.compile(r"^Added (\d+) suppression comment\(s\) to (\d+) file\(s\); (\d+) finding\(s\)")
CODE = re.compile(r"\[claims\.([A-Z]+\d+)\]")
UNEXCUSABLE = {"SUP001", "BIB001"}


def build_codes(src: Path, out: Path) -> list[str]:
    warnings = StringIO()
    app = Sphinx(str(src), str(src / "docs"), str(out), str(out / ".d"), "dummy",
                 status=StringIO(), warning=warnings, freshenv=True, keep_going=True)
    try:
        app.build()
    finally:
        _clean_up_global_state()
    return CODE.findall(strip_escape_sequences(warnings.getvalue()))


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_add_noqa_baselines_the_first_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    book = Path(shutil.copytree(PROJECT, tmp_path / "book"))
    _, before, _ = run_cli(monkeypatch, capsys, book, "check", "--output-format", "json")
    built_before = build_codes(book, tmp_path / "b0")
    status, out, _ = run_cli(monkeypatch, capsys, book, "check", "--add-noqa")
    comments, files, _ = map(int, ADDED.match(out).groups())
    assert status == 0 and comments >= 15 and files == 3

    files_after = snapshot(book)
    _, after, _ = run_cli(monkeypatch, capsys, book, "check", "--output-format", "json")
    left = json.loads(after)
    assert len(left) < len(json.loads(before)) // 5
    status, out, _ = run_cli(monkeypatch, capsys, book, "check", "--add-noqa")
    assert ADDED.match(out).groups() == ("0", "0", str(len(left)))  # idempotent
    assert snapshot(book) == files_after

    text = (book / "chapters" / "bad.md").read_text(encoding="utf-8")
    assert "% sphinx-claims: ignore[CLM001]\n:::{claim}\n:label: no-source" in text
    built_after = build_codes(book, tmp_path / "b1")
    assert set(built_before) - UNEXCUSABLE
    assert set(built_after) <= UNEXCUSABLE
