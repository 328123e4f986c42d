"""A finding: one rule violated at one place — what the build warns and the linter reports.

Both sides make findings with :func:`make` (the catalogue words the message), suppress them with
:mod:`sphinx_claims.suppression` and only then report them (a Sphinx warning, a report line).
"""

from __future__ import annotations

from dataclasses import dataclass

from sphinx_claims import rules


@dataclass(frozen=True, slots=True)
class Finding:
    """A rule violation at ``path:line:column`` (both 1-based).

    ``anchor`` is the line a ``% sphinx-claims: ignore[...]`` comment must precede (the line of
    the claim, role or entry the finding is about); ``subject`` names that thing (a label, a key)
    so fingerprints survive lines moving.
    """

    path: str
    line: int
    column: int
    code: str
    message: str
    anchor: int
    subject: str = ""

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        """Pickle as ``Finding(*fields)`` (fast to load from the cache and from workers)."""
        return Finding, (self.path, self.line, self.column, self.code, self.message,
                         self.anchor, self.subject)

    @property
    def rule(self) -> rules.Rule:
        return rules.get(self.code)

    @property
    def severity(self) -> rules.Severity:
        return self.rule.severity

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.code, self.message)


def make(
    code: str, path: str, line: int, column: int, /, *, anchor: int | None = None,
    subject: str = "", **fields: object,
) -> Finding:
    """A finding for rule *code*, its message filled from the catalogue's template."""
    return Finding(
        path, line, max(column, 1), code, rules.get(code).format(**fields),
        line if anchor is None else anchor, subject,
    )
