"""Right-to-left runs are marked for LaTeX, and only for LaTeX."""

from __future__ import annotations

from pathlib import Path

import pytest
from handbook.latex_rtl import OPEN, split_rtl


def test_split_keeps_words_of_one_run_together() -> None:
    assert split_rtl("Imran Khan (عمران خان) lost") == [
        ("Imran Khan (", False),
        ("عمران خان", True),
        (") lost", False),
    ]


def test_split_without_rtl_text_is_one_piece() -> None:
    assert split_rtl("Владивосток 海參崴") == [("Владивосток 海參崴", False)]


def test_split_separates_runs_divided_by_latin() -> None:
    pieces = split_rtl("پاکستان and روس")
    assert pieces == [("پاکستان", True), (" and ", False), ("روس", True)]


@pytest.mark.sphinx("latex", testroot="scripts")
def test_latex_wraps_runs_in_text_tables_and_titles(app) -> None:
    app.build()
    tex = (Path(app.outdir) / "scripts.tex").read_text(encoding="utf-8")
    assert OPEN + "پاکستان روس}" in tex
    assert r"Imran Khan (" + OPEN + "عمران خان})" in tex
    assert r"\chapter{Heading with Urdu: " + OPEN + "پاکستان} and 海参崴}" in tex


@pytest.mark.sphinx("html", testroot="scripts")
def test_html_is_untouched(app) -> None:
    app.build()
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert "handbookrtl" not in html
    assert "Imran Khan (عمران خان)" in html


@pytest.mark.sphinx("latex", testroot="scripts")
def test_literal_blocks_are_left_as_written(app) -> None:
    app.build()
    tex = (Path(app.outdir) / "scripts.tex").read_text(encoding="utf-8")
    assert "code stays as written: پاکستان" in tex
