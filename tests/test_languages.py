"""``handbook.languages``: the same page in every language of the site, as relative links."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from handbook.languages import alternates

SITE = {"en": "", "nl": "nl/"}


@pytest.mark.parametrize(
    ("language", "target", "root", "expected"),
    [
        ("en", "chapters/a.html", "../", {"en": "../chapters/a.html",
                                           "nl": "../nl/chapters/a.html"}),
        ("nl", "chapters/a.html", "../", {"en": "../../chapters/a.html",
                                           "nl": "../chapters/a.html"}),
        ("en", "index.html", "", {"en": "index.html", "nl": "nl/index.html"}),
        ("nl", "index.html", "", {"en": "../index.html", "nl": "index.html"}),
    ],
)
def test_alternates_link_the_same_page(
    language: str, target: str, root: str, expected: dict[str, str]
) -> None:
    config = SimpleNamespace(language=language, handbook_languages=SITE)
    found = alternates(config, target, root)  # type: ignore[arg-type]
    assert {a.language: a.url for a in found} == expected
    assert [a.language for a in found if a.current] == [language]


def test_a_language_the_site_does_not_list_has_no_alternates() -> None:
    config = SimpleNamespace(language="fr", handbook_languages=SITE)
    assert alternates(config, "index.html", "") == []  # type: ignore[arg-type]
