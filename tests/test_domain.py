"""The claim domain: numbering, cross-references, parallel and incremental builds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from claims_build import Built, build, copy_root
from sphinx_claims.ext.domain import ClaimDomain
from sphinx_claims.model import Claim

NUMBERS = {
    "first-claim": "1.1",
    "second-claim": "1.2",
    "third-claim": "2.1",
    "fourth-claim": "2.2",
    "front-claim": "1",
}


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(copy_root("claims", tmp_path_factory.mktemp("b") / "src"))


def test_numbers_are_chapter_dot_sequence(book: Built) -> None:
    numbers = {record["label"]: record["number"] for record in book.claims_json()}
    assert numbers == NUMBERS


def test_heading_shows_the_number(book: Built) -> None:
    soup = BeautifulSoup(book.page("chapters/two.html"), "html.parser")
    captions = [span.get_text() for span in soup.select("div.claim .claim-number")]
    assert captions == ["Claim 2.1", "Claim 2.2"]


def _links(book: Built, page: str) -> dict[str, tuple[str, str]]:
    soup = BeautifulSoup(book.page(page), "html.parser")
    return {
        a.get_text(): (a["href"], " ".join(a.find("span")["class"]))
        for a in soup.select("p a.reference.internal")
        if a.find("span", class_="xref")
    }


def test_claim_ref_renders_number_and_links_to_the_claim(book: Built) -> None:
    links = _links(book, "chapters/one.html")
    assert links["Claim 2.1"][0] == "two.html#claim-third-claim"
    assert "claim-ref" in links["Claim 2.1"][1]


def test_claim_ref_keeps_explicit_text(book: Built) -> None:
    assert _links(book, "chapters/one.html")["the other one"][0] == "#claim-first-claim"


def test_std_ref_reaches_claims(book: Built) -> None:
    href, classes = _links(book, "chapters/one.html")["Claim 1.2"]
    assert href == "#claim-second-claim"
    assert "std-ref" in classes


def test_domain_data_layout(book: Built) -> None:
    domain = book.env.domains["claim"]
    assert isinstance(domain, ClaimDomain)
    assert [claim.label for claim in domain.claims["chapters/one"]] == [
        "first-claim",
        "second-claim",
    ]
    first = domain.claims["chapters/one"][0]
    assert isinstance(first, Claim)
    assert (first.line, first.sources, first.anchor) == (3, ("alpha2025",), "claim-first-claim")
    assert domain.numbers["chapters/two"] == ["2.1", "2.2"]
    assert domain.registers == {"register": True, "sources": True}
    assert {"third-claim", "first-claim", "second-claim"} <= domain.xrefs["chapters/one"]
    assert ("first-claim", "Claim 1.1", "claim", "chapters/one", "claim-first-claim", 1) in list(
        domain.get_objects()
    )


def test_clear_doc_and_merge_domaindata(book: Built) -> None:
    domain = book.env.domains["claim"]
    saved = {key: dict(domain.data[key]) for key in ClaimDomain._PER_DOC}
    try:
        domain.clear_doc("chapters/one")
        assert "chapters/one" not in domain.claims
        assert "chapters/one" not in domain.xrefs
        domain.merge_domaindata({"chapters/one"}, saved)
        assert domain.claims["chapters/one"] == saved["claims"]["chapters/one"]
        assert domain.xrefs["chapters/one"] == saved["xrefs"]["chapters/one"]
    finally:
        for key, value in saved.items():
            domain.data[key] = value


def _register_html(built: Built) -> str:
    soup = BeautifulSoup(built.page("register.html"), "html.parser")
    return str(soup.select_one("table.claims-register"))


def test_parallel_build_equals_serial(book: Built, tmp_path: Path) -> None:
    parallel = build(copy_root("claims", tmp_path / "src"), parallel=2)
    assert parallel.claims_json() == book.claims_json()
    assert _register_html(parallel) == _register_html(book)
    assert "WARNING" not in parallel.warnings, parallel.warnings


def _claim_warnings(built: Built) -> list[str]:
    lines = re.findall(r"[^/\s]+\.md:\d+: WARNING: .*\[claims\.\w+\]", built.warnings)
    return sorted(lines)


def test_duplicate_labels_across_documents_are_found_in_parallel(tmp_path: Path) -> None:
    built = build(copy_root("claims-warnings", tmp_path / "par"), parallel=2)
    found = re.findall(r"dup\.md:3: WARNING: duplicate claim label 'uncited'", built.warnings)
    assert len(found) == 1, built.warnings
    serial = build(copy_root("claims-warnings", tmp_path / "ser"))
    assert _claim_warnings(built) == _claim_warnings(serial)
    assert len(_claim_warnings(serial)) == 12


NEW_CLAIM = """
:::{claim} Inserted first
:label: inserted-claim

A new claim at the top of chapter two {cite:p}`gamma2020`.
:::
"""


def _insert_claim(srcdir: Path) -> None:
    chapter = srcdir / "chapters" / "two.md"
    text = chapter.read_text()
    chapter.write_text(text.replace("# Chapter two\n", "# Chapter two\n" + NEW_CLAIM, 1))


def test_incremental_rebuild_equals_fresh_build(tmp_path: Path) -> None:
    src = copy_root("claims", tmp_path / "inc")
    build(src)
    _insert_claim(src)
    incremental = build(src)
    fresh_src = copy_root("claims", tmp_path / "fresh")
    _insert_claim(fresh_src)
    fresh = build(fresh_src)
    numbers = {record["label"]: record["number"] for record in incremental.claims_json()}
    assert numbers["inserted-claim"] == "2.1"
    assert numbers["third-claim"] == "2.2"
    assert incremental.claims_json() == fresh.claims_json()
    assert _register_html(incremental) == _register_html(fresh)
    # chapter one was not re-read, but its reference to third-claim now says 2.2
    assert _links(incremental, "chapters/one.html")["Claim 2.2"][0] == (
        "two.html#claim-third-claim"
    )


def test_unknown_claim_reference_still_renders(tmp_path: Path) -> None:
    built = build(copy_root("claims-warnings", tmp_path / "src"))
    soup = BeautifulSoup(built.page("bad.html"), "html.parser")
    missing = soup.select_one("span.claim-xref-missing")
    assert missing is not None and missing.get_text() == "no-such-claim"


def test_removing_a_referenced_label_warns_in_the_unchanged_document(tmp_path: Path) -> None:
    src = copy_root("claims", tmp_path / "src")
    # a page without claims whose only reference is to third-claim
    aside = "---\norphan: true\n---\n# Aside\n\nSee {claim:ref}`third-claim`.\n"
    (src / "aside.md").write_text(aside)
    first = build(src)
    assert "Claim 2.1" in first.page("aside.html")
    chapter = src / "chapters" / "two.md"
    chapter.write_text(chapter.read_text().replace(":label: third-claim", ":label: moved-claim"))
    built = build(src)
    assert re.search(r"aside\.md:6: WARNING: unknown claim label 'third-claim'", built.warnings)
    soup = BeautifulSoup(built.page("aside.html"), "html.parser")
    assert soup.select_one("span.claim-xref-missing").get_text() == "third-claim"
