"""Least surprise: on a book without claims, switching sphinx-claims on changes no page's body.

The stock fixture (``tests/fixtures/stock``: MyST chapters citing with ``{cite:t}``, ``{cite:p}``
and ``{footcite}``, an ``unsrt`` bibliography, two works of one author in one year) is built with
Sphinx's HTML builder twice, without and with the extension; every document's main content must
be the same. The switches that add something (sources lists, year letters) are then turned on
to show that the comparison sees them.
"""

from __future__ import annotations

import os
import shutil
from io import StringIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.application import Sphinx
from sphinx.testing.util import _clean_up_global_state

STOCK = Path(__file__).parent / "fixtures" / "stock"


def build(src: Path, out: Path, extra: str = "", **overrides: object) -> dict[str, str]:
    """Build *src* to HTML (*extra*: extensions added to its own); ``{docname: main content}``."""
    os.environ["STOCK_EXTRA_EXTENSIONS"] = extra
    try:
        app = Sphinx(str(src), str(src), str(out), str(out / ".doctrees"), "html",
                     confoverrides=dict(overrides), status=StringIO(), warning=StringIO(),
                     freshenv=True)
        app.build()
        docnames = sorted(app.env.found_docs)
    finally:
        del os.environ["STOCK_EXTRA_EXTENSIONS"]
        _clean_up_global_state()
    bodies = {}
    for docname in docnames:
        page = BeautifulSoup((out / f"{docname}.html").read_text(encoding="utf-8"),
                             "html.parser")
        main = page.select_one("[role=main]")
        assert main is not None, docname
        bodies[docname] = main.prettify()
    return bodies


@pytest.fixture(scope="module")
def stock(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    tmp = tmp_path_factory.mktemp("stock")
    src = tmp / "src"
    shutil.copytree(STOCK, src)
    return src, build(src, tmp / "plain")


def test_a_book_without_claims_is_unchanged_by_the_extension(stock, tmp_path: Path) -> None:
    src, plain = stock
    assert set(plain) == {"index", "chapter", "refs"}
    with_claims = build(src, tmp_path / "claims", "sphinx_claims")
    assert with_claims == plain


def test_the_switches_add_what_they_say(stock, tmp_path: Path) -> None:
    src, plain = stock
    switched = build(src, tmp_path / "on", "sphinx_claims", claims_chapter_sources="all",
                     claims_year_letters=True)
    assert switched["index"] == plain["index"]
    assert "Sources cited in this chapter" in switched["chapter"]
    assert "Sources cited" not in plain["chapter"]
    assert "2010a" in switched["refs"] and "2010b" in switched["refs"]
    assert "2010a" not in plain["refs"]


def test_the_options_reference_lists_every_registered_config_value(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(STOCK, src)
    (src / "index.md").write_text("# Stock book\n\n```{sphinx-claims-options}\n```\n",
                                  encoding="utf-8")
    os.environ["STOCK_EXTRA_EXTENSIONS"] = "sphinx_claims"
    try:
        app = Sphinx(str(src), str(src), str(tmp_path / "out"), str(tmp_path / "d"), "html",
                     status=StringIO(), warning=StringIO(), freshenv=True)
        registered = {name for name in app.config.values if name.startswith("claims_")}
        app.build()
    finally:
        del os.environ["STOCK_EXTRA_EXTENSIONS"]
        _clean_up_global_state()
    page = BeautifulSoup((tmp_path / "out" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    terms = {term.code.get_text() for term in page.select("dl.sphinx-claims-options dt")}
    assert len(registered) >= 6 and terms == registered
    assert {term["id"] for term in page.select("dl.sphinx-claims-options dt")} == {
        f"confval-{name}" for name in registered}


def test_the_legend_is_switched_by_claims_legend(stock, tmp_path: Path) -> None:
    """A page with a claim gets the legend by default; ``claims_legend = False`` drops it and
    nothing else."""
    src, _plain = stock
    (src / "chapter.md").write_text(
        (STOCK / "chapter.md").read_text(encoding="utf-8")
        + "\n```{claim}\n:label: one\nA claim {cite:p}`smith2010a`.\n```\n", encoding="utf-8")
    try:
        shown = build(src, tmp_path / "shown", "sphinx_claims")["chapter"]
        hidden = build(src, tmp_path / "hidden", "sphinx_claims", claims_legend=False)["chapter"]
    finally:
        shutil.copy(STOCK / "chapter.md", src / "chapter.md")
    assert "claims-legend" in shown and "claims-legend" not in hidden
    assert 'class="claim' in hidden
