"""Settings: selection semantics (ruff's), conf.py's MyST settings, per-file ignores."""

from __future__ import annotations

import pytest
from lint_fixtures import make_project, run_cli

from sphinx_claims.lint.config import ConfigError, Selection, load


@pytest.mark.parametrize(
    ("selection", "code", "on"),
    [
        (Selection(), "CLM001", True),
        (Selection(["CLM"]), "CIT001", False),
        (Selection(["CLM"], ignore=["CLM001"]), "CLM001", False),
        (Selection(["CLM"], ignore=["CLM001"]), "CLM002", True),
        (Selection(["CLM001"], ignore=["CLM"]), "CLM001", True),
        (Selection(["ALL"], ignore=["ALL"]), "BIB001", False),
        (Selection(["CIT"], extend_select=["BIB00"]), "BIB009", True),
    ],
)
def test_selection(selection, code, on):
    assert selection.enabled(code) is on


def test_per_file_ignores():
    selection = Selection(per_file_ignores={"docs/*.md": ["CIT002"], "*.bib": ["BIB"]})
    assert not selection.enabled_for("CIT002", "docs/intro.md")
    assert selection.enabled_for("CIT002", "chapters/a.md")
    assert not selection.enabled_for("BIB009", "refs/references.bib")


def test_unknown_selector_is_a_configuration_error():
    with pytest.raises(ConfigError, match="unknown rule selector 'XYZ'"):
        Selection(["XYZ"])


def test_myst_settings_come_from_conf_py(tmp_path):
    root = make_project(tmp_path / "p", {}, extensions=("colon_fence", "dollarmath"))
    settings = load(root)
    assert settings.myst.enable_extensions == {"colon_fence", "dollarmath"}
    assert settings.bibfiles == [root / "refs.bib"]


def test_conf_py_decides_whether_colon_fences_are_claims(tmp_path, monkeypatch, capsys):
    text = ":::{claim}\n:label: x\nText {cite:p}`known2025`.\n:::\n"
    root = make_project(tmp_path / "a", {"index.md": text}, extensions=("colon_fence",))
    assert run_cli(monkeypatch, capsys, root, "check")[0] == 0
    root = make_project(tmp_path / "b", {"index.md": text}, extensions=())
    status, out, _ = run_cli(monkeypatch, capsys, root, "check")
    assert status == 1 and "index.md:1:1: CIT002" in out  # the paragraph starts on line 1


def test_pyproject_selection_and_per_file_ignores(tmp_path, monkeypatch, capsys):
    files = {"a.md": "Text {cite:p}`known2025`.\n", "b.md": "More {cite:p}`known2025`.\n"}
    table = 'ignore = ["BIB"]\n[tool.sphinx-claims.per-file-ignores]\n"a.md" = ["CIT002"]\n'
    root = make_project(tmp_path / "p", files, table=table)
    status, out, _ = run_cli(monkeypatch, capsys, root, "check")
    assert out.splitlines()[0] == "b.md:1:6: CIT002 citation of 'known2025' outside any claim"
    assert status == 1 and len(out.splitlines()) == 2
    status, out, _ = run_cli(monkeypatch, capsys, root, "check", "--extend-select", "BIB",
                             "--select", "BIB")
    assert status == 0


def test_bibfiles_default_to_conf_py(tmp_path):
    root = make_project(tmp_path / "p", {})
    (root / "pyproject.toml").write_text('[tool.sphinx-claims]\nsources = ["."]\n')
    assert load(root).bibfiles == [(root / "refs.bib").resolve()]


def test_conf_py_excluded_folders_and_files_are_skipped(tmp_path, monkeypatch, capsys):
    files = {"index.md": "# T\n", "drafts/a.md": "Draft {cite:p}`nokey1`.\n",
             "notes/README.md": "Readme {cite:p}`nokey2`.\n", "notes/b.md": "{cite:p}`nokey3`\n"}
    root = make_project(tmp_path / "p", files)
    conf = root / "conf.py"
    conf.write_text(conf.read_text() + 'exclude_patterns = ["drafts", "**/README.md"]\n')
    _, out, _ = run_cli(monkeypatch, capsys, root, "check", "--select", "CIT001")
    assert [line.split(":")[0] for line in out.splitlines()[:-1]] == ["notes/b.md"]


def test_without_conf_py_colon_fences_are_claims(tmp_path, monkeypatch, capsys):
    root = tmp_path / "loose"
    root.mkdir()
    (root / "refs.bib").write_text("@misc{known2025, title = {T}, date = {2025}, author = {A}}\n")
    (root / "a.md").write_text(":::{claim}\n:label: Bad\nNo source here.\n:::\n")
    status, out, _ = run_cli(monkeypatch, capsys, root, "check", "a.md", "refs.bib")
    assert status == 1
    assert "a.md:2:1: CLM004 invalid label 'Bad'" in out
    assert "CLM001 claim 'Bad' cites no source" in out


PATTERNS = [
    "_build", "**/.*", "**/README.md", "docs/**", "chapters/*.md", "a?c", "[ab]*.md",
    "[!a]*.md", "[^x].md", "[]x].md", "[!]x].md", "unclosed[ab", "**", "*", "x/**/y.md",
    "*.ipynb", "a\\b", "notes/**/draft-*", "[a-c]/[!.]*",
]
PATHS = [
    "_build", "_build/html/index.html", ".hidden", "docs/.git/x", "README.md",
    "docs/README.md", "docs/index.md", "chapters/one.md", "chapters/sub/two.md", "abc", "a/c",
    "a.md", "b.md", "c.md", "x.md", "^.md", "].md", "unclosed[ab", "unclosedab", "x/y.md",
    "x/p/q/y.md", "nb.ipynb", "d/nb.ipynb", "a\\b", "notes/2025/draft-1", "b/.x", "b/y",
]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_exclude_patterns_match_as_sphinx_matches_them(pattern):
    """The linter's own glob (it imports no Sphinx) against Sphinx's, its oracle."""
    from sphinx.util.matching import Matcher as SphinxMatcher

    from sphinx_claims.lint.config import Matcher

    ours, sphinx = Matcher([pattern]), SphinxMatcher([pattern])
    assert [path for path in PATHS if ours(path)] == [path for path in PATHS if sphinx(path)]
