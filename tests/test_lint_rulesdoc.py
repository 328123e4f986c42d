"""docs/linter.md lists the rules from the catalogue (the sphinx-claims-rules directive)."""

from __future__ import annotations

from bs4 import BeautifulSoup

from sphinx_claims import datamodel, rules


def test_linter_page_lists_every_rule_from_the_catalogue(built_handbook):
    assert built_handbook.returncode == 0, built_handbook.stderr
    page = BeautifulSoup((built_handbook.outdir / "docs" / "linter.html").read_text(),
                         "html.parser")
    for rule in rules.all_rules():
        section = page.select_one(f"#rule-{rule.code.lower()}")
        assert section is not None, rule.code
        text = section.get_text(" ", strip=True)
        assert f"{rule.code} {rule.name}" in text and rule.message in text
    rows = page.select("#rule-bib004 table tbody tr")
    assert len(rows) == len(datamodel.table_rows())
