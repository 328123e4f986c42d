"""BIB004 asks what the book renders with: pybtex's style, or biblatex's data model.

Without biblatex the build formats each entry with the pybtex style ``bibtex_default_style``;
the fields that style cannot do without are the build's ``bibtex.missing_field`` warnings, and
the linter's BIB004 must name exactly those (the build is the oracle). A book whose LaTeX loads
biblatex (or that says ``data-model = "biblatex"``) is checked against biblatex's data model.
"""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

import pytest
from sphinx.application import Sphinx
from sphinx.testing.util import _clean_up_global_state
from sphinx.util.console import strip_escape_sequences

from sphinx_claims.lint import config, runner

BIB = """\
@article{nojournal, author = {Doe, Jane}, title = {An Article}, year = {2001}}
@misc{titleonly, title = {Only a Title}}
@book{nopublisher, author = {Roe, Rita}, title = {A Book}, date = {2003}}
@book{complete, author = {Roe, Rita}, title = {Another Book}, publisher = {P}, year = {2004}}
@inproceedings{nobooktitle, author = {Poe, Paul}, title = {A Paper}, year = {2005}}
"""
INDEX = """\
# Index

:::{claim}
:label: cites-all
Text {cite:p}`nojournal,titleonly,nopublisher,complete,nobooktitle`.
:::

```{bibliography}
```
"""
MISSING = re.compile(r"refs\.bib:(\d+): WARNING: missing (\w+) in \w+ \[bibtex\.missing_field\]")


def project(root: Path, style: str, extra: str = "") -> Path:
    root.mkdir()
    (root / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_claims"]\n'
        'myst_enable_extensions = ["colon_fence"]\nbibtex_bibfiles = ["refs.bib"]\n'
        f'bibtex_default_style = "{style}"\n{extra}', encoding="utf-8")
    (root / "index.md").write_text(INDEX, encoding="utf-8")
    (root / "refs.bib").write_text(BIB, encoding="utf-8")
    return root


def bib004(root: Path) -> set[tuple[int, str]]:
    result = runner.run(config.load(root), root, jobs=1)
    return {(f.line, f.message.rsplit(" ", 1)[1]) for f in result.findings if f.code == "BIB004"}


@pytest.mark.parametrize("style", ["unsrt", "alpha", "plain"])
def test_pybtex_books_are_held_to_their_style(tmp_path: Path, style: str) -> None:
    root = project(tmp_path / "book", style)
    warnings = StringIO()
    app = Sphinx(str(root), str(root), str(tmp_path / "out"), str(tmp_path / "d"), "html",
                 status=StringIO(), warning=warnings, freshenv=True)
    try:
        app.build()
    finally:
        _clean_up_global_state()
    built = {(int(line), name) for line, name in
             MISSING.findall(strip_escape_sequences(warnings.getvalue()))}
    assert built, "the fixture must miss fields the style needs"
    assert bib004(root) == built
    assert config.load(root).data_model == config.PYBTEX


def test_a_biblatex_book_is_held_to_biblatex_data_model(tmp_path: Path) -> None:
    root = project(tmp_path / "book", "unsrt",
                   'latex_elements = {"preamble": r"\\usepackage[backend=biber]{biblatex}"}\n')
    assert config.load(root).data_model == config.BIBLATEX
    found = bib004(root)
    line = next(n for n, text in enumerate(BIB.splitlines(), 1) if "titleonly" in text)
    assert {(line, "editor"), (line, "year")} <= found  # "author or editor", "date or year"
    assert not any(field == "publisher" for _, field in found)  # pybtex's, not biblatex's


def test_the_data_model_can_be_chosen(tmp_path: Path) -> None:
    root = project(tmp_path / "book", "unsrt")
    (root / "pyproject.toml").write_text('[tool.sphinx-claims]\ndata-model = "biblatex"\n',
                                         encoding="utf-8")
    assert config.load(root).data_model == config.BIBLATEX
    (root / "pyproject.toml").write_text('[tool.sphinx-claims]\ndata-model = "bibtex"\n',
                                         encoding="utf-8")
    with pytest.raises(config.ConfigError, match="data-model must be"):
        config.load(root)
