"""``sphinx_claims.writers.html``: the parts of a claim box that do not need a build."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup

from sphinx_claims.writers import html


def _enc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


def test_claim_certainty_and_attribution_certainty_are_two_different_badges() -> None:
    markup = html.certainty_html(_enc, "probable") + html.attribution_html(
        _enc, "Sense Hofstede", "probable"
    )
    soup = BeautifulSoup(markup, "html.parser")
    claim = soup.select_one(".claim-badge")
    attribution = soup.select_one(".claim-attribution .claim-attribution-badge")
    assert claim.get_text() == "Certainty probable"
    assert attribution.get_text() == "Attribution probable"
    assert set(claim["class"]).isdisjoint(attribution["class"])
    # The attribution's badge qualifies the name, inside the "attributed to" part.
    assert soup.select_one(".claim-attribution").get_text() == (
        "attributed to Sense Hofstede Attribution probable"
    )


def test_no_attribution_badge_without_an_attribution_certainty() -> None:
    soup = BeautifulSoup(html.attribution_html(_enc, "A. B.", ""), "html.parser")
    assert soup.select_one(".claim-attribution-badge") is None


def test_citation_prefix_comes_from_the_config(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chicago author-date, the build's year, curly apostrophes as in the rest of the book."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")  # 21 September 2026
    config = SimpleNamespace(
        author="The book's contributors", html_title="A Book", project="Book", release="2.3",
        language="en",
    )
    assert html.citation_prefix(config, "2.7", "some-label") == (  # type: ignore[arg-type]
        "The book’s contributors. 2026. A Book. Version 2.3. Claim 2.7 (label some-label)."
    )
