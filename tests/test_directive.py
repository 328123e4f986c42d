"""The claim directive: validation warnings with file and line, citations, HTML rendering."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import sphinx
from bs4 import BeautifulSoup
from sphinx.errors import SphinxError

from claims_build import Built, build, copy_root
from sphinx_claims import rules


@pytest.fixture(scope="module")
def warned(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(copy_root("claims-warnings", tmp_path_factory.mktemp("w") / "src"))


@pytest.fixture(scope="module")
def roles(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(copy_root("claims-roles", tmp_path_factory.mktemp("r") / "src"))


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(copy_root("claims", tmp_path_factory.mktemp("b") / "src"))


#: Option problems are reported at the option's line, every other claim problem at the fence.
WARNINGS = [
    ("bad.md", 3, "CLM001", "claim 'uncited' cites no source"),
    ("bad.md", 9, "CLM002", "claim 'empty-one' has an empty body"),
    ("bad.md", 13, "CLM004", "claim has no :label:"),
    ("bad.md", 20, "CLM004", "invalid label 'Bad_Label': use lowercase letters, digits"),
    ("bad.md", 30, "CLM005", "invalid claim option: unknown option 'colour'"),
    ("bad.md", 27, "CLM005", "invalid claim option: kind 'rumour' is not one of"),
    ("bad.md", 28, "CLM005", "invalid claim option: certainty 'likely' is not one of"),
    ("bad.md", 29, "CLM005", "invalid claim option: as-of '2025-13' is not a date"),
    ("bad.md", 37, "CLM006", "interpretation claim 'no-attribution' needs :attributed-to:"),
    ("bad.md", 46, "CLM007", "claim 'inner' is nested inside claim 'outer'"),
    ("bad.md", 52, "CLM008", "unknown claim label 'no-such-claim'"),
    ("dup.md", 3, "CLM003", "duplicate claim label 'uncited' (also at bad.md:3)"),
]


@pytest.mark.parametrize(("path", "line", "code", "message"), WARNINGS)
def test_warning_has_file_line_and_type(
    warned: Built, path: str, line: int, code: str, message: str
) -> None:
    pattern = (
        rf"{re.escape(str(warned.srcdir / path))}:{line}: WARNING: {re.escape(message)}"
        rf".*\[claims\.{code}\]"
    )
    assert re.search(pattern, warned.warnings), warned.warnings


def test_warning_messages_come_from_the_rule_catalogue(warned: Built) -> None:
    expected = rules.get("CLM001").format(label="uncited")
    assert f"WARNING: {expected} [claims.CLM001]" in warned.warnings


def test_no_other_claim_warnings(warned: Built) -> None:
    found = re.findall(r"\[claims\.(\w+)\]", warned.warnings)
    assert sorted(found) == sorted(code for _p, _l, code, _m in WARNINGS)


def test_a_valid_claim_does_not_warn(book: Built) -> None:
    assert "claims." not in book.warnings, book.warnings
    assert "WARNING" not in book.warnings, book.warnings


def test_suppress_warnings_understands_type_and_subtype(tmp_path: Path) -> None:
    src = copy_root("claims-warnings", tmp_path / "src")
    built = build(src, confoverrides={"suppress_warnings": ["claims.CLM001", "claims.CLM005"]})
    assert "[claims.CLM001]" not in built.warnings
    assert "[claims.CLM005]" not in built.warnings
    assert "[claims.CLM002]" in built.warnings


def test_warnings_as_errors_fail_the_build(tmp_path: Path) -> None:
    src = copy_root("claims-warnings", tmp_path / "src")
    if sphinx.version_info < (8, 1):  # -W stopped at the first warning before Sphinx 8.1
        with pytest.raises(SphinxError, match="cites no source"):
            build(src, warningiserror=True)
        return
    assert build(src, warningiserror=True).statuscode == 1
    with pytest.raises(SphinxError, match="cites no source"):
        build(tmp_path / "src", fresh=True, exception_on_warning=True)


def test_a_clean_book_passes_with_warnings_as_errors(tmp_path: Path) -> None:
    assert build(copy_root("claims", tmp_path / "src"), warningiserror=True).statuscode == 0


def test_every_citation_role_counts_and_yields_its_keys(roles: Built) -> None:
    records = {record["label"]: record for record in roles.claims_json()}
    expected = {
        "r-cite": ["alpha2025"],
        "r-cite-p": ["alpha2025"],
        "r-cite-t": ["beta2024"],
        "r-cite-ps": ["alpha2025"],
        "r-cite-ts": ["beta2024"],
        "r-cite-ct": ["gamma2020"],
        "r-cite-cts": ["gamma2020"],
        "r-cite-author": ["alpha2025"],
        "r-cite-year": ["alpha2025"],
        "r-several": ["alpha2025", "beta2024", "gamma2020"],
        "r-repeat": ["beta2024", "alpha2025"],
        "r-footcite": ["alpha2025"],
        "r-footcite-p": ["beta2024"],
        "r-footcite-t": ["gamma2020"],
        "r-footcite-ts": ["alpha2025", "beta2024"],
        "r-ref-only": [],
        "r-link-only": [],
    }
    assert {label: records[label]["sources"] for label in expected} == expected
    uncited = re.findall(r"claim '([\w-]+)' cites no source", roles.warnings)
    assert sorted(uncited) == ["r-link-only", "r-ref-only"]


def test_text_leaves_out_citations_and_comments(roles: Built) -> None:
    records = {record["label"]: record for record in roles.claims_json()}
    assert records["r-several"]["text"] == "Several keys with notes."
    assert records["r-footcite-t"]["text"] == "Footnote textual."
    assert records["r-cite-cts"]["text"] == "Capitalised starred."
    assert records["r-link-only"]["text"] == "Only a link and emphasis, no citation."


def _claim(book: Built, page: str, label: str) -> BeautifulSoup:
    soup = BeautifulSoup(book.page(page), "html.parser")
    box = soup.find(id=f"claim-{label}")
    assert box is not None
    return box


def test_html_box_heading_badge_and_permalink(book: Built) -> None:
    box = _claim(book, "chapters/one.html", "second-claim")
    assert box.name == "div"
    assert {"claim", "claim-kind-interpretation", "claim-certainty-probable"} <= set(box["class"])
    heading = box.find(class_="claim-heading")
    assert box["aria-labelledby"] == heading["id"]
    assert heading.find(class_="claim-icon")["aria-hidden"] == "true"
    assert heading.find("a", class_="headerlink")["href"] == "#claim-second-claim"
    for hidden in heading.select('[aria-hidden="true"], a.headerlink'):
        hidden.decompose()
    assert heading.get_text() == "Claim 1.2 · Interpretation · attributed to Anna Alpha"
    assert box.find(class_="claim-badge").get_text() == "Certainty probable"


def test_confirmed_claim_shows_its_badge_title_and_date(book: Built) -> None:
    box = _claim(book, "chapters/one.html", "first-claim")
    assert box.find(class_="claim-badge").get_text() == "Certainty confirmed"
    assert box.find(class_="claim-title").get_text() == "The first exercise"
    assert box.find("time")["datetime"] == "2025-03"
    assert "The navies held an exercise" in box.get_text()


def test_each_kind_gets_its_own_class(book: Built) -> None:
    kinds = {
        ("chapters/one.html", "first-claim"): "fact",
        ("chapters/one.html", "second-claim"): "interpretation",
        ("chapters/two.html", "third-claim"): "quotation",
        ("chapters/two.html", "fourth-claim"): "assessment",
    }
    for (page, label), kind in kinds.items():
        assert f"claim-kind-{kind}" in _claim(book, page, label)["class"]


def test_stylesheet_is_shipped_and_linked(book: Built) -> None:
    assert (book.outdir / "_static" / "claims.css").is_file()
    assert "_static/claims.css" in book.page("chapters/one.html")
