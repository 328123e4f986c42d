"""``sphinx-claims export``: numbers from the toctree, records in the build's layout."""

from __future__ import annotations

import json

from lint_fixtures import PROJECT, make_project, run_cli

from sphinx_claims.lint.export import FIELDS


def test_export_of_the_fixture_project(monkeypatch, capsys, tmp_path):
    target = tmp_path / "claims.json"
    status, _, _ = run_cli(monkeypatch, capsys, PROJECT, "export", "-o", str(target))
    records = json.loads(target.read_text())
    assert status == 0 and all(tuple(r) == FIELDS for r in records)
    by_label = {r["label"]: r for r in records}
    assert "Bad_Label" not in by_label  # invalid labels are left out, as in the build
    good = by_label["good-one"]
    assert good["number"] == "1.1" and good["title"] == "Passing exercise"
    assert good["kind"] == "interpretation" and good["attributed_to"] == "An Analyst"
    assert good["as_of"] == "2025-03" and good["certainty"] == "probable"
    assert good["text"] == "The navies held an exercise."
    assert good["url"] == "chapters/good.html#claim-good-one"
    assert by_label["good-four"]["sources"] == ["beta2020"]  # through {include}
    assert by_label["no-source"]["number"] == "2.1"


def test_claims_outside_the_numbered_toctree_get_book_wide_numbers(tmp_path, monkeypatch,
                                                                  capsys):
    claim = (":::{{claim}}\n:label: {}\n\n"
             "See {{cite:p}}`known2025` and {{term}}`PASSEX <passex>`.\n:::\n")
    root = make_project(tmp_path / "p", {
        "index.md": "# Root\n\n```{toctree}\n:numbered:\n\na\n```\n\n```{toctree}\n\nb\n```\n",
        "a.md": "# A\n\n" + claim.format("in-a") + claim.format("in-a-2"),
        "b.md": "# B\n\n" + claim.format("in-b"),
    })
    _, out, _ = run_cli(monkeypatch, capsys, root, "export", "-o", "-")
    numbers = {r["label"]: r["number"] for r in json.loads(out)}
    assert numbers == {"in-a": "1.1", "in-a-2": "1.2", "in-b": "1"}
    assert json.loads(out)[0]["text"] == "See and PASSEX."
