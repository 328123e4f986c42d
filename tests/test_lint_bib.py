"""BibTeX checks: recovery from broken blocks, 1-based lines, field rules and the data model."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sphinx_claims import datamodel
from sphinx_claims.lint.bib import date_problem, doi_problem, scan_bib, url_problem

TODAY = dt.date(2026, 1, 1)


def scan(tmp_path: Path, text: str):
    file = tmp_path / "refs.bib"
    file.write_text(text)
    return scan_bib(file, "refs.bib", TODAY)


def found(result) -> list[tuple[int, str]]:
    return [(f.line, f.code) for f in result.findings]


def test_broken_entry_is_reported_and_the_next_one_still_read(tmp_path):
    result = scan(tmp_path, (
        "@book{broken,\n  title = {Unclosed,\n  year = 2020\n}\n\n"
        "@online{after, title = {T}, date = {2020}, url = {ftp://x.org}, urldate = {2021}}\n"
    ))
    assert found(result) == [(1, "BIB001"), (6, "BIB007")]
    # pybtex (what the build renders with) keeps what it read of the broken entry
    assert [e.key for e in result.entries] == ["broken", "after"]
    assert result.findings[0].message.endswith("syntax error: '}' expected")


def test_regression_a_name_with_three_commas_is_a_finding_not_a_crash(tmp_path):
    """Found by a damaged copy of the linter benchmark's .bib: pybtex raised on the name (its
    strict mode), the linter stopped with an internal error; a later repeated field is still
    found."""
    result = scan(tmp_path, (
        "@misc{a,\n  author = {Doe, Jane, Jr, More},\n  title = {T},\n  date = {2021},\n"
        "  title = {Again}\n}\n\n@misc{b, title = {T}, date = {2021}}\n"
    ))
    assert sorted(found(result)) == [(2, "BIB010"), (5, "BIB003")]
    (name,) = [f for f in result.findings if f.code == "BIB010"]
    assert "more than two commas" in name.message
    assert [e.key for e in result.entries] == ["a", "b"]


def test_duplicate_field_keeps_the_entry(tmp_path):
    result = scan(tmp_path, "@misc{a,\n  title = {One},\n  title = {Two},\n  date = {2021}\n}\n")
    assert found(result) == [(3, "BIB003")]
    assert result.findings[0].column == 3 and result.findings[0].anchor == 1
    assert [e.key for e in result.entries] == ["a"]


def test_field_rules_point_at_the_field(tmp_path):
    result = scan(tmp_path, (
        "% comment\n@online{k,\n  title = {T},\n  date = {2021-02-30},\n"
        "  url = {https://example.org/a b},\n  doi = {doi:10.1000/1},\n}\n"
    ))
    assert found(result) == [(5, "BIB005"), (4, "BIB006"), (5, "BIB007"), (6, "BIB008")]
    assert "is not a real calendar date" in result.findings[1].message


def test_urldate_in_the_future(tmp_path):
    result = scan(tmp_path, (
        "@online{k, title = {T}, date = {2020}, url = {https://a.org}, urldate = {2026-01-02}}\n"
        "@online{j, title = {T}, date = {2020}, url = {https://a.org}, urldate = {2026-01-01}}\n"
    ))
    assert found(result) == [(1, "BIB006")] and "in the future" in result.findings[0].message


def test_comments_anchor_to_the_next_entry(tmp_path):
    result = scan(tmp_path, (
        "% sphinx-claims: ignore[BIB004]\n@book{a, title = {T}}\n\n"
        "% sphinx-claims: file-ignore[BIB009]\n% other\n\n@book{b, title = {T}}\n"
    ))
    assert [(c.line, c.text, anchor) for c, anchor in result.comments] == [
        (1, "sphinx-claims: ignore[BIB004]", 2),
        (4, "sphinx-claims: file-ignore[BIB009]", 7),
        (5, "other", 7),
    ]


def test_corporate_author_counts_as_author(tmp_path):
    result = scan(tmp_path, "@book{x, author = {{Xinhua}}, title = {T}, date = {2020}}\n")
    (entry,) = result.entries
    assert datamodel.missing(entry.entry_type, set(entry.fields)) == []


@pytest.mark.parametrize(
    ("entry_type", "fields", "missing"),
    [
        ("article", {"author", "title", "journal", "year"}, []),
        ("article", {"author", "title", "journaltitle"}, ["date or year"]),
        ("online", {"organization", "title", "date", "url"}, []),
        ("online", {"title", "date"}, ["author or editor or organization", "doi or eprint or url"]),
        ("book", {"editor", "title", "date"}, ["author"]),
        ("phdthesis", {"author", "title", "school", "year"}, []),
        ("thesis", {"author", "title", "school", "year"}, ["type"]),
        ("Misc", {"editor", "title", "date"}, []),
        ("customtype", set(), []),
    ],
)
def test_required_fields(entry_type, fields, missing):
    assert datamodel.missing(entry_type, fields) == missing


@pytest.mark.parametrize(
    ("value", "ok"),
    [("2025", True), ("2025-03", True), ("2025-03-01", True), ("2020/2021", True),
     ("2020-01/..", True), ("/2021", True), ("2021?", True), ("2021-21", True),
     ("2025-13", False), ("March 2025", False), ("25-03-2025", False), ("2020/2021/2022", False),
     ("2021-02-29", False), ("", False)],
)
def test_dates(value, ok):
    assert (date_problem(value) is None) is ok


def test_urls_and_dois():
    assert url_problem("https://example.org/x") is None
    assert url_problem("http:///path") == "has no host"
    assert url_problem("javascript:alert(1)") == "is not an http(s) URL"
    assert doi_problem("10.1000/xyz") is None
    assert doi_problem("https://doi.org/10.1000/xyz") is not None
    assert doi_problem("10.12/x") == "is not a DOI (10.NNNN/…)"


def test_table_rows_cover_every_type():
    rows = dict(datamodel.table_rows())
    assert rows["online"] == (
        "author or editor or organization, title, date or year, doi or eprint or url")
    assert rows["techreport"] == "as @report (type implied)"


def test_unverified_must_name_fields_the_entry_has(tmp_path):
    result = scan(tmp_path, (
        "@online{k,\n  title = {T},\n  date = {2020},\n  unverified = {title, titel},\n}\n"
        "@online{j, title = {T}, date = {2020}, unverified = {title, date}}\n"
    ))
    assert found(result) == [(4, "BIB013")]
    assert "'titel'" in result.findings[0].message


@pytest.mark.parametrize(
    ("fields", "codes"),
    [
        # the entry's own DOI as a link: a persistent identifier, no access date needed
        ("doi = {10.1000/xyz123},\n  url = {https://doi.org/10.1000/xyz123},", []),
        ("url = {https://dx.doi.org/10.1000/XYZ123},", []),
        # a DOI link to another DOI than the entry's, or an ordinary page, still needs one
        ("doi = {10.1000/xyz123},\n  url = {https://doi.org/10.1000/other},", ["BIB005"]),
        ("url = {https://example.org/paper},", ["BIB005"]),
    ],
)
def test_a_doi_link_needs_no_urldate(tmp_path, fields, codes):
    text = ("@article{k,\n  author = {A, B},\n  title = {T},\n  journaltitle = {J},\n"
            f"  date = {{2020}},\n  {fields}\n}}\n")
    assert [code for _, code in found(scan(tmp_path, text)) if code == "BIB005"] == codes


def test_a_field_repeated_twice_on_one_line_is_two_bib003(tmp_path):
    """Found by the fuzz run (seed 5): two identical repeats of a field compared equal, so the
    reader looked for a second one it had already recorded and crashed."""
    result = scan(tmp_path, "@online{key1,\n  title = {Title},\n"
                            "  title = {Title},  title = {Title},\n")
    assert [code for _, code in found(result)].count("BIB003") == 2
    assert (3, "BIB003") in found(result) and not result.errors
