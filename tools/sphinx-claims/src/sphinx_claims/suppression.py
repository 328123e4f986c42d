"""Suppression comments, for the build and the linter alike: ``% sphinx-claims: ignore[CODE, …]``.

``ignore`` applies to the findings anchored on the line right after the comment (or after a run
of consecutive comment lines): the claim (its fence line), the line of text or, in ``.bib``
files, the entry that follows. ``file-ignore`` applies to the whole file. A suppression that
suppresses nothing is itself a finding (``SUP001``), as ruff's ``RUF100`` is.

Each side finds its comment lines its own way (the linter from its token stream, the build from
the document's source); :func:`parse`, :func:`anchor` and :func:`apply` are shared.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from sphinx_claims import rules
from sphinx_claims.findings import Finding, make

_DIRECTIVE = re.compile(r"sphinx-claims:\s*(ignore|file-ignore)\s*\[([^\]]*)\]")


@dataclass(frozen=True, slots=True)
class CommentLine:
    """One line of a comment: where it is and its text (without the ``%``)."""

    path: str
    line: int
    column: int
    text: str


@dataclass(slots=True)
class Suppression:
    comment: CommentLine
    scope: str  # "ignore" or "file-ignore"
    codes: tuple[str, ...]
    anchor: int
    used: set[str] = field(default_factory=set)

    def covers(self, code: str) -> str | None:
        for selector in self.codes:
            if code.startswith(selector) or selector == "ALL":
                return selector
        return None


def rest_comments(
    path: str, lines: Sequence[str], texts: Iterable[str], first: int = 0, last: int | None = None,
) -> list[CommentLine]:
    """Where each reST suppression comment is written: for every comment text docutils parsed
    (in document order), the next line of *lines[first:last]* reading ``.. text``.

    Only ``sphinx-claims:`` comments are looked up; MyST's ``% …`` comments never match.
    """
    found: list[CommentLine] = []
    number = first
    end = len(lines) if last is None else min(last, len(lines))
    for text in texts:
        if not text.startswith("sphinx-claims:"):
            continue
        for index in range(number, end):
            line = lines[index]
            if line.strip() == f".. {text}":
                found.append(CommentLine(path, index + 1, line.find("..") + 1, text))
                number = index + 1
                break
    return found


def anchor(comments: Iterable[CommentLine]) -> list[tuple[CommentLine, int]]:
    """Each comment line with its anchor: the first line after its run of comment lines."""
    comments = list(comments)
    lines = {(c.path, c.line) for c in comments}
    anchored = []
    for comment in comments:
        end = comment.line
        while (comment.path, end + 1) in lines:
            end += 1
        anchored.append((comment, end + 1))
    return anchored


def bib_comment_lines(
    lines: list[str], entry_lines: Iterable[int], end: int
) -> list[tuple[int, int, str, int]]:
    """The ``%`` lines of a ``.bib`` file as ``(line, column, text, anchor)``: each anchored to
    the entry after it, a line after the last entry to *end* (past the file's last line). The
    linter and the build both read a file's suppressions with this."""
    entries = sorted(entry_lines)
    found = []
    for number, text in enumerate(lines, 1):
        stripped = text.strip()
        if stripped.startswith("%"):
            anchor = next((line for line in entries if line > number), end)
            found.append((number, text.find("%") + 1, stripped[1:].strip(), anchor))
    return found


def bib_comments(
    path: str, text: str, entry_lines: Iterable[int]
) -> list[tuple[CommentLine, int]]:
    """The ``%`` lines of the ``.bib`` file *text* (newlines ``\\n``), anchored as
    :func:`bib_comment_lines` does, past :func:`last_line`."""
    return [(CommentLine(path, line, column, body), anchor) for line, column, body, anchor
            in bib_comment_lines(text.split("\n"), entry_lines, last_line(text) + 1)]


def last_line(text: str) -> int:
    """The number of *text*'s last line (a final newline starts no line of its own)."""
    return max(text.count("\n") + 1 - (1 if text.endswith("\n") else 0), 1)


def parse(comments: Iterable[tuple[CommentLine, int]]) -> list[Suppression]:
    """Suppressions in *comments*, each given with the line it anchors to."""
    found = []
    for comment, line in comments:
        match = _DIRECTIVE.match(comment.text)
        if match:
            codes = tuple(c.strip() for c in match.group(2).split(",") if c.strip())
            found.append(Suppression(comment, match.group(1), codes, line))
    return found


def apply(
    findings: Iterable[Finding],
    suppressions: list[Suppression],
    enabled: Callable[[str, str], bool],
    checked: Callable[[str], bool] = lambda code: True,
) -> list[Finding]:
    """Drop suppressed findings; add SUP001 for suppressions that suppressed nothing.

    *enabled(code, path)*: whether a rule is on for a file (a selector whose rules are all off
    suppresses nothing and is not reported). *checked(code)*: whether this side runs the rule at
    all; the build runs only some rules, so it reports a selector as unused only when it covers
    no rule the build leaves to the linter.
    """
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
            covered = [c for c in rules.RULES if selector == "ALL" or c.startswith(selector)]
            if covered and not any(enabled(code, comment.path) for code in covered):
                continue  # the rule is off: nothing to suppress, nothing to report
            if not all(checked(code) for code in covered):
                continue  # a rule this side does not run might have used it
            label = selector if covered else f"{selector} (unknown rule code)"
            kept.append(make("SUP001", comment.path, comment.line, comment.column,
                             subject=f"{item.scope}:{selector}", code=label))
    return kept
