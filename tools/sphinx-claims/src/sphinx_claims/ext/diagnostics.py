"""The build's reporter: rule findings as Sphinx warnings (``type="claims"``, ``subtype=<code>``).

While a document is read, the directive and the source scan add :class:`~sphinx_claims.findings.
Finding` objects to the document's list (``add``) and the source scan its suppression comments
(``add_comments``), and reST comments are found in the doctree (:func:`rest_comments`); nothing
is logged yet. Once every document is read, :func:`report` adds the
checks across documents (duplicate labels, unknown references), drops what a
``% sphinx-claims: ignore[…]`` comment suppresses, adds ``SUP001`` for comments that suppressed
nothing, and logs the rest at ``(docname, line)``. A finding's ``path`` is its docname (or, for a
claim in an included file, that file's absolute path).

Rules switched off for the build: those in ``suppress_warnings`` (``claims`` or
``claims.CODE``), and ``CIT002`` when ``claims_citations_outside_claims`` is false.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util import logging

from sphinx_claims import rules, suppression
from sphinx_claims.checks import Problem
from sphinx_claims.ext import compat
from sphinx_claims.findings import Finding, make

if TYPE_CHECKING:
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger("sphinx_claims")

#: ``env.temp_data`` keys: the findings and comment lines of the document being read.
_FINDINGS = "sphinx_claims_findings"
_COMMENTS = "sphinx_claims_comments"
#: Config value: whether the build reports citations outside claims (``CIT002``).
CITATIONS_OUTSIDE = "claims_citations_outside_claims"


def add(
    env: BuildEnvironment, problem: Problem, line: int, *, anchor: int | None = None,
    source: str | None = None,
) -> None:
    """Note *problem* at *line* of the document being read (reported after reading).

    *source*: the file the line is in when it is not the document's own (an included file).
    """
    path = env.docname
    if source and Path(source) != compat.doc_path(env, env.docname):
        path = source
    finding = make(problem.code, path, line, 1, anchor=anchor, **problem.fields)
    env.temp_data.setdefault(_FINDINGS, []).append(finding)


def add_comments(env: BuildEnvironment, comments: Iterable[tuple[int, str]]) -> None:
    """Note the comment lines ``(line, text)`` of the document being read."""
    found = env.temp_data.setdefault(_COMMENTS, [])
    found.extend(suppression.CommentLine(env.docname, line, 1, text) for line, text in comments)


def rest_comments(
    env: BuildEnvironment, docname: str, document: nodes.document
) -> list[suppression.CommentLine]:
    """The reST suppression comments (``.. sphinx-claims: ignore[…]``) of a read document (a
    ``.rst`` page or a MyST page's ``{eval-rst}`` blocks), located as the linter locates them."""
    texts = [node.astext().strip() for node in document.findall(nodes.comment)]
    if not any(text.startswith("sphinx-claims:") for text in texts):
        return []
    try:
        lines = compat.doc_path(env, docname).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    return suppression.rest_comments(docname, lines, texts)


def collected(env: BuildEnvironment) -> tuple[list[Finding], list[suppression.CommentLine]]:
    """The findings and comment lines noted while reading the current document."""
    return env.temp_data.get(_FINDINGS, []), env.temp_data.get(_COMMENTS, [])


def enabled(config: Config) -> Any:
    """``enabled(code, path)`` for :func:`sphinx_claims.suppression.apply` under *config*."""
    suppressed = set(config.suppress_warnings)
    outside = bool(getattr(config, CITATIONS_OUTSIDE, True))

    def on(code: str, path: str) -> bool:
        if rules.WARNING_TYPE in suppressed or f"{rules.WARNING_TYPE}.{code}" in suppressed:
            return False
        return outside or code != "CIT002"

    return on


def report(
    config: Config,
    findings: list[Finding],
    comments: list[suppression.CommentLine],
    *,
    unused: bool = True,
) -> None:
    """Suppress and log *findings* of one document (``unused``: also report SUP001)."""
    on = enabled(config)
    suppressions = suppression.parse(suppression.anchor(comments))
    kept = suppression.apply(
        [f for f in findings if on(f.code, f.path)], suppressions, on,
        lambda code: rules.runs_in(code, rules.BUILD),
    )
    for finding in sorted(set(kept), key=lambda f: f.sort_key):  # as the linter: no repeats
        if finding.code == "SUP001" and not unused:
            continue
        location: Any = (finding.path, finding.line)
        if "/" in finding.path and Path(finding.path).is_absolute():  # an included file
            location = f"{finding.path}:{finding.line}"
        warn(finding.code, location, message=finding.message)


def warn(code: str, location: Any, *, message: str | None = None, **fields: object) -> None:
    """Log rule *code* at *location* (a node or ``(docname, line)``) with its message."""
    rule = rules.get(code)
    kind, subtype = rule.sphinx_type
    text = message if message is not None else rule.format(**fields)
    logger.warning(text, location=location, type=kind, subtype=subtype)
