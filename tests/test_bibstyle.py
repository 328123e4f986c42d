"""The handbook's pybtex style and the biblatex date bridge."""

from __future__ import annotations

import pytest
from pybtex.database import BibliographyData, Entry, Person
from pybtex.plugin import find_plugin

from sphinx_claims.bib.data import derive_years
from sphinx_claims.bib.style import human_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-12-16", "16 December 2021"),
        ("2025-03", "March 2025"),
        ("2001", "2001"),
        ("2021-13", "2021"),
        ("spring 2022", "spring 2022"),
    ],
)
def test_human_date(value: str, expected: str) -> None:
    assert human_date(value) == expected


def test_derive_years_fills_year_from_date_only_when_missing() -> None:
    entries = {
        "a": Entry("online", fields={"date": "2021-12-16"}),
        "b": Entry("online", fields={"date": "2020", "year": "1999"}),
        "c": Entry("online", fields={"title": "No date"}),
    }
    assert derive_years(entries) == 1
    assert entries["a"].fields["year"] == "2021"
    assert entries["b"].fields["year"] == "1999"
    assert "year" not in entries["c"].fields


def _render(entry: Entry) -> str:
    style = find_plugin("pybtex.style.formatting", "sphinx-claims-author-year")()
    data = BibliographyData(entries={"k": entry})
    (formatted,) = style.format_entries(data.entries.values())
    return formatted.text.render_as("text")


def test_online_entry_shows_date_note_language_and_access_date() -> None:
    entry = Entry(
        "online",
        fields={
            "title": "Een titel",
            "date": "2021-12-16",
            "organization": "example.nl",
            "url": "https://example.nl/post",
            "urldate": "2026-11-22",
            "langid": "dutch",
            "note": "Author probable, not confirmed",
        },
        persons={"author": [Person("Hofstede, Sense")]},
    )
    text = _render(entry)
    assert "Sense Hofstede" in text
    assert "16 December 2021" in text
    assert "In Dutch" in text
    assert "Author probable, not confirmed" in text
    assert "https://example.nl/post (accessed 22 November 2026)" in text


def test_report_and_article_use_biblatex_fields() -> None:
    report = Entry(
        "report",
        fields={"title": "Conclusions", "institution": "Council", "location": "Brussels",
                "date": "2021-12-16"},
        persons={"author": [Person("{European Council}")]},
    )
    assert "Council, Brussels, 16 December 2021" in _render(report)
    article = Entry(
        "article",
        fields={"title": "China at the UN", "journaltitle": "Journal of Democracy",
                "volume": "32", "number": "3", "pages": "124--135", "date": "2021-07"},
        persons={"author": [Person("Inboden, Rana Siu")]},
    )
    text = _render(article)
    assert "Journal of Democracy" in text and "32(3)" in text and "July 2021" in text


def test_corporate_authors_sort_by_name_among_people() -> None:
    style = find_plugin("pybtex.style.formatting", "sphinx-claims-author-year")()
    entries = [
        Entry("online", fields={"title": "T", "date": "2021"},
              persons={"author": [Person("{Xinhua}")]}),
        Entry("online", fields={"title": "T", "date": "2021"},
              persons={"author": [Person("Hofstede, Sense")]}),
        Entry("online", fields={"title": "T", "date": "2021"},
              persons={"author": [Person("{Dawn}")]}),
        Entry("online", fields={"title": "T", "date": "2021", "organization": "Bureau"}),
    ]
    ordered = style.sort(entries)
    firsts = [e.persons["author"][0].last_names[0] if e.persons else "Bureau" for e in ordered]
    assert firsts == ["Bureau", "{Dawn}", "Hofstede", "{Xinhua}"]


def test_language_and_note_are_separate_sentences() -> None:
    entry = Entry("online", fields={"title": "T", "date": "2021", "langid": "dutch",
                                    "note": "day not captured"},
                  persons={"author": [Person("{Nederlands Dagblad}")]})
    assert "In Dutch. Day not captured." in _render(entry)


def test_unverified_fields_are_marked_for_the_reader() -> None:
    entry = Entry("online", fields={"title": "A headline", "date": "2021", "organization": "O",
                                    "unverified": "title, organization", "note": "See why"},
                  persons={"author": [Person("{Xinhua}")]})
    text = _render(entry)
    assert '"A headline"' in text and "[title and publisher not verified] See why." in text
    assert "not verified" not in _render(Entry("online", fields={"title": "T", "date": "2021"}))


def test_a_url_without_urldate_is_shown_without_an_access_date() -> None:
    entry = Entry("online", fields={"title": "T", "date": "2021", "url": "https://example.org/x"},
                  persons={"author": [Person("Doe, Jane")]})
    text = _render(entry)
    assert "https://example.org/x" in text and "accessed" not in text


def test_an_entry_missing_a_required_field_shows_the_problem_instead_of_raising() -> None:
    text = _render(Entry("article", persons={"author": [Person("Doe, Jane")]}))
    assert text == "missing title in k"


def test_an_unknown_entry_type_is_formatted_as_misc() -> None:
    entry = Entry("webpage", fields={"title": "A page", "date": "2021"},
                  persons={"author": [Person("Doe, Jane")]})
    style = find_plugin("pybtex.style.formatting", "sphinx-claims-author-year")()
    formatted = style.format_entry("k", entry)
    assert formatted.text.render_as("text").startswith('Jane Doe. "A page". 2021.')
    assert "unknown entry type @webpage" in formatted.problem


def test_latex_the_decoder_cannot_read_shows_the_problem_instead_of_raising() -> None:
    entry = Entry("online", fields={"title": "A lone backslash \\", "date": "2021"},
                  persons={"author": [Person("Doe, Jane")]})
    assert _render(entry).startswith("cannot format k:")
