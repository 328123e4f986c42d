"""The claims register fits the content column of a book theme, at 1400 px and at 390 px.

An adopter's book (the Jupyter Book fixture's chapters) built with sphinx-book-theme; its
register page has sections, so the theme shows both sidebars and leaves the article about 49em
at 1400 px: seven table columns squeezed the statement to a word or two a line. Measured in
Chromium: every statement line holds several words, the statement box is at least 20em wide,
and nothing overflows the column sideways.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright
from sphinx.application import Sphinx
from sphinx.testing.util import _clean_up_global_state

BOOK = Path(__file__).parent / "fixtures" / "jupyterbook"
CHROMIUM = Path("/usr/bin/chromium")
CONF = """\
project = "Ports and Rails"
extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_claims"]
myst_enable_extensions = ["colon_fence"]
bibtex_bibfiles = ["references.bib"]
bibtex_reference_style = "author_year"
html_theme = "sphinx_book_theme"
root_doc = "welcome"
"""
REGISTER = """\
# Register

## Every claim

```{claims-register}
```

## Bibliography

```{bibliography}
```
"""
MEASURE = """() => {
  const table = document.querySelector('table.claims-register');
  const column = table.closest('article') || table.parentElement;
  const rows = [...table.querySelectorAll('tbody tr')].map(row => {
    const text = row.children[1].querySelector('p') || row.children[1];
    const range = document.createRange();
    range.selectNodeContents(text);
    const tops = new Set([...range.getClientRects()].filter(r => r.width > 0)
                         .map(r => Math.round(r.top)));
    return {lines: tops.size, words: text.innerText.trim().split(/\\s+/).length,
            width: text.getBoundingClientRect().width,
            em: parseFloat(getComputedStyle(text).fontSize)};
  });
  return {rows, overflow: table.scrollWidth - column.getBoundingClientRect().width};
}"""


@pytest.fixture(scope="module")
def register_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("book")
    for name in ("chapters", "references.bib", "welcome.md"):
        target = BOOK / name
        (shutil.copytree if target.is_dir() else shutil.copy)(target, src / name)
    with (src / "welcome.md").open("a", encoding="utf-8") as welcome:
        welcome.write("\n```{toctree}\nchapters/harbours\nregister\n```\n")
    (src / "register.md").write_text(REGISTER, encoding="utf-8")
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    out = src / "_build"
    app = Sphinx(str(src), str(src), str(out), str(out / ".doctrees"), "html",
                 status=StringIO(), warning=StringIO(), freshenv=True)
    try:
        app.build()
    finally:
        _clean_up_global_state()
    return out / "register.html"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM.is_file(), "Chromium is missing: run tools/system-deps.sh (make test does)"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM),
                                     args=["--headless", "--no-sandbox", "--disable-gpu"])
        yield browser
        browser.close()


@pytest.mark.parametrize("width", [1400, 390])
def test_the_register_fits_the_book_themes_column(register_page: Path, browser: Browser,
                                                  width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(register_page.as_uri())
        measured = page.evaluate(MEASURE)
    finally:
        page.close()
    rows = measured["rows"]
    assert rows, "the register lists the fixture's claims"
    for row in rows:
        assert row["width"] >= 20 * row["em"], row
        assert row["words"] / row["lines"] >= 4, row
    assert measured["overflow"] <= 1
