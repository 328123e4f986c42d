"""``claims.json`` and the schema.org JSON-LD embedded in each page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from claims_build import Built, build, copy_root
from conftest import sphinx_build
from sphinx_claims import model
from sphinx_claims.outputs import export, jsonld


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(copy_root("claims", tmp_path_factory.mktemp("b") / "src"))


def test_records_have_exactly_the_documented_fields(book: Built) -> None:
    records = book.claims_json()
    assert len(records) == 5
    for record in records:
        assert tuple(record) == model.RECORD_KEYS


def test_a_record_in_full(book: Built) -> None:
    second = next(r for r in book.claims_json() if r["label"] == "second-claim")
    assert second == {
        "label": "second-claim",
        "number": "1.2",
        "kind": "interpretation",
        "title": "",
        "text": "The exercise was routine, says. It was also small.",
        "sources": ["alpha2025", "beta2024"],
        "attributed_to": "Anna Alpha",
        "attribution_certainty": None,
        "certainty": "probable",
        "as_of": None,
        "evidence": [
            {"key": "beta2024", "locator": "p. 3", "passage": "a small drill of two ships"}
        ],
        "docname": "chapters/one",
        "path": "chapters/one.md",
        "line": 12,
        "url": "chapters/one.html#claim-second-claim",
    }


def test_records_are_sorted_by_path_and_line(book: Built) -> None:
    keys = [(r["path"], r["line"]) for r in book.claims_json()]
    assert keys == sorted(keys)
    assert keys[0] == ("chapters/one.md", 3)


def test_urls_resolve_to_the_claims(book: Built) -> None:
    for record in book.claims_json():
        page, anchor = record["url"].split("#")
        soup = BeautifulSoup(book.page(page), "html.parser")
        assert soup.find(id=anchor) is not None, record["url"]


def test_claim_records_is_what_the_file_holds(book: Built) -> None:
    class Builder:
        def get_target_uri(self, docname: str) -> str:
            return f"{docname}.html"

    assert export.claim_records(book.env, Builder()) == book.claims_json()


def _jsonld(html: str) -> list[dict]:
    soup = BeautifulSoup(html, "html.parser")
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)["@graph"]


def test_each_page_embeds_its_claims_as_jsonld(book: Built) -> None:
    graph = _jsonld(book.page("chapters/one.html"))
    assert [item["identifier"] for item in graph] == ["first-claim", "second-claim"]
    first = graph[0]
    assert first["@type"] == "Claim"
    assert first["@id"] == "#claim-first-claim"
    assert first["alternateName"] == "Claim 1.1"
    assert first["citation"][0]["identifier"] == "alpha2025"
    assert first["citation"][0]["url"] == "https://example.org/alpha"
    assert graph[1]["creditText"] == "Anna Alpha"


def test_script_end_tag_in_a_title_cannot_break_out(book: Built) -> None:
    html = book.page("chapters/two.html")
    head = html.split("</head>")[0]
    assert "</script> in it" not in head
    titles = [item["name"] for item in _jsonld(html)]
    assert "A title with </script> in it" in titles


@pytest.mark.parametrize(
    "text", ["</script><script>alert(1)</script>", "<!-- x", "a & b", "\u2028"]
)
def test_script_json_never_contains_markup(text: str) -> None:
    encoded = jsonld.script_json({"name": text})
    assert not set("<>&\u2028") & set(encoded)
    assert json.loads(encoded) == {"name": text}


def test_pages_without_claims_have_no_jsonld(book: Built) -> None:
    assert "application/ld+json" not in book.page("sources.html")


def test_latex_build_writes_no_claims_json(tmp_path: Path) -> None:
    built = build(copy_root("claims", tmp_path / "src"), "latex")
    assert not (built.outdir / export.FILENAME).exists()


def test_the_handbook_writes_claims_json_with_chapter_numbers(
    handbook_copy: Path, tmp_path: Path
) -> None:
    chapter = handbook_copy / "chapters" / "sino-russian.md"
    chapter.write_text(
        chapter.read_text()
        + "\n:::{claim} A probe claim\n:label: probe-claim\n:kind: interpretation\n"
        ":attributed-to: Sense Hofstede\n:certainty: probable\n\n"
        "A probe sentence {cite:p}`hofstede2021xiputin`.\n:::\n"
    )
    result = sphinx_build(handbook_copy, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    records = json.loads((tmp_path / "out" / export.FILENAME).read_text())
    probe = next(record for record in records if record["label"] == "probe-claim")
    in_chapter = [r for r in records if r["docname"] == "chapters/sino-russian"]
    # appended last, so numbered last in chapter 2; chapter numbers run 2.1, 2.2, … unbroken
    assert probe["number"] == f"2.{len(in_chapter)}"
    sequence = sorted(int(r["number"].split(".")[1]) for r in in_chapter)
    assert sequence == list(range(1, len(in_chapter) + 1))
    assert probe["path"] == "chapters/sino-russian.md"
    assert probe["url"] == "chapters/sino-russian.html#claim-probe-claim"
    assert probe["sources"] == ["hofstede2021xiputin"]
