"""An outside project adopts sphinx-claims from tools/sphinx-claims, in a fresh virtualenv.

The venv gets only the distribution (and, for the theme builds, the theme), resolved against
requirements/lock.txt from the pip cache; the fixture (tests/fixtures/adopter) is built under
``-W`` with each builder the adopter page names and with alabaster, furo, pydata and the book
theme. The wheel ships the licence and names no theme among its dependencies.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "tools" / "sphinx-claims"
FIXTURE = REPO / "tests" / "fixtures" / "adopter"
LOCK = REPO / "requirements" / "lock.txt"

pytestmark = pytest.mark.slow


def _pip(python: Path, *args: str) -> None:
    proc = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "-c", str(LOCK), *args],
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]


def _package_copy(dest: Path) -> Path:
    """The distribution's folder, copied (building in place would leave build/ in the tree)."""
    return Path(shutil.copytree(PACKAGE, dest / "sphinx-claims", ignore=shutil.ignore_patterns(
        "build", "*.egg-info", "__pycache__")))


@pytest.fixture(scope="module")
def fresh_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("adopter-venv")
    venv.create(root, with_pip=True)
    python = root / "bin" / "python"
    _pip(python, str(_package_copy(tmp_path_factory.mktemp("adopter-src"))))
    return root


def _installed(root: Path) -> set[str]:
    proc = subprocess.run([str(root / "bin" / "python"), "-m", "pip", "list", "--format",
                           "freeze"], capture_output=True, text=True, check=True)
    return {line.split("==")[0].lower() for line in proc.stdout.splitlines()}


def _build(root: Path, builder: str, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(root / "bin" / "sphinx-build"), "-W", "--keep-going", "-q", "-b", builder,
         "-d", str(out.with_name(f"{out.name}.doctrees")), *extra, str(FIXTURE), str(out)],
        capture_output=True, text=True, timeout=600,
    )


def test_the_package_alone_brings_no_theme_and_no_handbook(fresh_venv):
    installed = _installed(fresh_venv)
    assert "sphinx-claims" in installed and "nbformat" in installed
    assert not installed & {"sphinx-book-theme", "pydata-sphinx-theme", "furo",
                            "russia-asia-handbook"}


@pytest.mark.parametrize(
    ("builder", "page", "needle"),
    [
        ("html", "harbours.html", 'class="claim'),
        ("dirhtml", "harbours/index.html", 'class="claim'),
        ("text", "harbours.txt", "Claim 1.2 · Interpretation · attributed to Some Writer"),
        ("epub", "harbours.xhtml", 'class="claim'),
        ("latex", "adopter.tex", r"\begin{sphinxclaim}"),
    ],
)
def test_builds_under_warnings_as_errors_with_alabaster(fresh_venv, tmp_path, builder, page,
                                                        needle):
    proc = _build(fresh_venv, builder, tmp_path / builder)
    assert proc.returncode == 0, proc.stderr
    assert needle in (tmp_path / builder / page).read_text(encoding="utf-8")


def test_the_linter_from_the_fresh_venv_passes_the_fixture(fresh_venv):
    proc = subprocess.run([str(fresh_venv / "bin" / "sphinx-claims"), "check", "--no-cache"],
                          capture_output=True, text=True, cwd=FIXTURE, timeout=300)
    assert (proc.returncode, proc.stdout) == (0, "All checks passed!\n"), proc.stderr


@pytest.mark.parametrize(
    ("theme", "distribution"),
    [("furo", "furo"), ("pydata_sphinx_theme", "pydata-sphinx-theme"),
     ("sphinx_book_theme", "sphinx-book-theme")],
)
def test_builds_with_other_themes(fresh_venv, tmp_path, theme, distribution):
    _pip(fresh_venv / "bin" / "python", distribution)
    proc = _build(fresh_venv, "html", tmp_path / theme, "-D", f"html_theme={theme}")
    assert proc.returncode == 0, proc.stderr
    page = (tmp_path / theme / "harbours.html").read_text(encoding="utf-8")
    assert 'class="claim claim-kind-fact' in page and "Writer, 2020</a>, p. 12]" in page


def test_the_wheel_ships_the_licence_and_its_metadata(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                           "-w", str(tmp_path), str(_package_copy(tmp_path))],
                          capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stderr
    (wheel,) = tmp_path.glob("sphinx_claims-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        meta = archive.read(next(n for n in names if n.endswith("dist-info/METADATA"))).decode()
        entry_points = archive.read(
            next(n for n in names if n.endswith("dist-info/entry_points.txt"))).decode()
    assert any(n.endswith("dist-info/licenses/LICENSE") for n in names)
    assert "sphinx_claims/writers/static/claims.css" in names
    assert "License-Expression: MIT" in meta
    assert "Classifier: Framework :: Sphinx :: Extension" in meta
    requires = {line.split()[1].split(">")[0].split("<")[0].split("=")[0].lower()
                for line in meta.splitlines() if line.startswith("Requires-Dist:")}
    assert requires == {"sphinx", "myst-parser", "sphinxcontrib-bibtex", "pybtex", "nbformat",
                        "polib"}
    # the extension's own words in Dutch, compiled (sphinx.locale reads the .mo)
    assert "sphinx_claims/locale/nl/LC_MESSAGES/sphinx-claims.mo" in names
    assert "sphinx-claims-author-year = sphinx_claims.bib.style:HandbookStyle" in entry_points
    assert "handbook =" not in entry_points
