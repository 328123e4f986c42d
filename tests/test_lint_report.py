"""Reporters and suppressions: formats, stable fingerprints, SUP001."""

from __future__ import annotations

import json

from lint_fixtures import make_project, run_cli

from sphinx_claims import rules
from sphinx_claims.findings import make
from sphinx_claims.lint import report

FINDINGS = [
    make("CIT001", "a,b.md", 3, 5, subject="k", key="k"),
    make("CIT002", "a,b.md", 4, 1, subject="k", key="k"),
]


def test_concise_and_statistics():
    assert report.concise(FINDINGS).splitlines() == [
        "a,b.md:3:5: CIT001 unknown citation key 'k'",
        "a,b.md:4:1: CIT002 citation of 'k' outside any claim",
        "Found 2 findings (1 error, 1 warning).",
    ]
    assert report.statistics([*FINDINGS, FINDINGS[0]], "concise").splitlines() == [
        "2\tCIT001\tunknown-citation-key", "1\tCIT002\tcitation-outside-claim"]
    assert json.loads(report.statistics(FINDINGS, "json"))[0]["count"] == 1


def test_github_annotations_escape_properties():
    first = report.github(FINDINGS).splitlines()[0]
    assert first == (
        "::error file=a%2Cb.md,line=3,col=5,title=CIT001::CIT001 unknown citation key 'k'")


def test_full_shows_the_source_line_with_a_caret():
    text = report.full(FINDINGS[:1], source=lambda path: ["", "", "Text {cite:p}`k`."])
    assert "3 | Text {cite:p}`k`." in text
    assert "  |     ^ CIT001 (unknown-citation-key)" in text


def test_sarif_has_rules_and_fingerprints():
    log = json.loads(report.sarif(FINDINGS))
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == list(rules.RULES)
    result = run["results"][0]
    assert result["ruleId"] == "CIT001" and result["level"] == "error"
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "CIT001"
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "a,b.md"
    assert location["region"] == {"startLine": 3, "startColumn": 5}
    assert set(result["partialFingerprints"]) == {"sphinxClaimsFinding/v1"}


def test_fingerprints_survive_moved_lines_and_tell_repeats_apart():
    moved = [make("CIT001", "a,b.md", 30, 9, subject="k", key="k")]
    assert report.fingerprints(moved) == report.fingerprints(FINDINGS[:1])
    twice = report.fingerprints([FINDINGS[0], FINDINGS[0]])
    assert twice[0] != twice[1]


def test_an_option_finding_keeps_its_fingerprint_when_another_claim_goes(
    tmp_path, monkeypatch, capsys
):
    """An option's finding is about its claim (the label is the subject): deleting an earlier
    claim with the same problem leaves the later finding's SARIF fingerprint as it was."""
    def claim(label: str) -> str:
        return (f":::{{claim}}\n:label: {label}\n:certainty: likely\n"
                "Text {cite:p}`known2025`.\n:::\n")

    def prints(text: str) -> dict[str, str]:
        root = make_project(tmp_path / str(len(text)), {"index.md": text})
        _, out, _ = run_cli(monkeypatch, capsys, root, "check", "--output-format", "sarif")
        results = json.loads(out)["runs"][0]["results"]
        return {r["locations"][0]["physicalLocation"]["region"]["startLine"]:
                r["partialFingerprints"]["sphinxClaimsFinding/v1"] for r in results}

    both = prints("# T\n\n" + claim("first") + "\n" + claim("second"))
    alone = prints("# T\n\n" + claim("second"))
    assert len(both) == 2 and both[11] == alone[5]


def test_suppressions_line_file_and_unused(tmp_path, monkeypatch, capsys):
    text = (
        "% sphinx-claims: file-ignore[CIT002]\n\n"
        "% sphinx-claims: ignore[CLM001]\n:::{claim}\n:label: a\nNo source.\n:::\n\n"
        "% sphinx-claims: ignore[CLM001, CIT001]\n% more comment\n:::{claim}\n:label: b\n"
        "Cites {cite:p}`nokey`.\n:::\n\n"
        "% sphinx-claims: ignore[CIT001]\nText {cite:p}`missing`.\n\n"
        "```text\n% sphinx-claims: ignore[CLM001]\n```\n"
    )
    root = make_project(tmp_path / "p", {"index.md": text}, table='ignore = ["BIB009"]\n')
    status, out, _ = run_cli(monkeypatch, capsys, root, "check")
    assert out.splitlines()[:-1] == [
        "index.md:9:1: SUP001 unused suppression of CIT001",
        "index.md:9:1: SUP001 unused suppression of CLM001",
        "index.md:13:7: CIT001 unknown citation key 'nokey'",
    ]
    assert status == 1


def test_suppression_of_a_disabled_rule_is_not_reported(tmp_path, monkeypatch, capsys):
    text = "% sphinx-claims: ignore[CIT002, NOPE9]\nText {cite:p}`known2025`.\n"
    root = make_project(tmp_path / "p", {"index.md": text}, table='ignore = ["CIT002"]\n')
    _, out, _ = run_cli(monkeypatch, capsys, root, "check")
    assert out.splitlines()[:-1] == [
        "index.md:1:1: SUP001 unused suppression of NOPE9 (unknown rule code)"]


def test_bib_suppression(tmp_path, monkeypatch, capsys):
    bib = "% sphinx-claims: ignore[BIB004]\n@book{k, title = {T}, date = {2020}}\n"
    files = {"index.md": ":::{claim}\n:label: a\nX {cite:p}`k`.\n:::\n"}
    root = make_project(tmp_path / "p", files, bib=bib)
    assert run_cli(monkeypatch, capsys, root, "check")[:2] == (0, "All checks passed!\n")
