"""Every rule runs exactly where the catalogue says: each side it claims emits it, no other does.

One project violates every rule of the catalogue (``tests/lint_fixtures/project`` plus two
documents outside every toctree, one of them with a ``file-ignore`` of the linter-only TOC001),
and a translated book (``tests/roots/test-translation``, built in Dutch) every TRN rule.
Each is built once with Sphinx and linted once; then, for every rule, the set of sides that
reported it must be exactly its ``runs``. A rule appended to the catalogue fails here until the
fixture violates it and the sides it claims report it.
"""

from __future__ import annotations

import json
import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
from sphinx.application import Sphinx
from sphinx.testing.util import _clean_up_global_state
from sphinx.util.console import strip_escape_sequences

from sphinx_claims import rules
from sphinx_claims.lint import config, runner

PROJECT = Path(__file__).parent / "lint_fixtures" / "project"
TRANSLATED = Path(__file__).parent / "roots" / "test-translation"
WARNING = re.compile(
    r"^(?P<path>[^\n]+?):(?P<line>\d+): WARNING: (?P<message>.*?) \[claims\.(?P<code>[A-Z]+\d+)\]$",
    re.MULTILINE,
)
#: A notice (severity info): logged at info level, with the location, not as a warning.
NOTICE = re.compile(r"(?P<path>\S+\.po):(?P<line>\d+): (?P<message>.*?) "
                    r"\[claims\.(?P<code>[A-Z]+\d+)\]$", re.MULTILINE)
#: The linter-only TOC001 suppressed where it applies: the linter honours it, so the build,
#: which never checks TOC001, must not call it unused (SUP001).
SUPPRESSED_STRAY = "% sphinx-claims: file-ignore[TOC001]\n# Kept out on purpose\n\nText.\n"
STRAY = "# Forgotten\n\nNo toctree lists this chapter.\n"
#: A recorded edition the sources break: 'vanished-one' is gone undeclared (EDN001), 'good-one'
#: was confirmed and is probable now without a reason (EDN003); changes.toml withdraws the
#: label 'good-two' that a claim still uses (EDN002).
EDITION = [
    {"label": "good-one", "number": "1", "certainty": "confirmed", "docname": "chapters/good",
     "attribution_certainty": None},
    {"label": "vanished-one", "number": "2", "certainty": "confirmed", "docname": "chapters/good",
     "attribution_certainty": None},
]
CHANGES = '[withdrawn."good-two"]\nreason = "Withdrawn."\n'


@pytest.fixture(scope="module")
def reported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, set[str]]]:
    """``{side: {code: {path:line, …}}}`` for the build and the linter on the fixture."""
    tmp = tmp_path_factory.mktemp("runs")
    src = tmp / "src"
    shutil.copytree(PROJECT, src)
    (src / "chapters" / "kept-out.md").write_text(SUPPRESSED_STRAY, encoding="utf-8")
    (src / "chapters" / "stray.md").write_text(STRAY, encoding="utf-8")
    edition = src / "editions" / "0.1"
    edition.mkdir(parents=True)
    (edition / "claims.json").write_text(json.dumps(EDITION), encoding="utf-8")
    (edition / "edition.toml").write_text('version = "0.1"\n', encoding="utf-8")
    (src / "editions" / "changes.toml").write_text(CHANGES, encoding="utf-8")
    with (src / "docs" / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('claims_editions_dir = "../editions"\n')
    (tmp / "translated").mkdir()
    book = tmp / "translated" / "book"
    shutil.copytree(TRANSLATED, book)
    sides: dict[str, dict[str, set[str]]] = {rules.BUILD: {}, rules.LINT: {}}
    for root, confdir, language in ((src, src / "docs", None), (book, book, "nl")):
        status, warnings = StringIO(), StringIO()
        out = root.parent / "out"
        app = Sphinx(str(root), str(confdir), str(out), str(out / ".doctrees"), "dummy",
                     status=status, warning=warnings, freshenv=True, keep_going=True,
                     confoverrides={"language": language} if language else None)
        try:
            app.build()
        finally:
            _clean_up_global_state()
        logged = strip_escape_sequences(warnings.getvalue())
        notices = strip_escape_sequences(status.getvalue())
        for match in [*WARNING.finditer(logged), *NOTICE.finditer(notices)]:
            where = f"{Path(match['path']).name}:{match['line']}"
            sides[rules.BUILD].setdefault(match["code"], set()).add(where)
        result = runner.run(config.load(root), root, jobs=1)
        for finding in result.findings:
            where = f"{Path(finding.path).name}:{finding.line}"
            sides[rules.LINT].setdefault(finding.code, set()).add(where)
    return sides


@pytest.mark.parametrize("rule", rules.all_rules(), ids=lambda rule: rule.code)
def test_the_rule_is_reported_by_exactly_the_sides_it_claims(
    rule: rules.Rule, reported: dict[str, dict[str, set[str]]]
) -> None:
    sides = {side for side, codes in reported.items() if rule.code in codes}
    assert sides == rule.runs, f"{rule.code} claims {sorted(rule.runs)}, reported by {sides}"


def test_a_linter_only_rule_suppressed_is_no_unused_suppression_in_the_build(
    reported: dict[str, dict[str, set[str]]],
) -> None:
    assert "stray.md:1" in reported[rules.LINT]["TOC001"]
    for side in (rules.BUILD, rules.LINT):
        assert "kept-out.md:1" not in reported[side].get("SUP001", set()), side
        assert "kept-out.md:1" not in reported[side].get("TOC001", set()), side


def test_both_sides_report_a_shared_rule_at_the_same_place(
    reported: dict[str, dict[str, set[str]]],
) -> None:
    """Where both sides run a rule they agree on where (the oracle tests compare messages)."""
    for rule in rules.all_rules():
        if rule.runs == rules.BOTH and rule.scope is not rules.Scope.BIB:
            build = reported[rules.BUILD].get(rule.code)
            assert build == reported[rules.LINT].get(rule.code), rule.code


def test_a_rule_says_where_it_runs_unless_its_scope_decides() -> None:
    with pytest.raises(ValueError, match="must say where it runs"):
        rules.Rule("XXX001", "x", rules.E, "m", "w", "y", "e", scope=rules.Scope.BOOK)
    with pytest.raises(ValueError, match="runs in the build and the linter"):
        rules.Rule("XXX002", "x", rules.E, "m", "w", "y", "e", scope=rules.Scope.CLAIM,
                   runs=rules.LINT_ONLY)
    derived = rules.Rule("XXX003", "x", rules.E, "m", "w", "y", "e", scope=rules.Scope.OPTION)
    assert derived.runs == rules.BOTH
