"""``claims-register`` and ``claims-sources``: content, links, and freshness."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from claims_build import Built, build, copy_root
from sphinx_claims import model


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(copy_root("claims", tmp_path_factory.mktemp("b") / "src"))


def _rows(built: Built) -> list[list[str]]:
    soup = BeautifulSoup(built.page("register.html"), "html.parser")
    table = soup.select_one("table.claims-register")
    assert table is not None
    # Cell labels are for the narrow-screen cards; titles sit beneath the number.
    for hidden in table.select(".claims-cell-label, .claims-register-title"):
        hidden.decompose()
    return [
        [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
        for row in table.select("tbody tr")
    ]


def test_register_lists_every_claim_in_book_order(book: Built) -> None:
    rows = _rows(book)
    assert [row[0] for row in rows] == [
        "Claim 1.1",
        "Claim 1.2",
        "Claim 2.1",
        "Claim 2.2",
        "Claim 1",
    ]
    claims = {record["number"]: record for record in book.claims_json()}
    cells = rows
    # Number, the statement itself (not the title), kind, certainty, attribution.
    assert cells[0][:6] == [
        "Claim 1.1",
        claims["1.1"]["text"],
        "Fact",
        "confirmed",
        "\u2014",
        "\u2014",
    ]
    assert cells[1][1:5] == [claims["1.2"]["text"], "Interpretation", "probable", "Anna Alpha"]
    assert cells[2][3:5] == ["disputed", "Boris Beta"]


def test_register_links_to_claims_and_bibliography(book: Built) -> None:
    soup = BeautifulSoup(book.page("register.html"), "html.parser")
    first = soup.select_one("table.claims-register tbody tr")
    claim_link, *source_links = first.select("a.reference.internal")
    assert claim_link["href"] == "chapters/one.html#claim-first-claim"
    assert claim_link.get_text() == "Claim 1.1"
    assert source_links and all(
        a["href"].startswith("bibliography.html#") for a in source_links
    )
    second = soup.select("table.claims-register tbody tr")[1]
    assert "Alpha" in second.get_text() and "Beta" in second.get_text()


def _sources(built: Built) -> dict[str, list[str]]:
    soup = BeautifulSoup(built.page("sources.html"), "html.parser")
    result = {}
    for term in soup.select("dl.claims-sources > dt"):
        definition = term.find_next_sibling("dd")
        claims = definition.select_one("p.claims-source-claims")
        result[term.get_text(" ", strip=True)] = [a.get_text() for a in claims.select("a")]
    return result


def test_sources_view_is_a_reverse_index(book: Built) -> None:
    assert _sources(book) == {
        "[ Alpha, 2025 ]": ["Claim 1.1", "Claim 1.2", "Claim 2.2"],
        "[ Beta, 2024 ]": ["Claim 1.2", "Claim 2.1"],
        "[ Gamma, 2020 ]": ["Claim 1"],
    }


def test_sources_view_shows_the_formatted_entry_and_links_it(book: Built) -> None:
    soup = BeautifulSoup(book.page("sources.html"), "html.parser")
    first = soup.select_one("dl.claims-sources > dd p.claims-source-entry")
    assert "The first source" in first.get_text()
    term_link = soup.select_one("dl.claims-sources > dt a")
    assert term_link["href"].startswith("bibliography.html#")


def test_registers_are_fresh_after_editing_a_chapter(tmp_path: Path) -> None:
    src = copy_root("claims", tmp_path / "src")
    build(src)
    chapter = src / "chapters" / "two.md"
    chapter.write_text(chapter.read_text().replace(":label: fourth-claim", ":label: renamed-claim"))
    built = build(src)
    rows = _rows(built)
    soup = BeautifulSoup(built.page("register.html"), "html.parser")
    hrefs = [a["href"] for a in soup.select("table.claims-register tbody tr td:first-child a")]
    assert "chapters/two.html#claim-renamed-claim" in hrefs
    assert "chapters/two.html#claim-fourth-claim" not in hrefs
    assert len(rows) == 5
    sources = BeautifulSoup(built.page("sources.html"), "html.parser")
    assert "claim-renamed-claim" in str(sources.select_one("dl.claims-sources"))


def test_sources_view_follows_the_bib_file(tmp_path: Path) -> None:
    src = copy_root("claims", tmp_path / "src")
    build(src)
    bib = src / "refs.bib"
    bib.write_text(bib.read_text().replace("The Third Source", "The Renamed Source"))
    built = build(src)
    soup = BeautifulSoup(built.page("sources.html"), "html.parser")
    entries = [p.get_text() for p in soup.select("p.claims-source-entry")]
    assert any("The Renamed Source" in entry for entry in entries), entries


def test_register_offers_claims_json_and_csv_that_agree(book: Built) -> None:
    import csv

    soup = BeautifulSoup(book.page("register.html"), "html.parser")
    links = {a.get_text(): a["href"] for a in soup.select("p.claims-register-downloads a")}
    assert links == {"claims.json": "claims.json", "claims.csv": "claims.csv"}
    records = book.claims_json()
    with (book.outdir / "claims.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["label"] for row in rows] == [record["label"] for record in records]
    for row, record in zip(rows, records, strict=True):
        assert list(row) == list(record)
        assert row["sources"] == "; ".join(record["sources"])
        assert row["text"] == record["text"]
        assert row["attributed_to"] == (record["attributed_to"] or "")
        entries, bad = model.evidence_entries(row["evidence"])  # the option's own syntax
        assert [e.as_record() for e in entries] == record["evidence"] and not bad
    assert any(record["evidence"] for record in records)


def test_register_rows_carry_ids_and_card_labels(book: Built) -> None:
    soup = BeautifulSoup(book.page("register.html"), "html.parser")
    rows = soup.select("table.claims-register tbody tr")
    assert [row["id"] for row in rows] == [
        f"register-{record['label']}" for record in _book_order(book)
    ]
    labels = [span.get_text() for span in rows[0].select(".claims-cell-label")]
    assert labels == [
        "Claim: ", "Statement: ", "Kind: ", "Certainty: ", "Attributed to: ",
        "Attribution certainty: ", "Sources: ",
    ]


def _book_order(book: Built) -> list[dict]:
    records = {record["number"]: record for record in book.claims_json()}
    numbers = sorted(records, key=lambda n: (("." not in n), [int(p) for p in n.split(".")]))
    return [records[number] for number in numbers]


def test_latex_register_has_no_html_only_parts(tmp_path: Path) -> None:
    built = build(copy_root("claims", tmp_path / "src"), "latex")
    tex = next(built.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert "Claim 1.1" in tex
    assert "Download the register" not in tex
    assert "Attribution certainty:" not in tex
