"""``sphinx-claims check`` imports no Sphinx and no sphinxcontrib-bibtex, on every reader path.

Each project's linter run happens in a fresh interpreter (``--jobs 1``: every file is read in
that process; ``--no-cache``: every file is parsed), which then lists the modules it holds whose
name starts with ``sphinx`` — the extension's own ``sphinx_claims`` aside. Nothing is hidden:
no stub in ``sys.modules``, no import hook.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from lint_fixtures import BIB

from conftest import REPO

PROBE = (
    "import json, sys\n"
    "from sphinx_claims.lint import cli\n"
    "status = cli.main(['check', '--no-cache', '--jobs', '1', '--exit-zero', '-o', sys.argv[1]])\n"
    "print(json.dumps(sorted(m for m in sys.modules if m.startswith('sphinx')\n"
    "                        and m.split('.')[0] != 'sphinx_claims')))\n"
)
CLAIM_MD = ":::{{claim}}\n:label: {label}\nA claim {{cite:p}}`known2025`.\n:::\n"


def _sphinx_modules(project: Path, tmp_path: Path) -> tuple[list[str], str]:
    report = tmp_path / f"{project.name}.txt"
    run = subprocess.run([sys.executable, "-c", PROBE, str(report)], cwd=project,
                         capture_output=True, text=True, timeout=600, check=True)
    return json.loads(run.stdout.splitlines()[-1]), report.read_text(encoding="utf-8")


def _rst_project(root: Path) -> Path:
    root.mkdir()
    (root / "conf.py").write_text('extensions = ["sphinxcontrib.bibtex", "sphinx_claims"]\n'
                                  'bibtex_bibfiles = ["refs.bib"]\n')
    (root / "refs.bib").write_text(BIB)
    (root / "index.rst").write_text(
        "Title\n=====\n\n.. claim::\n   :label: rst-one\n\n   Cited :cite:p:`known2025`.\n\n"
        "Outside any claim :cite:t:`{see}known2025`.\n")
    return root


def _notebook_project(root: Path) -> Path:
    root.mkdir()
    (root / "conf.py").write_text(
        'extensions = ["myst_nb", "sphinxcontrib.bibtex", "sphinx_claims"]\n'
        'myst_enable_extensions = ["colon_fence"]\nbibtex_bibfiles = ["refs.bib"]\n'
        'root_doc = "index"\n')
    (root / "refs.bib").write_text(BIB)
    (root / "index.md").write_text("# Index\n\n```{toctree}\nnb\n```\n\n"
                                   + CLAIM_MD.format(label="md-one"))
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_markdown_cell("# NB\n\n" + CLAIM_MD.format(label="nb-one")),
                      nbformat.v4.new_markdown_cell("Outside {cite:p}`known2025`.")]
    nbformat.write(notebook, root / "nb.ipynb")
    return root


def test_linting_the_handbook_imports_no_sphinx(tmp_path: Path) -> None:
    modules, report = _sphinx_modules(REPO, tmp_path)
    assert modules == []
    assert report.splitlines()[-1].startswith("All checks passed!")  # it did read the book
    assert "TRN005" in report  # and the catalogs, with polib


@pytest.mark.parametrize("make", [_rst_project, _notebook_project], ids=["rest", "notebook"])
def test_linting_a_project_imports_no_sphinx(make, tmp_path: Path) -> None:
    project = make(tmp_path / "project")
    modules, report = _sphinx_modules(project, tmp_path)
    assert modules == []
    assert "CIT002" in report  # the reader ran: the citation outside a claim is found
