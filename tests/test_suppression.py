"""Suppression comments: parsed, anchored and applied the same way for the build and the linter."""

from __future__ import annotations

from sphinx_claims import suppression
from sphinx_claims.findings import make

LINE = suppression.CommentLine


def _apply(findings, comments, checked=lambda code: True):
    items = suppression.parse(suppression.anchor(comments))
    return suppression.apply(findings, items, lambda code, path: True, checked)


def test_a_comment_suppresses_the_finding_anchored_below_its_run_of_comments():
    comments = [LINE("a.md", 3, 1, "sphinx-claims: ignore[CLM001]"), LINE("a.md", 4, 1, "note")]
    finding = make("CLM001", "a.md", 5, 1, label="x")
    assert _apply([finding], comments) == []


def test_an_unused_suppression_is_sup001_unless_a_rule_this_side_skips_could_use_it():
    comments = [LINE("a.md", 3, 1, "sphinx-claims: ignore[CIT, CLM002]")]
    left = _apply([], comments, checked=lambda code: code != "CIT001")
    assert [(f.code, f.message) for f in left] == [("SUP001", "unused suppression of CLM002")]


def test_file_ignore_covers_the_whole_file():
    comments = [LINE("a.md", 1, 1, "sphinx-claims: file-ignore[CLM]")]
    assert _apply([make("CLM004", "a.md", 40, 1, detail="d")], comments) == []


def test_rest_comments_are_found_at_their_lines_in_order_and_only_there():
    lines = ["% sphinx-claims: ignore[CLM001]", "", ".. sphinx-claims: ignore[CLM001]",
             ".. claim::", "", "   .. sphinx-claims: ignore[CLM001]", ".. other comment"]
    texts = ["sphinx-claims: ignore[CLM001]", "sphinx-claims: ignore[CLM001]", "other comment"]
    found = suppression.rest_comments("doc", lines, texts)
    assert [(c.line, c.column) for c in found] == [(3, 1), (6, 4)]
    assert [c.line for c in suppression.rest_comments("doc", lines, texts[:1], first=3)] == [6]
    assert suppression.rest_comments("doc", lines, texts, last=2) == []
