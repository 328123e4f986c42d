"""Discovery as outsiders lay projects out: conf.py where Sphinx projects keep it, Jupyter Book,
build output and virtual environments skipped, notebooks and reST read, ``--show-settings``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from lint_fixtures import run_cli

BIB = """@online{k1,
  author = {Writer, Some},
  title = {One},
  date = {2025},
  url = {https://example.org/one},
  urldate = {2025-01-02},
}
"""
CLAIM = ":::{claim}\n:label: c-one\nA fact {cite:p}`k1`.\n:::\n"
BIB_LINES = """
extensions += ["myst_parser", "sphinxcontrib.bibtex", "sphinx_claims"]
myst_enable_extensions = ["colon_fence"]
bibtex_bibfiles = ["refs.bib"]
"""


@pytest.fixture
def quickstart(tmp_path: Path) -> Path:
    """``sphinx-quickstart --sep``: conf.py in source/, output in build/ (as its users run it)."""
    root = tmp_path / "quick"
    subprocess.run(
        [sys.executable, "-m", "sphinx.cmd.quickstart", "-q", "--sep", "-p", "Demo", "-a",
         "Someone", str(root)], check=True, capture_output=True,
    )
    conf = root / "source" / "conf.py"
    conf.write_text(conf.read_text() + BIB_LINES)
    (root / "source" / "refs.bib").write_text(BIB)
    (root / "source" / "chapter.md").write_text("# Chapter\n\n" + CLAIM)
    index = root / "source" / "index.rst"
    index.write_text(index.read_text().replace(":caption: Contents:", ":caption: Contents:\n\n"
                                               "   chapter") + "\n.. bibliography::\n")
    return root


def test_zero_config_on_a_quickstart_sep_layout(quickstart, monkeypatch, capsys):
    status, out, err = run_cli(monkeypatch, capsys, quickstart, "check")
    assert (status, out, err) == (0, "All checks passed!\n", "")
    # the build agrees, and its output (build/html/_sources/*.md) is never linted as sources
    proc = subprocess.run([sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html",
                           "source", "build/html"], cwd=quickstart, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert (quickstart / "build" / "html" / "_sources" / "chapter.md.txt").exists()
    (quickstart / "build" / "html" / "_sources" / "copy.md").write_text("# C\n\n" + CLAIM)
    (quickstart / "source" / "stray.md").write_text("# Stray\n\nText {cite:p}`nokey`.\n")
    status, out, _ = run_cli(monkeypatch, capsys, quickstart, "check")
    assert out.splitlines()[:-1] == [
        "source/stray.md:1:1: TOC001 document 'stray' is not in any toctree",
        "source/stray.md:3:6: CIT001 unknown citation key 'nokey'",
        "source/stray.md:3:6: CIT002 citation of 'nokey' outside any claim",
    ]


def test_show_settings_prints_what_was_discovered(quickstart, monkeypatch, capsys):
    status, out, _ = run_cli(monkeypatch, capsys, quickstart, "check", "--show-settings")
    settings = dict(line.split(" = ", 1) for line in out.splitlines())
    assert status == 0
    assert settings["conf"] == (quickstart / "source" / "conf.py").as_posix()
    assert settings["srcdir"] == (quickstart / "source").as_posix()
    assert settings["bibfiles"] == f"[{(quickstart / 'source' / 'refs.bib').as_posix()}]"
    assert settings["source-suffixes"] == "[.rst: restructuredtext, .md: markdown]"
    assert "jupyter-execute" in settings["literal-directives"]


@pytest.mark.parametrize("place", ["docs", "doc", "source", "docs/source"])
def test_conf_py_is_found_where_projects_keep_it(tmp_path, monkeypatch, capsys, place):
    src = tmp_path / "p" / place
    src.mkdir(parents=True)
    (src / "conf.py").write_text('extensions = ["myst_parser", "sphinxcontrib.bibtex"]\n'
                                 'myst_enable_extensions = ["colon_fence"]\n'
                                 'bibtex_bibfiles = ["refs.bib"]\n'
                                 'exclude_patterns = ["drafts"]\n')
    (src / "refs.bib").write_text(BIB)
    (src / "index.md").write_text("# I\n\n" + CLAIM)
    (src / "drafts").mkdir()
    (src / "drafts" / "x.md").write_text("{cite:p}`draft-key`\n")
    status, out, _ = run_cli(monkeypatch, capsys, tmp_path / "p", "check")
    assert (status, out) == (0, "All checks passed!\n")  # exclude_patterns against srcdir


def test_conf_option_names_an_unusual_place(tmp_path, monkeypatch, capsys):
    src = tmp_path / "p" / "website" / "content"
    src.mkdir(parents=True)
    (src / "conf.py").write_text('extensions = ["myst_parser"]\nbibtex_bibfiles = ["refs.bib"]\n'
                                 'myst_enable_extensions = ["colon_fence"]\n')
    (src / "refs.bib").write_text(BIB)
    (src / "index.md").write_text("# I\n\n" + CLAIM)
    status, out, _ = run_cli(monkeypatch, capsys, tmp_path / "p", "check")
    assert status == 1 and "CIT001 unknown citation key 'k1'" in out  # nothing found by itself
    status, out, _ = run_cli(monkeypatch, capsys, tmp_path / "p", "check", "--conf",
                             "website/content")
    assert (status, out) == (0, "All checks passed!\n")


@pytest.fixture
def jupyter_book(tmp_path: Path) -> Path:
    """A Jupyter Book 1 layout: book/_config.yml, _toc.yml, Markdown and a notebook."""
    book = tmp_path / "jb" / "book"
    book.mkdir(parents=True)
    (book / "_config.yml").write_text(
        "title: A book\nbibtex_bibfiles:\n  - references.bib\n"
        "parse:\n  myst_substitutions:\n    from_config: \"{cite}`k2`\"\n")
    (book / "_toc.yml").write_text(
        "format: jb-book\nroot: intro\nchapters:\n- file: chapter\n- file: notebook\n")
    (book / "references.bib").write_text(BIB + BIB.replace("k1", "k2") + BIB.replace("k1", "nb"))
    (book / "intro.md").write_text("# Intro\n\n" + CLAIM)
    (book / "chapter.md").write_text(
        "# Chapter\n\n:::{claim}\n:label: c-two\nAs {{ from_config }} says.\n:::\n")
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell('print("{cite}`not-a-citation`")'),
        nbformat.v4.new_markdown_cell("# Notebook\n\n:::{claim}\n:label: nb-one\n"
                                      "Seen {cite:p}`nb`.\n:::"),
        nbformat.v4.new_markdown_cell("Outside a claim,\nsee {cite:p}`nb-missing`."),
    ]
    nbformat.write(notebook, book / "notebook.ipynb")
    return book.parent


def test_zero_config_on_a_jupyter_book(jupyter_book, monkeypatch, capsys):
    status, out, _ = run_cli(monkeypatch, capsys, jupyter_book, "check")
    assert out.splitlines()[:-1] == [
        "book/notebook.ipynb:cell 3:1:1: CIT001 unknown citation key 'nb-missing'",
        "book/notebook.ipynb:cell 3:1:1: CIT002 citation of 'nb-missing' outside any claim",
    ]
    assert status == 1
    # build output and a virtual environment beside the book are never read
    html = jupyter_book / "book" / "_build" / "html"
    (html / "_sources").mkdir(parents=True)
    (html / "_sources" / "intro.md").write_text("# Intro\n\n" + CLAIM)
    (jupyter_book / "book" / "env" / "lib").mkdir(parents=True)
    (jupyter_book / "book" / "env" / "pyvenv.cfg").write_text("home = /usr\n")
    (jupyter_book / "book" / "env" / "lib" / "x.md").write_text("{cite:p}`venv-key`\n")
    assert run_cli(monkeypatch, capsys, jupyter_book, "check")[1] == out


def test_notebook_positions_in_sarif(jupyter_book, monkeypatch, capsys):
    _, out, _ = run_cli(monkeypatch, capsys, jupyter_book, "check", "--select", "CIT001",
                        "--output-format", "sarif")
    (result,) = json.loads(out)["runs"][0]["results"]
    location = result["locations"][0]
    assert location["physicalLocation"]["artifactLocation"]["uri"] == "book/notebook.ipynb"
    assert location["physicalLocation"]["region"] == {
        "startLine": 1, "startColumn": 1, "properties": {"cell": 3}}
    assert location["logicalLocations"] == [{"name": "cell 3", "kind": "notebookCell"}]


def test_notebook_positions_in_json(jupyter_book, monkeypatch, capsys):
    """``path`` is a file a consumer can open; the cell is its own field (as ruff's JSON)."""
    _, out, _ = run_cli(monkeypatch, capsys, jupyter_book, "check", "--output-format", "json")
    records = json.loads(out)
    assert [(r["path"], r["cell"], r["line"], r["code"]) for r in records] == [
        ("book/notebook.ipynb", 3, 1, "CIT001"), ("book/notebook.ipynb", 3, 1, "CIT002")]
    cells = nbformat.read(jupyter_book / records[0]["path"], as_version=4).cells
    assert "nb-missing" in cells[records[0]["cell"] - 1].source  # cells count from 1
    (jupyter_book / "book" / "intro.md").write_text("# Intro\n\n{cite:p}`k1`\n")
    intro = json.loads(run_cli(monkeypatch, capsys, jupyter_book, "check", "--output-format",
                               "json", "--select", "CIT002")[1])
    assert ("book/intro.md", None) in {(r["path"], r["cell"]) for r in intro}


def test_a_notebook_named_on_the_command_line_is_read_as_a_notebook(
    jupyter_book, monkeypatch, capsys
):
    status, out, _ = run_cli(monkeypatch, capsys, jupyter_book, "check",
                             "book/notebook.ipynb", "--select", "CIT")
    assert status == 1
    assert "not-a-citation" not in out  # the code cell's string is code
    assert "book/notebook.ipynb:cell 3:1:1: CIT001" in out


def _rst_project(root: Path, index: str) -> Path:
    """A reST-only project (no myst-parser) whose index.rst is *index*."""
    root.mkdir()
    (root / "conf.py").write_text('extensions = ["sphinxcontrib.bibtex", "sphinx_claims"]\n'
                                  'bibtex_bibfiles = ["refs.bib"]\n')
    (root / "refs.bib").write_text(BIB)
    (root / "index.rst").write_text(index)
    return root


def test_uncited_rst_claim_is_a_finding(tmp_path, monkeypatch, capsys):
    root = _rst_project(
        tmp_path / "r",
        "Title\n=====\n\n.. claim::\n   :label: r-one\n\n   Cited :cite:p:`k1`.\n\n"
        ".. claim::\n   :label: r-two\n\n   No source.\n")
    status, out, _ = run_cli(monkeypatch, capsys, root, "check")
    assert status == 1
    assert out.splitlines()[:-1] == ["index.rst:9:1: CLM001 claim 'r-two' cites no source"]


def test_a_suffix_registered_as_rest_is_read_by_docutils(tmp_path, monkeypatch, capsys):
    """``source_suffix = [".rst", ".txt"]``: Sphinx reads notes.txt as reST (a list means reST),
    myst-parser still takes ``.md``; a ``.txt`` file the configuration does not name is no
    source at all."""
    root = tmp_path / "t"
    root.mkdir()
    (root / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_claims"]\n'
        'source_suffix = [".rst", ".txt"]\nbibtex_bibfiles = ["refs.bib"]\n')
    (root / "refs.bib").write_text(BIB)
    (root / "index.md").write_text("# Index\n\n```{toctree}\nnotes.txt\n```\n")
    (root / "notes.txt").write_text(
        "Notes\n=====\n\n.. claim::\n   :label: t-one\n\n   Cited :cite:p:`k1`.\n\n"
        ".. claim::\n   :label: t-two\n\n   No source.\n")
    _, out, _ = run_cli(monkeypatch, capsys, root, "check", "--show-settings")
    expected = "[.rst: restructuredtext, .txt: restructuredtext, .md: markdown]"
    assert f"source-suffixes = {expected}" in out
    status, out, _ = run_cli(monkeypatch, capsys, root, "check")
    assert status == 1
    assert out.splitlines()[:-1] == ["notes.txt:9:1: CLM001 claim 't-two' cites no source"]
    (root / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_claims"]\n'
        'bibtex_bibfiles = ["refs.bib"]\n')
    _, out, _ = run_cli(monkeypatch, capsys, root, "check")
    assert "notes.txt" not in out and "BIB009" in out  # k1, cited only in notes.txt


def test_a_book_one_folder_down_is_found_and_its_static_folder_skipped(
    jupyter_book, tmp_path, monkeypatch, capsys
):
    """Lecture series keep the book in e.g. ``lectures/``; ``_static`` holds helper notebooks
    Sphinx never reads (``html_static_path``)."""
    lectures = tmp_path / "series" / "lectures"
    lectures.parent.mkdir()
    (jupyter_book / "book").rename(lectures)
    helper = nbformat.v4.new_notebook()
    helper.cells = [nbformat.v4.new_markdown_cell("Helper {cite:p}`helper-key`.")]
    (lectures / "_static").mkdir()
    nbformat.write(helper, lectures / "_static" / "figures.ipynb")
    status, out, _ = run_cli(monkeypatch, capsys, lectures.parent, "check",
                             "--select", "CIT001,TOC")
    assert out.splitlines()[:-1] == [
        "lectures/notebook.ipynb:cell 3:1:1: CIT001 unknown citation key 'nb-missing'"]
    assert status == 1


def test_rst_comment_suppresses_the_claim_below_it(tmp_path, monkeypatch, capsys):
    root = _rst_project(
        tmp_path / "r",
        "Title\n=====\n\n.. sphinx-claims: ignore[CLM001]\n.. claim::\n   :label: r-two\n\n"
        "   No source.\n\n.. sphinx-claims: ignore[CIT001]\n.. claim::\n   :label: r-three\n\n"
        "   Cites :cite:p:`k1`.\n")
    status, out, _ = run_cli(monkeypatch, capsys, root, "check")
    assert out.splitlines()[:-1] == ["index.rst:10:1: SUP001 unused suppression of CIT001"]
    assert status == 1


def test_notebook_findings_in_github_annotations_name_the_file(jupyter_book, monkeypatch,
                                                               capsys):
    _, out, _ = run_cli(monkeypatch, capsys, jupyter_book, "check", "--select", "CIT001",
                        "--output-format", "github")
    assert out == ("::error file=book/notebook.ipynb,title=CIT001::CIT001 (cell 3:1:1) "
                   "unknown citation key 'nb-missing'\n")


def test_a_text_notebook_is_markdown_and_its_code_cells_are_code(tmp_path, monkeypatch, capsys):
    root = tmp_path / "t"
    root.mkdir()
    (root / "conf.py").write_text('extensions = ["myst_nb", "sphinxcontrib.bibtex"]\n'
                                  'bibtex_bibfiles = ["refs.bib"]\n'
                                  'myst_enable_extensions = ["colon_fence"]\n')
    (root / "refs.bib").write_text(BIB)
    (root / "index.md").write_text(
        "---\njupytext:\n  text_representation:\n    format_name: myst\nkernelspec:\n"
        "  name: python3\n---\n# A text notebook\n\n```{code-cell} python\n"
        "print(\"{cite}`code-key`\")\n```\n\n" + CLAIM)
    status, out, _ = run_cli(monkeypatch, capsys, root, "check")
    assert (status, out) == (0, "All checks passed!\n")
