"""What each page type of the ``make site`` output makes a phone download, counted in a real
browser load: the theme's 1.5 MB fontawesome.js is gone (the theme's own stylesheet draws the
icons from its web font), and the scripts, styles and fonts stay within a budget."""

# The browser fixtures are test_browser's, imported by name (pytest's way to share a module's
# fixtures): ruff reads the imports as unused and the fixture arguments as redefinitions.
# ruff: noqa: F401, F811

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Browser
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
