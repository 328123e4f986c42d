"""``sphinx-claims check --add-noqa``: a suppression comment for every finding, as ruff's.

For a first run on an existing book: each finding gets ``% sphinx-claims: ignore[CODE]`` (in
reST ``.. sphinx-claims: ignore[CODE]``) on the line before the line it anchors to (the claim's
fence, the block that cites, the ``.bib`` entry), indented as that line, one comment per line
for all its codes. The build reads the same comments, so it is quiet too. Rerunning adds
nothing (the findings are suppressed). Left as findings: SUP001 (a comment cannot excuse
itself), findings in notebooks (the cells are JSON), and findings whose anchor line continues
a paragraph or sits at the top of a file that opens with front matter, where a comment line
would change what the page shows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sphinx_claims.findings import Finding

#: Comment syntax per file suffix (anything else is MyST or BibTeX: ``%``).
_PREFIX = {".rst": ".. ", ".rest": ".. ", ".txt": ".. "}
_NEVER = frozenset({"SUP001"})


@dataclass
class Added:
    """What ``--add-noqa`` did: comments written, files changed, findings it could not excuse."""

    comments: int = 0
    files: int = 0
    skipped: int = 0


def _can_precede(lines: list[str], index: int) -> bool:
    """Whether a comment line may go before *lines[index]* without changing the page."""
    if index >= len(lines):
        return False
    if index == 0:
        return not lines[0].startswith("---")
    before = lines[index - 1].strip()
    return not before or before.startswith(("%", "..", ":::", "```", "~~~", "---")) or (
        before.startswith(":") and before.count(":") >= 2)  # a directive option


def add_noqa(findings: Iterable[Finding], cwd: Path) -> Added:
    """Write a suppression comment before the anchor of every finding that can take one."""
    by_file: dict[Path, dict[int, set[str]]] = {}
    done = Added()
    for finding in findings:
        file = cwd / finding.path
        if finding.code in _NEVER or file.suffix == ".ipynb" or not file.is_file():
            done.skipped += 1
            continue
        by_file.setdefault(file, {}).setdefault(finding.anchor, set()).add(finding.code)
    for file, anchors in sorted(by_file.items()):
        text = file.read_text(encoding="utf-8")
        lines = text.split("\n")
        prefix = _PREFIX.get(file.suffix, "% ")
        changed = False
        for anchor in sorted(anchors, reverse=True):  # bottom up: earlier lines keep their place
            index = anchor - 1
            if not _can_precede(lines, index):
                done.skipped += len(anchors[anchor])
                continue
            line = lines[index]
            indent = line[: len(line) - len(line.lstrip(" \t"))]
            codes = ", ".join(sorted(anchors[anchor]))
            comment = f"{indent}{prefix}sphinx-claims: ignore[{codes}]"
            above = index - 1
            while above >= 0 and lines[above].strip().startswith(prefix.strip()):
                if lines[above] == comment:  # already there, yet not read: leave it to a human
                    break
                above -= 1
            if above >= 0 and lines[above] == comment:
                done.skipped += len(anchors[anchor])
                continue
            lines.insert(index, comment)
            done.comments += 1
            changed = True
        if changed:
            file.write_text("\n".join(lines), encoding="utf-8")
            done.files += 1
    return done
