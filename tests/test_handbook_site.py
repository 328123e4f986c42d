"""``handbook.site``: the PDF button appears exactly when ``make pdf`` left a PDF, and MathJax is
never taken from a CDN — policy as config values, not code in conf.py."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

from bs4 import BeautifulSoup
from sphinx.application import Sphinx
from sphinx.testing.util import _clean_up_global_state

from conftest import copy_handbook, sphinx_build

PDF = "russias-asian-partnerships.pdf"


def test_the_pdf_is_published_with_its_button_only_when_it_exists(tmp_path: Path) -> None:
    book = copy_handbook(tmp_path / "book")
    (book / "_build" / "pdf").mkdir(parents=True)
    (book / "_build" / "pdf" / PDF).write_bytes(b"%PDF-1.4 placeholder\n")
    with_pdf = sphinx_build(book, tmp_path / "with")
    assert with_pdf.returncode == 0, with_pdf.stderr
    assert (tmp_path / "with" / PDF).read_bytes().startswith(b"%PDF")
    page = BeautifulSoup((tmp_path / "with" / "docs" / "index.html").read_text(), "html.parser")
    assert page.select_one(f'a.handbook-pdf-button[href$="{PDF}"]')

    (book / "_build" / "pdf" / PDF).unlink()
    without = sphinx_build(book, tmp_path / "without")
    assert without.returncode == 0, without.stderr
    assert not (tmp_path / "without" / PDF).exists()
    page = BeautifulSoup((tmp_path / "without" / "docs" / "index.html").read_text(), "html.parser")
    assert page.select_one("a.handbook-pdf-button") is None


def test_mathjax_would_come_from_the_site(tmp_path: Path) -> None:
    book = copy_handbook(tmp_path / "book")
    app = Sphinx(str(book), str(book / "docs"), str(tmp_path / "out"), str(tmp_path / "dt"),
                 "html", status=StringIO(), warning=StringIO())
    _clean_up_global_state()  # as SphinxTestApp.cleanup: later apps start from scratch
    assert app.config.mathjax_path == "mathjax/tex-chtml.js"  # not Sphinx's CDN default
