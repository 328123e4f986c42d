"""``sphinx_claims.bib.data``: the date→year bridge and author–year disambiguation."""

from __future__ import annotations

from pybtex.database import Entry, parse_string

from sphinx_claims.bib.data import derive_years, disambiguate_years
from sphinx_claims.bib.style import HandbookLabels, HandbookStyle

BIB = r"""
@online{xb, author = {{Xinhua}}, title = {Zeta headline}, date = {2021-12-15}}
@online{xa, author = {{Xinhua}}, title = {Alpha headline}, date = {2021-12-16}}
@online{xc, author = {{Xinhua}}, title = {Another year}, date = {2022-01-02}}
@online{ta, author = {Tass, Anna}, title = {Alone}, date = {2021}}
@book{nd1, author = {Nobody, Ned}, title = {Undated one}}
@book{nd2, author = {Nobody, Ned}, title = {Undated two}}
"""


def _labels(data) -> dict[str, str]:
    style = HandbookStyle()
    return {entry.key: entry.label for entry in style.format_entries(data.entries.values())}


def test_works_sharing_author_and_year_get_letters_in_bibliography_order() -> None:
    data = parse_string(BIB, "bibtex")
    derive_years(data.entries)
    changed = disambiguate_years(data.entries)
    assert changed == {"xa": "2021a", "xb": "2021b", "nd1": "n.d.-a", "nd2": "n.d.-b"}
    labels = _labels(data)
    assert labels["xa"] == "Xinhua 2021a"
    assert labels["xb"] == "Xinhua 2021b"
    assert labels["xc"] == "Xinhua 2022"
    assert labels["ta"] == "Tass 2021"
    assert len(set(labels.values())) == len(labels)
    assert not any(label.isdigit() for label in labels.values())


def test_disambiguation_is_idempotent() -> None:
    data = parse_string(BIB, "bibtex")
    derive_years(data.entries)
    first = disambiguate_years(data.entries)
    assert disambiguate_years(data.entries) == first
    assert data.entries["xa"].fields["year"] == "2021a"


def test_an_entry_without_author_editor_or_title_does_not_break_the_labels() -> None:
    data = parse_string(
        BIB + "@misc{bare, date = {2021}}\n@misc{bare2, date = {2021}}\n", "bibtex"
    )
    derive_years(data.entries)
    changed = disambiguate_years(data.entries)
    assert "bare" not in changed and "bare2" not in changed
    bare = [data.entries["bare"], data.entries["bare2"]]
    assert list(HandbookLabels().format_labels(bare)) == ["bare 2021", "bare2 2021"]


def test_an_entry_the_latex_decoder_cannot_read_stands_alone() -> None:
    """Found by the build fuzz run: a lone backslash in the label's text crashed the build."""
    data = parse_string(BIB, "bibtex")
    data.entries["bad"] = Entry("article", fields={"title": "\\'e \\", "date": "2021"})
    derive_years(data.entries)
    changed = disambiguate_years(data.entries)
    assert "bad" not in changed and data.entries["bad"].fields["year"] == "2021"
