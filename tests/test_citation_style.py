"""One citation style everywhere: the handbook's Chicago author-date reference lists.

A small root (``tests/roots/test-chicago``) cites a work whose web address and note hold quotes
and apostrophes, and two works by the same authors in one year; the real handbook's build is read
as a reader meets it. Expected values come from the pages themselves: the citation in the text
says which author and year an entry must start with.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from claims_build import Built, build, copy_root
from conftest import BuildResult

#: "(O'Keefe and Quay 2024a; Harbour Bureau 2020)" → ("O'Keefe and Quay", "2024a").
AUTHOR_YEAR = re.compile(r"^(?P<author>.+) (?P<year>\d{4}[a-z]?|n\.d\.(?:-[a-z])?)$")
STRAIGHT = re.compile(r"['\"`]")
HOSTILE_URL = "https://example.org/o'keefe/\"busy\"-season?q='x'"
HOSTILE_NOTE_URL = "https://mirror.example.org/it's/\"here\""


@pytest.fixture(scope="module")
def chicago(tmp_path_factory: pytest.TempPathFactory) -> Built:
    built = build(copy_root("chicago", tmp_path_factory.mktemp("chicago") / "src"))
    assert built.statuscode == 0 and not built.warnings, built.warnings
    return built


def _soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def _entries(page: BeautifulSoup) -> dict[str, str]:
    """The bibliography's entries, by their id, as text."""
    return {c["id"]: c.get_text(" ", strip=True) for c in page.select("div.citation")}


def _cited(page: BeautifulSoup) -> dict[str, tuple[str, str]]:
    """Every in-text citation's link target (an entry's id) with the author and year it shows."""
    cited = {}
    for link in page.select("span.bibtex-citation a"):
        match = AUTHOR_YEAR.match(link.get_text(" ", strip=True))
        assert match, link.get_text()
        cited[link["href"].partition("#")[2]] = (match["author"], match["year"])
    return cited


def _starts_as_cited(entry: str, author: str, year: str) -> bool:
    """Chicago: the first author's surname leads, then the names, then ". <year>." — no label."""
    surname = author.split(" and ")[0].removesuffix(" et al.")
    year_first = re.search(rf"\. {re.escape(year)}\.? ", entry)
    return entry.startswith(surname.replace("'", "’")) and year_first is not None


def test_entries_start_with_the_author_and_year_the_text_cites(chicago: Built) -> None:
    bibliography = _soup(chicago.page("bibliography.html"))
    assert not bibliography.select("div.citation .label"), "no [label] before an entry"
    entries = _entries(bibliography)
    cited = _cited(_soup(chicago.page("one.html")))
    assert set(cited) == set(entries)
    for target, (author, year) in cited.items():
        assert _starts_as_cited(entries[target], author, year), (entries[target], author, year)
    years = sorted(year for _author, year in cited.values() if year.startswith("2024"))
    assert years == ["2024a", "2024b"]  # the same authors twice in one year, told apart


def test_chapter_sources_and_sources_page_repeat_the_bibliography(chicago: Built) -> None:
    entries = set(_entries(_soup(chicago.page("bibliography.html"))).values())
    chapter = _soup(chicago.page("one.html"))
    items = [li.get_text(" ", strip=True) for li in chapter.select("div.chapter-sources li")]
    assert items and set(items) <= entries
    sources = _soup(chicago.page("sources.html"))
    headings = [dt.get_text(" ", strip=True) for dt in sources.select("dl.claims-sources > dt")]
    assert set(headings) == entries
    assert not any(text.startswith(("[", "(")) for text in items + headings)


def test_the_register_cites_a_claims_sources_as_the_text_does(chicago: Built) -> None:
    register = _soup(chicago.page("register.html"))
    row = register.select_one("#register-two-reports .claims-register-sources")
    citations = row.select("span.bibtex-citation")
    assert len(citations) == 1  # "(A 2024a, p. 2; A 2024b)", not "(A 2024a); (A 2024b)"
    text = citations[0].get_text(" ", strip=True)
    assert text.startswith("(") and text.endswith(")") and text.count("; ") == 1
    assert ", p. 2" in text


def test_references_have_curly_quotes_but_addresses_keep_theirs(chicago: Built) -> None:
    for name in ("bibliography.html", "one.html", "sources.html", "register.html"):
        page = _soup(chicago.page(name))
        for box in page.select("div.citation, div.chapter-sources, dl.claims-sources, "
                               "span.bibtex-citation"):
            text = box.get_text(" ", strip=True)
            for address in (HOSTILE_URL, HOSTILE_NOTE_URL):
                text = text.replace(address, "")
            assert not STRAIGHT.search(text), (name, text)
    bibliography = _soup(chicago.page("bibliography.html"))
    entry = next(e for e in _entries(bibliography).values() if "Busy" in e)
    assert "“The Harbour’s ‘Busy’ Season.”" in entry  # inner quotes single, apostrophe curled
    assert HOSTILE_URL in entry and HOSTILE_NOTE_URL in entry
    link = bibliography.find("a", string=HOSTILE_URL)
    assert isinstance(link, Tag) and link["href"] == HOSTILE_URL


def test_a_book_that_keeps_the_extensions_style_sees_labels(tmp_path: Path) -> None:
    built = build(copy_root("chicago", tmp_path / "src"),
                  confoverrides={"bibtex_default_style": "sphinx-claims-author-year",
                                 "claims_register_one_citation": False})
    bibliography = _soup(built.page("bibliography.html"))
    labels = [label.get_text(strip=True) for label in bibliography.select("div.citation .label")]
    assert len(labels) == 3 and all(label.startswith("[") for label in labels)
    row = _soup(built.page("register.html")).select_one("#register-two-reports")
    assert len(row.select("span.bibtex-citation")) == 2


def test_the_handbook_lists_every_reference_in_chicago(built_handbook: BuildResult) -> None:
    out = built_handbook.outdir
    bibliography = _soup((out / "docs" / "bibliography.html").read_text(encoding="utf-8"))
    assert not bibliography.select("div.citation .label")
    entries = _entries(bibliography)
    cited: dict[str, tuple[str, str]] = {}
    for page in sorted((out / "chapters").glob("*.html")):
        cited |= _cited(_soup(page.read_text(encoding="utf-8")))
    assert cited
    for target, (author, year) in cited.items():
        assert _starts_as_cited(entries[target], author, year), (entries[target], author, year)
    register = _soup((out / "docs" / "register.html").read_text(encoding="utf-8"))
    cells = register.select("table.claims-register .claims-register-sources")
    assert cells and all(len(c.select("span.bibtex-citation")) == 1 for c in cells)
    for text in entries.values():
        assert not STRAIGHT.search(re.sub(r"https?://\S+", "", text)), text
