"""handbook.typography: quotes curled a paragraph at a time, across the nodes that split it."""

from __future__ import annotations

from docutils import nodes
from handbook.typography import educate


def _paragraph(*parts: str | nodes.Element) -> nodes.paragraph:
    return nodes.paragraph("", "", *(nodes.Text(p) if isinstance(p, str) else p for p in parts))


def test_a_quote_after_a_word_in_its_own_node_closes() -> None:
    # pybtex keeps a protected {North Arabian Sea} in its own node, before the closing quote.
    para = _paragraph('PN. "Exercise in ', nodes.inline("", "North Arabian Sea"), '". APP')
    educate(para)
    assert para.astext() == "PN. “Exercise in North Arabian Sea”. APP"


def test_a_possessive_after_a_word_in_its_own_node_is_an_apostrophe() -> None:
    para = _paragraph('"Made in China: 81% of ', nodes.inline("", "Pakistan"), "'s Weapons\"")
    educate(para)
    assert para.astext() == "“Made in China: 81% of Pakistan’s Weapons”"


def test_code_keeps_its_straight_quotes_and_still_sets_the_context() -> None:
    para = _paragraph("Write ", nodes.literal("", "'x'"), ' then "quote" it')
    educate(para)
    assert para.astext() == "Write 'x' then “quote” it"


def test_each_paragraph_starts_afresh() -> None:
    section = nodes.section("", _paragraph("He said"), _paragraph('"Yes".'))
    educate(section)
    assert section.astext() == "He said\n\n“Yes”."
