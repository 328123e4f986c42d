"""The printed book's structure: unnumbered back matter, the bibliography inside its chapter."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from handbook.latex_book import (
    BACKMATTER,
    FRONTMATTER,
    INCHAPTER,
    MAINMATTER,
    backmatter_docs,
)


def _segments(tex: str) -> dict[str, str]:
    parts = re.split(r"\\label\{\\detokenize\{([^}:]+)::doc\}\}", tex)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


@pytest.mark.sphinx("latex", testroot="chapter-sources")
def test_back_matter_starts_before_the_first_unnumbered_document(app) -> None:
    app.build()
    assert backmatter_docs(app) == ["bibliography"]
    tex = (Path(app.outdir) / "sources.tex").read_text(encoding="utf-8")
    assert tex.count(BACKMATTER) == 1
    segments = _segments(tex)
    assert BACKMATTER in segments["plain"]  # i.e. after the last numbered chapter...
    assert BACKMATTER not in segments["two"]  # ...and not earlier


@pytest.mark.sphinx("latex", testroot="chapter-sources")
def test_bibliography_is_printed_inside_its_own_chapter(app) -> None:
    app.build()
    tex = (Path(app.outdir) / "sources.tex").read_text(encoding="utf-8")
    assert tex.count(r"\begin{sphinxthebibliography}") == 1
    bib = _segments(tex)["bibliography"]
    assert bib.index(INCHAPTER) < bib.index(r"\begin{sphinxthebibliography}")
    assert bib.count(r"\bibitem") == 3  # the three cited entries, not the uncited one


@pytest.mark.sphinx("html", testroot="chapter-sources")
def test_html_is_left_alone(app) -> None:
    app.build()
    html = (Path(app.outdir) / "bibliography.html").read_text(encoding="utf-8")
    assert "handbookbackmatter" not in html


@pytest.mark.sphinx("latex", testroot="chapter-sources")
def test_main_matter_starts_before_the_numbered_toctree(app) -> None:
    app.build()
    tex = (Path(app.outdir) / "sources.tex").read_text(encoding="utf-8")
    assert tex.count(MAINMATTER) == 1
    assert FRONTMATTER not in tex  # this root has no unnumbered toctree before the numbered one
    assert tex.index(MAINMATTER) < tex.index(r"\label{\detokenize{one::doc}}")


@pytest.mark.sphinx("latex", testroot="chapter-sources")
def test_long_tables_break_across_pages_and_short_ones_do_not(app) -> None:
    app.build()
    plain = _segments((Path(app.outdir) / "sources.tex").read_text(encoding="utf-8"))["plain"]
    spec = re.search(r"\\begin\{longtable\}(\{.*?\})\n", plain)
    assert spec, plain
    widths = [int(w) for w in re.findall(r"\\X\{(\d+)\}", spec[1])]
    assert len(widths) == 2 and widths[1] > widths[0]
    assert r"\handbookcell" in spec[1]  # ragged right, never hyphenated
    assert plain.count(r"\begin{longtable}") == 1
    assert plain.count(r"\begin{tabular}") == 1  # the short table: sized, but one piece
