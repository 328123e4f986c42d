"""A Jupyter Book 1 book adopts sphinx-claims (``tests/fixtures/jupyterbook``).

Not collected by ``make test`` (the handbook's venv has no Jupyter Book): the ``oldest`` session of
``noxfile.py`` runs it in a fresh virtualenv where ``jupyter-book<2`` and sphinx-claims were
installed together, and ``tests/test_version_matrix.py`` runs that session.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

FIXTURE = Path(__file__).parent / "fixtures" / "jupyterbook"
BIN = Path(sys.executable).parent
UNCITED = "\n:::{claim}\n:label: unsourced\n:kind: fact\nThe rail link opened in 2019.\n:::\n"


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return Path(shutil.copytree(FIXTURE, tmp_path / "book"))


def _jb_build(book: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "jb"), "build", "-W", "-n", "--keep-going", str(book)],
                          capture_output=True, text=True, timeout=900)


def _lint(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "sphinx-claims"), "check", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def test_jb_build_shows_the_register(book: Path) -> None:
    proc = _jb_build(book)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    html = book / "_build" / "html"
    soup = BeautifulSoup((html / "register.html").read_text(encoding="utf-8"), "html.parser")
    text = " ".join(soup.get_text().split())
    assert "The harbour handled more cargo in 2023 than in 2022." in text
    assert "Some Writer" in text
    links = {a["href"].split("#")[-1] for a in soup.select("table a[href]")}
    assert {"claim-tonnage", "claim-harbour-view"} <= links
    labels = [claim["label"] for claim in json.loads((html / "claims.json").read_text())]
    assert labels == ["tonnage", "harbour-view"]
    # The root page is the _toc.yml's root, not index: index.html only redirects to it.
    assert "welcome.html" in (html / "index.html").read_text(encoding="utf-8")


def test_jb_build_fails_on_an_uncited_claim(book: Path) -> None:
    with (book / "chapters" / "harbours.md").open("a", encoding="utf-8") as chapter:
        chapter.write(UNCITED)
    proc = _jb_build(book)
    assert proc.returncode != 0
    assert "harbours.md:20: WARNING: claim 'unsourced' cites no source" in proc.stdout + proc.stderr


def test_the_linter_reads_the_book_as_jb_builds_it(book: Path) -> None:
    settings = _lint(book, "--show-settings")
    assert settings.returncode == 0, settings.stderr
    assert "root-doc = welcome\n" in settings.stdout
    assert _lint(book).returncode == 0, _lint(book).stdout
    with (book / "chapters" / "harbours.md").open("a", encoding="utf-8") as chapter:
        chapter.write(UNCITED)
    proc = _lint(book, "--output-format", "json")
    assert proc.returncode == 1
    found = [(f["code"], f["line"]) for f in json.loads(proc.stdout)]
    assert found == [("CLM001", 20)]
