"""Suppression comments: ``% sphinx-claims: ignore[CODE, …]`` and ``file-ignore[CODE, …]``.

``ignore`` applies to the findings anchored on the line right after the comment (or after a run
of consecutive comment lines): the claim, the line of text or, in ``.bib`` files, the entry that
follows. ``file-ignore`` applies to the whole file. A suppression that suppresses nothing is
itself a finding (``SUP001``), as ruff's ``RUF100`` is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from sphinx_claims import rules
from sphinx_claims.lint.config import Selection
from sphinx_claims.lint.findings import Finding, make
from sphinx_claims.lint.myst import Comment

_DIRECTIVE = re.compile(r"sphinx-claims:\s*(ignore|file-ignore)\s*\[([^\]]*)\]")


@dataclass(slots=True)
class Suppression:
    comment: Comment
    scope: str  # "ignore" or "file-ignore"
    codes: tuple[str, ...]
    anchor: int
    used: set[str] = field(default_factory=set)

    def covers(self, code: str) -> str | None:
        for selector in self.codes:
            if code.startswith(selector) or selector == "ALL":
                return selector
        return None


def parse(comments: Iterable[tuple[Comment, int]]) -> list[Suppression]:
    """Suppressions in *comments*, each given with the line it anchors to."""
    found = []
    for comment, anchor in comments:
        match = _DIRECTIVE.match(comment.text)
        if match:
            codes = tuple(c.strip() for c in match.group(2).split(",") if c.strip())
            found.append(Suppression(comment, match.group(1), codes, anchor))
    return found


def anchor_markdown(comments: list[Comment]) -> list[tuple[Comment, int]]:
    """Each MyST comment line with its anchor: the first line after its run of comment lines."""
    lines = {(c.path, c.line) for c in comments}
    anchored = []
    for comment in comments:
        end = comment.line
        while (comment.path, end + 1) in lines:
            end += 1
        anchored.append((comment, end + 1))
    return anchored


def apply(
    findings: list[Finding], suppressions: list[Suppression], selection: Selection
) -> list[Finding]:
    """Drop suppressed findings; add SUP001 for suppressions that suppressed nothing."""
    by_line: dict[tuple[str, int], list[Suppression]] = {}
    by_file: dict[str, list[Suppression]] = {}
    for item in suppressions:
        if item.scope == "ignore":
            by_line.setdefault((item.comment.path, item.anchor), []).append(item)
        else:
            by_file.setdefault(item.comment.path, []).append(item)
    kept = []
    for finding in findings:
        candidates = [*by_line.get((finding.path, finding.anchor), ()),
                      *by_file.get(finding.path, ())]
        for item in candidates:
            selector = item.covers(finding.code)
            if selector is not None:
                item.used.add(selector)
                break
        else:
            kept.append(finding)
    for item in suppressions:
        comment = item.comment
        for selector in item.codes:
            if selector in item.used:
                continue
            known = selector == "ALL" or any(c.startswith(selector) for c in rules.RULES)
            if known and not any(
                selection.enabled_for(code, comment.path)
                for code in rules.RULES
                if selector == "ALL" or code.startswith(selector)
            ):
                continue  # the rule is off: nothing to suppress, nothing to report
            label = selector if known else f"{selector} (unknown rule code)"
            kept.append(make("SUP001", comment.path, comment.line, comment.column,
                             subject=f"{item.scope}:{selector}", code=label))
    return kept
