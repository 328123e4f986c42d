"""MyST scanning: only real citation roles count, and every position is the source's."""

from __future__ import annotations

from pathlib import Path

import pytest
from myst_parser.config.main import MdParserConfig

from sphinx_claims.lint.scan import Scanner

EXTENSIONS = {"colon_fence", "deflist", "smartquotes", "replacements", "substitution",
              "attrs_inline"}


def scan(tmp_path: Path, text: str, extensions=EXTENSIONS, name: str = "doc.md"):
    file = tmp_path / name
    file.write_text(text)
    scanner = Scanner(MdParserConfig(enable_extensions=extensions), tmp_path, lambda p: p.name)
    return scanner.scan_file(file)


def cites(result) -> list[tuple[int, int, tuple[str, ...] | None]]:
    return [(c.line, c.column, c.keys) for c in result.citations]


@pytest.mark.parametrize(
    "text",
    [
        "    {cite:p}`indented`\n",
        "```\n{cite:p}`fenced`\n```\n",
        "~~~markdown\n{cite:p}`tilde`\n~~~\n",
        "Text `{cite:p}`span`` here.\n",
        "Text ``{cite:p}`span` `` here.\n",
        "Escaped \\{cite:p}`escaped`.\n",
        "% {cite:p}`in-a-comment`\n",
        "```{code-block} markdown\n{cite:p}`in-code-block`\n```\n",
        "<div>{cite:p}`html`</div>\n",
        ":::{claim}\n:label: x\n\n    {cite:p}`indented-in-claim`\n:::\n",
    ],
)
def test_role_like_text_that_is_not_a_citation(tmp_path, text):
    assert cites(scan(tmp_path, text)) == []


def test_positions_of_citations(tmp_path):
    result = scan(tmp_path, (
        "# T\n\nA {cite:p}`a` and\nthen {cite:t}`b, c`.\n\n"
        "> Quote {cite:p}`d`.\n\n- item\n  {cite:ps}`e`\n"
    ))
    assert cites(result) == [(3, 3, ("a",)), (4, 6, ("b", "c")), (6, 9, ("d",)),
                             (9, 3, ("e",))]


def test_claim_options_body_and_lines(tmp_path):
    result = scan(tmp_path, (
        ":::{claim} The title\n:label: one\n:kind: quotation\n:attributed-to: A. B.\n\n"
        "Body {cite:p}`k1`\n{footcite:t}`k2`.\n:::\n"
    ))
    (claim,) = result.claims
    assert (claim.line, claim.column, claim.title, claim.label) == (1, 1, "The title", "one")
    assert claim.options["kind"] == "quotation" and claim.keys == ["k1", "k2"]
    assert cites(result) == [(6, 6, ("k1",)), (7, 1, ("k2",))]
    assert all(c.claim == 0 for c in result.citations) and result.findings == []


def test_backtick_fenced_and_yaml_options(tmp_path):
    result = scan(tmp_path, (
        "```{claim}\n---\nlabel: two\ncertainty: probable\n---\nX {cite:p}`k`.\n```\n"))
    (claim,) = result.claims
    assert claim.options == {"label": "two", "certainty": "probable"}
    assert cites(result) == [(6, 3, ("k",))]


def test_colon_fence_needs_the_extension(tmp_path):
    text = ":::{claim}\n:label: x\nText {cite:p}`k`.\n:::\n"
    assert len(scan(tmp_path, text).claims) == 1
    without = scan(tmp_path, text, extensions=set())
    assert without.claims == [] and cites(without) == [(3, 6, ("k",))]


def test_nested_claims_and_directives(tmp_path):
    result = scan(tmp_path, (
        "::::{claim}\n:label: outer\n\n:::{note}\nIn a note {cite:p}`n`.\n:::\n\n"
        ":::{claim}\n:label: inner\nInner {cite:p}`i`.\n:::\n::::\n"
    ))
    outer, inner = result.claims
    assert inner.parent == 0 and outer.keys == ["n", "i"] and inner.keys == ["i"]
    assert [(f.line, f.code) for f in result.findings] == [(8, "CLM007")]
    assert cites(result) == [(5, 11, ("n",)), (10, 7, ("i",))]


def test_same_fence_length_closes_the_outer_claim(tmp_path):
    result = scan(tmp_path, (
        ":::{claim}\n:label: outer\n:::{note}\nText {cite:p}`k`.\n:::\n:::\n\nAfter.\n"
    ))
    # The note's ::: closes the claim (the claim is the fence left too short); the stray :::
    # opens a fence to the end.
    assert [(f.line, f.code) for f in result.findings] == [(1, "MST001"), (6, "MST001")]
    assert result.findings[0].message == (
        "directive fence ':::{claim}' is closed by the ':::' at line 5, which was meant for "
        "':::{note}' at line 3: close it before line 3, or give it more ':' than the fence inside"
    )


def test_unclosed_fence_and_unclosed_inside_a_quote(tmp_path):
    result = scan(tmp_path, "Intro.\n\n:::{claim}\n:label: x\nText {cite:p}`k`.\n")
    assert [(f.line, f.column, f.code) for f in result.findings] == [(3, 1, "MST001")]
    result = scan(tmp_path, "> ```{note}\n> text\n\nAfter.\n")
    assert [(f.line, f.column, f.code) for f in result.findings] == [(1, 3, "MST001")]


def test_claim_option_problems_point_at_the_option(tmp_path):
    result = scan(tmp_path, (
        "Intro.\n\n:::{claim}\n:label: Bad_Label\n:kind: interpretation\n:colour: red\n"
        ":as-of: March\n\nBody {cite:p}`k`.\n:::\n"
    ))
    assert [(f.line, f.code) for f in result.findings] == [
        (4, "CLM004"), (6, "CLM005"), (7, "CLM005"), (5, "CLM006")]
    assert all(f.anchor == 3 for f in result.findings)


def test_malformed_option_block_and_empty_body(tmp_path):
    result = scan(tmp_path, (
        ":::{claim}\n:label: x\n:kind\n\nBody.\n:::\n\n:::{claim}\n:label: e\n:::\n"))
    assert [(f.line, f.code) for f in result.findings] == [
        (3, "CLM005"), (1, "CLM004"), (1, "CLM001"), (8, "CLM002")]


def test_malformed_citation_target(tmp_path):
    result = scan(tmp_path, "See {cite:p}`{see}` and {cite:p}`a,,b`.\n")
    assert [(f.line, f.column, f.code) for f in result.findings] == [
        (1, 5, "CIT004"), (1, 25, "CIT004")]
    assert [c.keys for c in result.citations] == [None, None]


def test_include_is_followed_with_the_included_files_lines(tmp_path):
    (tmp_path / "part.md").write_text("Line one.\n\nIncluded {cite:p}`inc`.\n")
    result = scan(tmp_path, (
        ":::{claim}\n:label: x\n\n```{include} part.md\n```\n:::\n\n"
        "```{include} part.md\n:literal:\n```\n"
    ))
    (claim,) = result.claims
    assert claim.keys == ["inc"]
    assert [(c.path, c.line, c.column) for c in result.citations] == [("part.md", 3, 10)]


def test_include_start_line_offsets_and_missing_file(tmp_path):
    (tmp_path / "part.md").write_text("skip\nskip\nKept {cite:p}`k`.\n")
    result = scan(tmp_path, (
        "```{include} part.md\n:start-line: 2\n```\n\n```{include} gone.md\n```\n"))
    assert [(c.path, c.line) for c in result.citations] == [("part.md", 3)]
    assert len(result.errors) == 1 and "gone.md" in result.errors[0]


def test_comments_and_toctree_and_headings(tmp_path):
    result = scan(tmp_path, (
        "# One\n\n% sphinx-claims: ignore[CLM001]\n% second\n\n"
        "```{toctree}\n:numbered:\n\na\nb\n```\n\n# Two\n"
    ))
    assert [(c.line, c.text) for c in result.comments] == [
        (3, "sphinx-claims: ignore[CLM001]"), (4, "second")]
    assert result.toctrees[0].entries == ["a", "b"] and result.toctrees[0].numbered
    assert result.headings == [1, 1]


def test_a_fence_ended_by_its_enclosing_fence_says_so(tmp_path):
    result = scan(tmp_path, "::::{note}\n:::{claim}\n:label: a\nText {cite:p}`k`.\n::::\n")
    assert [(f.line, f.message) for f in result.findings if f.code == "MST001"] == [
        (2, "unclosed directive fence ':::{claim}' is ended by the enclosing '::::{note}' "
            "(line 1) at line 5")]


def test_a_claim_left_open_mid_file_is_blamed_not_the_next_one(tmp_path):
    result = scan(tmp_path, (
        ":::{claim}\n:label: left-open\nOne {cite:p}`k`.\n\n"
        ":::{claim}\n:label: next\nTwo {cite:p}`k`.\n:::\n\nAfter.\n"
    ))
    assert [(f.line, f.code) for f in result.findings] == [(1, "MST001"), (5, "CLM007")]


def test_a_tab_after_an_options_colon_is_named(tmp_path):
    result = scan(tmp_path, ":::{claim}\n:label:\tx\nText {cite:p}`k`.\n:::\n")
    (finding,) = [f for f in result.findings if f.code == "CLM005"]
    assert (finding.line, finding.message) == (2, (
        "invalid claim option: a tab follows ':label:'; write a space between an option's "
        "closing colon and its value"))
