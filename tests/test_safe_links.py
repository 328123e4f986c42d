"""URL schemes as a browser reads them: only http(s), mailto and ftp links survive."""

from __future__ import annotations

import pytest

from sphinx_claims.ext.safe_links import is_safe, scheme


@pytest.mark.parametrize(
    "uri",
    [
        "https://example.org/a?b#c", "http://x", "mailto:a@example.org", "ftp://x/y",
        "../docs/bibliography.html#id3", "#claim-x", "page.html", "",
    ],
)
def test_safe(uri: str) -> None:
    assert is_safe(uri)


@pytest.mark.parametrize(
    ("uri", "found"),
    [
        ("javascript:alert(1)", "javascript"),
        ("JaVaScRiPt:alert(1)", "javascript"),
        (" \x01javascript:alert(1)", "javascript"),
        ("java\tscript:alert(1)", "javascript"),
        ("jav\nascript:alert(1)", "javascript"),
        ("data:text/html,<script>alert(1)</script>", "data"),
        ("vbscript:msgbox", "vbscript"),
        ("file:///etc/passwd", "file"),
    ],
)
def test_unsafe(uri: str, found: str) -> None:
    assert scheme(uri) == found
    assert not is_safe(uri)
