"""The handbook builds cleanly; citations and cross-references are checked by the build."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import BuildResult, sphinx_build


def test_handbook_builds_without_warnings(built_handbook: BuildResult) -> None:
    assert built_handbook.returncode == 0, built_handbook.stderr
    assert "WARNING" not in built_handbook.stderr
    assert (built_handbook.outdir / "index.html").is_file()
    assert (built_handbook.outdir / "docs" / "index.html").is_file()


def test_both_chapter_pages_exist(built_handbook: BuildResult) -> None:
    for name in ("russia-pakistan", "sino-russian"):
        assert (built_handbook.outdir / "chapters" / f"{name}.html").is_file()


def test_site_root_lands_on_the_book(built_handbook: BuildResult) -> None:
    html = (built_handbook.outdir / "index.html").read_text()
    assert 'url=docs/index.html' in html


def test_citation_is_author_year_and_links_to_the_bibliography(
    built_handbook: BuildResult,
) -> None:
    page = built_handbook.outdir / "chapters" / "russia-pakistan.html"
    soup = BeautifulSoup(page.read_text(), "html.parser")
    cites = soup.select("span.bibtex-citation a")
    korybko = [a for a in cites if a.get_text().startswith("Korybko")]
    assert korybko, [a.get_text() for a in cites]
    assert re.fullmatch(r"Korybko \d{4}", korybko[0].get_text())  # "(Korybko 2025; …)"
    href = korybko[0]["href"]
    target_page, fragment = href.split("#")
    assert target_page.endswith("docs/bibliography.html")
    bib = BeautifulSoup((page.parent / target_page).read_text(), "html.parser")
    entry = bib.find(id=fragment)
    assert entry is not None and "Korybko" in entry.get_text()


def _append(path: Path, text: str) -> int:
    """Append *text* to *path*; return the 1-based line number where it starts."""
    lines = path.read_text().splitlines()
    path.write_text("\n".join([*lines, "", text]) + "\n")
    return len(lines) + 2


def test_unknown_citation_key_fails_with_file_and_line(
    handbook_copy: Path, tmp_path: Path
) -> None:
    chapter = handbook_copy / "chapters" / "russia-pakistan.md"
    line = _append(chapter, "A sentence citing nothing real {cite:p}`nosuchkey2099`.")
    result = sphinx_build(handbook_copy, tmp_path / "out")
    assert result.returncode != 0
    expected = rf"chapters/russia-pakistan\.md:{line}: WARNING: .*nosuchkey2099"
    assert re.search(expected, result.stderr), result.stderr


def test_broken_cross_reference_fails_with_file_and_line(
    handbook_copy: Path, tmp_path: Path
) -> None:
    chapter = handbook_copy / "chapters" / "sino-russian.md"
    line = _append(chapter, "See {ref}`no-such-section`.")
    result = sphinx_build(handbook_copy, tmp_path / "out")
    assert result.returncode != 0
    expected = rf"chapters/sino-russian\.md:{line}: WARNING: .*no-such-section"
    assert re.search(expected, result.stderr), result.stderr
