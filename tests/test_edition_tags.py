"""handbook.edition_tags: which builders make the web edition and which the print editions."""

from __future__ import annotations

import pytest
from handbook.edition_tags import edition


@pytest.mark.parametrize(
    ("format_name", "is_ebook", "expected"),
    [("html", False, "web"), ("html", True, "print"), ("latex", False, "print"),
     ("text", False, "other")],
)
def test_each_builder_gets_one_edition_tag(format_name: str, is_ebook: bool,
                                           expected: str) -> None:
    assert edition(format_name, is_ebook) == expected
