"""What each page type of the ``make site`` output makes a phone download, counted in a real
browser load: the theme's 1.5 MB fontawesome.js is gone (the theme's own stylesheet draws the
icons from its web font), and the scripts, styles and fonts stay within a budget. Served as a
static host serves it (gzip, the build's precompressed twins), the bytes on the wire stay within
a budget too; no script holds up the first paint; the search index and the claims data are
fetched only by the pages that use them; every asset's name changes with its content; and the
register and the search page do not shift as their script fills them. (Lighthouse's scores:
test_site_lighthouse.)"""

# The browser fixtures are test_browser's, imported by name (pytest's way to share a module's
# fixtures): ruff reads the imports as unused and the fixture arguments as redefinitions.
# ruff: noqa: F401, F811

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fontTools.ttLib import TTFont
from playwright.sync_api import Browser, Page
from test_browser import (
    CHAPTERS,
    HOME,
    REGISTER,
    Tab,
    Traffic,
    _offline,
    base_url,
    browser,
    playwright,
    site,
)
from test_site_header import PHONE

from benchmarks.static_server import serve

PAGE_TYPES = {
    "chapter": CHAPTERS[1],
    "register": REGISTER,
    "bibliography": "docs/bibliography.html",
    "search": "search.html?q=Korybko",
    "landing": HOME,
}
#: Scripts, stylesheets and fonts a page may load (decoded bytes). With fontawesome.js a page
#: loaded about 2.2 MiB of them; without it about 0.7 MiB.
ASSET_BUDGET = 900 * 1024

RESOURCES = """() => [...performance.getEntriesByType('resource')].map(e => ({
    name: e.name, type: e.initiatorType, bytes: e.decodedBodySize}))"""

#: Every visible icon of the theme (``<i>``/``<span>`` with a ``fa-`` class), drawn by the
#: stylesheet's Font Awesome web font: a glyph in ``::before`` and the font loaded.
ICONS = """async () => {
    await document.fonts.ready;
    const icons = [...document.querySelectorAll('i[class*="fa-"], span[class*="fa-"]')]
        .filter(i => i.checkVisibility());
    const drawn = icons.map(i => {
        const before = getComputedStyle(i, '::before');
        return {cls: i.className, content: before.content, font: before.fontFamily,
                width: i.getBoundingClientRect().width};
    });
    const loaded = [...document.fonts].some(f => /Font Awesome/.test(f.family)
                                                 && f.status === 'loaded');
    return {drawn, loaded};
}"""


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_each_page_type_stays_within_its_asset_budget(
    browser: Browser, base_url: str, kind: str
) -> None:
    context = browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2
    )
    traffic = Traffic()
    _offline(context, traffic)
    try:
        page = context.new_page()
        Tab(page, traffic, base_url).open(PAGE_TYPES[kind])
        page.wait_for_timeout(500)  # late loads (data, fonts) are counted too
        loaded = page.evaluate(RESOURCES)
        names = [r["name"] for r in loaded]
        assert not [n for n in names if "fontawesome" in n and n.endswith(".js")], names
        assets = [r for r in loaded
                  if r["name"].split("?")[0].endswith((".js", ".css", ".woff2", ".woff"))
                  and "searchindex" not in r["name"] and "claims-data" not in r["name"]]
        total = sum(r["bytes"] for r in assets)
        assert total <= ASSET_BUDGET, json.dumps(
            sorted(((r["bytes"], r["name"]) for r in assets), reverse=True)[:8]
        )
        icons = page.evaluate(ICONS)
        missing = [i for i in icons["drawn"]
                   if i["content"] in ("none", "normal", "") or i["width"] == 0]
        assert icons["drawn"] and not missing, missing
        assert icons["loaded"], "the icon font did not load"
        assert not traffic.problems(), traffic.problems()
    finally:
        context.close()


#: Every glyph of Unicode's private use area that a page draws in the ``::before`` or ``::after``
#: of any element (the theme's icons, its admonition marks …), as the browser resolves the
#: stylesheet: Font Awesome's icons live there.
DRAWN_ICONS = """() => {
    const found = new Set();
    for (const el of document.querySelectorAll('*')) {
        for (const pseudo of ['::before', '::after']) {
            for (const ch of getComputedStyle(el, pseudo).content) {
                const cp = ch.codePointAt(0);
                if (cp >= 0xE000 && cp < 0xF900) found.add(cp);
            }
        }
    }
    return [...found];
}"""
ICON_FONT = Path("_static", "vendor", "fontawesome", "webfonts", "fa-solid-900.woff2")


def test_the_icon_font_holds_every_icon_a_page_draws_and_little_else(
    browser: Browser, base_url: str, site: Path
) -> None:
    """The theme's 115 KB icon font is published cut down to the icons the pages draw
    (handbook.icon_font): each page type, loaded in a browser, draws only glyphs the
    published font holds, in English and in Dutch."""
    font = site / ICON_FONT
    held = set(TTFont(font).getBestCmap())
    assert font.stat().st_size <= 8 * 1024, font.stat().st_size
    assert len(held) < 60, len(held)
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    traffic = Traffic()
    _offline(context, traffic)
    drawn: dict[str, list[str]] = {}
    try:
        page = context.new_page()
        for path in [*PAGE_TYPES.values(), f"nl/{CHAPTERS[1]}"]:
            Tab(page, traffic, base_url).open(path)
            points = page.evaluate(DRAWN_ICONS)
            drawn[path] = [f"U+{p:04X}" for p in sorted(points) if p not in held]
            assert points, f"{path}: no icon drawn"
        assert not traffic.problems(), traffic.problems()
    finally:
        context.close()
    assert not any(drawn.values()), drawn


# --- served as a static host serves it -----------------------------------------------------------

#: Scripts, stylesheets, fonts and data a page may transfer (compressed, as served), documents
#: and images (the book's text and maps) aside. About 280 KiB for a chapter with the search
#: index on every page; then the 115 KB icon font was most of what was left (now cut to the
#: icons the pages draw: handbook.icon_font).
TRANSFER_BUDGET = 350 * 1024
#: Sphinx writes the search index after the pages, so none can name its checksum; the claims
#: data is loaded by claims.js by design without one (sphinx_claims.outputs.site_data).
UNVERSIONED = ("searchindex.js", "sphinx-claims-data.js")
#: The one script the theme's inline scripts need before them (handbook.site_assets.BLOCKING).
BLOCKING = ("documentation_options.js",)

LOADED = """() => [...performance.getEntriesByType('navigation'),
                   ...performance.getEntriesByType('resource')].map(e => ({
    name: e.name, type: e.initiatorType, encoded: e.encodedBodySize,
    decoded: e.decodedBodySize}))"""
SCRIPTS = """() => [...document.querySelectorAll('script[src]')].map(s => ({
    src: s.src, defer: s.defer, async: s.async, head: s.closest('head') !== null}))"""
LAYOUT_SHIFT = """() => new Promise(resolve => {
    let total = 0;
    new PerformanceObserver(list => {
        // All of them: the test gives no input, and Lighthouse counts the ones Chromium flags.
        for (const e of list.getEntries()) total += e.value;
    }).observe({type: 'layout-shift', buffered: true});
    setTimeout(() => resolve(total), 300);
})"""


@pytest.fixture(scope="module")
def static_host(site: Path) -> Iterator[str]:
    """*site* served with gzip, precompressed twins first (benchmarks/static_server.py)."""
    with serve(site) as root:
        yield root


@pytest.fixture
def phone_page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2
    )
    traffic = Traffic()
    _offline(context, traffic)
    try:
        yield context.new_page()
        assert not traffic.problems(), traffic.problems()
    finally:
        context.close()


def _open(page: Page, root: str, path: str) -> list[dict[str, Any]]:
    page.goto(root + path, wait_until="load")
    page.wait_for_load_state("networkidle")
    return page.evaluate(LOADED)


def _file(url: str) -> str:
    return url.split("?")[0].rsplit("/", 1)[-1]


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_each_page_type_transfers_within_its_budget_from_a_static_host(
    phone_page: Page, static_host: str, kind: str
) -> None:
    loaded = _open(phone_page, static_host, PAGE_TYPES[kind])
    assets = [r for r in loaded if r["type"] in ("script", "link", "css", "other")
              and _file(r["name"]).endswith((".js", ".css", ".woff2", ".woff"))]
    total = sum(r["encoded"] for r in assets)
    assert total <= TRANSFER_BUDGET, json.dumps(
        sorted(((r["encoded"], r["name"]) for r in assets), reverse=True)[:8])
    # Text came compressed: the page and each script or stylesheet of more than a packet.
    text = [r for r in loaded if _file(r["name"]).endswith((".html", ".js", ".css"))
            and r["decoded"] > 1500]
    assert text and all(r["encoded"] < r["decoded"] / 2 for r in text), text


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_script_holds_up_the_first_paint_and_each_name_changes_with_its_content(
    phone_page: Page, static_host: str, kind: str
) -> None:
    loaded = _open(phone_page, static_host, PAGE_TYPES[kind])
    blocking = [s["src"] for s in phone_page.evaluate(SCRIPTS)
                if not (s["defer"] or s["async"]) and _file(s["src"]) not in BLOCKING]
    assert not blocking, blocking
    unversioned = [r["name"] for r in loaded
                   if _file(r["name"]).endswith((".js", ".css"))
                   and "?v=" not in r["name"] and "?digest=" not in r["name"]
                   and _file(r["name"]) not in UNVERSIONED]
    assert not unversioned, unversioned


def test_the_search_index_and_the_claims_data_load_only_where_used(
    phone_page: Page, static_host: str
) -> None:
    fetched = {kind: {_file(r["name"]) for r in _open(phone_page, static_host, path)}
               for kind, path in PAGE_TYPES.items()}
    assert {k for k, names in fetched.items() if "searchindex.js" in names} == {"search"}
    assert {k for k, names in fetched.items() if "sphinx-claims-data.js" in names} == {
        "register", "search"}
    # On a chapter the data comes with a reader's first preview, and the preview shows.
    page = phone_page
    data = "() => performance.getEntriesByType('resource').some(e => /claims-data/.test(e.name))"
    _open(page, static_host, PAGE_TYPES["chapter"])
    assert not page.evaluate(data)
    page.locator("div.claim span.bibtex-citation a.reference.internal").first.tap()
    page.locator("#claims-reference-preview").wait_for(state="visible")
    assert "Cited by" in page.locator("#claims-reference-preview").inner_text()
    assert page.evaluate(data)


#: What shows the page's script has finished: the register's filters, the search's claims.
FILLED = {"register": "form.claims-register-filters", "search": "html.claims-search-placed"}


@pytest.mark.parametrize("kind", FILLED)
def test_the_register_and_the_search_page_do_not_shift_as_their_script_fills_them(
    phone_page: Page, static_host: str, kind: str
) -> None:
    _open(phone_page, static_host, PAGE_TYPES[kind])
    phone_page.locator(FILLED[kind]).wait_for(state="attached")
    phone_page.wait_for_load_state("networkidle")
    assert phone_page.evaluate(LAYOUT_SHIFT) < 0.05


def test_the_build_writes_a_gzip_twin_of_each_text_file(site: Path) -> None:
    texts = [p for p in site.rglob("*") if p.suffix in (".html", ".css", ".js", ".svg")
             and p.stat().st_size >= 1024 and not p.relative_to(site).parts[0].startswith(".")]
    assert any(p.name == "searchindex.js" for p in texts)
    missing = [str(p.relative_to(site)) for p in texts
               if not p.with_name(p.name + ".gz").is_file()
               or gzip.decompress(p.with_name(p.name + ".gz").read_bytes()) != p.read_bytes()]
    assert not missing, missing[:10]
