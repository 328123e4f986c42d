"""The bibliography page as assistive technology reads it: a list of entries, each a list item
(docutils' ``doc-biblioentry`` role is deprecated; handbook.citation_roles), with no violation
of axe-core's ARIA and list rules of any impact, the minor ones included (Lighthouse counts them
in its accessibility score; test_browser checks the serious ones on every page)."""

# The browser fixtures are test_browser's, imported by name (pytest's way to share a module's
# fixtures): ruff reads the imports as unused and the fixture arguments as redefinitions.
# ruff: noqa: F401, F811

from __future__ import annotations

import json
from pathlib import Path

from bs4 import BeautifulSoup
from test_browser import Tab, axe_violations, base_url, browser, playwright, site, tab

BIBLIOGRAPHY = "docs/bibliography.html"


def test_every_entry_is_a_list_item_and_axe_finds_nothing(site: Path, tab: Tab) -> None:
    soup = BeautifulSoup((site / BIBLIOGRAPHY).read_text(encoding="utf-8"), "html.parser")
    entries = soup.select("div.citation")
    assert entries
    assert all(e.get("role") == "listitem" and e.parent.get("role") == "list" for e in entries)
    found = [v for v in axe_violations(tab.open(BIBLIOGRAPHY))
             if v["id"].startswith("aria-") or v["id"] in ("list", "listitem")]
    assert not found, json.dumps(found, indent=2)
