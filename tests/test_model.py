"""The claim model: options become typed fields, one record, one numbering — and a new option
(``:attribution-certainty:``, with the certainty ``unverified``) reaches every output."""

from __future__ import annotations

import json
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
    assert re.search(r"\\begin\{sphinxclaim\}\{interpretation\}\{1\.\d\}\{Interpretation\}"
                     r"\{Anna Alpha\}\{unverified\}\{probable\}", tex)
