"""The claim model: options become typed fields, one record, one numbering — and a new option
(``:attribution-certainty:``, with the certainty ``unverified``) reaches every output."""

from __future__ import annotations

import dataclasses
import json
import pickle
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from lint_fixtures import run_cli

from claims_build import Built, build, copy_root
from sphinx_claims import model


def test_options_become_fields_with_defaults():
    options = {"label": " x ", "kind": "rumour", "attribution-certainty": "probable"}
    claim = model.make_claim(options, title=" T ", docname="d", path="d.md", line=3)
    assert (claim.label, claim.kind, claim.certainty) == ("x", "fact", "confirmed")
    assert claim.title == "T"
    assert claim.attribution_certainty is None  # meaningless without :attributed-to:
    assert claim.anchor == "claim-x"


def test_the_record_has_the_stable_keys_in_order():
    claim = model.make_claim({"label": "x", "attributed-to": "A", "attribution-certainty":
                              "disputed"}, title="", docname="d", path="d.md", line=3,
                             sources=["k"])
    record = model.record(claim, "1.1", "d.html#claim-x")
    assert tuple(record) == model.RECORD_KEYS
    assert record["attribution_certainty"] == "disputed" and record["sources"] == ["k"]


def test_options_record_and_option_spec_come_from_the_claims_fields():
    """One definition: each option is a field of Claim, and the record is every field but the
    anchor, in field order, with the number after the label and the URL last."""
    names = [f.name for f in dataclasses.fields(model.Claim)]
    assert [option.field for option in model.OPTIONS] == [
        f.name for f in dataclasses.fields(model.Claim) if "option" in f.metadata
    ]
    assert model.OPTION_NAMES == (
        "label", "kind", "attributed-to", "attribution-certainty", "certainty", "as-of",
        "evidence",
    )
    recorded = [name for name in names[1:] if name != "anchor"]
    assert ("label", "number", *recorded, "url") == model.RECORD_KEYS
    assert all(name in model.OPTION_SPEC for name in model.OPTION_NAMES)


def test_each_options_check_is_its_own():
    def problem(name: str, value: str, **others: str) -> str | None:
        return model.BY_NAME[name].problem(value, {name: value, **others})

    assert problem("kind", "rumour") == (
        "kind 'rumour' is not one of: fact, interpretation, assessment, quotation"
    )
    assert problem("kind", " ") is None  # blank: the default
    assert problem("attribution-certainty", "probable") == (
        "attribution-certainty needs :attributed-to:"
    )
    assert problem("attribution-certainty", "probable", **{"attributed-to": "A"}) is None
    assert problem("as-of", "2025-02-30") == (
        "as-of '2025-02-30' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
    )
    assert problem("evidence", "k | p. 2") == (
        "evidence entry 'k | p. 2' is not 'key | locator | passage'"
    )
    assert problem("evidence", "") == "evidence is empty: give 'key | locator | passage'"
    assert problem("evidence", "k | p. 2 | said so") is None


def test_evidence_entries_one_per_line():
    entries, bad = model.evidence_entries(
        "a2025 | p. 12 | they met\n\n  b2024 | 00:14:05 | yes | and no  \nno key | p. 1 | x\n"
    )
    assert entries == (
        model.Evidence("a2025", "p. 12", "they met"),
        model.Evidence("b2024", "00:14:05", "yes | and no"),  # the passage may hold a bar
    )
    assert bad == ["no key | p. 1 | x"]  # a key has no space


def test_a_claim_pickles_with_its_evidence():
    claim = model.make_claim({"label": "x", "evidence": "k | s. 2 | quoted"}, title="",
                             docname="d", path="d.md", line=1, sources=["k"])
    assert pickle.loads(pickle.dumps(claim)) == claim
    assert model.record(claim, "1", "d.html")["evidence"] == [
        {"key": "k", "locator": "s. 2", "passage": "quoted"}
    ]


def test_numbers_per_chapter_and_one_sequence_outside():
    numbers = model.claim_numbers([("a", None, 1), ("b", 1, 2), ("c", 2, 1), ("d", 1, 1),
                                   ("e", None, 1)])
    assert numbers == {"a": ["1"], "b": ["1.1", "1.2"], "c": ["2.1"], "d": ["1.3"], "e": ["2"]}


CLAIM = """
:::{claim}
:label: held-view
:kind: interpretation
:attributed-to: Anna Alpha
:attribution-certainty: probable
:certainty: unverified

A view held by someone {cite:p}`alpha2025`.
:::
"""


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = tmp_path_factory.mktemp("option")
    src = copy_root("claims", folder / "src")
    one = src / "chapters" / "one.md"
    one.write_text(one.read_text(encoding="utf-8") + CLAIM, encoding="utf-8")
    return build(src, builddir=folder / "build")


def test_a_new_option_reaches_claims_json_and_export(book: Built, monkeypatch, capsys):
    record = next(r for r in book.claims_json() if r["label"] == "held-view")
    assert (record["attribution_certainty"], record["certainty"]) == ("probable", "unverified")
    assert "WARNING" not in book.warnings, book.warnings
    status, out, _ = run_cli(monkeypatch, capsys, book.srcdir, "export", "-o", "-")
    assert status == 0 and json.loads(out) == book.claims_json()


def test_a_new_option_reaches_the_html_box_the_register_and_json_ld(book: Built):
    soup = BeautifulSoup(book.page("chapters/one.html"), "html.parser")
    heading = soup.select_one("#claim-held-view .claim-heading").get_text(" ", strip=True)
    assert "attributed to Anna Alpha Attribution probable" in heading
    assert soup.select_one("#claim-held-view .claim-attribution-probable")
    assert soup.select_one("#claim-held-view .claim-badge-unverified")
    script = next(s for s in soup.select('script[type="application/ld+json"]'))
    item = next(i for i in json.loads(script.string)["@graph"] if i["identifier"] == "held-view")
    assert item["additionalProperty"]["value"] == "probable"
    assert item["creativeWorkStatus"] == "unverified"
    register = BeautifulSoup(book.page("register.html"), "html.parser")
    row = register.select_one("#register-held-view").get_text(" ", strip=True)
    assert "Anna Alpha" in row and "probable" in row


def test_a_new_option_reaches_the_latex_box(book: Built, tmp_path: Path):
    latex = build(book.srcdir, "latex", builddir=tmp_path / "latex")
    tex = next(Path(latex.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert re.search(r"\\begin\{sphinxclaim\}\{kind=\{interpretation\}, number=\{1\.\d\}, "
                     r"kind-name=\{Interpretation\}, attributed-to=\{Anna Alpha\}, "
                     r"certainty=\{unverified\}, attribution-certainty=\{probable\}", tex)
