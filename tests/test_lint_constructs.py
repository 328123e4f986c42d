"""The build is the oracle: the linter reads a citation wherever Sphinx reads one.

tests/lint_fixtures/constructs is an outsider's book with one page per construct (directive
arguments, a code block's ``:caption:``, substitutions from conf.py and from front matter,
``{eval-rst}``, a ``.rst`` page, execution directives whose bodies are code). None of its keys
is in refs.bib, so sphinxcontrib-bibtex reports every key it resolves (``bibtex.key_not_found``);
the linter's CIT001 findings must name the same keys in the same files.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from lint_fixtures import HERE, check_json, run_cli

CORPUS = HERE / "constructs"
NOT_FOUND = re.compile(
    r"^(?P<path>[^\n]+?\.(?:md|rst)):\d+: WARNING: could not find bibtex key \"(?P<key>[^\"]+)\"",
    re.MULTILINE,
)


@pytest.fixture(scope="module")
def built_keys(tmp_path_factory: pytest.TempPathFactory) -> set[tuple[str, str]]:
    out = tmp_path_factory.mktemp("constructs")
    proc = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", "--no-color", str(CORPUS),
         str(out), "-d", str(out / ".doctrees")],
        capture_output=True, text=True, cwd=CORPUS,
    )
    assert proc.returncode == 0, proc.stderr
    return {(Path(m["path"]).relative_to(CORPUS).as_posix(), m["key"])
            for m in NOT_FOUND.finditer(proc.stderr)}


@pytest.fixture(scope="module")
def linted(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, object]]:
    status, findings = check_json(CORPUS, tmp_path_factory.mktemp("lint") / "findings.json")
    assert status == 1
    return findings


def test_linter_sees_every_key_the_build_resolves(built_keys, linted):
    linter = {(f["path"], f["message"].split("'")[1]) for f in linted if f["code"] == "CIT001"}
    assert len(built_keys) == 11  # the fixture's constructs, all found by the build
    assert linter == built_keys


@pytest.mark.parametrize(
    ("path", "key", "line", "column"),
    [
        # Text myst-parser parses a second time (a directive's argument, an option such as
        # :caption:, a substitution's value) is reported by Sphinx one line below where it is
        # written; the linter reports the same line (tests/test_oracle.py compares the two).
        ("arguments.md", "arg-title", 4, 1),  # an admonition's title, written on line 3
        ("arguments.md", "arg-topic", 8, 1),
        ("options.md", "opt-caption", 5, 1),  # a code block's :caption:, line 4
        ("substitutions.md", "subst-conf", 9, 1),  # myst_substitutions, used on line 8
        ("substitutions.md", "subst-page", 11, 1),  # front matter substitution, line 10
        ("evalrst.md", "evalrst-para", 4, 24),  # an {eval-rst} paragraph
        ("evalrst.md", "evalrst-claim-key", 9, 20),  # a claim inside {eval-rst}
        ("restructured.rst", "rst-claim-key", 7, 20),
        ("restructured.rst", "rst-second-line", 7, 1),  # a paragraph's second line: its first
    ],
)
def test_each_construct_is_reported_where_sphinx_reports_it(linted, path, key, line, column):
    hits = [(f["line"], f["column"]) for f in linted
            if f["code"] == "CIT001" and f["path"] == path and f"'{key}'" in f["message"]]
    assert hits == [(line, column)]


def test_code_in_literal_and_execution_directives_is_not_read(linted):
    messages = " ".join(str(f["message"]) for f in linted)
    for key in ("opt-code-is-not-a-citation", "exec-not-a-citation", "ipython-not-a-citation",
                "rst-literal"):
        assert key not in messages


def test_claims_in_rst_count_their_citations(linted):
    assert not [f for f in linted if f["code"] in ("CLM001", "CLM002")]
    assert not [f for f in linted if f["code"] == "TOC001"]


def test_literal_directives_are_configurable(tmp_path, monkeypatch, capsys):
    from lint_fixtures import make_project

    text = "# T\n\n```{my-runner}\n{cite:p}`inside`\n```\n"
    root = make_project(tmp_path / "p", {"index.md": text})
    assert "CIT001" in run_cli(monkeypatch, capsys, root, "check")[1]
    (root / "pyproject.toml").write_text(
        '[tool.sphinx-claims]\nextend-literal-directives = ["my-runner"]\n')
    assert "CIT001" not in run_cli(monkeypatch, capsys, root, "check")[1]
