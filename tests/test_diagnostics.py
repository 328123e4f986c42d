"""The build's reporter: suppression comments, unused suppressions and CIT002, as a user builds.

A contributor writes ``% sphinx-claims: ignore[CLM001]`` above a claim the linter would flag;
``sphinx-build -W`` (``make html``) must accept it too.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CONF = """\
extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_claims"]
myst_enable_extensions = ["colon_fence"]
bibtex_bibfiles = ["refs.bib"]
exclude_patterns = ["_build"]
"""
BIB = ("@book{alpha2025, author={Alpha, Anna}, title={T}, date={2025}, publisher={P}, "
       "location={L}}\n")


def sphinx_build(tmp_path: Path, index: str, conf: str = "") -> subprocess.CompletedProcess[str]:
    (tmp_path / "conf.py").write_text(CONF + conf)
    (tmp_path / "refs.bib").write_text(BIB)
    (tmp_path / "index.md").write_text(index + "\n```{bibliography}\n```\n")
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going", "-q",
           "--no-color", str(tmp_path), str(tmp_path / "_build")]
    return subprocess.run(cmd, capture_output=True, text=True)


UNCITED = ":::{claim}\n:label: uncited\nNo source on purpose.\n:::\n"


def test_a_suppression_comment_silences_the_build(tmp_path: Path) -> None:
    built = sphinx_build(tmp_path, "# T\n\n% sphinx-claims: ignore[CLM001]\n" + UNCITED)
    assert built.returncode == 0, built.stderr


def test_without_it_the_build_fails(tmp_path: Path) -> None:
    built = sphinx_build(tmp_path, "# T\n\n" + UNCITED)
    assert built.returncode != 0
    assert "index.md:3: WARNING: claim 'uncited' cites no source [claims.CLM001]" in built.stderr


def test_an_unused_suppression_is_reported(tmp_path: Path) -> None:
    index = ("# T\n\n% sphinx-claims: ignore[CLM002]\n"
             ":::{claim}\n:label: ok\nFine {cite:p}`alpha2025`.\n:::\n")
    built = sphinx_build(tmp_path, index)
    assert "index.md:3: WARNING: unused suppression of CLM002 [claims.SUP001]" in built.stderr


def test_citations_outside_claims_are_reported_unless_switched_off(tmp_path: Path) -> None:
    index = "# T\n\nAs Alpha says {cite:p}`alpha2025`.\n"
    built = sphinx_build(tmp_path, index)
    assert "index.md:3: WARNING: citation of 'alpha2025' outside any claim [claims.CIT002]" in (
        built.stderr)
    quiet = sphinx_build(tmp_path, index, "claims_citations_outside_claims = False\n")
    assert quiet.returncode == 0, quiet.stderr


def test_the_line_of_an_option_problem_is_the_options(tmp_path: Path) -> None:
    index = "# T\n\n:::{claim}\n:label: x\n:certainty: likely\nText {cite:p}`alpha2025`.\n:::\n"
    built = sphinx_build(tmp_path, index)
    assert "index.md:5: WARNING: invalid claim option: certainty 'likely'" in built.stderr
