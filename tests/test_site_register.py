"""The claims register as a phone tool, and the search as a reader uses it (`make site`)."""

# The browser fixtures are test_browser's, imported by name (pytest's way to share a module's
# fixtures): ruff reads the imports as unused and the fixture arguments as redefinitions.
# ruff: noqa: F401, F811

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from test_browser import (
    ARTIFACTS,
    REGISTER,
    Tab,
    Traffic,
    _offline,
    base_url,
    browser,
    open_filters,
    playwright,
    site,
)
from test_site_header import PHONE, phone

#: The layout shift of the page so far (what Lighthouse's CLS adds up), read from the browser.
LAYOUT_SHIFT = """() => new Promise(resolve => {
    let total = 0;
    new PerformanceObserver(list => {
        for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
    }).observe({type: 'layout-shift', buffered: true});
    setTimeout(() => resolve(total), 300);
})"""


def _shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def _claims(site: Path) -> list[dict]:
    return json.loads((site / "claims.json").read_text(encoding="utf-8"))


def test_the_register_on_a_phone_filters_to_zero_and_back(site: Path, phone: Tab) -> None:
    total = len(_claims(site))
    page = phone.open(REGISTER)
    assert page.evaluate(LAYOUT_SHIFT) < 0.01, "the register's page shifts while it loads"
    bar = page.locator(".claims-register-bar")
    count = bar.locator(".claims-register-count")
    assert count.inner_text() == f"Showing all {total} claims."
    # The first claims show at once on a phone: the filter form is folded into the bar.
    first = page.locator("table.claims-register tbody tr").first
    assert page.locator("#claims-filter-text").is_hidden()
    first_box = first.bounding_box()
    assert first_box and first_box["y"] < 2 * PHONE["height"], first_box
    # Certainty as the chapters show it: a badge, not plain text.
    badge = first.locator(".claim-badge")
    assert badge.count() == 1
    assert badge.evaluate("b => getComputedStyle(b).borderRadius") != "0px"

    bar.locator("summary").tap()
    field = page.locator("#claims-filter-text")
    field.wait_for(state="visible")
    field.fill("no claim says zyxwvu")
    assert count.inner_text() == f"Showing 0 of {total} claims."
    assert "zyxwvu" in bar.locator("summary").inner_text()
    message = page.locator(".claims-register-empty")
    assert message.is_visible() and "No claims match" in message.inner_text()
    _shot(page, "register-zero-phone")
    show_all = message.get_by_role("button", name="Show all claims")
    show_all.scroll_into_view_if_needed()
    show_all.tap()
    page.wait_for_function(
        f"() => document.querySelector('.claims-register-count').textContent"
        f" === 'Showing all {total} claims.'"
    )
    assert message.is_hidden()
    assert page.locator("table.claims-register tbody tr:visible").count() == total
    assert not phone.traffic.problems(), phone.traffic.problems()


def test_the_register_bar_stays_in_reach_and_leads_back_to_the_top(phone: Tab) -> None:
    page = phone.open(REGISTER)
    page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.scrollY") > 5 * PHONE["height"]
    bar = page.locator(".claims-register-bar")
    box = bar.bounding_box()
    assert box and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], box
    # Nothing (the page header) lies over the bar's count.
    covered = bar.locator(".claims-register-count").evaluate(
        """el => { const r = el.getBoundingClientRect();
                   const hit = document.elementFromPoint(r.left + 4, r.top + r.height / 2);
                   return !(hit && el.contains(hit)); }"""
    )
    assert not covered, "the filter bar is covered"
    _shot(page, "register-scrolled-phone")
    bar.get_by_role("link", name="Top").tap()
    # Back at the register's top: its heading on screen again.
    page.wait_for_function(f"() => window.scrollY < {PHONE['height']}")
    heading = page.locator("article h1").first.bounding_box()
    assert heading and 0 <= heading["y"] < PHONE["height"], heading
    assert not phone.traffic.problems(), phone.traffic.problems()


def test_register_filters_open_from_the_bar_at_desktop_width(
    site: Path, browser: Browser, base_url: str
) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        page = context.new_page()
        tab = Tab(page, Traffic(), base_url)
        tab.open(REGISTER)
        open_filters(page)
        page.locator("#claims-filter-certainty").select_option("confirmed")
        confirmed = sum(c["certainty"] == "confirmed" for c in _claims(site))
        shown = page.locator("table.claims-register tbody tr:visible")
        assert shown.count() == confirmed
        badges = shown.locator(".claim-badge").evaluate_all(
            "bs => [...new Set(bs.map(b => b.className))]"
        )
        assert badges == ["claim-certainty-confirmed claim-badge claim-badge-confirmed"], badges
        _shot(page, "register-filtered-desktop")
    finally:
        context.close()


# --- search ------------------------------------------------------------------------------------


def _search(page: Page, base: str, query: str) -> list[str]:
    page.goto(f"{base}search.html?q={query}")
    page.wait_for_function(
        "() => /Search finished/.test("
        "document.querySelector('#search-results')?.textContent ?? '')",
        timeout=15_000,
    )
    return page.eval_on_selector_all(
        "#search-results ul.search li a", "as => as.map(a => a.getAttribute('href'))"
    )


def test_a_readers_search_ranks_readers_pages_first_with_clean_snippets(phone: Tab) -> None:
    page = phone.page
    hrefs = [h.split("#")[0] for h in _search(page, phone.base_url, "Pakistan navy")]
    assert "docs/glossary.html" in hrefs, hrefs
    contributors = [h for h in hrefs if h in {"docs/contributing.html", "docs/linter.html",
                                               "docs/adopting.html"}]
    for page_name in contributors:
        assert hrefs.index("docs/glossary.html") < hrefs.index(page_name), hrefs
    page.wait_for_function(
        "() => [...document.querySelectorAll('#search-results ul.search li')]"
        ".every(li => li.querySelector('p.context'))",
        timeout=15_000,
    )
    snippets = page.locator("#search-results ul.search li p.context").all_inner_texts()
    text = " ".join(snippets)
    assert "```" not in text and ":::" not in text and "{claim}" not in text, text
    # A glossary term and its definition are two words, not one ("PASSEXpassing").
    assert not re.search(r"[a-z][A-Z]{3,}[a-z]|[A-Z]{3,}[a-z]{3,}", text), text
    _shot(page, "search-pakistan-navy-phone")
