"""Fixtures for the linter's tests: a small project with one of every finding, and helpers."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from sphinx_claims.lint import cli

HERE = Path(__file__).resolve().parent
PROJECT = HERE / "project"

CONF = '''project = "t"
root_doc = "index"
extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_claims"]
myst_enable_extensions = {extensions!r}
bibtex_bibfiles = ["refs.bib"]
'''
BIB = """@online{known2025,
  author = {Author, An},
  title = {Known},
  date = {2025},
  url = {https://example.org/known},
  urldate = {2025-01-02},
}
"""


def make_project(
    root: Path, files: dict[str, str], *, extensions: tuple[str, ...] = ("colon_fence",),
    bib: str = BIB, table: str = "",
) -> Path:
    """A project in *root*: conf.py (MyST *extensions*), refs.bib, pyproject and *files*."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "conf.py").write_text(CONF.format(extensions=list(extensions)))
    (root / "refs.bib").write_text(bib)
    (root / "pyproject.toml").write_text(f'[tool.sphinx-claims]\nsources = ["."]\n{table}')
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def copy_project(dest: Path) -> Path:
    shutil.copytree(PROJECT, dest)
    return dest


def run_cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], cwd: Path, *args: str
) -> tuple[int, str, str]:
    """``sphinx-claims ARGS`` in *cwd*, in process: (exit status, stdout, stderr)."""
    monkeypatch.chdir(cwd)
    capsys.readouterr()
    if args and args[0] == "check" and "--cache" not in args:
        args = (*args, "--no-cache")  # keep the fixture folders in the repository clean
    status = cli.main([a for a in args if a != "--cache"])
    out, err = capsys.readouterr()
    return status, out, err


def check_json(folder: Path, out: Path) -> tuple[int, list[dict[str, object]]]:
    """``sphinx-claims check --no-cache --output-format json`` in *folder*, written to *out*:
    (exit status, findings). For module-scoped fixtures, which have no ``monkeypatch``."""
    monkeypatch = pytest.MonkeyPatch()
    try:
        monkeypatch.chdir(folder)
        status = cli.main(["check", "--no-cache", "--output-format", "json", "-o", str(out)])
        return status, json.loads(out.read_text())
    finally:
        monkeypatch.undo()


def codes(output: str) -> list[tuple[int, str]]:
    """``(line, CODE)`` pairs from concise output."""
    found = []
    for line in output.splitlines():
        parts = line.split(":", 3)
        if len(parts) == 4 and parts[1].isdigit():
            found.append((int(parts[1]), parts[3].split()[0]))
    return found
