"""The linter's side of suppression comments (the mechanism is :mod:`sphinx_claims.suppression`).

MyST comment lines come from the scanner (:class:`~sphinx_claims.lint.records.Comment`), ``.bib``
comment lines from :mod:`.bib`; the rules are on or off by the run's :class:`Selection`.
"""

from __future__ import annotations

from collections.abc import Iterable

from sphinx_claims import suppression
from sphinx_claims.findings import Finding
from sphinx_claims.lint.config import Selection
from sphinx_claims.suppression import Suppression

__all__ = ["Suppression", "anchor_markdown", "apply", "parse"]

parse = suppression.parse


def anchor_markdown(comments: Iterable[object]) -> list[tuple[object, int]]:
    """Each MyST comment line with its anchor: the first line after its run of comment lines."""
    return suppression.anchor(comments)  # type: ignore[arg-type]


def apply(
    findings: list[Finding], suppressions: list[Suppression], selection: Selection
) -> list[Finding]:
    """Drop suppressed findings; add SUP001 for suppressions that suppressed nothing."""
    return suppression.apply(findings, suppressions, selection.enabled_for)
