"""Shared fixtures: the repository, a throw-away copy of the handbook, and a sphinx-build runner."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
HANDBOOK_PARTS = ("docs", "chapters", "references.bib")

pytest_plugins = ["sphinx.testing.fixtures"]


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``sphinx.testing`` finds ``tests/roots/test-*``."""
    return REPO / "tests" / "roots"


@dataclass
class BuildResult:
    returncode: int
    stdout: str
    stderr: str
    outdir: Path


def sphinx_build(
    srcdir: Path, outdir: Path, *extra: str, builder: str = "html", strict: bool = True
) -> BuildResult:
    """Run ``sphinx-build`` the way the Makefile does (conf.py in ``docs/``)."""
    flags = ["-W", "--keep-going", "-n"] if strict else []
    cmd = [
        sys.executable, "-m", "sphinx", "-b", builder, "-c", str(srcdir / "docs"),
        *flags, "-q", *extra, str(srcdir), str(outdir),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=srcdir)
    return BuildResult(proc.returncode, proc.stdout, proc.stderr, outdir)


def copy_handbook(dest: Path) -> Path:
    """Copy the handbook's sources (not the build, not the venv) to *dest* and return it."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in HANDBOOK_PARTS:
        src = REPO / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("_build"))
        else:
            shutil.copy2(src, dest / part)
    return dest


@pytest.fixture
def handbook_copy(tmp_path: Path) -> Path:
    """A writable copy of the handbook's sources, for tests that break things on purpose."""
    return copy_handbook(tmp_path / "book")


@pytest.fixture(scope="session")
def built_handbook(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The real handbook, built once per session with warnings as errors."""
    out = tmp_path_factory.mktemp("html")
    return sphinx_build(REPO, out)


@pytest.fixture(scope="session")
def published_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as published -- ``make pdf``, then ``make html`` with its Download PDF link --
    built once per session from a copy of the handbook (browser tests, link check)."""
    src = copy_handbook(tmp_path_factory.mktemp("site") / "handbook")
    pdf = subprocess.run(
        [sys.executable, str(REPO / "tools" / "build_pdf.py"), "--srcdir", str(src),
         "--builddir", str(src / "_build")],
        capture_output=True, text=True, cwd=src,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1767225600"},
    )
    assert pdf.returncode == 0, pdf.stdout + pdf.stderr
    html = sphinx_build(src, src / "_build" / "html")
    assert html.returncode == 0, html.stderr
    return html.outdir
