"""Property tests: on any MyST or BibTeX input the linter never crashes and never points outside.

The default run is short and derandomised (the same 300 inputs of each kind every time);
``pytest -m fuzz tests/test_lint_properties.py`` runs 10,000 fresh ones of each kind, drawn from
the seed the run prints (see docs/linter.md).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from myst_parser.config.main import MdParserConfig

from sphinx_claims.lint import project, suppress
from sphinx_claims.lint.bib import scan_bib
from sphinx_claims.lint.config import Selection
from sphinx_claims.lint.scan import Scanner

MYST_LINES = [
    ":::{claim}", "::::{claim} Title", ":::", "::::", "```{claim}", "```", "~~~", "````{note}",
    ":label: a-label", ":label: Bad_Label", ":kind: quotation", ":kind: opinion",
    ":certainty: likely", ":as-of: 2025-13", ":attributed-to: A. B.", ":unknown: x", ":kind",
    "---", "label: y", "", "    {cite:p}`indented`", "Text {cite:p}`key1` more.",
    "{cite:t}`{see}key2{p. 3}, key3`", "{cite:p}`{bad}`", "{cite:p}`a,,b`", "`{cite:p}`code``",
    "\\{cite:p}`escaped`", "% sphinx-claims: ignore[CLM001]", "% sphinx-claims: file-ignore[CIT]",
    "> quoted {cite:ps}`q`", "> :::{claim}", "- item {footcite:p}`f`", "  :::{claim}", "# Heading",
    "```{include} missing.md", "```{toctree}", ":numbered:", "|a|b|\n|-|-|\n|{cite:p}`t`|x|",
    "Term\n: Definition {cite:p}`d`", "\t\ttabbed {cite:p}`tab`", "é ü 中文 {cite:p}`ü`",
]
BIB_LINES = [
    "@online{key1,", "@book{Key1,", "@article{k2, title = {T}, date = {2021}}", "}", "{", "}}",
    "  title = {Title},", "  title = {Twice},", "  author = {{Xinhua}},", "  date = {2025-13},",
    "  date = {March},", "  url = {javascript:x},", "  url = {https://example.org},",
    "  urldate = {2999-01-01},", "  doi = {doi:10.1/x},", "  doi = {10.1000/x},", "@comment{x}",
    "% sphinx-claims: ignore[BIB004]", "", "@string{s = \"v\"}", "  note = s # {x},",
    "@misc{", "garbage @ text", "  year = 20x1,", "@online{ü, title = {ü}}",
]


def _text(pool: list[str]) -> st.SearchStrategy[str]:
    line = st.one_of(st.sampled_from(pool), st.text(max_size=12))
    ending = st.sampled_from(["\n", "\n", "\n", "\r\n", ""])
    return st.lists(st.tuples(line, ending), max_size=25).map(
        lambda parts: "".join(a + b for a, b in parts)
    )


MYST = _text(MYST_LINES)
BIB = _text(BIB_LINES)
SCANNER = Scanner(
    MdParserConfig(enable_extensions={"colon_fence", "deflist", "smartquotes", "replacements"}),
    Path("/nonexistent"), lambda p: p.name,
)


def _inside(items, lines: dict[str, int]) -> None:
    for item in items:
        assert 1 <= item.line <= lines[item.path], (item, lines)
        assert item.column >= 1, item


def check_myst(tmp: Path, text: str) -> None:
    file = tmp / "doc.md"
    file.write_text(text, encoding="utf-8", newline="")
    scan = SCANNER.scan_file(file)
    findings = [*scan.findings, *project.duplicate_labels(scan.claims)]
    cite_findings, _ = project.citation_keys(scan.citations, {})
    findings += cite_findings
    suppressions = suppress.parse(suppress.anchor_markdown(scan.comments))
    findings = suppress.apply(findings, suppressions, Selection())
    _inside(findings, scan.lines)
    _inside(scan.citations, scan.lines)
    _inside(scan.claims, scan.lines)
    _inside(scan.comments, scan.lines)


def check_bib(tmp: Path, text: str) -> None:
    file = tmp / "refs.bib"
    file.write_text(text, encoding="utf-8", newline="")
    scan = scan_bib(file, "refs.bib", dt.date(2026, 1, 1))
    index, duplicates = project.index_entries(scan.entries)
    findings = [*scan.findings, *duplicates, *project.required_fields(scan.entries, index),
                *project.unused_entries(index, set())]
    lines = {"refs.bib": scan.lines}
    _inside(findings, lines)
    _inside(scan.entries, lines)
    assert not scan.errors


# No limit that depends on the machine's speed (deadline, too_slow): a loaded machine is no failure
COMMON = {"deadline": None,
          "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]}


@settings(max_examples=300, **COMMON)
@given(text=MYST)
def test_myst_never_crashes_and_stays_inside(tmp_path, text):
    check_myst(tmp_path, text)


@settings(max_examples=300, **COMMON)
@given(text=BIB)
def test_bib_never_crashes_and_stays_inside(tmp_path, text):
    check_bib(tmp_path, text)


@pytest.mark.fuzz
@settings(settings.get_profile("fuzz"), max_examples=10_000, **COMMON)
@given(text=MYST)
def test_fuzz_myst(tmp_path, text):
    check_myst(tmp_path, text)


@pytest.mark.fuzz
@settings(settings.get_profile("fuzz"), max_examples=10_000, **COMMON)
@given(text=BIB)
def test_fuzz_bib(tmp_path, text):
    check_bib(tmp_path, text)
