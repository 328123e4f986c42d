"""Previews on a touch screen: a tap on a citation, a claim reference or a glossary term shows
what it points to without leaving the chapter; a second tap (or the preview's link) follows it."""

# The browser fixtures are test_browser's, imported by name (pytest's way to share a module's
# fixtures): ruff reads the imports as unused and the fixture arguments as redefinitions.
# ruff: noqa: F401, F811

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Locator, Page
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

CHAPTER = CHAPTERS[1]


def _tap_shows_preview(page: Page, link: Locator) -> str:
    """Tap *link*; the page must stay where it is and the preview show, inside the screen."""
    before = page.url
    link.scroll_into_view_if_needed()
    link.tap()
    preview = page.locator("#claims-reference-preview")
    preview.wait_for(state="visible")
    assert page.url == before, "the tap left the page"
    box = preview.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    return preview.inner_text()


def _glossary(site: Path) -> dict[str, str]:
    """Each glossary term's id → its definition's text (the oracle for the term preview)."""
    soup = BeautifulSoup((site / "docs/glossary.html").read_text(encoding="utf-8"), "html.parser")
    found = {}
    for dt in soup.select("dl.glossary dt[id]"):
        dd = dt.find_next_sibling("dd")
        if dd is not None:
            found[str(dt["id"])] = " ".join(dd.get_text(" ").split())
    return found


def test_taps_preview_citations_claims_and_terms_without_leaving(
    site: Path, phone: Tab
) -> None:
    claims = json.loads((site / "claims.json").read_text(encoding="utf-8"))
    page = phone.open(CHAPTER)
    preview = page.locator("#claims-reference-preview")

    citation = page.locator("div.claim span.bibtex-citation a.reference.internal").first
    text = _tap_shows_preview(page, citation)
    assert "Cited by Claim" in text, text
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "preview-citation-phone.png"))
    page.touchscreen.tap(4, PHONE["height"] - 40)  # the page's margin: the preview closes
    preview.wait_for(state="hidden")

    ref = page.locator("article a.reference.internal:has(span.claim-ref)").first
    href = ref.evaluate("a => a.href")
    claim = next(c for c in claims if href.endswith(c["url"].split("/")[-1]))
    text = _tap_shows_preview(page, ref)
    assert f"Claim {claim['number']}" in text and claim["text"] in " ".join(text.split()), text
    page.touchscreen.tap(4, PHONE["height"] - 40)
    preview.wait_for(state="hidden")

    term = page.locator("article a.reference.internal:has(span.std-term)").first
    term_id = term.evaluate("a => decodeURIComponent(new URL(a.href).hash.slice(1))")
    definition = _glossary(site)[term_id]
    text = _tap_shows_preview(page, term)
    assert definition[:60] in " ".join(text.split()), (definition, text)
    page.screenshot(path=str(ARTIFACTS / "preview-term-phone.png"))
    # The preview's own link goes to the glossary entry.
    preview.get_by_role("link", name=re.compile("Open")).tap()
    page.wait_for_url(re.compile(rf"docs/glossary\.html#{re.escape(term_id)}$"))
    assert not phone.traffic.problems(), phone.traffic.problems()


def test_a_second_tap_follows_the_citation(phone: Tab) -> None:
    page = phone.open(CHAPTER)
    citation = page.locator("div.claim span.bibtex-citation a.reference.internal").first
    _tap_shows_preview(page, citation)
    citation.tap()
    page.wait_for_url(re.compile(r"bibliography\.html#"))
    assert not phone.traffic.problems(), phone.traffic.problems()
