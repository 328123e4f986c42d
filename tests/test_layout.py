"""The package's layers: the core imports neither side, the two sides never import each other,
and the linter's command line runs without Sphinx, docutils or a parser on a cached run."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import sphinx_claims

PACKAGE = Path(sphinx_claims.__file__).parent
CORE = {"model", "rules", "checks", "findings", "suppression", "citation_target", "datamodel",
        "notebook", "bibfile"}
ALLOWED: set[tuple[str, str]] = set()  # known exceptions to the layering (none)


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.startswith("sphinx_claims")}


def _layer(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def test_dependencies_point_to_the_core():
    wrong = []
    for path in PACKAGE.rglob("*.py"):
        layer = _layer(path)
        rel = path.relative_to(PACKAGE).as_posix()
        for name in _imports(path):
            target = name.split(".")[1] if name.count(".") else ""
            if (rel, name) in ALLOWED or (rel, name.rsplit(".", 1)[0]) in ALLOWED:
                continue
            if layer in CORE and target and target not in CORE:
                wrong.append((rel, name))
            if layer == "ext" and target == "lint":
                wrong.append((rel, name))
            if layer == "lint" and target in {"ext", "writers", "outputs", "bib"}:
                wrong.append((rel, name))
    assert not wrong


#: The linter's layers, bottom first: no module imports from a layer above its own (a reader may
#: hand a fragment to another reader: MyST's ``{eval-rst}`` to the reST reader).
LINT_LAYERS = (("records",), ("readers.rst", "readers.notebook", "readers.myst"), ("scan",))


def test_the_linter_reads_records_then_readers_then_dispatch():
    rank = {name: level for level, names in enumerate(LINT_LAYERS) for name in names}
    wrong = []
    for module, level in rank.items():
        path = PACKAGE / "lint" / (module.replace(".", "/") + ".py")
        for name in _imports(path):
            target = name.removeprefix("sphinx_claims.lint.")
            while target not in rank and "." in target:
                target = target.rsplit(".", 1)[0]
            if target in rank and rank[target] > level:
                wrong.append((module, name))  # an import upward
    assert not wrong
    assert not (PACKAGE / "lint" / "myst.py").exists()
    assert not (PACKAGE / "lint" / "findings.py").exists()
    assert not (PACKAGE / "spec.py").exists()


def test_the_core_imports_no_sphinx_docutils_or_parser():
    code = (
        "import sys, sphinx_claims.model, sphinx_claims.checks, sphinx_claims.rules, "
        "sphinx_claims.suppression, sphinx_claims.citation_target\n"
        "heavy = {'sphinx', 'docutils', 'myst_parser', 'markdown_it', 'sphinxcontrib', 'pybtex'}\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_cached_lint_run_imports_no_parser(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text('[tool.sphinx-claims]\nbibfiles = ["refs.bib"]\n')
    (tmp_path / "conf.py").write_text('extensions = ["myst_parser"]\n'
                                      'myst_enable_extensions = ["colon_fence"]\n')
    (tmp_path / "refs.bib").write_text("@book{a, author={A}, title={T}, date={2020}, "
                                       "publisher={P}, location={L}}\n")
    (tmp_path / "index.md").write_text(":::{claim}\n:label: x\nText {cite:p}`a`.\n:::\n")
    code = (
        "import sys\nfrom sphinx_claims.lint import cli\nstatus = cli.main(['check'])\n"
        "heavy = {'sphinx', 'docutils', 'myst_parser', 'markdown_it', 'pybtex', "
        "'sphinxcontrib', 'jinja2'}\n"
        "print(status, sorted({m.split('.')[0] for m in sys.modules} & heavy))"
    )
    run = [sys.executable, "-c", code]
    first = subprocess.run(run, cwd=tmp_path, capture_output=True, text=True, check=True)
    assert first.stdout.split("\n")[-2].startswith("0 ")  # parsed: the cache is filled
    again = subprocess.run(run, cwd=tmp_path, capture_output=True, text=True, check=True)
    last = again.stdout.strip().splitlines()[-1]
    assert last == "0 []", again.stdout
