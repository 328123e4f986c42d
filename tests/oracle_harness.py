"""The build as the linter's oracle: build a corpus with Sphinx, lint it, compare.

:func:`compare` builds a project in-process with Sphinx (the ``dummy`` builder: every document is
read, resolved and written to nowhere), records

* every ``claims.*`` warning as ``(path, line, code, message)`` (path relative to the source
  directory), ``.bib`` files' included (both sides read them with pybtex's parser), and
* every citation key each document cites (what the build parsed from its citation roles),
* each claim's number (label -> "2.3", the build's claim domain; the linter's ``export``), and
* the documents no toctree includes (the build's ``toc.not_included``; the linter's TOC001),

then runs ``sphinx-claims check`` (:func:`sphinx_claims.lint.runner.run`) on the same folder and
records the same two things. For every rule that runs in the build
(:func:`sphinx_claims.rules.runs_in`), the two sets of findings must be equal, and so must the
cited keys per document. Any difference is a bug in one of the two. (Sets: the build has no
columns, so two equal messages on one line are one warning there, two findings in the linter.)

Notebooks (read by MyST-NB in the build) are compared with their cell positions translated into
MyST-NB's line numbers (:func:`sphinx_claims.lint.readers.notebook.build_line`).

Adding a corpus document: drop a ``.md`` file into ``tests/oracle/corpus/`` (it is globbed into
the toctree of that corpus; cite keys of ``tests/oracle/corpus/refs.bib``, add entries there if
needed). Another whole project: add a folder with a ``conf.py`` and list it in
``tests/test_oracle.py``'s ``PROJECTS``.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.testing.util import _clean_up_global_state
from sphinx.util.console import strip_escape_sequences
from sphinxcontrib.bibtex.citation_target import parse_citation_targets

from sphinx_claims import model, rules
from sphinx_claims.ext import citations
from sphinx_claims.ext.nodes import footcite_group
from sphinx_claims.lint import config, export, runner
from sphinx_claims.lint.readers import notebook

WARNING = re.compile(
    r"^(?P<path>[^\n]+?):(?P<line>\d+): WARNING: (?P<message>.*?) \[claims\.(?P<code>[A-Z]+\d+)\]$",
    re.MULTILINE,
)
NOT_INCLUDED = re.compile(
    r"^([^\n]+?): WARNING: document isn't included in any toctree", re.MULTILINE)
Finding = tuple[str, int, str, str]


@dataclass
class Observed:
    """What one side saw: its findings and the keys cited per document (path -> keys)."""

    findings: set[Finding] = field(default_factory=set)
    cited: dict[str, set[str]] = field(default_factory=dict)
    numbers: set[tuple[str, str]] = field(default_factory=set)
    outside: set[str] = field(default_factory=set)


def _relative(path: str, srcdir: Path) -> str:
    try:
        return Path(path).resolve().relative_to(srcdir.resolve()).as_posix()
    except ValueError:
        return path


def _cited_keys(document: nodes.document) -> set[str]:
    keys: set[str] = set()
    for node in document.findall(citations.is_citation):
        if isinstance(node, footcite_group):
            keys.update(node["keys"])
        elif isinstance(node, addnodes.pending_xref):
            with contextlib.suppress(ValueError):  # malformed: CIT004, the linter's
                keys.update(t.key for t in parse_citation_targets(node.get("reftarget", "")))
    return keys


def build(srcdir: Path, confdir: Path, outdir: Path) -> Observed:
    """Build *srcdir* with Sphinx and record its ``claims.*`` warnings and cited keys."""
    seen = Observed()
    warning = StringIO()

    def record(app: Sphinx, document: nodes.document) -> None:
        keys = _cited_keys(document)
        if keys:
            seen.cited[app.env.doc2path(app.env.docname, False).as_posix()] = keys

    app = Sphinx(
        str(srcdir), str(confdir), str(outdir), str(outdir / ".doctrees"), "dummy",
        status=StringIO(), warning=warning, freshenv=True, keep_going=True,
    )
    app.connect("doctree-read", record)
    try:
        app.build()
        domain = app.env.get_domain("claim")
        for docname, claims in domain.data["claims"].items():
            for index, claim in enumerate(claims):
                if model.LABEL_RE.fullmatch(claim.label):
                    seen.numbers.add((claim.label, domain.number_of(docname, index)))
    finally:
        _clean_up_global_state()  # as SphinxTestApp.cleanup: later apps start from scratch
    text = strip_escape_sequences(warning.getvalue())
    seen.outside = {_relative(match[1], srcdir) for match in NOT_INCLUDED.finditer(text)}
    for match in WARNING.finditer(text):
        path = _relative(match["path"], srcdir)
        seen.findings.add((path, int(match["line"]), match["code"], match["message"]))
    return seen


def _covers_lint_only(finding_message: str) -> bool:
    """Whether an SUP001 message's selector covers a rule the build leaves to the linter."""
    selector = finding_message.removeprefix("unused suppression of ").split(" ", 1)[0]
    covered = [c for c in rules.RULES if selector == "ALL" or c.startswith(selector)]
    return any(not rules.runs_in(code, rules.BUILD) for code in covered)


def lint(srcdir: Path, start: Path | None = None) -> Observed:
    """Lint *srcdir* (settings from its pyproject.toml/conf.py, found from *start*: a run
    from a subfolder) and record the same things."""
    seen = Observed()
    settings = config.load(start or srcdir)
    result = runner.run(settings, srcdir, jobs=1)
    records, _errors = export.records(settings)
    seen.numbers = {(record["label"], record["number"]) for record in records}
    seen.outside = {f.path for f in result.findings if f.code == "TOC001"}
    for f in result.findings:
        if not rules.runs_in(f.code, rules.BUILD):
            continue
        if f.rule.scope is rules.Scope.CATALOG:
            continue  # the build is the original language's; test_translation_rules compares
        if f.code == "SUP001" and _covers_lint_only(f.message):
            continue  # the build cannot tell whether a linter-only rule used it
        seen.findings.add((*notebook.build_line(f.path, f.line), f.code, f.message))
    for cite in result.citations:
        if cite.keys:
            path = notebook.build_line(cite.path, 0)[0]
            seen.cited.setdefault(path, set()).update(cite.keys)
    return seen


def compare(
    srcdir: Path, outdir: Path, confdir: Path | None = None, start: Path | None = None,
) -> tuple[Observed, Observed]:
    """``(built, linted)`` for one project (*start*: lint from that subfolder); the caller
    asserts they are equal."""
    confdir = confdir or (srcdir / "docs" if (srcdir / "docs" / "conf.py").is_file() else srcdir)
    return build(srcdir, confdir, outdir), lint(srcdir, start)


def assert_agree(built: Observed, linted: Observed) -> None:
    """Equal findings and equal cited keys per document, with a readable diff."""
    only_build = sorted(built.findings - linted.findings)
    only_lint = sorted(linted.findings - built.findings)
    assert not only_build and not only_lint, (
        "build and linter disagree\n  only the build:\n    "
        + "\n    ".join(map(str, only_build))
        + "\n  only the linter:\n    "
        + "\n    ".join(map(str, only_lint))
    )
    assert built.cited == linted.cited
    assert sorted(built.numbers) == sorted(linted.numbers), "claim numbers differ"
    assert built.outside == linted.outside, "documents outside every toctree differ"
