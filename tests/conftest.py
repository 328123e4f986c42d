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
        *flags, "-q", "--no-color", *extra, str(srcdir), str(outdir),
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


# ---- the PDF book: built once per session, shared by the PDF, browser and link tests -----------

BUILD_PDF = REPO / "tools" / "build_pdf.py"
PDF_NAME = "russias-asian-partnerships"
EPOCH = "1790000000"


@dataclass
class PdfBuild:
    returncode: int
    stdout: str
    stderr: str
    builddir: Path

    @property
    def latex_dir(self) -> Path:
        return self.builddir / "latex"


def run_build_pdf(srcdir: Path, builddir: Path, *extra: str) -> PdfBuild:
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    cmd = [sys.executable, str(BUILD_PDF), "--srcdir", str(srcdir), "--builddir", str(builddir),
           *extra]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=srcdir)
    return PdfBuild(proc.returncode, proc.stdout, proc.stderr, builddir)


def _pdf_book(factory: pytest.TempPathFactory, name: str) -> PdfBuild:
    src = copy_handbook(factory.mktemp(name) / "handbook")
    build = run_build_pdf(src, src / "_build")
    assert build.returncode == 0, build.stderr
    return build


@pytest.fixture(scope="session")
def pdf_book(tmp_path_factory: pytest.TempPathFactory) -> PdfBuild:
    """The real handbook's PDF, built from a copy with ``tools/build_pdf.py`` (``make pdf``)."""
    return _pdf_book(tmp_path_factory, "book-a")


@pytest.fixture(scope="session")
def pdf_book_again(tmp_path_factory: pytest.TempPathFactory) -> PdfBuild:
    """A second, independent build of the same PDF in another folder (reproducibility)."""
    return _pdf_book(tmp_path_factory, "book-b")


@pytest.fixture(scope="session")
def published_site(pdf_book: PdfBuild) -> Path:
    """The site as ``make site`` publishes it: the PDF, the EPUB beside it in ``_build/pdf``,
    then the HTML with its download menu."""
    src, build = pdf_book.builddir.parent, pdf_book.builddir
    epub = sphinx_build(src, build / "epub", "-d", str(build / "doctrees-epub"), builder="epub")
    assert epub.returncode == 0, epub.stderr
    shutil.copy2(build / "epub" / f"{PDF_NAME}.epub", build / "pdf")
    out = build / "html"
    html = sphinx_build(src, out)
    assert html.returncode == 0, html.stderr
    return out
