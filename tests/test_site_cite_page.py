""""Cite this page": on every page of the site, with the page's title, address and the day it is
read, as text and as BibTeX, copied by its buttons, within a phone's screen; never in print.

The expected citation is built from ``CITATION.cff`` (the edition) and the page's own title, as
"How to cite" gives it (Chicago author-date).
"""

# The browser fixtures are test_browser's, imported by name (pytest's way to share a module's
# fixtures): ruff reads the imports as unused and the fixture arguments as redefinitions.
# ruff: noqa: F401, F811

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from test_browser import (
    CHAPTERS,
    _citation_file,
    _shot,
    base_url,
    browser,
    playwright,
    reader,
    reader_page,
    site,
)
from test_site_header import OVERFLOW

from conftest import BuildResult
from sphinx_claims.writers.heading import curly

#: Today's date in words and as ISO, in the reader's browser.
TODAY = """() => { const d = new Date(); const m = ["January", "February", "March", "April",
  "May", "June", "July", "August", "September", "October", "November", "December"];
  const p = n => String(n).padStart(2, "0");
  return [`${d.getDate()} ${m[d.getMonth()]} ${d.getFullYear()}`,
          `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`]; }"""


def _source_pages(out: Path) -> list[Path]:
    """The pages made from the book's sources (the site's own pages, genindex and search, and
    the root's redirect are not)."""
    return [p for p in sorted(out.rglob("*.html"))
            if p.relative_to(out).parts[0] in {"docs", "chapters"}]


def test_every_page_made_from_a_source_offers_its_citation(built_handbook: BuildResult) -> None:
    out = built_handbook.outdir
    pages = _source_pages(out)
    assert len(pages) >= 15, pages
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        panel = soup.select_one("details.handbook-cite-page")
        assert panel is not None, page
        heading = soup.select_one("article h1")
        for extra in heading.select(".section-number, a.headerlink"):
            extra.decompose()  # "1." and the permalink mark are not the title
        title = heading.get_text(strip=True)
        assert f"“{title}.”" in panel.select_one(".handbook-cite-text").get_text(), page
        assert f"title        = {{{title}}}," in panel.select_one("pre").get_text(), page


@pytest.mark.parametrize("path", [CHAPTERS[0], "docs/glossary.html"])
def test_cite_this_page_opens_copies_and_fits(site: Path, reader, path: str) -> None:
    page = reader.open(path)
    panel = page.locator("details.handbook-cite-page")
    summary = panel.locator("summary")
    summary.scroll_into_view_if_needed()
    assert not panel.locator(".handbook-cite-text").is_visible(), "open before the reader asks"
    summary.click()
    text = panel.locator(".handbook-cite-text")
    text.wait_for(state="visible")
    words, iso = page.evaluate(TODAY)
    cff = _citation_file()
    built = time.gmtime(int(os.environ.get("SOURCE_DATE_EPOCH", time.time())))  # as conf.py
    title = page.locator("article h1").first.evaluate(
        "h => [...h.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join('')"
    ).strip()
    url = reader.base_url + path
    expected = (
        f"{curly(cff['author'])}. {built.tm_year}. “{title}.” In {cff['title']}. "
        f"Version {cff['version']}. {url}. Accessed {words}."
    )
    assert text.inner_text() == expected
    panel.get_by_role("button", name="Copy citation").click()
    panel.locator(".handbook-cite-status").filter(has_text="Citation copied.").wait_for()
    assert page.evaluate("() => navigator.clipboard.readText()") == expected
    panel.get_by_role("button", name="Copy BibTeX").click()
    panel.locator(".handbook-cite-status").filter(has_text="BibTeX copied.").wait_for()
    bibtex = page.evaluate("() => navigator.clipboard.readText()")
    assert bibtex.startswith("@inbook{") and bibtex.rstrip().endswith("}")
    for line in (f"title        = {{{title}}},", f"url          = {{{url}}},",
                 f"urldate      = {{{iso}}},", f"version      = {{{cff['version']}}},"):
        assert line in bibtex, (line, bibtex)
    width = page.viewport_size["width"]
    for part in (panel, text, panel.get_by_role("button", name="Copy BibTeX")):
        box = part.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, box
    found = page.evaluate(OVERFLOW)
    assert found["scroll"] <= found["width"] and not found["off"], found
    _shot(reader, f"cite-this-page-{Path(path).stem}")
