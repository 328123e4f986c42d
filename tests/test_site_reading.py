"""The reading view, as a reader switches to it on a phone and back (``make site`` output)."""

# The browser fixtures are test_browser's, imported by name (pytest's way to share a module's
# fixtures): ruff reads the imports as unused and the fixture arguments as redefinitions.
# ruff: noqa: F401, F811

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from playwright.sync_api import Browser
from test_browser import (
    ARTIFACTS,
    CHAPTERS,
    Tab,
    Traffic,
    _offline,
    base_url,
    browser,
    playwright,
    site,
)
from test_site_header import PHONE, phone

CHAPTER = CHAPTERS[1]  # its argument section has runs of one attribution


def _attribution_runs(site: Path) -> list[str]:
    """The labels of the claims that open a run of consecutive claims with one attribution
    (the oracle: the chapter's HTML, read with BeautifulSoup)."""
    soup = BeautifulSoup((site / CHAPTER).read_text(encoding="utf-8"), "html.parser")
    openers, previous = [], None
    for claim in soup.select("article div.claim"):
        who_tag = claim.select_one(".claim-attributed-to")
        who = who_tag.get_text(strip=True) if who_tag else ""
        prior = claim.find_previous_sibling()
        same = isinstance(prior, Tag) and previous is not None and prior is previous[0]
        if who and not (same and previous[1] == who):
            openers.append(str(claim["id"]).removeprefix("claim-"))
        previous = (claim, who)
    return openers


def test_the_reading_view_flows_claims_as_text_and_is_remembered(
    site: Path, phone: Tab
) -> None:
    claims = [c for c in json.loads((site / "claims.json").read_text(encoding="utf-8"))
              if c["url"].startswith(CHAPTER)]
    page = phone.open(CHAPTER)
    first = page.locator(f"#claim-{claims[0]['label']}")
    assert first.evaluate("c => getComputedStyle(c).borderTopWidth") != "0px"  # a box
    toggle = page.get_by_role("button", name="Reading view")
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.tap()
    assert toggle.get_attribute("aria-pressed") == "true"

    # Claims as text: no box, no heading; a marker with the claim's number instead.
    assert first.evaluate("c => getComputedStyle(c).borderTopWidth") == "0px"
    assert first.locator(".claim-heading").is_hidden()
    markers = page.locator("article .claim-marker").all_inner_texts()
    assert markers == [c["number"] for c in claims]
    # A run of claims with one attribution names it once.
    leads = page.locator("article .claim-reading-attribution").evaluate_all(
        "ls => ls.map(l => l.closest('div.claim').id.replace('claim-', ''))"
    )
    assert leads == _attribution_runs(site)
    assert len(leads) < sum(bool(c["attributed_to"]) for c in claims)

    # Badges on demand: a tap on the marker shows the claim's heading and certainty.
    marker = first.locator(".claim-marker")
    marker.scroll_into_view_if_needed()
    marker.tap()
    assert marker.get_attribute("aria-expanded") == "true"
    badge = first.locator(".claim-badge")
    assert badge.is_visible() and claims[0]["certainty"] in badge.inner_text().lower()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "reading-view-phone.png"))

    # Remembered: the next page opens in the reading view, with nothing redrawn.
    phone.open(CHAPTERS[1])
    assert page.evaluate("() => document.documentElement.dataset.claimsView") == "reading"
    toggle = page.get_by_role("button", name="Reading view")
    assert toggle.get_attribute("aria-pressed") == "true"
    toggle.tap()  # … and back to the evidence view
    assert page.locator("article div.claim").first.evaluate(
        "c => getComputedStyle(c).borderTopWidth"
    ) != "0px"
    assert page.locator("article .claim-marker").first.is_hidden()
    phone.open(CHAPTER)
    assert page.evaluate("() => document.documentElement.dataset.claimsView") is None
    assert not phone.traffic.problems(), phone.traffic.problems()


def test_pages_without_claims_have_no_reading_switch(site: Path) -> None:
    for path in ("docs/glossary.html", "docs/bibliography.html", "search.html"):
        page = BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")
        assert page.select_one(".handbook-reading-toggle") is None, path
    chapter = BeautifulSoup((site / CHAPTER).read_text(encoding="utf-8"), "html.parser")
    assert chapter.select_one(".bd-header-article .handbook-reading-toggle") is not None
